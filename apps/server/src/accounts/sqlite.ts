import { openSqliteFile } from '../storage/sqliteFile.js';
import type { AuditEntry, ShareRole, WorkspaceRole } from '@journeycraft/schema';
import type { AccountRecord, AccountStore, ApiTokenRecord, InvitationRecord, SessionRecord } from './types.js';

/** Account tables, numbered by `account_schema.version` (kept apart from the document store's user_version). */
const MIGRATIONS: string[] = [
  `CREATE TABLE accounts (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     password_hash TEXT,
     external_id TEXT UNIQUE,
     created_at TEXT NOT NULL
   );
   CREATE TABLE account_sessions (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     revoked_at TEXT
   );
   CREATE INDEX account_sessions_account ON account_sessions (account_id);
   CREATE TABLE api_tokens (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL,
     expires_at TEXT,
     revoked_at TEXT
   );
   CREATE TABLE invitations (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     email TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT,
     revoked_at TEXT
   );
   CREATE TABLE map_owners (map_id TEXT PRIMARY KEY, account_id TEXT NOT NULL);
   CREATE TABLE map_members (
     map_id TEXT NOT NULL,
     account_id TEXT NOT NULL,
     role TEXT NOT NULL,
     PRIMARY KEY (map_id, account_id)
   );
   CREATE INDEX map_members_account ON map_members (account_id);
   CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     action TEXT NOT NULL,
     actor_id TEXT,
     actor_role TEXT,
     map_id TEXT,
     target TEXT,
     detail TEXT NOT NULL
   );
   CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
   CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;`,
  `CREATE TABLE workspace_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE INDEX audit_log_action ON audit_log (action, seq);`,
];

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  password_hash: string | null;
  external_id: string | null;
  created_at: string;
}
const toAccount = (r: AccountRow): AccountRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  externalId: r.external_id,
  createdAt: r.created_at,
});
interface SessionRow {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}
const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  accountId: r.account_id,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});
interface TokenRow {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}
const toToken = (r: TokenRow): ApiTokenRecord => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  tokenHash: r.token_hash,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});
interface InvitationRow {
  id: string;
  token_hash: string;
  role: WorkspaceRole;
  email: string | null;
  created_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}
const toInvitation = (r: InvitationRow): InvitationRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  role: r.role,
  email: r.email,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  revokedAt: r.revoked_at,
});
interface AuditRow {
  seq: number;
  at: string;
  action: AuditEntry['action'];
  actor_id: string | null;
  actor_role: string | null;
  map_id: string | null;
  target: string | null;
  detail: string;
}
const toAudit = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  action: r.action,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  mapId: r.map_id,
  target: r.target,
  detail: JSON.parse(r.detail) as AuditEntry['detail'],
});

/**
 * Account store in SQLite: its own connection to the server's database file (WAL, fsync on
 * commit), its own migration counter. Pass ':memory:' for tests.
 */
export function openSqliteAccounts(file: string): AccountStore {
  const db = openSqliteFile(file, 'account_schema', MIGRATIONS);

  const q = {
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM accounts'),
    insert: db.prepare(
      'INSERT INTO accounts (id, email, name, role, password_hash, external_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    get: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
    byEmail: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE email = ?'),
    byExternal: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE external_id = ?'),
    list: db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY created_at, id'),
    setRole: db.prepare('UPDATE accounts SET role = ? WHERE id = ?'),
    setPassword: db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?'),
    delete: db.prepare('DELETE FROM accounts WHERE id = ?'),
    deleteSessions: db.prepare('DELETE FROM account_sessions WHERE account_id = ?'),
    deleteTokens: db.prepare('DELETE FROM api_tokens WHERE account_id = ?'),
    deleteMemberships: db.prepare('DELETE FROM map_members WHERE account_id = ?'),
    sessionInsert: db.prepare(
      'INSERT INTO account_sessions (id, account_id, token_hash, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    sessionByHash: db.prepare<[string], SessionRow>('SELECT * FROM account_sessions WHERE token_hash = ?'),
    sessionGet: db.prepare<[string], SessionRow>('SELECT * FROM account_sessions WHERE id = ?'),
    sessionList: db.prepare<[string], SessionRow>(
      'SELECT * FROM account_sessions WHERE account_id = ? ORDER BY created_at, id',
    ),
    sessionRevoke: db.prepare('UPDATE account_sessions SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    tokenInsert: db.prepare(
      'INSERT INTO api_tokens (id, account_id, name, token_hash, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    tokenByHash: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?'),
    tokenGet: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE id = ?'),
    tokenList: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE account_id = ? ORDER BY created_at, id'),
    tokenRevoke: db.prepare('UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    invInsert: db.prepare(
      'INSERT INTO invitations (id, token_hash, role, email, created_by, created_at, expires_at, used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    invByHash: db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE token_hash = ?'),
    invGet: db.prepare<[string], InvitationRow>('SELECT * FROM invitations WHERE id = ?'),
    invList: db.prepare<[], InvitationRow>('SELECT * FROM invitations ORDER BY created_at DESC, id'),
    invRevoke: db.prepare('UPDATE invitations SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    invUse: db.prepare('UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL'),
    ownerGet: db.prepare<[string], { account_id: string }>('SELECT account_id FROM map_owners WHERE map_id = ?'),
    ownerSet: db.prepare(
      'INSERT INTO map_owners (map_id, account_id) VALUES (?, ?) ON CONFLICT (map_id) DO UPDATE SET account_id = excluded.account_id',
    ),
    ownerAdopt: db.prepare('INSERT OR IGNORE INTO map_owners (map_id, account_id) VALUES (?, ?)'),
    ownersOf: db.prepare<[string], { map_id: string }>('SELECT map_id FROM map_owners WHERE account_id = ?'),
    membersOf: db.prepare<[string], { map_id: string; role: ShareRole }>(
      'SELECT map_id, role FROM map_members WHERE account_id = ?',
    ),
    memberList: db.prepare<[string], { account_id: string; role: ShareRole }>(
      'SELECT account_id, role FROM map_members WHERE map_id = ? ORDER BY account_id',
    ),
    memberSet: db.prepare(
      'INSERT INTO map_members (map_id, account_id, role) VALUES (?, ?, ?) ON CONFLICT (map_id, account_id) DO UPDATE SET role = excluded.role',
    ),
    memberRemove: db.prepare('DELETE FROM map_members WHERE map_id = ? AND account_id = ?'),
    forgetOwner: db.prepare('DELETE FROM map_owners WHERE map_id = ?'),
    forgetMembers: db.prepare('DELETE FROM map_members WHERE map_id = ?'),
    auditInsert: db.prepare<[string, string, string | null, string | null, string | null, string | null, string]>(
      'INSERT INTO audit_log (at, action, actor_id, actor_role, map_id, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    auditGet: db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?'),
    settingGet: db.prepare<[string], { value: string }>('SELECT value FROM workspace_settings WHERE key = ?'),
    settingSet: db.prepare(
      'INSERT INTO workspace_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  };

  const insertAccount = (a: AccountRecord) =>
    q.insert.run(a.id, a.email, a.name, a.role, a.passwordHash, a.externalId, a.createdAt);
  const createTx = db.transaction((a: AccountRecord, onlyIfEmpty: boolean) => {
    if (onlyIfEmpty && q.count.get()!.n > 0) return false;
    insertAccount(a);
    return true;
  });
  const deleteTx = db.transaction((id: string) => {
    q.deleteSessions.run(id);
    q.deleteTokens.run(id);
    q.deleteMemberships.run(id);
    return q.delete.run(id).changes > 0;
  });
  const acceptTx = db.transaction((invitationId: string, a: AccountRecord) => {
    if (q.invUse.run(new Date().toISOString(), invitationId).changes === 0) return false;
    insertAccount(a);
    return true;
  });
  const adoptTx = db.transaction((mapIds: readonly string[], accountId: string) => {
    let n = 0;
    for (const id of mapIds) n += q.ownerAdopt.run(id, accountId).changes;
    return n;
  });
  const forgetTx = db.transaction((mapId: string) => {
    q.forgetOwner.run(mapId);
    q.forgetMembers.run(mapId);
  });
  const withImmediate = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const t = db.transaction(fn);
    return (...args: A) => t.immediate(...args);
  };
  const create = withImmediate(createTx);
  const accept = withImmediate(acceptTx);

  return {
    kind: 'sqlite',
    async countAccounts() {
      return q.count.get()!.n;
    },
    async createAccount(account, opts = {}) {
      return create(account, opts.onlyIfEmpty ?? false) ? account : null;
    },
    async getAccount(id) {
      const r = q.get.get(id);
      return r ? toAccount(r) : null;
    },
    async getAccountByEmail(email) {
      const r = q.byEmail.get(email);
      return r ? toAccount(r) : null;
    },
    async getAccountByExternalId(externalId) {
      const r = q.byExternal.get(externalId);
      return r ? toAccount(r) : null;
    },
    async listAccounts() {
      return q.list.all().map(toAccount);
    },
    async setWorkspaceRole(id, role) {
      q.setRole.run(role, id);
      const r = q.get.get(id);
      return r ? toAccount(r) : null;
    },
    async setPasswordHash(id, hash) {
      q.setPassword.run(hash, id);
    },
    async deleteAccount(id) {
      return deleteTx(id);
    },
    async createSession(s) {
      q.sessionInsert.run(s.id, s.accountId, s.tokenHash, s.createdAt, s.expiresAt, s.revokedAt);
    },
    async getSessionByHash(hash) {
      const r = q.sessionByHash.get(hash);
      return r ? toSession(r) : null;
    },
    async getSession(id) {
      const r = q.sessionGet.get(id);
      return r ? toSession(r) : null;
    },
    async listSessions(accountId) {
      return q.sessionList.all(accountId).map(toSession);
    },
    async revokeSession(id) {
      q.sessionRevoke.run(new Date().toISOString(), id);
      const r = q.sessionGet.get(id);
      return r ? toSession(r) : null;
    },
    async createApiToken(t) {
      q.tokenInsert.run(t.id, t.accountId, t.name, t.tokenHash, t.createdAt, t.expiresAt, t.revokedAt);
    },
    async getApiTokenByHash(hash) {
      const r = q.tokenByHash.get(hash);
      return r ? toToken(r) : null;
    },
    async listApiTokens(accountId) {
      return q.tokenList.all(accountId).map(toToken);
    },
    async revokeApiToken(id) {
      q.tokenRevoke.run(new Date().toISOString(), id);
      const r = q.tokenGet.get(id);
      return r ? toToken(r) : null;
    },
    async createInvitation(i) {
      q.invInsert.run(i.id, i.tokenHash, i.role, i.email, i.createdBy, i.createdAt, i.expiresAt, i.usedAt, i.revokedAt);
    },
    async getInvitationByHash(hash) {
      const r = q.invByHash.get(hash);
      return r ? toInvitation(r) : null;
    },
    async listInvitations() {
      return q.invList.all().map(toInvitation);
    },
    async revokeInvitation(id) {
      q.invRevoke.run(new Date().toISOString(), id);
      const r = q.invGet.get(id);
      return r ? toInvitation(r) : null;
    },
    async acceptInvitation(invitationId, account) {
      return accept(invitationId, account) ? account : null;
    },
    async getMapOwner(mapId) {
      return q.ownerGet.get(mapId)?.account_id ?? null;
    },
    async setMapOwner(mapId, accountId) {
      q.ownerSet.run(mapId, accountId);
    },
    async adoptMaps(mapIds, accountId) {
      return adoptTx(mapIds, accountId);
    },
    async listMapMembers(mapId) {
      return q.memberList.all(mapId).map((r) => ({ accountId: r.account_id, role: r.role }));
    },
    async setMapMember(mapId, accountId, role) {
      q.memberSet.run(mapId, accountId, role);
    },
    async removeMapMember(mapId, accountId) {
      return q.memberRemove.run(mapId, accountId).changes > 0;
    },
    async mapRolesOf(accountId) {
      const roles = new Map<string, ShareRole | 'owner'>();
      for (const r of q.membersOf.all(accountId)) roles.set(r.map_id, r.role);
      for (const r of q.ownersOf.all(accountId)) roles.set(r.map_id, 'owner');
      return roles;
    },
    async forgetMap(mapId) {
      forgetTx(mapId);
    },
    async appendAudit(e) {
      const seq = Number(
        q.auditInsert.run(
          new Date().toISOString(),
          e.action,
          e.actorId,
          e.actorRole,
          e.mapId,
          e.target,
          JSON.stringify(e.detail),
        ).lastInsertRowid,
      );
      return toAudit(q.auditGet.get(seq)!);
    },
    async listAudit({ limit, beforeSeq, action, actorId, since, until }) {
      const where = ['seq < ?'];
      const args: Array<string | number> = [beforeSeq ?? Number.MAX_SAFE_INTEGER];
      const add = (sql: string, value: string | undefined) => {
        if (!value) return;
        where.push(sql);
        args.push(value);
      };
      add('action = ?', action);
      add('actor_id = ?', actorId);
      add('at >= ?', since);
      add('at < ?', until);
      return db
        .prepare<Array<string | number>, AuditRow>(
          `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`,
        )
        .all(...args, limit)
        .map(toAudit);
    },
    async getSetting(key) {
      return q.settingGet.get(key)?.value ?? null;
    },
    async setSetting(key, value) {
      q.settingSet.run(key, value);
    },
    async close() {
      db.close();
    },
  };
}
