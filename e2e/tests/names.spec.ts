import { expect, MapPage, test } from '../fixtures/index.js';
import { E2E_OWNER, becomePerson, strangerContext } from '../fixtures/auth.js';
import { expectAccessible } from '../fixtures/axe.js';

test('signed-in members are named by their account (no name question, no other name), guests by link type theirs', async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const made = await request.post('/api/maps', { data: { title: 'Names on the map' } });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };

  // ---- the owner opens the map: not asked for a name, shown as her account ----
  const owner = new MapPage(page);
  await owner.goto(id);
  await owner.expectLive();
  await expect(owner.nameDialog).toHaveCount(0);
  await expect(page.getByLabel(`You: ${E2E_OWNER.name} (your account), Facilitator`)).toBeVisible();
  await expect(page.getByRole('button', { name: /Change it/ })).toHaveCount(0);
  await expectAccessible(page, 'a map opened by a signed-in member');

  // ---- another member whose browser once chose another name: their account's name wins ----
  const graceContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await graceContext.addInitScript(() => window.localStorage.setItem('journeycraft.name', 'Mallory'));
  await becomePerson(graceContext, 'Grace Hopper');
  const grace = new MapPage(await graceContext.newPage());
  await grace.goto(id);
  await grace.expectLive();
  await expect(grace.nameDialog).toHaveCount(0);
  await expect(grace.page.getByLabel(/^You: Grace Hopper \(your account\)/)).toBeVisible();
  await expect(owner.presence).toHaveAttribute('data-count', '2');
  expect(await owner.presentNames()).toEqual([E2E_OWNER.name, 'Grace Hopper']);
  expect(await grace.presentNames()).toEqual(['Grace Hopper', E2E_OWNER.name]);

  // ---- a guest by link types the name they are shown under ----
  const link = await request.post(`/api/maps/${id}/links`, { data: { role: 'editor', label: 'Guests' } });
  expect(link.status()).toBe(201);
  const { token } = (await link.json()) as { token: string };
  const guestContext = await strangerContext(browser);
  const guestPage = await guestContext.newPage();
  await guestPage.goto(`/join/${token}`);
  await guestPage.getByLabel('Your display name').fill('Gus Guest');
  await guestPage.getByRole('button', { name: 'Join the session' }).click();
  const guest = new MapPage(guestPage);
  await guest.expectLive();
  await expect(guestPage.getByLabel('You: Gus Guest, Editor')).toBeVisible();
  await expect(owner.presence).toHaveAttribute('data-count', '3');
  expect((await owner.presentNames()).sort()).toEqual([E2E_OWNER.name, 'Grace Hopper', 'Gus Guest'].sort());

  await graceContext.close();
  await guestContext.close();
});
