import { expect, secondPerson, snap, test } from '../fixtures/index.js';

test.describe('safe deletes', () => {
  test('a stage delete asks with what goes with it, and another person undoes it for everyone', async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    await mapList.goto();
    await mapList.createMap('Safe deletes');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Discover');
    await mapPage.addStage('Pay');
    await mapPage.addLane('Touchpoints');
    await mapPage.addLane('Backstage');
    await mapPage.addTouchpoint('Search ad', 'Discover', 'Touchpoints');
    await mapPage.addTouchpoint('Landing page', 'Discover', 'Backstage');
    await mapPage.addTouchpoint('Invoice', 'Pay', 'Touchpoints');
    await mapPage.closePanel();

    const bobContext = await browser.newContext();
    try {
      const bob = await secondPerson(bobContext, page.url().split('/maps/')[1]!, 'Bob Hope');
      await expect(bob.touchpoint('Search ad')).toBeVisible();

      // Cancel keeps everything.
      await mapPage.stage('Discover').click();
      await mapPage.panel.getByRole('button', { name: 'Delete stage and its touchpoints' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete stage “Discover”?' });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText('2 touchpoints go with it.');
      await snap(page, 'deletes-01-confirm');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await expect(mapPage.stage('Discover')).toBeVisible();

      // The Delete key on a selected stage header asks too; confirming deletes it for everyone.
      await mapPage.stage('Discover').click();
      await page.keyboard.press('Delete');
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(mapPage.stage('Discover')).toHaveCount(0);
      await expect(bob.stage('Discover')).toHaveCount(0);
      await expect(bob.touchpoint('Search ad')).toHaveCount(0);

      // The other browser is offered the undo, and it brings the stage and its cards back for both.
      const toast = bob.page.getByTestId('undo-toast');
      await expect(toast).toContainText('Ada Lovelace deleted stage “Discover” with 2 touchpoints.');
      await snap(bob.page, 'deletes-02-undo-toast');
      await toast.getByRole('button', { name: 'Undo' }).click();
      await expect(bob.stage('Discover')).toBeVisible();
      await mapPage.expectCardIn('Discover', 'Touchpoints', 'Search ad');
      await mapPage.expectCardIn('Discover', 'Backstage', 'Landing page');
      await bob.expectCardIn('Discover', 'Touchpoints', 'Search ad');
      await expect(mapPage.stage('Discover')).toBeVisible();
      // The offer is gone everywhere once taken.
      await expect(page.getByTestId('undo-toast')).toHaveCount(0);
      await expect(toast).toHaveCount(0);
      await expect(mapPage.status).toHaveText('Saved');
    } finally {
      await bobContext.close();
    }
  });
});
