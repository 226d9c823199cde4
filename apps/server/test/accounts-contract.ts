import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountRecord, AccountStore } from '../src/index.js';

const at = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

function account(id: string, role: AccountRecord['role'] = 'member'): AccountRecord {
  return {
    id,
    email: `${id}@example.test`,
    name: `Name ${id}`,
    role,
    passwordHash: 'scrypt$x',
    externalId: null,
    createdAt: at(),
  };
}

/** The contract every AccountStore implementation must pass (run per implementation). */
export function accountsContract(name: string, open: () => Promise<AccountStore>): void {
  describe(`AccountStore contract: ${name}`, () => {
    let store: AccountStore;
    beforeEach(async () => {
      store = await open();
      return () => store.close();
    });

    it('creates the first account only once when asked to (first-visitor set-up)', async () => {
      expect(await store.countAccounts()).toBe(0);
      const results = await Promise.all([
        store.createAccount(account('a', 'owner'), { onlyIfEmpty: true }),
        store.createAccount(account('b', 'owner'), { onlyIfEmpty: true }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.countAccounts()).toBe(1);
      expect(await store.createAccount(account('c'), { onlyIfEmpty: true })).toBeNull();
      expect(await store.createAccount(account('c'))).toMatchObject({ id: 'c' });
      expect(await store.countAccounts()).toBe(2);
    });

    it('lists every account with its role, oldest first', async () => {
      expect(await store.listAccounts()).toEqual([]);
      await store.createAccount({ ...account('o', 'owner'), createdAt: at(-2000) });
      await store.createAccount({ ...account('g', 'guest'), createdAt: at(-1000) });
      await store.createAccount(account('m'));
      expect((await store.listAccounts()).map((a) => [a.id, a.role])).toEqual([
        ['o', 'owner'],
        ['g', 'guest'],
        ['m', 'member'],
      ]);
      await store.deleteAccount('g');
      expect((await store.listAccounts()).map((a) => a.id)).toEqual(['o', 'm']);
    });

    it('finds accounts by id, e-mail and external id; refuses a second account with the same e-mail', async () => {
      await store.createAccount({ ...account('a'), externalId: 'https://idp|123' });
      expect(await store.getAccount('a')).toMatchObject({ email: 'a@example.test', role: 'member' });
      expect(await store.getAccountByEmail('a@example.test')).toMatchObject({ id: 'a' });
      expect(await store.getAccountByExternalId('https://idp|123')).toMatchObject({ id: 'a' });
      expect(await store.getAccount('nope')).toBeNull();
      await expect(store.createAccount({ ...account('b'), email: 'a@example.test' })).rejects.toThrow();
      expect(await store.setWorkspaceRole('a', 'admin')).toMatchObject({ role: 'admin' });
      expect(await store.setWorkspaceRole('nope', 'admin')).toBeNull();
      await store.setPasswordHash('a', 'scrypt$new');
      expect((await store.getAccount('a'))!.passwordHash).toBe('scrypt$new');
    });

    it('keeps sessions by hash, revokes them idempotently, and removes them with the account', async () => {
      await store.createAccount(account('a'));
      const session = {
        id: 's1',
        accountId: 'a',
        tokenHash: 'h1',
        createdAt: at(),
        expiresAt: at(60_000),
        revokedAt: null,
      };
      await store.createSession(session);
      expect(await store.getSessionByHash('h1')).toEqual(session);
      const revoked = await store.revokeSession('s1');
      expect(revoked?.revokedAt).toBeTruthy();
      expect((await store.revokeSession('s1'))?.revokedAt).toBe(revoked?.revokedAt);
      expect(await store.revokeSession('none')).toBeNull();
      expect(await store.listSessions('a')).toHaveLength(1);
      expect(await store.getSession('s1')).toMatchObject({ id: 's1', accountId: 'a', revokedAt: revoked?.revokedAt });
      expect(await store.getSession('none')).toBeNull();
      await store.createApiToken({
        id: 't1',
        accountId: 'a',
        name: 'cli',
        tokenHash: 'th1',
        createdAt: at(),
        expiresAt: null,
        revokedAt: null,
      });
      expect(await store.getApiTokenByHash('th1')).toMatchObject({ id: 't1', name: 'cli' });
      expect((await store.listApiTokens('a')).map((t) => t.id)).toEqual(['t1']);
      expect(await store.listApiTokens('someone else')).toEqual([]);
      expect((await store.revokeApiToken('t1'))?.revokedAt).toBeTruthy();
      expect((await store.listApiTokens('a'))[0]?.revokedAt).toBeTruthy();
      await store.setMapMember('m1', 'a', 'editor');
      expect(await store.deleteAccount('a')).toBe(true);
      expect(await store.deleteAccount('a')).toBe(false);
      expect(await store.getSessionByHash('h1')).toBeNull();
      expect(await store.getApiTokenByHash('th1')).toBeNull();
      expect(await store.listMapMembers('m1')).toEqual([]);
    });

    it('uses an invitation once: the second acceptance creates nothing', async () => {
      await store.createAccount(account('admin', 'admin'));
      await store.createInvitation({
        id: 'i1',
        tokenHash: 'ih1',
        role: 'member',
        email: null,
        createdBy: 'admin',
        createdAt: at(),
        expiresAt: at(60_000),
        usedAt: null,
        revokedAt: null,
      });
      expect(await store.getInvitationByHash('ih1')).toMatchObject({ id: 'i1', usedAt: null });
      const [one, two] = await Promise.all([
        store.acceptInvitation('i1', account('x')),
        store.acceptInvitation('i1', { ...account('y'), email: 'y@example.test' }),
      ]);
      expect([one, two].filter(Boolean)).toHaveLength(1);
      expect(await store.countAccounts()).toBe(2);
      expect((await store.getInvitationByHash('ih1'))!.usedAt).toBeTruthy();
      await store.createInvitation({
        id: 'i2',
        tokenHash: 'ih2',
        role: 'guest',
        email: 'g@example.test',
        createdBy: 'admin',
        createdAt: at(),
        expiresAt: at(60_000),
        usedAt: null,
        revokedAt: null,
      });
      expect((await store.revokeInvitation('i2'))?.revokedAt).toBeTruthy();
      expect(await store.acceptInvitation('i2', account('g'))).toBeNull();
      expect(await store.listInvitations()).toHaveLength(2);
    });

    it('keeps map owners and members; adoption gives only ownerless maps; forgetting a map drops both', async () => {
      await store.setMapOwner('m1', 'a');
      expect(await store.adoptMaps(['m1', 'm2', 'm3'], 'owner')).toBe(2);
      expect(await store.adoptMaps([], 'owner')).toBe(0);
      expect(await store.getMapOwner('m1')).toBe('a');
      expect(await store.getMapOwner('m2')).toBe('owner');
      await store.setMapMember('m1', 'b', 'viewer');
      await store.setMapMember('m1', 'b', 'commenter');
      await store.setMapMember('m2', 'b', 'editor');
      expect(await store.listMapMembers('m1')).toEqual([{ accountId: 'b', role: 'commenter' }]);
      expect(Object.fromEntries(await store.mapRolesOf('b'))).toEqual({ m1: 'commenter', m2: 'editor' });
      expect(Object.fromEntries(await store.mapRolesOf('owner'))).toEqual({ m2: 'owner', m3: 'owner' });
      expect(await store.removeMapMember('m2', 'b')).toBe(true);
      expect(await store.removeMapMember('m2', 'b')).toBe(false);
      await store.setMapOwner('m1', 'b');
      expect(Object.fromEntries(await store.mapRolesOf('b'))).toEqual({ m1: 'owner' });
      await store.forgetMap('m1');
      expect(await store.getMapOwner('m1')).toBeNull();
      expect(await store.listMapMembers('m1')).toEqual([]);
    });

    it('appends audit entries and lists them newest first with paging', async () => {
      for (let i = 0; i < 5; i++) {
        await store.appendAudit({
          action: 'sign_in',
          actorId: `a${i}`,
          actorRole: 'member',
          mapId: null,
          target: null,
          detail: { n: i, ok: true, none: null },
        });
      }
      const all = await store.listAudit({ limit: 10 });
      expect(all.map((e) => e.actorId)).toEqual(['a4', 'a3', 'a2', 'a1', 'a0']);
      expect(all[0]!.detail).toEqual({ n: 4, ok: true, none: null });
      expect(Date.parse(all[0]!.at)).toBeGreaterThan(0);
      const page = await store.listAudit({ limit: 2, beforeSeq: all[1]!.seq });
      expect(page.map((e) => e.actorId)).toEqual(['a2', 'a1']);
      await store.appendAudit({
        action: 'map_deleted',
        actorId: 'a1',
        actorRole: 'admin',
        mapId: 'm',
        target: null,
        detail: {},
      });
      expect((await store.listAudit({ limit: 10, action: 'map_deleted' })).map((e) => e.actorId)).toEqual(['a1']);
      expect((await store.listAudit({ limit: 10, actorId: 'a1' })).map((e) => e.action)).toEqual([
        'map_deleted',
        'sign_in',
      ]);
      const newest = (await store.listAudit({ limit: 1 }))[0]!;
      expect((await store.listAudit({ limit: 10, since: newest.at })).length).toBeGreaterThanOrEqual(1);
      expect(await store.listAudit({ limit: 10, until: '2000-01-01T00:00:00.000Z' })).toEqual([]);
      expect(
        await store.listAudit({ limit: 10, action: 'sign_in', actorId: 'a1', since: '2000-01-01T00:00:00.000Z' }),
      ).toHaveLength(1);
    });

    it('keeps workspace settings', async () => {
      expect(await store.getSetting('shareLinks')).toBeNull();
      await store.setSetting('shareLinks', 'off');
      await store.setSetting('shareLinks', 'on');
      expect(await store.getSetting('shareLinks')).toBe('on');
    });
  });
}
