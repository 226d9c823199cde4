import type { BrowserContext, WebSocketRoute } from '@playwright/test';
import { expect, MapPage, secondPerson, test } from '../fixtures/index.js';

/**
 * A network cut the test controls. `context.setOffline(true)` is not guaranteed to end an open
 * WebSocket in Chromium (a real dead Wi-Fi also leaves the socket "open" and silent), so every
 * sync socket runs through a Playwright route that forwards frames both ways and, while cut,
 * drops them silently (no close frame, no error: a half-open connection) and refuses new sockets.
 */
async function cuttableNetwork(context: BrowserContext) {
  let cut = false;
  const routes: WebSocketRoute[] = [];
  await context.routeWebSocket(/\/sync\//, (ws) => {
    if (cut) {
      ws.close({ code: 1006, reason: 'network down (test)' });
      return;
    }
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      if (!cut) server.send(m);
    });
    server.onMessage((m) => {
      if (!cut) ws.send(m);
    });
    routes.push(ws);
  });
  return {
    async down() {
      cut = true;
      await context.setOffline(true);
    },
    async up() {
      cut = false;
      await context.setOffline(false);
    },
    get sockets() {
      return routes.length;
    },
  };
}

test.describe('honest connection state', () => {
  test('a dead connection shows "Offline" within 3 s, counts waiting changes and says "Saved" after the server confirms', async ({
    page,
    context,
    mapList,
    mapPage,
  }) => {
    const network = await cuttableNetwork(context);
    await mapList.goto();
    await mapList.createMap('Connection check');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Discover');
    await expect(mapPage.status).toHaveText('Saved');
    await expect(mapPage.status).toHaveAttribute('data-pending', '0');

    await network.down();
    // The socket is silent, not closed: only a heartbeat can tell. Generous bound from the issue.
    await expect(mapPage.status).toHaveText('Offline', { timeout: 3000 });

    await mapPage.addStage('Buy');
    await expect(mapPage.status).toHaveText(/^Offline — \d+ changes? waiting$/);
    const waiting = Number(await mapPage.status.getAttribute('data-pending'));
    expect(waiting).toBeGreaterThan(0);
    // Nothing can be confirmed while the network is down.
    await page.waitForTimeout(1500);
    await expect(mapPage.status).toHaveText(/^Offline — \d+ changes? waiting$/);

    await network.up();
    await expect(mapPage.status).toHaveText('Saved', { timeout: 15_000 });
    await expect(mapPage.status).toHaveAttribute('data-pending', '0');

    // The stage made offline really is on the server: a fresh browser sees it.
    const other = await context.browser()!.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const grace = await secondPerson(other, page.url().split('/').pop()!, 'Grace Hopper');
      await expect(grace.stage('Buy')).toBeVisible();
    } finally {
      await other.close();
    }
  });

  test('after a reconnect both people are told when the same field was changed by each, and can use the other value', async ({
    browser,
    page,
    context,
    mapList,
    mapPage,
  }) => {
    const network = await cuttableNetwork(context);
    await mapList.goto();
    const id = await mapList.createMap('Conflict check');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Discover');
    await mapPage.addLane('Customer actions');

    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const grace = await secondPerson(other, id, 'Grace Hopper');
      await expect(grace.stage('Discover')).toBeVisible();

      const rename = async (map: MapPage, from: string, to: string) => {
        await map.stage(from).dblclick();
        const inline = map.canvas.locator('.react-flow__node').getByLabel('Stage name');
        await inline.fill(to);
        await inline.press('Enter');
        await expect(map.stage(to)).toBeVisible();
      };

      await network.down();
      await expect(mapPage.status).toHaveText('Offline', { timeout: 3000 });
      await rename(mapPage, 'Discover', 'Explore');
      await rename(grace, 'Discover', 'Look around');
      await network.up();
      await expect(mapPage.status).toHaveText('Saved', { timeout: 15_000 });

      // Yjs kept one of the two titles, the same in both browsers; both people are told.
      const adaNotice = page.getByTestId('conflict-notice');
      const graceNotice = grace.page.getByTestId('conflict-notice');
      await expect(adaNotice).toContainText('You wrote “Explore”, Grace Hopper wrote “Look around”');
      await expect(graceNotice).toContainText('You wrote “Look around”, Ada Lovelace wrote “Explore”');
      const adaKept = (await adaNotice.textContent())!.includes('yours was kept');
      const kept = adaKept ? 'Explore' : 'Look around';
      const lost = adaKept ? 'Look around' : 'Explore';
      await expect(mapPage.stage(kept)).toBeVisible();
      await expect(grace.stage(kept)).toBeVisible();

      // Grace takes the value that was not kept; it reaches Ada too.
      await graceNotice.getByRole('button', { name: `Use “${lost}”` }).click();
      await expect(graceNotice).toHaveCount(0);
      await expect(grace.stage(lost)).toBeVisible();
      await expect(mapPage.stage(lost)).toBeVisible({ timeout: 5000 });
      await adaNotice.getByRole('button', { name: 'Keep as is' }).click();
      await expect(adaNotice).toHaveCount(0);
    } finally {
      await other.close();
    }
  });
});
