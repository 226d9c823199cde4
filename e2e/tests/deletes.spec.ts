import type { Locator, Page } from '@playwright/test';
import { expect, secondPerson, snap, test, type MapListPage, type MapPage } from '../fixtures/index.js';
import { RolesPage } from '../fixtures/RolesPage.js';

/** A new map opened live as Ada Lovelace, with `stages`, `lanes` and `cards` ([title, stage, lane]); its id. */
async function mapWith(
  mapList: MapListPage,
  mapPage: MapPage,
  title: string,
  { stages, lanes, cards }: { stages: string[]; lanes: string[]; cards: [string, string, string][] },
): Promise<string> {
  await mapList.goto();
  const id = await mapList.createMap(title);
  await mapPage.joinAs('Ada Lovelace');
  await mapPage.expectLive();
  for (const stage of stages) await mapPage.addStage(stage);
  for (const lane of lanes) await mapPage.addLane(lane);
  for (const [card, stage, lane] of cards) await mapPage.addTouchpoint(card, stage, lane);
  await mapPage.closePanel();
  return id;
}

/**
 * Selects `header`, presses the side panel's `button` and expects the confirmation `title`
 * saying `says` (screenshot `shot`); the dialog, still open.
 */
async function askToDelete(
  page: Page,
  mapPage: MapPage,
  { header, button, title, says, shot }: { header: Locator; button: string; title: string; says: string; shot: string },
): Promise<Locator> {
  await header.click();
  await mapPage.panel.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(says);
  await snap(page, shot);
  return dialog;
}

test.describe('safe deletes', () => {
  test('a stage delete asks with what goes with it, and another person undoes it for everyone', async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    const id = await mapWith(mapList, mapPage, 'Safe deletes', {
      stages: ['Discover', 'Pay'],
      lanes: ['Touchpoints', 'Backstage'],
      cards: [
        ['Search ad', 'Discover', 'Touchpoints'],
        ['Landing page', 'Discover', 'Backstage'],
        ['Invoice', 'Pay', 'Touchpoints'],
      ],
    });

    const bobContext = await browser.newContext();
    try {
      const bob = await secondPerson(bobContext, id, 'Bob Hope');
      await expect(bob.touchpoint('Search ad')).toBeVisible();

      // Cancel keeps everything.
      const dialog = await askToDelete(page, mapPage, {
        header: mapPage.stage('Discover'),
        button: 'Delete stage and its touchpoints',
        title: 'Delete stage “Discover”?',
        says: '2 touchpoints go with it.',
        shot: 'deletes-01-confirm',
      });
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

  test('a lane delete asks with the count of its cards, and another person undoes it for everyone', async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(120_000);
    const id = await mapWith(mapList, mapPage, 'Safe lane deletes', {
      stages: ['Discover', 'Pay', 'Deliver'],
      lanes: ['Touchpoints', 'Backstage'],
      // One card a cell: the page object's Add hovers the middle of the cell, where a card would lie.
      cards: [
        ['Search ad', 'Discover', 'Touchpoints'],
        ['Stock check', 'Discover', 'Backstage'],
        ['Fraud screen', 'Pay', 'Backstage'],
        ['Courier booked', 'Deliver', 'Backstage'],
      ],
    });

    const bobContext = await browser.newContext();
    try {
      const bob = await secondPerson(bobContext, id, 'Bob Hope');
      await expect(bob.touchpoint('Courier booked')).toBeVisible();

      // Cancel keeps the lane and its cards.
      const dialog = await askToDelete(page, mapPage, {
        header: mapPage.lane('Backstage'),
        button: 'Delete lane and its touchpoints',
        title: 'Delete lane “Backstage”?',
        says: '3 touchpoints go with it.',
        shot: 'deletes-03-lane-confirm',
      });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await expect(mapPage.lane('Backstage')).toBeVisible();
      await expect(bob.touchpoint('Stock check')).toBeVisible();

      // Confirmed, the lane and its three cards go for everyone; the other lane's card stays.
      await mapPage.panel.getByRole('button', { name: 'Delete lane and its touchpoints' }).click();
      await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(mapPage.lane('Backstage')).toHaveCount(0);
      await expect(bob.lane('Backstage')).toHaveCount(0);
      for (const title of ['Stock check', 'Fraud screen', 'Courier booked'])
        await expect(bob.touchpoint(title)).toHaveCount(0);
      await bob.expectCardIn('Discover', 'Touchpoints', 'Search ad');

      // Bob is offered the undo, and it brings the lane back with its cards in their cells, for both.
      const toast = bob.page.getByTestId('undo-toast');
      await expect(toast).toContainText('Ada Lovelace deleted lane “Backstage” with 3 touchpoints.');
      await snap(bob.page, 'deletes-04-lane-undo-toast');
      await toast.getByRole('button', { name: 'Undo' }).click();
      await expect(bob.lane('Backstage')).toBeVisible();
      for (const map of [mapPage, bob]) {
        await map.expectCardIn('Discover', 'Backstage', 'Stock check');
        await map.expectCardIn('Pay', 'Backstage', 'Fraud screen');
        await map.expectCardIn('Deliver', 'Backstage', 'Courier booked');
        await map.expectCardIn('Discover', 'Touchpoints', 'Search ad');
      }
      // The offer is gone everywhere once taken, and the restore is stored.
      await expect(toast).toHaveCount(0);
      await expect(page.getByTestId('undo-toast')).toHaveCount(0);
      await expect(mapPage.status).toHaveText('Saved');
      await expect(bob.status).toHaveText('Saved');
    } finally {
      await bobContext.close();
    }
  });

  test('a role deleted on the roles page and a persona deleted on the map come back from the undo toast', async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    const id = await mapWith(mapList, mapPage, 'Role and persona deletes', {
      stages: ['Call'],
      lanes: ['Touchpoints'],
      cards: [['Answers the phone', 'Call', 'Touchpoints']],
    });

    const bobContext = await browser.newContext();
    try {
      const bob = await secondPerson(bobContext, id, 'Bob Hope');
      const roles = new RolesPage(page);
      await roles.goto(id);
      await roles.expectLive();
      await roles.addRole({ name: 'Agent' });
      await roles.attachRole('Answers the phone', 'Agent', 'Owner');

      await roles.role('Agent').getByRole('button', { name: 'Delete Agent' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete “Agent”?' });
      await expect(dialog).toContainText('(1 role assignment)');
      await dialog.getByRole('button', { name: 'Delete role' }).click();
      await expect(roles.role('Agent')).toHaveCount(0);
      // Ada's own page offers the undo too.
      await expect(page.getByTestId('undo-toast')).toContainText(
        'Ada Lovelace deleted role “Agent” with 1 role assignment.',
      );

      // Bob, on the canvas, takes it back: the role returns with its assignment and ownership.
      const toast = bob.page.getByTestId('undo-toast');
      await expect(toast).toContainText('Ada Lovelace deleted role “Agent”');
      await toast.getByRole('button', { name: 'Undo' }).click();
      await expect(roles.role('Agent')).toBeVisible();
      await expect(bob.touchpoint('Answers the phone')).toContainText('Agent');
      await expect(page.getByTestId('undo-toast')).toHaveCount(0);

      // A persona: asked first, then restored by its deleter's toast.
      await bob.canvas.getByRole('button', { name: 'Details' }).click();
      await bob.panel.getByRole('button', { name: 'Add a persona' }).click();
      await expect(bob.panel.getByLabel('Persona 1', { exact: true })).toHaveValue('Persona 1');
      await bob.panel.getByRole('button', { name: 'Remove' }).click();
      const ask = bob.page.getByRole('dialog', { name: 'Delete persona “Persona 1”?' });
      await expect(ask).toContainText('Nothing else goes with it.');
      await ask.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(bob.panel.getByLabel('Persona 1', { exact: true })).toHaveCount(0);
      await bob.page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
      await expect(bob.panel.getByLabel('Persona 1', { exact: true })).toHaveValue('Persona 1');
    } finally {
      await bobContext.close();
    }
  });
});
