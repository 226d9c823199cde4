import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnServer, tempDir, type ChildServer } from './helpers.js';
import { CookieBrowser, startTestProvider, type TestProvider } from './oidc-provider.js';

/**
 * OpenID Connect against a real provider (oidc-provider, started here on port 0) and the real
 * server in a child process (its clock is its own, so the provider's can be moved).
 */
let provider: TestProvider;
let server: ChildServer;
const CLIENT = { client_id: 'journeycraft', client_secret: 'journeycraft-secret' };
const OTHER = { client_id: 'other-app', client_secret: 'other-secret' };

beforeAll(async () => {
  provider = await startTestProvider();
  server = await spawnServer(tempDir(), {
    ADMIN_API_TOKEN: '',
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: CLIENT.client_id,
    OIDC_CLIENT_SECRET: CLIENT.client_secret,
    OIDC_SCOPES: 'openid email profile groups',
    OIDC_ALLOWED_DOMAINS: 'allowed.test',
    OIDC_ROLE_MAP: 'jc-admins=admin,staff=member',
    OIDC_CLOCK_TOLERANCE_SECONDS: '5',
    OIDC_LABEL: 'Northwind SSO',
  });
  const redirect = `${server.url}/api/auth/oidc/callback`;
  provider.configure([
    { ...CLIENT, redirect_uris: [redirect] },
    { ...OTHER, redirect_uris: [redirect] },
  ]);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await provider?.close();
});

/**
 * Starts a sign-in at the server, lets `tamper` change the authorization request, signs in at the
 * provider as `login`, and returns where the server's callback sends the browser (and the browser).
 */
async function signIn(login: string, tamper: (auth: URL) => void = () => {}, beforeCallback?: () => void) {
  const browser = new CookieBrowser();
  const start = await browser.get(`${server.url}/api/auth/oidc/start?returnTo=/maps`);
  expect(start.status).toBe(302);
  const auth = new URL(start.headers.get('location')!);
  expect(auth.origin).toBe(provider.issuer);
  expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
  expect(auth.searchParams.get('nonce')).toBeTruthy();
  expect(auth.searchParams.get('state')).toBeTruthy();
  tamper(auth);
  const first = await browser.follow(auth.toString(), `${server.url}/`);
  const callback = first.res === null ? first.url : await browser.loginAtProvider(first.url, login, `${server.url}/`);
  expect(callback).toContain('/api/auth/oidc/callback?');
  beforeCallback?.();
  let answer: Response;
  try {
    answer = await browser.get(callback);
  } finally {
    vi.restoreAllMocks();
  }
  const host = new URL(server.url).host;
  return {
    status: answer.status,
    location: answer.headers.get('location') ?? '',
    session: browser.cookie(host, 'jc_session'),
  };
}

const refusal = (location: string) =>
  decodeURIComponent(new URL(location, 'http://x').searchParams.get('signin_error') ?? '');

describe('OpenID Connect sign-in', () => {
  it('signs a new person in just in time, with the role their groups map to, and sends them where they were going', async () => {
    const ana = await signIn('ana@allowed.test');
    expect(ana.status).toBe(303);
    expect(ana.location).toBe('/maps');
    expect(ana.session).toBeTruthy();
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `jc_session=${ana.session}` } });
    // The first person of a fresh workspace becomes its owner, as with the local set-up.
    expect(await me.json()).toMatchObject({ account: { email: 'ana@allowed.test', role: 'owner' } });
    const bob = await signIn('bob@allowed.test');
    const bobMe = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `jc_session=${bob.session}` } });
    expect(await bobMe.json()).toMatchObject({
      account: { email: 'bob@allowed.test', role: 'member', name: 'Person bob' },
    });
    const admin = await signIn('admin.cy@allowed.test');
    const adminMe = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: `jc_session=${admin.session}` } });
    expect(await adminMe.json()).toMatchObject({ account: { role: 'admin' } });
    // Signing in again is the same account.
    const again = await signIn('bob@allowed.test');
    const list = await fetch(`${server.url}/api/workspace/members`, {
      headers: { cookie: `jc_session=${again.session}` },
    });
    const members = ((await list.json()) as { members: Array<{ email: string }> }).members;
    expect(members.filter((m) => m.email === 'bob@allowed.test')).toHaveLength(1);
  });

  it('refuses an ID token whose nonce is not the one this browser asked for', async () => {
    const r = await signIn('dan@allowed.test', (auth) => auth.searchParams.set('nonce', 'a-nonce-someone-else-chose'));
    expect(r.status).toBe(303);
    expect(r.session).toBeUndefined();
    expect(refusal(r.location)).toMatch(/nonce/i);
  });

  it('refuses an expired ID token', async () => {
    const realNow = Date.now.bind(Date);
    // The provider (in this process) mints the token two hours in the past; the server's clock is right.
    const r = await signIn('eli@allowed.test', undefined, () => {
      vi.spyOn(Date, 'now').mockImplementation(() => realNow() - 2 * 3_600_000);
    });
    expect(r.session).toBeUndefined();
    expect(refusal(r.location)).toMatch(/exp/i);
  });

  it('refuses a code issued to another client id', async () => {
    const r = await signIn('fay@allowed.test', (auth) => auth.searchParams.set('client_id', OTHER.client_id));
    expect(r.session).toBeUndefined();
    expect(refusal(r.location)).toMatch(/could not be verified: .*(grant|client)/i);
  });

  it('refuses an e-mail domain that is not allowed, and a callback without its own start', async () => {
    const r = await signIn('gus@elsewhere.test');
    expect(r.session).toBeUndefined();
    expect(refusal(r.location)).toBe('accounts of elsewhere.test cannot sign in to this workspace');
    const forged = await fetch(`${server.url}/api/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    expect(forged.status).toBe(303);
    expect(refusal(forged.headers.get('location')!)).toMatch(/start again/);
  });
});
