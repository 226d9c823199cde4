import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { LibraryPage } from '../fixtures/RolesPage.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../packages/library/test/fixtures/${name}`, import.meta.url)), 'utf8');

test.describe('competency library: CASE import', () => {
  test('a package from a standards server is previewed with what is left out, then imported on confirm', async ({
    page,
  }) => {
    const library = new LibraryPage(page);
    await library.goto();
    const items = await library.itemCount();

    await library.previewFile('what-standards-could-be.json', fixture('opensalt-sample-framework.json'));
    await expect(library.preview).toContainText('CASE 1.0');
    await expect(library.preview).toContainText('12 competencies will be imported');
    await expect(library.preview).toContainText('Standard (4), Component (8)');
    await expect(library.preview.getByRole('list', { name: 'Left out' })).toContainText('exactMatchOf');
    await expect(library.preview.getByRole('list', { name: 'Will be imported' })).toContainText(
      'generic (the file gives none; review them)',
    );
    // Nothing is stored until the person confirms.
    expect(await library.itemCount()).toBe(items);
    await library.preview.getByRole('button', { name: 'Cancel' }).click();
    await expect(library.preview).toHaveCount(0);
    expect(await library.itemCount()).toBe(items);

    await library.importFile('what-standards-could-be.json', fixture('opensalt-sample-framework.json'));
    await expect(library.flash).toContainText('Imported 12 competencies; 4 items were left out');
    expect(await library.itemCount()).toBe(items + 12);
  });
});
