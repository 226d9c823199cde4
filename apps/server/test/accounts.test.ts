import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  Access,
  Accounts,
  Auth,
  LoginLimiter,
  Rooms,
  createApp,
  hashPassword,
  openPostgresAccounts,
  openSqliteAccounts,
  openSqliteStorage,
  silentLogger,
  verifyPassword,
} from '../src/index.js';
import { accountsContract } from './accounts-contract.js';
import { freshPostgresDatabase } from './services.js';
import { tempDir } from './helpers.js';

accountsContract('SQLite (memory)', async () => openSqliteAccounts(':memory:'));
accountsContract('SQLite (file, WAL)', async () => openSqliteAccounts(path.join(tempDir(), 'db.sqlite')));
accountsContract('PostgreSQL', async () => openPostgresAccounts(await freshPostgresDatabase()));

/**
 * Every account-schema migration after the first, on a database an earlier version left behind:
 * data is written by the store, the later migration's objects are taken away again (so the
 * database is as version 1 made it), and reopening upgrades it in place keeping everything.
 */
describe('account schema migrations upgrade a version-1 database in place', () => {
  const stores = [
    {
      name: 'SQLite',
      async make() {
        const file = path.join(tempDir(), 'accounts.sqlite');
        return {
          open: async () => openSqliteAccounts(file),
          async sql(statement: string) {
            const db = new Database(file);
            try {
              db.exec(statement);
            } finally {
              db.close();
            }
          },
          prefix: '',
        };
      },
    },
    {
      name: 'PostgreSQL',
      async make() {
        const url = await freshPostgresDatabase();
        return {
          open: () => openPostgresAccounts(url),
          async sql(statement: string) {
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            try {
              await client.query(statement);
            } finally {
              await client.end();
            }
          },
          prefix: 'jc_',
        };
      },
    },
  ];
  for (const kind of stores) {
    it(`${kind.name}: accounts, sessions, API tokens, map owners and members and the audit log survive; settings arrive`, async () => {
      const db = await kind.make();
      const t = (name: string) => `${db.prefix}${name}`;
      const now = new Date().toISOString();
      const later = new Date(Date.now() + 3_600_000).toISOString();
      const first = await db.open();
      await first.createAccount({
        id: 'o1',
        email: 'o@example.test',
        name: 'Olga',
        role: 'owner',
        passwordHash: 'scrypt$x',
        externalId: null,
        createdAt: now,
      });
      await first.createSession({
        id: 's1',
        accountId: 'o1',
        tokenHash: 'h1',
        createdAt: now,
        expiresAt: later,
        revokedAt: null,
      });
      await first.createApiToken({
        id: 't1',
        accountId: 'o1',
        name: 'cli',
        tokenHash: 'th1',
        createdAt: now,
        expiresAt: null,
        revokedAt: null,
      });
      await first.setMapOwner('m1', 'o1');
      await first.setMapMember('m1', 'o1', 'editor');
      await first.appendAudit({
        action: 'setup',
        actorId: 'o1',
        actorRole: 'owner',
        mapId: null,
        target: 'o1',
        detail: {},
      });
      await first.appendAudit({
        action: 'map_deleted',
        actorId: 'o1',
        actorRole: 'owner',
        mapId: 'm1',
        target: null,
        detail: { title: 'T' },
      });
      await first.close();
      // Back to version 1: no settings table, no audit index by action.
      await db.sql(
        `DROP TABLE ${t('workspace_settings')}; DROP INDEX ${t('audit_log_action')}; UPDATE ${t('account_schema')} SET version = 1`,
      );

      const upgraded = await db.open();
      try {
        expect(await upgraded.getAccount('o1')).toMatchObject({ email: 'o@example.test', role: 'owner' });
        expect(await upgraded.getSessionByHash('h1')).toMatchObject({ id: 's1', accountId: 'o1' });
        expect(await upgraded.getApiTokenByHash('th1')).toMatchObject({ id: 't1', name: 'cli' });
        expect(await upgraded.getMapOwner('m1')).toBe('o1');
        expect((await upgraded.mapRolesOf('o1')).get('m1')).toBe('owner');
        expect((await upgraded.listAudit({ limit: 10, action: 'map_deleted' })).map((e) => e.detail)).toEqual([
          { title: 'T' },
        ]);
        expect(await upgraded.getSetting('shareLinks')).toBeNull();
        await upgraded.setSetting('shareLinks', 'off');
        expect(await upgraded.getSetting('shareLinks')).toBe('off');
      } finally {
        await upgraded.close();
      }
      // The audit log stays append-only after the upgrade.
      await expect(db.sql(`UPDATE ${t('audit_log')} SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(db.sql(`DELETE FROM ${t('audit_log')}`)).rejects.toThrow(/append-only/);
    });
  }
});

const ORIGIN = 'http://journeycraft.test';

/** A fresh app on in-memory stores, spoken to like a browser on ORIGIN (cookies kept by hand). */
function browserApp(opts: { limiter?: LoginLimiter } = {}) {
  const storage = openSqliteStorage(':memory:');
  const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 1000, idleMs: 60_000 });
  const accounts = new Accounts(openSqliteAccounts(':memory:'), storage, opts.limiter ? { limiter: opts.limiter } : {});
  const access = new Access(accounts, new Auth(storage));
  const app = createApp({ storage, rooms, log: silentLogger, maxBodyBytes: 1024 * 1024, access });
  const call = (
    method: string,
    url: string,
    opts: { body?: unknown; cookie?: string; origin?: string | null; headers?: Record<string, string> } = {},
  ) =>
    app.request(`${ORIGIN}${url}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(opts.cookie ? { cookie: `jc_session=${opts.cookie}` } : {}),
        ...(opts.origin === null ? {} : { origin: opts.origin ?? ORIGIN }),
        ...opts.headers,
      },
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    });
  return { app, call, storage, accounts, rooms };
}

const cookieOf = (res: Response) => /jc_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
const OWNER = { email: 'olga@example.test', name: 'Olga Owner', password: 'a long owner password' };

describe('passwords', () => {
  it('are hashed with scrypt (memory-hard), salted, and verified in constant time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterz', a)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$bad')).toBe(false);
  });
});

describe('first-run set-up and local sign-in', () => {
  it('lets the first visitor create the owner once; the cookie is HttpOnly, SameSite=Lax, and Secure over TLS', async () => {
    const { call, app, accounts } = browserApp();
    expect(await (await call('GET', '/api/auth/state')).json()).toMatchObject({ setupNeeded: true, account: null });
    const weak = await call('POST', '/api/auth/setup', { body: { ...OWNER, password: 'short' } });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { message: string } }).error.message).toContain('at least 10');
    const made = await call('POST', '/api/auth/setup', { body: OWNER });
    expect(made.status).toBe(201);
    const setCookie = made.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const cookie = cookieOf(made);
    expect(await (await call('GET', '/api/auth/state', { cookie })).json()).toMatchObject({
      setupNeeded: false,
      account: { email: OWNER.email, role: 'owner' },
    });
    // A second visitor cannot become the owner.
    const again = await call('POST', '/api/auth/setup', { body: { ...OWNER, email: 'mallory@example.test' } });
    expect(again.status).toBe(409);
    // Over TLS (here: a proxy saying so) the cookie is Secure.
    const tls = await app.request(`${ORIGIN}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: OWNER.email, password: OWNER.password }),
    });
    expect(tls.status).toBe(200);
    expect(tls.headers.get('set-cookie')).toMatch(/Secure/i);
    const audit = await accounts.store.listAudit({ limit: 10 });
    expect(audit.map((e) => e.action)).toEqual(['sign_in', 'setup']);
    expect(audit[0]).toMatchObject({ actorRole: 'owner', detail: { method: 'password' } });
  });

  it('refuses a wrong password with 401, and after five failures refuses even the right one with 429', async () => {
    const { call } = browserApp();
    await call('POST', '/api/auth/setup', { body: OWNER });
    const wrong = await call('POST', '/api/auth/login', { body: { email: OWNER.email, password: 'not it at all' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain('do not match');
    for (let i = 0; i < 4; i++) {
      await call('POST', '/api/auth/login', { body: { email: OWNER.email, password: 'not it at all' } });
    }
    const blocked = await call('POST', '/api/auth/login', { body: { email: OWNER.email, password: OWNER.password } });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'rate_limited',
    });
  });

  it('signs out by revoking the session: the same cookie no longer works', async () => {
    const { call } = browserApp();
    const cookie = cookieOf(await call('POST', '/api/auth/setup', { body: OWNER }));
    expect((await call('GET', '/api/auth/me', { cookie })).status).toBe(200);
    expect((await call('POST', '/api/auth/logout', { cookie })).status).toBe(204);
    const after = await call('GET', '/api/auth/me', { cookie });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { error: { message: string } }).error.message).toContain('signed out');
  });

  it('refuses state-changing cookie requests from another site (CSRF) but not bearer-token ones', async () => {
    const { call } = browserApp();
    const cookie = cookieOf(await call('POST', '/api/auth/setup', { body: OWNER }));
    const evil = await call('POST', '/api/maps', { cookie, origin: 'http://evil.example', body: { title: 'X' } });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { message: string } }).error.message).toContain('cross-site');
    const crossSite = await call('DELETE', '/api/maps/abc', {
      cookie,
      origin: null,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    // Same-site but another origin (a sibling subdomain) is refused too.
    const sibling = await call('POST', '/api/maps', {
      cookie,
      origin: 'http://other.journeycraft.test',
      headers: { 'sec-fetch-site': 'same-site' },
      body: { title: 'X' },
    });
    expect(sibling.status).toBe(403);
    expect(
      (await call('POST', '/api/maps', { cookie, headers: { 'sec-fetch-site': 'same-origin' }, body: { title: 'Y' } }))
        .status,
    ).toBe(201);
    expect((await call('POST', '/api/maps', { cookie, body: { title: 'Mine' } })).status).toBe(201);
    const token = (await (await call('POST', '/api/auth/tokens', { cookie, body: { name: 'cli' } })).json()) as {
      token: string;
    };
    expect(token.token).toMatch(/^jct_/);
    const bearer = await call('POST', '/api/maps', {
      origin: null,
      headers: { authorization: `Bearer ${token.token}` },
      body: { title: 'From a script' },
    });
    expect(bearer.status).toBe(201);
  });

  it('invites by link: the invitee signs up with the invited role; the link works once', async () => {
    const { call } = browserApp();
    const cookie = cookieOf(await call('POST', '/api/auth/setup', { body: OWNER }));
    const invite = (await (
      await call('POST', '/api/workspace/invitations', { cookie, body: { role: 'guest' } })
    ).json()) as { token: string };
    expect(await (await call('GET', `/api/auth/invitations/${invite.token}`)).json()).toMatchObject({ role: 'guest' });
    const body = { token: invite.token, email: 'gus@example.test', name: 'Gus Guest', password: 'guest password 1' };
    const accepted = await call('POST', '/api/auth/invitations/accept', { body });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toMatchObject({ account: { role: 'guest', email: 'gus@example.test' } });
    const reuse = await call('POST', '/api/auth/invitations/accept', { body: { ...body, email: 'eve@example.test' } });
    expect(reuse.status).toBe(409);
    // A guest cannot create maps nor invite.
    const guest = cookieOf(accepted);
    expect((await call('POST', '/api/maps', { cookie: guest, body: { title: 'G' } })).status).toBe(403);
    expect((await call('POST', '/api/workspace/invitations', { cookie: guest, body: {} })).status).toBe(403);
    const members = (await (await call('GET', '/api/workspace/members', { cookie })).json()) as {
      members: Array<{ email: string; role: string }>;
    };
    expect(members.members.map((m) => m.role).sort()).toEqual(['guest', 'owner']);
  });
});

describe('upgrading a data directory made by the current release', () => {
  it('keeps every map, document and link; the first owner owns them all', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'journeycraft.sqlite');
    fs.copyFileSync(path.join(import.meta.dirname, 'fixtures/release-0.1/journeycraft.sqlite'), file);
    const before = new Database(file, { readonly: true });
    const maps = before.prepare('SELECT id, title, access FROM maps ORDER BY id').all() as Array<{ id: string }>;
    before.close();
    expect(maps).toHaveLength(2);

    const storage = openSqliteStorage(file);
    const accountStore = openSqliteAccounts(file);
    const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 1000, idleMs: 60_000 });
    const accounts = new Accounts(accountStore, storage);
    const app = createApp({
      storage,
      rooms,
      log: silentLogger,
      maxBodyBytes: 1024 * 1024,
      access: new Access(accounts, new Auth(storage)),
    });
    const made = await app.request(`${ORIGIN}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify(OWNER),
    });
    expect(made.status).toBe(201);
    const cookie = `jc_session=${cookieOf(made)}`;
    const listed = (await (await app.request(`${ORIGIN}/api/maps`, { headers: { cookie } })).json()) as {
      maps: Array<{ id: string; title: string; access: string }>;
    };
    expect(listed.maps.map((m) => m.id).sort()).toEqual(maps.map((m) => m.id).sort());
    for (const m of maps) expect(await accountStore.getMapOwner(m.id)).toBe((await made.clone().json()).account.id);
    // The content is still there.
    const onboarding = listed.maps.find((m) => m.title === 'Onboarding journey')!;
    const snap = (await (
      await app.request(`${ORIGIN}/api/maps/${onboarding.id}/snapshot`, { headers: { cookie } })
    ).json()) as { stages: Array<{ title: string }> };
    expect(snap.stages.map((s) => s.title)).toEqual(['Discover']);
    const claims = listed.maps.find((m) => m.title === 'Claims journey')!;
    expect(claims.access).toBe('links');
    const links = (await (
      await app.request(`${ORIGIN}/api/maps/${claims.id}/links`, { headers: { cookie } })
    ).json()) as { links: unknown[] };
    expect(links.links).toHaveLength(1);
    await rooms.shutdown();
    await accountStore.close();
    await storage.close();
    const after = new Database(file);
    expect((after.prepare('SELECT COUNT(*) AS n FROM maps').get() as { n: number }).n).toBe(2);
    // The set-up is in the audit log, which cannot be rewritten, even with direct SQL.
    expect((after.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'setup'").get() as { n: number }).n).toBe(
      1,
    );
    expect(() => after.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => after.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    after.close();
  });
});
