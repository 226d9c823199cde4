import type { APIRequestContext, Browser } from '@playwright/test';
import { expect, MapPage, test } from '../fixtures/index.js';
import { E2E_OWNER } from '../fixtures/auth.js';

/** How long a change may take to reach the other browsers. */
const LIVE = { timeout: 5000 };

/** A guest joins map `id` by a fresh link of `role`, in a browser of their own. */
async function joinByLink(
  browser: Browser,
  request: APIRequestContext,
  id: string,
  role: 'commenter' | 'editor',
  name: string,
): Promise<MapPage> {
  const link = await request.post(`/api/maps/${id}/links`, { data: { role } });
  expect(link.status()).toBe(201);
  const { token } = (await link.json()) as { token: string };
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`/join/${token}`);
  await page.getByLabel('Your display name').fill(name);
  await page.getByRole('button', { name: 'Join the session' }).click();
  const map = new MapPage(page);
  await map.expectLive();
  await expect(page.getByTestId('my-role')).toHaveText(role === 'editor' ? 'Editor' : 'Commenter');
  return map;
}

/** The stored card titled `title`, with how many connections and role assignments it has. */
async function related(request: APIRequestContext, id: string, title: string) {
  const snap = (await (await request.get(`/api/maps/${id}/snapshot`)).json()) as {
    touchpoints: Array<{ id: string; title: string }>;
    connections: Array<{ fromId: string; toId: string | null }>;
    assignments: Array<{ touchpointId: string }>;
  };
  const card = snap.touchpoints.find((t) => t.title === title);
  return {
    card: card !== undefined,
    connections: snap.connections.filter((c) => c.fromId === card?.id || c.toId === card?.id).length,
    assignments: snap.assignments.filter((a) => a.touchpointId === card?.id).length,
  };
}

test('one edit policy: a commenter comments, an editor cannot delete a locked card and is told why', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const created = await request.post('/api/maps', { data: { title: 'Policy workshop' } });
  const { id } = (await created.json()) as { id: string };
  const fac = new MapPage(page);
  await page.goto(`/maps/${id}?template=retail-store-purchase`);
  await fac.joinAs(E2E_OWNER.name);
  await fac.expectLive();
  const card = 'Greeted within a minute';
  await expect(fac.touchpoint(card)).toBeVisible();

  // ---- a commenter's comment reaches the facilitator's view ----
  const cora = await joinByLink(browser, request, id, 'commenter', 'Cora');
  await cora.touchpoint(card).click();
  await cora.panel.getByRole('tab', { name: /Comments/ }).click();
  await cora.panel.getByLabel('New comment').fill('Can we keep this under a minute at lunch time too?');
  await cora.panel.getByRole('button', { name: 'Comment', exact: true }).click();
  await fac.touchpoint(card).click();
  await fac.panel.getByRole('tab', { name: /Comments/ }).click();
  await expect(fac.panel.getByText('Can we keep this under a minute at lunch time too?')).toBeVisible(LIVE);
  await expect(fac.panel.getByTestId('comment-thread').getByText('Cora', { exact: true })).toBeVisible();

  // ---- the facilitator locks the card; an editor's Delete leaves it, its connections and roles ----
  await fac.panel.getByRole('tab', { name: 'Details' }).click();
  await fac.panel.getByRole('button', { name: 'Lock card' }).click();
  await expect(fac.panel.getByRole('button', { name: 'Unlock card' })).toBeVisible();
  await fac.closePanel();
  expect(await related(request, id, card)).toEqual({ card: true, connections: 2, assignments: 1 });

  const eddie = await joinByLink(browser, request, id, 'editor', 'Eddie');
  await expect(eddie.touchpoint(card)).toBeVisible();
  await eddie.touchpoint(card).click();
  await eddie.closePanel();
  await eddie.touchpoint(card).click({ position: { x: 8, y: 8 } });
  await eddie.page.keyboard.press('Delete');
  await expect(eddie.page.getByText(/Not deleted: .*locked by a facilitator/)).toBeVisible();
  await expect(eddie.touchpoint(card)).toBeVisible();
  await expect(fac.touchpoint(card)).toBeVisible();
  expect(await related(request, id, card)).toEqual({ card: true, connections: 2, assignments: 1 });
  await eddie.page.context().close();
  await cora.page.context().close();
});
