import type { Locator, Page } from '@playwright/test';
import { expect, openTemplateMap, secondPerson, snap, test } from '../fixtures/index.js';
import { E2E_OWNER } from '../fixtures/auth.js';
import { expectAccessible } from '../fixtures/axe.js';

/** How long a change may take to reach the other browser. */
const LIVE = { timeout: 5000 };

function cell(page: Page, stage: string, lane: string): Locator {
  return page.getByRole('cell', { name: `${stage}, ${lane}`, exact: true });
}

function sticky(page: Page, text: string): Locator {
  return page.getByTestId('sticky').filter({ hasText: text });
}

/** Writes a sticky with the S key in the cell under the pointer. */
async function addStickyIn(page: Page, target: Locator, text: string): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('cell not on screen');
  await page.mouse.move(box.x + box.width - 30, box.y + box.height - 20);
  await page.keyboard.press('s');
  const input = page.getByLabel('Sticky text');
  await expect(input).toBeFocused();
  await input.fill(text);
  await input.press('Enter');
  await expect(sticky(page, text)).toBeVisible();
}

/** Drags one sticky by the mouse, in small steps, so that its middle ends over the middle of `target`. */
async function drag(page: Page, from: Locator, target: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b) throw new Error('not on screen');
  await page.mouse.move(a.x + a.width / 2, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 8, a.y + 18, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 - a.height / 2 + 12, { steps: 14 });
  await page.mouse.up();
}

test('stickies on the board: made in one browser, seen in another, clustered, turned into cards', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const { id, map: fac } = await openTemplateMap(request, page, {
    title: 'Sticky workshop',
    template: 'retail-store-purchase',
    name: E2E_OWNER.name,
  });
  await expect(fac.stage('Pays')).toBeVisible();

  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const sam = await secondPerson(other, id, 'Sam Second');

  // ---- a sticky made in one browser appears on the board in the other, in the same cell ----
  const paysFront = cell(page, 'Pays', 'Frontstage');
  await addStickyIn(page, paysFront, 'Queue too long at lunch');
  const seen = sticky(sam.page, 'Queue too long at lunch');
  await expect(seen).toBeVisible(LIVE);
  const stageId = await sticky(page, 'Queue too long at lunch').getAttribute('data-stage-id');
  expect(stageId).toBeTruthy();
  await expect(seen).toHaveAttribute('data-stage-id', stageId!);
  await expect(seen).toContainText(E2E_OWNER.name);

  // ---- a second sticky, dragged onto the first: a cluster both browsers see, named inline ----
  await addStickyIn(page, paysFront, 'Card reader fails');
  await drag(page, sticky(page, 'Card reader fails'), sticky(page, 'Queue too long at lunch'));
  const cluster = page.getByTestId('cluster');
  await expect(cluster).toHaveCount(1);
  await expect(sam.page.getByTestId('cluster')).toHaveCount(1, LIVE);
  const clusterId = await cluster.getAttribute('data-cluster-id');
  for (const text of ['Queue too long at lunch', 'Card reader fails'])
    await expect(sticky(sam.page, text)).toHaveAttribute('data-cluster-id', clusterId!, LIVE);
  await cluster.getByRole('button', { name: /^Rename the cluster/ }).click();
  const name = page.getByLabel('Cluster name');
  await name.fill('Till trouble');
  await name.press('Enter');
  await expect(sam.page.getByTestId('cluster')).toContainText('Till trouble', LIVE);
  await expect(sam.page.getByRole('group', { name: /^Cluster Till trouble, 2 stickies/ })).toHaveCount(1);

  // ---- Sam adds a sticky; the facilitator turns it into a touchpoint from its menu ----
  const samCell = cell(sam.page, 'Gets advice', 'Customer actions');
  await addStickyIn(sam.page, samCell, 'Asks for a demo unit');
  await expect(sticky(page, 'Asks for a demo unit')).toBeVisible(LIVE);
  await snap(page, 'stickies-board');
  const demo = sticky(page, 'Asks for a demo unit');
  const cellOfDemo = { stage: await demo.getAttribute('data-stage-id'), lane: await demo.getAttribute('data-lane-id') };
  await demo.getByRole('button', { name: /^Actions for the sticky/ }).click();
  await expect(page.getByRole('menu', { name: 'Sticky actions' })).toBeVisible();
  await expectAccessible(page, 'the board with stickies, a cluster and a sticky menu open');
  await snap(page, 'stickies-menu');
  await page.getByRole('menuitem', { name: /Turn into a touchpoint/ }).click();
  const card = page.getByTestId('touchpoint-card').filter({ hasText: 'Asks for a demo unit' });
  await expect(card).toHaveCount(1);
  await expect(card).toHaveAttribute('data-stage-id', cellOfDemo.stage!);
  await expect(card).toHaveAttribute('data-lane-id', cellOfDemo.lane!);
  await expect(sticky(page, 'Asks for a demo unit')).toHaveCount(0);
  await expect(sam.page.getByTestId('touchpoint-card').filter({ hasText: 'Asks for a demo unit' })).toHaveCount(
    1,
    LIVE,
  );
  await expect(sticky(sam.page, 'Asks for a demo unit')).toHaveCount(0);

  // ---- one undo puts the sticky back and takes the card away ----
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect(sticky(page, 'Asks for a demo unit')).toHaveCount(1);
  await expect(page.getByTestId('touchpoint-card').filter({ hasText: 'Asks for a demo unit' })).toHaveCount(0);

  // ---- from the keyboard: an arrow moves a focused sticky to the next stage, one back ----
  const demoNode = page.locator('.react-flow__node-sticky', { hasText: 'Asks for a demo unit' });
  await demoNode.focus();
  await page.keyboard.press('ArrowRight');
  await expect(sticky(sam.page, 'Asks for a demo unit')).not.toHaveAttribute('data-stage-id', cellOfDemo.stage!, LIVE);
  await expect(demoNode).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(sticky(sam.page, 'Asks for a demo unit')).toHaveAttribute('data-stage-id', cellOfDemo.stage!, LIVE);

  // ---- from the keyboard: a focused sticky becomes a pain point with P ----
  const node = page.locator('.react-flow__node-sticky', { hasText: 'Card reader fails' });
  await node.focus();
  await expect(node).toHaveAccessibleName(/^Sticky: Card reader fails/);
  await page.keyboard.press('p');
  const pain = page.getByTestId('touchpoint-card').filter({ hasText: 'Card reader fails' });
  await expect(pain).toHaveCount(1);
  await expect(pain).toHaveAttribute('data-stage-id', stageId!);
  await expect(pain.getByTestId('pain-point-badge')).toHaveText('Pain point');
  await expect(sam.page.getByTestId('touchpoint-card').filter({ hasText: 'Card reader fails' })).toHaveCount(1, LIVE);
  // The cluster keeps its one remaining sticky.
  await expect(sam.page.getByTestId('cluster')).toContainText('Till trouble');
  await snap(sam.page, 'stickies-second-browser');
  await other.close();
});
