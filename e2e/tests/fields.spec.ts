import { expect, test } from '../fixtures/index.js';

test.describe('side panel fields', () => {
  test('a description over the limit says it was not saved and keeps the text to shorten', async ({
    mapList,
    mapPage,
  }) => {
    await mapList.goto();
    const id = await mapList.createMap('Long descriptions');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Calls us');
    await mapPage.addLane('Frontstage');
    await mapPage.addTouchpoint('Rings the helpline', 'Calls us', 'Frontstage');

    const description = mapPage.panel.getByLabel('Description', { exact: true });
    const long = 'x'.repeat(10_050);
    await description.fill(long);
    // Counted while typing, before any save is tried.
    await expect(mapPage.panel.getByText('10,050 / 10,000 characters')).toBeVisible();
    await mapPage.panel.getByLabel('Title', { exact: true }).focus();
    await expect(mapPage.panel.getByRole('alert')).toHaveText(
      'Not saved: 10,050 characters, at most 10,000. Remove 50 to save it.',
    );
    // Nothing was cut off: every character is still there to shorten.
    await expect(description).toHaveValue(long);

    await description.fill('x'.repeat(10_000));
    await mapPage.panel.getByLabel('Title', { exact: true }).focus();
    await expect(mapPage.panel.getByRole('alert')).toHaveCount(0);

    // Stored: it is there after a reload.
    await mapPage.goto(id);
    await mapPage.expectLive();
    await mapPage.touchpoint('Rings the helpline').click();
    await expect(mapPage.panel.getByLabel('Description', { exact: true })).toHaveValue('x'.repeat(10_000));
  });
});
