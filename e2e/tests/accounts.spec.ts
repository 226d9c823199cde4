import type { Page } from '@playwright/test';
import { expect, snap, test } from '../fixtures/index.js';
import { strangerContext } from '../fixtures/auth.js';
import { startFreshServer, type FreshServer } from '../fixtures/server.js';

let server: FreshServer;
let url = '';

test.beforeAll(async () => {
  server = await startFreshServer();
  url = server.url;
});

test.afterAll(async () => {
  await server.stop();
});

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('first visitor sets up the owner, signs out and back in; a member without access is told to ask the owner', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ownerContext = await strangerContext(browser);
  const owner = await ownerContext.newPage();

  // ---- first run: the set-up page, then the (empty) map list ----
  await owner.goto(url);
  await expect(owner.getByRole('heading', { name: 'Set up your workspace' })).toBeVisible();
  await owner.getByLabel('Your name').fill('Olga Owner');
  await owner.getByLabel('E-mail').fill('olga@example.test');
  await owner.getByLabel('Password').fill('short');
  await owner.getByRole('button', { name: 'Create the owner account' }).click();
  await expect(owner.getByRole('alert')).toHaveText('Choose a password of at least 10 characters.');
  await owner.getByLabel('Password').fill('a long owner password');
  await owner.getByRole('button', { name: 'Create the owner account' }).click();
  await expect(owner.getByRole('button', { name: /Olga Owner/ })).toBeVisible();

  // ---- sign out, a wrong password is refused with the server's words, the right one gets in ----
  await owner.getByRole('button', { name: /Olga Owner/ }).click();
  await owner.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(owner.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await signIn(owner, 'olga@example.test', 'not the password');
  await expect(owner.getByRole('alert')).toContainText('do not match');
  await signIn(owner, 'olga@example.test', 'a long owner password');
  await expect(owner.getByRole('button', { name: /Olga Owner/ })).toBeVisible();

  // ---- a private map, and a member invited by link ----
  const headers = { origin: url };
  const made = await owner.request.post(`${url}/api/maps`, { data: { title: 'Salary bands' }, headers });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  expect((await owner.request.patch(`${url}/api/maps/${id}`, { data: { access: 'links' }, headers })).status()).toBe(
    200,
  );
  // The Members page makes the invitation link.
  await owner.getByRole('button', { name: /Olga Owner/ }).click();
  await owner.getByRole('menuitem', { name: 'Members' }).click();
  await expect(owner.getByRole('heading', { name: 'Members' })).toBeVisible();
  await owner.getByLabel('Role').selectOption('member');
  await owner.getByRole('button', { name: 'Create invitation link' }).click();
  const inviteLink = await owner.getByLabel('Invitation link').inputValue();
  const token = decodeURIComponent(inviteLink.split('/invite/')[1]!);

  const memberContext = await strangerContext(browser);
  const member = await memberContext.newPage();
  // Opening the map first: sign-in is asked for at that address.
  await member.goto(`${url}/maps/${id}`);
  await expect(member.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await member.goto(`${url}/invite/${token}`);
  await expect(member.getByText('You are invited as member.')).toBeVisible();
  await member.getByLabel('Your name').fill('Mo Member');
  await member.getByLabel('E-mail').fill('mo@example.test');
  await member.getByLabel('Password').fill('member password 1');
  await member.getByRole('button', { name: 'Create my account' }).click();
  await expect(member.getByRole('button', { name: /Mo Member/ })).toBeVisible();
  await expect(member.getByText('Salary bands')).toHaveCount(0);
  await member.goto(`${url}/maps/${id}`);
  await expect(member.getByRole('heading', { name: 'You have no access to this map' })).toBeVisible();
  await expect(member.getByRole('alert')).toContainText('ask its owner');

  // The owner sees the new member, and makes them a guest.
  await owner.reload();
  await expect(owner.getByTestId('member').filter({ hasText: 'Mo Member' })).toBeVisible();
  await owner.getByLabel('Role of Mo Member').selectOption('guest');
  await owner.reload();
  await expect(owner.getByLabel('Role of Mo Member')).toHaveValue('guest');

  // Removing someone asks first, in the page's own dialog (never the browser's), saying what it means.
  await owner.getByRole('button', { name: 'Remove Mo Member' }).click();
  const ask = owner.getByRole('dialog', { name: 'Remove Mo Member from the workspace?' });
  await expect(ask).toContainText('signed out at once');
  await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await snap(owner, 'accounts-remove-member');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(owner.getByTestId('member').filter({ hasText: 'Mo Member' })).toBeVisible();
  await owner.getByRole('button', { name: 'Remove Mo Member' }).click();
  await ask.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(ask).toBeHidden();
  await expect(owner.getByTestId('member').filter({ hasText: 'Mo Member' })).toHaveCount(0);
  await member.reload();
  await expect(member.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await memberContext.close();
  await ownerContext.close();
});
