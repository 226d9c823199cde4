import type { Page, WebSocketRoute } from '@playwright/test';
import path from 'node:path';
import { artifactsDir, boxesApart, expect, secondPerson, snap, test } from '../fixtures/index.js';

/** How long a change may take to show up in the other browser. */
const LIVE = { timeout: 1000 };

/** Collects page errors and console errors, so a test can assert there were none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

test.describe('journey canvas', () => {
  test('two people build a map together and each sees the other within a second', async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    const errors = watchErrors(page);
    await mapList.goto();
    const id = await mapList.createMap('Support call, live');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await expect(page.getByRole('heading', { name: 'This map is empty' })).toBeVisible();
    await snap(page, 'canvas-01-empty-map');

    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const grace = await secondPerson(other, id, 'Grace Hopper');

      // A stage, then a lane: each reaches the other browser within a second.
      await mapPage.addStage('Notices a problem');
      await expect(grace.stage('Notices a problem')).toBeVisible(LIVE);
      await mapPage.addStage('Calls us');
      await expect(grace.stage('Calls us')).toBeVisible(LIVE);
      await mapPage.addLane('Customer actions');
      await expect(grace.lane('Customer actions')).toBeVisible(LIVE);
      await mapPage.addLane('Frontstage');
      await expect(grace.lane('Frontstage')).toBeVisible(LIVE);

      // A touchpoint in a cell.
      await mapPage.addTouchpoint('Rings the helpline', 'Notices a problem', 'Customer actions');
      await expect(grace.touchpoint('Rings the helpline')).toBeVisible(LIVE);
      await grace.expectCardIn('Notices a problem', 'Customer actions', 'Rings the helpline', 1000);

      // Moved to another cell by dragging: it snaps into the cell, for both.
      await mapPage.closePanel();
      await mapPage.fit();
      await mapPage.dragCard('Rings the helpline', mapPage.cell('Calls us', 'Frontstage'));
      await mapPage.expectCardIn('Calls us', 'Frontstage', 'Rings the helpline');
      await grace.expectCardIn('Calls us', 'Frontstage', 'Rings the helpline', 1000);

      // Its fields, edited in the side panel.
      await mapPage.touchpoint('Rings the helpline').click();
      const panel = mapPage.panel;
      await expect(panel.getByLabel('Title', { exact: true })).toHaveValue('Rings the helpline');
      await panel.getByLabel('Title', { exact: true }).fill('Calls the helpline');
      await panel.getByLabel('Title', { exact: true }).press('Enter');
      await expect(grace.touchpoint('Calls the helpline')).toBeVisible(LIVE);

      await panel.getByLabel('Channel').selectOption({ label: 'Phone' });
      await expect(grace.touchpoint('Calls the helpline').getByTitle('Phone')).toBeVisible(LIVE);

      await panel.getByRole('button', { name: 'Track demand and capacity' }).click();
      await panel.getByLabel('Demand').fill('140');
      await panel.getByLabel('Demand').press('Enter');
      await panel.getByLabel('Capacity').fill('100');
      await panel.getByLabel('Capacity').press('Enter');
      await expect(grace.touchpoint('Calls the helpline').getByTestId('over-capacity')).toBeVisible(LIVE);

      // Validation: an empty title is refused with a message, and nothing is written.
      await panel.getByLabel('Title', { exact: true }).fill('   ');
      await panel.getByLabel('Title', { exact: true }).press('Enter');
      await expect(panel.getByRole('alert')).toHaveText(/must not be empty/i);
      await expect(grace.touchpoint('Calls the helpline')).toBeVisible();
      await panel.getByLabel('Title', { exact: true }).press('Escape');

      await panel.getByText('Moment of truth').click();
      await expect(grace.touchpoint('Calls the helpline').getByText('Moment of truth')).toBeVisible(LIVE);

      // Grace adds a stage of her own, and points at the map: Ada sees her cursor with her name.
      await grace.addStage('Gets it fixed');
      await expect(mapPage.stage('Gets it fixed')).toBeVisible(LIVE);
      const box = (await grace.canvas.boundingBox())!;
      await grace.page.mouse.move(box.x + 500, box.y + 400);
      await grace.page.mouse.move(box.x + 520, box.y + 420, { steps: 4 });
      await expect(mapPage.canvas.locator('[data-testid="remote-cursor"][data-name="Grace Hopper"]')).toBeVisible(LIVE);

      // What Grace selects is outlined for Ada, with her name.
      await grace.touchpoint('Calls the helpline').click();
      await expect(mapPage.touchpoint('Calls the helpline').getByText('Grace Hopper')).toBeVisible(LIVE);
      await snap(page, 'canvas-02-two-people');

      // Ada's undo takes back her own last change (moment of truth), not Grace's stage.
      await mapPage.undo();
      await expect(mapPage.touchpoint('Calls the helpline').getByText('Moment of truth')).toHaveCount(0);
      await expect(grace.touchpoint('Calls the helpline').getByText('Moment of truth')).toHaveCount(0, LIVE);
      await expect(grace.stage('Gets it fixed')).toBeVisible();
      await expect(mapPage.stage('Gets it fixed')).toBeVisible();
      await mapPage.redo();
      await expect(grace.touchpoint('Calls the helpline').getByText('Moment of truth')).toBeVisible(LIVE);

      // A live drag preview: while Grace holds a card mid-drag, Ada sees it move (nothing is written yet).
      await grace.fit();
      const card = (await grace.touchpoint('Calls the helpline').boundingBox())!;
      await grace.page.mouse.move(card.x + 60, card.y + 20);
      await grace.page.mouse.down();
      await grace.page.mouse.move(card.x + 80, card.y + 60, { steps: 5 });
      await grace.page.mouse.move(card.x + 120, card.y + 120, { steps: 5 });
      await expect(mapPage.canvas.locator('.jc-card.is-remote-drag')).toBeVisible(LIVE);
      await grace.page.mouse.move(card.x + 60, card.y + 20, { steps: 5 });
      await grace.page.mouse.up();
      await expect(mapPage.canvas.locator('.jc-card.is-remote-drag')).toHaveCount(0, LIVE);
      await mapPage.expectCardIn('Calls us', 'Frontstage', 'Calls the helpline');

      // A comment thread with an @mention of someone present; resolve and reopen.
      await mapPage.touchpoint('Calls the helpline').click();
      await panel.getByRole('tab', { name: 'Comments' }).click();
      const box2 = panel.getByLabel('New comment');
      await box2.pressSequentially('Can @Gr');
      await panel.getByRole('listbox', { name: 'Mention someone' }).getByText('Grace Hopper').click();
      await box2.pressSequentially('check the hold time?');
      await panel.getByRole('button', { name: 'Comment', exact: true }).click();
      const thread = panel.getByTestId('comment-thread');
      await expect(grace.page.getByText('Ada Lovelace mentioned you on “Calls the helpline”')).toBeVisible(LIVE);
      // The mention toast never covers a stage header.
      const toastBox = (await grace.page.getByTestId('mention-toast').boundingBox())!;
      // It sits with the other toasts at the bottom of the pane, where stage headers never are.
      const pane = (await grace.page.locator('.jc-flow').boundingBox())!;
      expect(toastBox.y).toBeGreaterThan(pane.y + pane.height / 2);
      for (const header of await grace.canvas.getByRole('columnheader').all()) {
        const h = await header.boundingBox();
        if (h) expect(boxesApart(toastBox, h), `mention toast over ${await header.textContent()}`).toBe(true);
      }
      await expect(thread).toContainText('Can @Grace Hopper check the hold time?');
      await expect(thread.locator('.jc-mention')).toHaveText('@Grace Hopper');
      await grace.touchpoint('Calls the helpline').click();
      await grace.panel.getByRole('tab', { name: /Comments/ }).click();
      await expect(grace.panel.getByTestId('comment-thread')).toContainText('check the hold time', LIVE);
      await grace.panel.getByLabel('Reply to thread').fill('On it: 4 minutes on average.');
      await grace.panel.getByRole('button', { name: 'Reply', exact: true }).click();
      await expect(thread).toContainText('On it: 4 minutes on average.', LIVE);
      await snap(page, 'canvas-03-comments');
      await thread.getByRole('button', { name: 'Resolve' }).click();
      await expect(grace.panel.getByText('Every thread here is resolved.')).toBeVisible(LIVE);
      await grace.panel.getByRole('button', { name: 'Show 1 resolved' }).click();
      await grace.panel.getByRole('button', { name: 'Reopen' }).click();
      await expect(panel.getByTestId('comment-thread')).toBeVisible(LIVE);
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
  });

  test('edits made offline are kept and reach the other person after reconnecting', async ({
    browser,
    page,
    context,
    mapList,
    mapPage,
  }) => {
    // The sync socket goes through a route we can cut, as a network outage would.
    let offline = false;
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/sync\//, (ws) => {
      if (offline) {
        ws.close({ code: 4000, reason: 'offline (test)' });
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });

    await mapList.goto();
    const id = await mapList.createMap('Offline check');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Discover');
    await mapPage.addLane('Customer actions');

    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const grace = await secondPerson(other, id, 'Grace Hopper');
      await expect(grace.stage('Discover')).toBeVisible();

      // Ada loses the network.
      offline = true;
      await context.setOffline(true);
      for (const ws of sockets.splice(0)) await ws.close({ code: 4000, reason: 'offline (test)' });
      await expect(mapPage.status).toHaveText('Offline');
      await expect(page.getByText('You are offline.')).toBeVisible();

      // She keeps working.
      await mapPage.addStage('Buy');
      await mapPage.addTouchpoint('Compares prices offline', 'Buy', 'Customer actions');
      await snap(page, 'canvas-04-offline');
      await page.waitForTimeout(1000);
      await expect(grace.stage('Buy')).toHaveCount(0);

      // Meanwhile Grace edits too.
      await grace.addStage('Use');

      // Back online: both sets of edits merge, in both browsers.
      offline = false;
      await context.setOffline(false);
      await expect(mapPage.status).toHaveText('Saved', { timeout: 15_000 });
      await expect(grace.stage('Buy')).toBeVisible({ timeout: 5000 });
      await grace.expectCardIn('Buy', 'Customer actions', 'Compares prices offline', 5000);
      await expect(mapPage.stage('Use')).toBeVisible({ timeout: 5000 });
    } finally {
      await other.close();
    }
  });

  test('a template fills a new map; connect, score, reorder and search on it', async ({ page, mapList, mapPage }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await mapList.goto();
    await page.getByText('Contact-centre support call').click();
    await mapList.createMap('Billing calls');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await expect(mapPage.stats).toHaveText('5 stages · 7 lanes · 17 touchpoints');
    await expect(mapPage.stage('Talks it through')).toBeVisible();
    await expect(mapPage.canvas.getByTestId('emotion-curve')).toBeVisible();
    await mapPage.fit();
    await snap(page, 'canvas-05-template');

    // Connect two cards by dragging from one's handle to the other; then make it a labelled branch.
    const edges = mapPage.canvas.locator('.react-flow__edge');
    const edgeCount = await edges.count();
    const from = (await mapPage
      .touchpoint('Opens a bill')
      .locator('.react-flow__handle.source.jc-handle')
      .boundingBox())!;
    const to = (await mapPage
      .touchpoint('Phone menu routes')
      .locator('.react-flow__handle.target.jc-handle')
      .boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.up();
    await expect(edges).toHaveCount(edgeCount + 1);
    await expect(mapPage.panel.getByTestId('connection-panel')).toBeVisible();
    await mapPage.panel.getByLabel('Kind').selectOption({ label: 'Branch (alternative path)' });
    await mapPage.panel.getByLabel('Label').fill('calls straight away');
    await mapPage.panel.getByLabel('Label').press('Enter');
    await expect(mapPage.canvas.locator('.jc-edge-label-branch', { hasText: 'calls straight away' })).toBeVisible();
    await mapPage.closePanel();

    // The emotion curve: drag a point up and the touchpoint's score follows (written on release).
    const hold = mapPage.touchpoint('Waits on hold');
    await expect(hold.locator('.jc-face')).toHaveAttribute('title', 'Emotion -2');
    const holdId = (await hold.getAttribute('data-touchpoint-id'))!;
    const point = mapPage.canvas.locator(`.jc-emo-point[data-touchpoint-id="${holdId}"]`);
    const p = (await point.boundingBox())!;
    await page.mouse.move(p.x + p.width / 2, p.y + p.height / 2);
    await page.mouse.down();
    await page.mouse.move(p.x + p.width / 2, p.y - 300, { steps: 8 });
    await page.mouse.up();
    await expect(hold.locator('.jc-face')).toHaveAttribute('title', 'Emotion +2');

    // Stages reorder by dragging their header sideways.
    const order = () =>
      mapPage.canvas.getByTestId('stage-header').evaluateAll((els) =>
        els
          .map((e) => ({ x: e.getBoundingClientRect().x, t: e.getAttribute('aria-label') }))
          .sort((a, b) => a.x - b.x)
          .map((e) => e.t),
      );
    expect((await order())[0]).toBe('Notices a problem');
    const first = (await mapPage.stage('Notices a problem').boundingBox())!;
    const second = (await mapPage.stage('Looks for help').boundingBox())!;
    await page.mouse.move(first.x + first.width / 2, first.y + first.height / 2);
    await page.mouse.down();
    await page.mouse.move(second.x + second.width / 2 + 30, first.y + first.height / 2, { steps: 10 });
    await page.mouse.up();
    await expect
      .poll(order)
      .toEqual(['Looks for help', 'Notices a problem', 'Waits to be answered', 'Talks it through', 'Sees it resolved']);

    // Search dims what does not match and counts what does.
    await mapPage.canvas.getByLabel('Search the map').fill('hold');
    await expect(mapPage.canvas.getByTestId('search-count')).toHaveText('2 matches');
    await mapPage.canvas.getByLabel('Search the map').press('Enter');
    await expect(mapPage.panel).toBeVisible();
    await mapPage.canvas.getByLabel('Search the map').fill('');

    expect(errors).toEqual([]);
  });

  test('exports: CSV of touchpoints (formula-safe), PNG and SVG; a sub-journey link opens its map', async ({
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    // Another map to link as a sub-journey.
    const refund = await page.request.post('/api/maps', { data: { title: 'Refund journey' } });
    expect(refund.ok()).toBe(true);
    const refundId = ((await refund.json()) as { id: string }).id;
    await mapList.goto();
    await page.getByText('Contact-centre support call').click();
    await mapList.createMap('Billing calls');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await expect(mapPage.stats).toHaveText('5 stages · 7 lanes · 17 touchpoints');
    await mapPage.fit();

    // CSV of touchpoints, with formula-looking text neutralised.
    await mapPage.touchpoint('Waits on hold').click();
    await mapPage.panel.getByLabel('Title', { exact: true }).fill('=HYPERLINK("x") on hold');
    await mapPage.panel.getByLabel('Title', { exact: true }).press('Enter');
    await mapPage.canvas.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'CSV of touchpoints' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('billing-calls-touchpoints.csv');
    const csv = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
    expect(csv).toContain('Stage,Lane,Touchpoint,Channel');
    expect(csv).toContain(`"'=HYPERLINK(""x"") on hold"`);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(18);

    // A touchpoint links to another map as a sub-journey; the card's chip opens it.
    await mapPage.touchpoint('Checks the next bill').click();
    await mapPage.panel.getByLabel('Link a sub-journey').selectOption({ label: 'Refund journey' });
    const chip = mapPage.touchpoint('Checks the next bill').getByRole('button', { name: 'Refund journey' });
    await expect(chip).toBeVisible();
    await mapPage.closePanel();

    // PNG of the whole map.
    await mapPage.canvas.getByRole('button', { name: 'Export' }).click();
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'PNG image, whole map' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('billing-calls.png');
    await png.saveAs(path.join(artifactsDir, 'canvas-export-whole-map.png'));
    await mapPage.canvas.getByRole('button', { name: 'Export' }).click();
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'SVG image, whole map' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('billing-calls.svg');
    const svgText = await (await svg.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
    expect(svgText).toContain('<svg');
    expect(svgText).toContain('Talks it through');

    await chip.click();
    await expect(page).toHaveURL(new RegExp(`/maps/${refundId}$`));
    await expect(mapPage.title).toHaveText('Refund journey');
    expect(errors).toEqual([]);
  });

  test('a 1,000-touchpoint map opens and pans, and a one-card edit re-renders one card', async ({
    browser,
    page,
    mapList,
    mapPage,
  }) => {
    test.setTimeout(360_000);
    const errors = watchErrors(page);
    await mapList.goto();
    await page.getByText('Online subscription onboarding').click();
    const id = await mapList.createMap('Busy map');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await expect(mapPage.stats).toContainText('16 touchpoints');

    // Copy everything and paste it back until there are over a thousand cards.
    let count = 16;
    while (count < 1000) {
      await mapPage.fit();
      await page.keyboard.press('Escape');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('ControlOrMeta+C');
      await page.keyboard.press('ControlOrMeta+V');
      count *= 2;
      await expect(mapPage.stats).toContainText(`${count} touchpoints`, { timeout: 20_000 });
    }
    await page.keyboard.press('Escape');

    // Someone else opens it fresh, in a new browser (nothing cached), and pans around.
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const grace = await secondPerson(other, id, 'Grace Hopper', 30_000);
    const graceErrors = watchErrors(grace.page);
    await expect(grace.stats).toContainText(`${count} touchpoints`, { timeout: 30_000 });
    await grace.fit();
    const gbox = (await grace.canvas.boundingBox())!;
    await grace.page.mouse.move(gbox.x + gbox.width - 60, gbox.y + gbox.height - 220);
    await grace.page.mouse.down();
    await grace.page.mouse.move(gbox.x + 200, gbox.y + 200, { steps: 6 });
    await grace.page.mouse.up();
    await grace.page.mouse.wheel(0, -400);
    await grace.page.waitForTimeout(500);
    expect(graceErrors).toEqual([]);
    await other.close();

    await mapPage.fit();
    await page.waitForTimeout(400);
    await snap(page, 'canvas-06-busy-map');
    // Zoomed out that far, cards show only their far view (title and markers), drawn per cell...
    const farCards = mapPage.canvas.locator('[data-testid="far-card"], [data-testid="touchpoint-card"] .jc-card-far');
    expect(await mapPage.canvas.getByTestId('far-card').count()).toBeGreaterThan(100);
    expect(await mapPage.canvas.locator('.jc-card-foot').count()).toBe(0);

    // Pan by dragging the background and zoom with the wheel.
    const box = (await mapPage.canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width - 60, box.y + box.height - 220);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + 200, { steps: 6 });
    await page.mouse.up();
    await page.mouse.wheel(0, -600);
    await page.waitForTimeout(500);

    // Search finds a card, centres it and selects it.
    await mapPage.canvas.getByLabel('Search the map').fill('Sign-up form');
    await mapPage.canvas.getByLabel('Search the map').press('Enter');
    await expect(mapPage.panel.getByLabel('Title', { exact: true })).toHaveValue('Sign-up form');
    // ...and once zoomed in to read, the full card again (owner, counts).
    await expect(mapPage.touchpoint('Sign-up form').first().locator('.jc-card-foot')).toBeVisible();
    expect(await farCards.count()).toBe(0);

    // One card changes: only that card renders again, not the other thousand.
    const renders = () =>
      page.evaluate(
        () =>
          (window as unknown as { __journeycraft: { renderCounts: { cards: number } } }).__journeycraft.renderCounts
            .cards,
      );
    await page.waitForTimeout(300);
    const before = await renders();
    await mapPage.panel.getByLabel('Title', { exact: true }).fill('Sign-up form, shorter');
    await mapPage.panel.getByLabel('Title', { exact: true }).press('Enter');
    await expect(mapPage.touchpoint('Sign-up form, shorter')).toBeVisible();
    const after = await renders();
    expect(after - before).toBeGreaterThan(0);
    expect(after - before).toBeLessThanOrEqual(3);
    await snap(page, 'canvas-07-busy-map-zoomed');
    expect(errors).toEqual([]);
  });
});
