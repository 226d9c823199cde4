import { expect, test } from '../fixtures/index.js';

test.describe('keyboard and screen readers on the map', () => {
  test('skip link to the map tools; connect and disconnect cards from the keyboard; edges named by titles', async ({
    page,
    mapList,
    mapPage,
  }) => {
    await mapList.goto();
    await mapList.createMap('Keyboard map');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Contact');
    await mapPage.addStage('Resolve');
    await mapPage.addLane('Touchpoints');
    await mapPage.addTouchpoint('Greets the caller', 'Contact', 'Touchpoints');
    await mapPage.addTouchpoint('Fixes the bill', 'Resolve', 'Touchpoints');
    await mapPage.closePanel();

    // The page's first tab stop skips the header and lands in the canvas toolbar.
    await page.reload();
    await mapPage.expectLive();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to the map tools' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    const focusedInToolbar = () =>
      page.evaluate(() => Boolean(document.activeElement?.closest('[role="toolbar"][aria-label="Map tools"]')));
    await expect.poll(focusedInToolbar).toBe(true);

    // Open the card with the keyboard (focus, Enter selects), then "Connect to…" in its panel.
    await mapPage.canvas.getByRole('group', { name: 'Greets the caller', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(mapPage.panel.getByLabel('Title', { exact: true })).toHaveValue('Greets the caller');
    const connect = mapPage.panel.getByLabel('Connect to…');
    await connect.focus();
    await connect.selectOption({ label: 'Fixes the bill' });
    const edge = mapPage.canvas.getByLabel('Next step from “Greets the caller” to “Fixes the bill”');
    await expect(edge).toHaveCount(1);
    await expect(mapPage.panel.getByRole('list', { name: 'Connections of this card' })).toContainText(
      'Next: Fixes the bill',
    );

    // And remove it again with the keyboard.
    const remove = mapPage.panel.getByRole('button', { name: 'Remove connection to “Fixes the bill”' });
    await remove.focus();
    await page.keyboard.press('Enter');
    await expect(edge).toHaveCount(0);
    await expect(page.getByTestId('undo-toast')).toContainText('deleted a connection');
  });
});
