import type { Hono } from 'hono';
import { Access, Accounts, Auth, createApp, openSqliteAccounts, type AppDeps } from '../src/index.js';
import type { Storage } from '../src/storage/types.js';

/** The ADMIN_API_TOKEN test servers run with: a bearer token acting as the workspace owner. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijklmnop';

/** Authorization over in-memory accounts whose owner answers to TEST_ADMIN_TOKEN. */
export function testAccess(storage: Storage, token = TEST_ADMIN_TOKEN): Access {
  return new Access(new Accounts(openSqliteAccounts(':memory:'), storage, { adminToken: token }), new Auth(storage));
}

/** Headers of a request sent by nobody (no credential at all) through a `signedIn` app. */
export const ANONYMOUS_HEADERS = { authorization: 'none' } as const;

/**
 * Every `app.request` sends `Authorization: Bearer <token>` unless the call sets its own;
 * `authorization: none` (ANONYMOUS_HEADERS) sends no credential.
 */
export function signedIn(app: Hono, token = TEST_ADMIN_TOKEN): Hono {
  const request = app.request.bind(app);
  app.request = ((input: string | Request | URL, init?: RequestInit, ...rest: unknown[]) => {
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    else if (headers.get('authorization') === 'none') headers.delete('authorization');
    return (request as (...args: unknown[]) => ReturnType<Hono['request']>)(input, { ...init, headers }, ...rest);
  }) as Hono['request'];
  return app;
}

/** The app as the workspace owner sees it (for tests of features, not of sign-in). */
export function ownerApp(deps: Omit<AppDeps, 'access'>): Hono {
  return signedIn(createApp({ ...deps, access: testAccess(deps.storage) }));
}

/** Headers that sign a fetch in as the owner of a test server. */
export function ownerHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, ...extra };
}

/** A workspace account made through an invitation on a running server, with an API token for its requests. */
export interface TestAccount {
  id: string;
  email: string;
  /** Session cookie value (`jc_session`). */
  cookie: string;
  /** Bearer API token of the account. */
  token: string;
}

let accountCounter = 0;

/** Invites (as the owner) and signs up an account of workspace `role` on the server at `baseUrl`. */
export async function inviteAccount(
  baseUrl: string,
  role: 'admin' | 'member' | 'guest' = 'member',
): Promise<TestAccount> {
  const email = `person${++accountCounter}.${Date.now()}@example.test`;
  const invited = await fetch(`${baseUrl}/api/workspace/invitations`, {
    method: 'POST',
    headers: ownerHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify({ role }),
  });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${await invited.text()}`);
  const { token: invitation } = (await invited.json()) as { token: string };
  const accepted = await fetch(`${baseUrl}/api/auth/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: invitation,
      email,
      name: `Person ${accountCounter}`,
      password: 'correct horse battery',
    }),
  });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${await accepted.text()}`);
  const { account } = (await accepted.json()) as { account: { id: string } };
  const cookie = /jc_session=([^;]+)/.exec(accepted.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  const made = await fetch(`${baseUrl}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `jc_session=${cookie}`, origin: baseUrl },
    body: JSON.stringify({ name: 'test' }),
  });
  if (made.status !== 201) throw new Error(`token failed: ${made.status} ${await made.text()}`);
  const { token } = (await made.json()) as { token: string };
  return { id: account.id, email, cookie, token };
}
