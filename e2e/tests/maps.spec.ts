import { expect, MapPage, snap, test } from '../fixtures/index.js';
import { expectAccessible } from '../fixtures/axe.js';
import { becomePerson } from '../fixtures/auth.js';

test.describe('maps', () => {
  test('create a map, build it, and see it live from a second browser', async ({ browser, page, mapList, mapPage }) => {
    await mapList.goto();
    await snap(page, '01-map-list');

    // An empty title is refused before anything is sent.
    await mapList.submit('   ');
    await expect(mapList.createError).toHaveText('Enter a title for the map.');
    await expect(mapList.titleInput).toHaveAttribute('aria-invalid', 'true');
    // So is one that is too long.
    await mapList.submit('x'.repeat(201));
    await expect(mapList.createError).toContainText('200 characters or fewer');
    await snap(page, '02-map-list-validation');

    const id = await mapList.createMap('Onboarding a new customer');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await expect(mapPage.title).toHaveText('Onboarding a new customer');
    await expect(page.getByRole('heading', { name: 'This map is empty' })).toBeVisible();
    await snap(page, '04-map-empty');

    await mapPage.addStage('Discover');
    await mapPage.addStage('Sign up');
    await mapPage.addLane('Customer actions', 'Customer actions');
    await mapPage.addLane('Frontstage', 'Frontstage');
    await mapPage.addTouchpoint('Compares plans online', 'Discover', 'Customer actions');
    await mapPage.addTouchpoint('Welcome call from an advisor', 'Sign up', 'Frontstage');
    await expect(mapPage.stats).toHaveText('2 stages · 2 lanes · 2 touchpoints');

    // A second browser (its own storage, its own IndexedDB) opens the same map.
    const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      await becomePerson(other, 'Grace Hopper');
      const page2 = await other.newPage();
      const map2 = new MapPage(page2);
      await map2.goto(id);
      await map2.joinAs('Grace Hopper');
      await map2.expectLive();
      await expect(map2.title).toHaveText('Onboarding a new customer');
      await map2.expectCardIn('Discover', 'Customer actions', 'Compares plans online');
      await map2.expectCardIn('Sign up', 'Frontstage', 'Welcome call from an advisor');

      // Both see both people.
      await expect(mapPage.presence).toHaveAttribute('data-count', '2');
      await expect(map2.presence).toHaveAttribute('data-count', '2');
      expect(await mapPage.presentNames()).toEqual(['Ada Lovelace', 'Grace Hopper']);
      expect(await map2.presentNames()).toEqual(['Grace Hopper', 'Ada Lovelace']);

      // An edit from the second browser reaches the first.
      await map2.addTouchpointInCell('Reads the welcome email', 'Sign up', 'Customer actions');
      await mapPage.expectCardIn('Sign up', 'Customer actions', 'Reads the welcome email');

      await snap(page, '05-map-two-people');
      await snap(page2, '06-map-second-browser');
    } finally {
      await other.close();
    }
    await expect(mapPage.presence).toHaveAttribute('data-count', '1');
  });

  test("undo and redo take back only this person's edits", async ({ browser, page, mapList, mapPage }) => {
    await mapList.goto();
    const id = await mapList.createMap('Undo check');
    await mapPage.joinAs('Ada Lovelace');
    await mapPage.expectLive();
    await mapPage.addStage('Discover');
    await mapPage.addStage('Buy');

    const other = await browser.newContext();
    try {
      await becomePerson(other, 'Grace Hopper');
      const map2 = new MapPage(await other.newPage());
      await map2.goto(id);
      await map2.joinAs('Grace Hopper');
      await map2.expectLive();
      await map2.addLane('Backstage', 'Backstage');
      await expect(mapPage.lane('Backstage')).toBeVisible();

      // Ada's undo removes her last stage, not Grace's lane; everyone sees it.
      await mapPage.undo();
      await expect(mapPage.stage('Buy')).toHaveCount(0);
      await expect(map2.stage('Buy')).toHaveCount(0);
      await expect(mapPage.lane('Backstage')).toBeVisible();

      // Keyboard shortcuts work outside text fields.
      await page.keyboard.press('Escape');
      await page.keyboard.press('ControlOrMeta+Shift+Z');
      await expect(mapPage.stage('Buy')).toBeVisible();
      await expect(map2.stage('Buy')).toBeVisible();
      await page.keyboard.press('ControlOrMeta+Z');
      await expect(mapPage.stage('Buy')).toHaveCount(0);

      await mapPage.redo();
      await expect(map2.stage('Buy')).toBeVisible();
    } finally {
      await other.close();
    }
  });

  test('rename, duplicate and delete from the list', async ({ browser, page, mapList }) => {
    // A retry runs against the same server: its maps get names of their own.
    const again = test.info().retry ? ` (retry ${test.info().retry})` : '';
    await mapList.goto();
    await mapList.createMap(`Renewal journey${again}`);
    await page.goto('/');
    await expect(mapList.row(`Renewal journey${again}`)).toBeVisible();

    await mapList.rename(`Renewal journey${again}`, `Contract renewal${again}`);
    await expect(mapList.flash).toHaveText(`Renamed to “Contract renewal${again}”.`);

    await mapList.duplicate(`Contract renewal${again}`);
    await expect(mapList.flash).toHaveText(`Duplicated as “Copy of Contract renewal${again}”.`);
    await expect(mapList.row(`Copy of Contract renewal${again}`)).toBeVisible();
    await snap(page, '07-map-list-with-maps');

    // Someone else has the map open while it is deleted.
    const mapPath = await mapList.pathOf(`Contract renewal${again}`);
    const other = await browser.newContext();
    try {
      await becomePerson(other, 'Grace Hopper');
      const map2 = new MapPage(await other.newPage());
      await map2.page.goto(mapPath);
      await map2.joinAs('Grace Hopper');
      await map2.expectLive();

      // Cancel keeps the map; confirm removes it.
      await mapList.delete(`Contract renewal${again}`, false);
      await expect(mapList.row(`Contract renewal${again}`)).toBeVisible();
      await mapList.delete(`Contract renewal${again}`);
      await expect(mapList.row(`Contract renewal${again}`)).toHaveCount(0);
      await expect(mapList.flash).toHaveText(`Deleted “Contract renewal${again}”.`);

      // The open map learns it was deleted (close code 4404) and says so.
      await expect(map2.page.getByRole('heading', { name: 'This map was deleted' })).toBeVisible();
      await snap(map2.page, '08-map-deleted-while-open');

      // Undo in the toast brings it back whole; the other person can open it again.
      const toast = page.getByTestId('map-undo-toast');
      await expect(toast).toContainText(`Deleted “Contract renewal${again}”.`);
      await toast.getByRole('button', { name: 'Undo' }).click();
      await expect(mapList.row(`Contract renewal${again}`)).toBeVisible();
      await expect(mapList.flash).toHaveText(`Restored “Contract renewal${again}”.`);
      await map2.page.goto(mapPath);
      await map2.expectLive();

      // Deleted again, it waits under Recently deleted (after a reload too) with a Restore.
      await mapList.delete(`Contract renewal${again}`);
      await page.reload();
      const deleted = page.getByRole('list', { name: 'Recently deleted maps' });
      await expect(deleted.getByRole('listitem', { name: `Contract renewal${again}` })).toContainText(
        'can be restored until',
      );
      await snap(page, '09-map-list-recently-deleted');
      await deleted.getByRole('button', { name: `Restore Contract renewal${again}` }).click();
      await expect(mapList.row(`Contract renewal${again}`)).toBeVisible();
      // Other tests' deleted maps may wait there too (one server for the whole suite).
      await expect(deleted.getByRole('listitem', { name: `Contract renewal${again}` })).toHaveCount(0);
    } finally {
      await other.close();
    }
  });

  test('deleting a map asks with the count of its stages, cards and roles', async ({ page, request, mapList }) => {
    const created = await request.post('/api/maps', { data: { title: 'Retail counted' } });
    const { id } = (await created.json()) as { id: string };
    const map = new MapPage(page);
    await page.goto(`/maps/${id}?template=retail-store-purchase`);
    await map.joinAs('Ada Lovelace');
    await map.expectLive();
    await expect(map.canvas.getByTestId('touchpoint-card').first()).toBeVisible();
    const snapshot = (await (await request.get(`/api/maps/${id}/snapshot`)).json()) as Record<string, unknown[]>;
    const [stages, cards, roles] = [snapshot.stages!.length, snapshot.touchpoints!.length, snapshot.roles!.length];
    expect(stages * cards * roles).toBeGreaterThan(0);

    await mapList.goto();
    await page.getByRole('button', { name: 'Delete Retail counted', exact: true }).click();
    const dialog = page.getByRole('dialog', {
      name: `Delete map ‘Retail counted’ and its ${stages} stages, ${cards} cards and ${roles} roles?`,
    });
    await expect(dialog).toBeVisible();
    await snap(page, '10-map-delete-confirm-counts');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(mapList.row('Retail counted')).toBeVisible();
  });

  test('map list search: filter by title words, sort three ways, count and an empty result', async ({
    page,
    request,
    mapList,
  }) => {
    // A word no other map has, so the search finds exactly these three (and not the fourth).
    const tag = `Qx${Date.now().toString(36)}`;
    const ids: Record<string, string> = {};
    for (const title of [
      `Zebra ${tag} harbour`,
      `alpha ${tag} harbour`,
      `Middle ${tag} field`,
      'Claims at the counter',
    ]) {
      const res = await request.post('/api/maps', { data: { title } });
      expect(res.status()).toBe(201);
      ids[title] = ((await res.json()) as { id: string }).id;
    }
    // Changing the oldest one makes it the last changed.
    const renamed = await request.patch(`/api/maps/${ids[`Zebra ${tag} harbour`]}`, {
      data: { title: `Zebra ${tag} harbour walk` },
    });
    expect(renamed.status()).toBe(200);
    const total = ((await (await request.get('/api/maps')).json()) as { maps: unknown[] }).maps.length;

    await mapList.goto();
    const search = page.getByRole('searchbox', { name: 'Search maps' });
    const sort = page.getByRole('combobox', { name: 'Sort by' });
    const count = page.getByRole('search', { name: 'Find a map' }).getByRole('status');
    const titles = () => mapList.list.getByRole('listitem').locator('.map-link').allTextContents();
    await expect(count).toHaveText(`${total} maps`);

    await search.fill(tag.toLowerCase());
    await expect(count).toHaveText(`3 of ${total} maps`);
    await expect.poll(titles).toEqual([`Zebra ${tag} harbour walk`, `Middle ${tag} field`, `alpha ${tag} harbour`]);
    await sort.selectOption({ label: 'Title (A to Z)' });
    await expect.poll(titles).toEqual([`alpha ${tag} harbour`, `Middle ${tag} field`, `Zebra ${tag} harbour walk`]);
    await sort.selectOption({ label: 'Newest first' });
    await expect.poll(titles).toEqual([`Middle ${tag} field`, `alpha ${tag} harbour`, `Zebra ${tag} harbour walk`]);
    await snap(page, '11-map-list-search');

    // Every word must match.
    await search.fill(`${tag} harbour`);
    await expect(count).toHaveText(`2 of ${total} maps`);
    await search.fill(`${tag} lighthouse`);
    await expect(count).toHaveText(`0 of ${total} maps`);
    await expect(mapList.list).toHaveCount(0);
    await expect(page.getByText(`No map has “${tag} lighthouse” in its title.`)).toBeVisible();
    await snap(page, '12-map-list-no-match');
    await expectAccessible(page, 'the map list with a search that finds nothing');
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect(count).toHaveText(`${total} maps`);

    // By keyboard: type, Escape clears, Tab reaches the sort.
    await search.focus();
    await page.keyboard.type(tag);
    await expect(count).toHaveText(`3 of ${total} maps`);
    await page.keyboard.press('Escape');
    await expect(search).toHaveValue('');
    await expect(count).toHaveText(`${total} maps`);
    await page.keyboard.press('Tab');
    await expect(sort).toBeFocused();
  });

  test("the server's own error message is shown when it refuses a new map", async ({ page, mapList }) => {
    await page.route('**/api/maps', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({
            status: 409,
            json: { error: { code: 'conflict', message: 'The server is busy creating another map; try again.' } },
          })
        : route.fallback(),
    );
    await mapList.goto();
    await mapList.submit('Claims journey');
    await expect(mapList.createError).toHaveText('The server is busy creating another map; try again.');
    await expect(page).toHaveURL(/\/$/);
    await expect(mapList.createButton).toBeEnabled();
  });

  test('an unknown map shows "map not found" with a way back', async ({ page }) => {
    await page.goto('/maps/doesNotExist123');
    await expect(page.getByRole('heading', { name: 'Map not found' })).toBeVisible();
    await snap(page, '09-map-not-found');
    await page.getByRole('link', { name: 'Back to all maps' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Journey maps', level: 1 })).toBeVisible();
  });
});
