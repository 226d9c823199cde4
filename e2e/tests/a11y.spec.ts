import type { APIRequestContext, Page } from '@playwright/test';
import { expect, snap, test } from '../fixtures/index.js';
import { openNewMap, TEMPLATES } from '../fixtures/templates.js';
import { expectAccessible } from '../fixtures/axe.js';
import { ExportPanel, MapExportPanel } from '../fixtures/ExportPanel.js';
import { RolesPage } from '../fixtures/RolesPage.js';

/** A map made from a template (or blank), opened once so the template is written into it. */
const openMap = (page: Page, request: APIRequestContext, template?: string) =>
  openNewMap(page, request, template, 'Ada Lovelace');

test.describe('accessibility (axe, WCAG 2.2 A/AA): no serious or critical violation', () => {
  test('map list', async ({ page, mapList }) => {
    await mapList.goto();
    await expectAccessible(page, 'the map list');
  });

  test('map page, blank', async ({ page, request }) => {
    await openMap(page, request);
    await expectAccessible(page, 'a blank map');
  });

  for (const template of TEMPLATES) {
    test(`map page, template ${template}`, async ({ page, request }) => {
      await openMap(page, request, template);
      await snap(page, `a11y-map-${template}`);
      await expectAccessible(page, `the ${template} map`);
    });
  }

  test('share dialog, join page with a live link and with a revoked one', async ({ page, request, browser }) => {
    const { id } = await openMap(page, request, 'retail-store-purchase');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Invite people to this map' })).toBeVisible();
    await snap(page, 'a11y-share-dialog');
    await expectAccessible(page, 'the share dialog');
    const link = await request.post(`/api/maps/${id}/links`, { data: { role: 'editor', label: 'Group' } });
    expect(link.status()).toBe(201);
    const { token } = (await link.json()) as { token: string };
    const old = await request.post(`/api/maps/${id}/links`, { data: { role: 'viewer', label: 'Old' } });
    const revoked = (await old.json()) as { id: string; token: string };
    expect((await request.delete(`/api/maps/${id}/links/${revoked.id}`)).status()).toBe(200);
    // The share dialog with its links listed, one of them revoked.
    await page.getByRole('dialog', { name: 'Invite people to this map' }).getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByTestId('share-link').filter({ hasText: 'Old' })).toContainText('Revoked');
    await snap(page, 'a11y-share-dialog-links');
    await expectAccessible(page, 'the share dialog with its links');
    const guest = await browser.newContext();
    try {
      const join = await guest.newPage();
      await join.goto(`/join/${token}`);
      await expect(join.getByRole('button', { name: /Join/ })).toBeVisible();
      await snap(join, 'a11y-join-page');
      await expectAccessible(join, 'the join page');
      await join.goto(`/join/${revoked.token}`);
      await expect(join.getByRole('alert')).toContainText('revoked');
      await snap(join, 'a11y-join-page-revoked');
      await expectAccessible(join, 'the join page of a revoked link');
    } finally {
      await guest.close();
    }
  });

  test('roles, role profile with every tab of its exports panel, coverage with the map exports', async ({
    page,
    request,
  }) => {
    // A dozen axe runs over big pages: more than the default minute on a loaded machine.
    test.setTimeout(180_000);
    const { id } = await openMap(page, request, 'contact-centre-call');
    // Two competencies with long names, so the coverage matrix has columns to read.
    const roles = new RolesPage(page);
    await roles.goto(id);
    await roles.expectLive();
    for (const [search, competency] of [
      ['Teamwork', 'Teamwork across frontstage and backstage'],
      ['knowledge base', 'Finding answers in the knowledge base'],
    ]) {
      await roles.requireCompetency('Explains the charge in plain words', {
        role: 'Customer care agent',
        search: search!,
        competency: competency!,
        level: 3,
        behaviour: 'Shows it at the touchpoint.',
      });
    }
    await expect(page.getByRole('list', { name: 'Roles on this map' })).toBeVisible();
    await snap(page, 'a11y-roles');
    await expectAccessible(page, 'the roles page');
    const profile = page.getByRole('list', { name: 'Roles on this map' }).getByRole('link').first();
    await profile.click();
    const panel = new ExportPanel(page);
    await expect(panel.root).toBeVisible();
    await panel.root.scrollIntoViewIfNeeded();
    await snap(page, 'a11y-role-profile-exports');
    await expectAccessible(page, 'a role profile and its exports panel');
    // Each document kind shows its own options (job ad details, interview options).
    for (const kind of ['Job advertisement', 'Interview guide']) {
      await panel.root.getByRole('radio', { name: kind, exact: true }).check();
      await snap(page, `a11y-exports-${kind.toLowerCase().replace(/ /g, '-')}`);
      await expectAccessible(page, `the exports panel with ${kind}`);
    }
    for (const tab of ['Development plan from assessments', 'Your own template']) {
      await panel.openTab(tab);
      await snap(page, `a11y-exports-${tab.split(' ')[0]!.toLowerCase()}`);
      await expectAccessible(page, `the exports panel's ${tab} tab`);
    }
    await page.goto(`/maps/${id}/coverage`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const mapExport = new MapExportPanel(page);
    await expect(mapExport.batch).toBeVisible();
    const matrix = page.getByRole('table', { name: 'Roles by competencies' });
    await expect(matrix.getByRole('columnheader', { name: 'Teamwork across frontstage and backstage' })).toBeVisible();
    // Column headers show their whole name (a long one wraps onto a second line, never cut off).
    const cut = await matrix
      .locator('thead th, thead th > span')
      .evaluateAll((els) =>
        els
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map((e) => e.textContent),
      );
    expect(cut, 'coverage headers cut off').toEqual([]);
    await snap(page, 'a11y-coverage');
    await expectAccessible(page, 'the coverage page with the map exports');
  });

  test('library', async ({ page }) => {
    await page.goto('/library');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, 'the library');
  });
});
