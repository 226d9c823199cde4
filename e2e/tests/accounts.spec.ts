import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/index.js';
import { strangerContext } from '../fixtures/auth.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A server of its own on a fresh data dir (the shared one was set up by global-setup already). */
let server: ChildProcess;
let url = '';
let dataDir = '';

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'journeycraft-e2e-fresh-'));
  server = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_API_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('fresh server did not start')), 60_000);
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /"msg":"listening".*?"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  url = `http://127.0.0.1:${port}`;
});

test.afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
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
  const invitation = await owner.request.post(`${url}/api/workspace/invitations`, {
    data: { role: 'member' },
    headers,
  });
  const { token } = (await invitation.json()) as { token: string };

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

  await memberContext.close();
  await ownerContext.close();
});
