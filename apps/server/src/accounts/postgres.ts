import pg from 'pg';
import type { AuditEntry, ShareRole, WorkspaceRole } from '@journeycraft/schema';
import { migratePostgres, pgTransaction } from '../storage/pg.js';
import type { AccountRecord, AccountStore, ApiTokenRecord, InvitationRecord, SessionRecord } from './types.js';

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS jc_accounts (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     password_hash TEXT,
     external_id TEXT UNIQUE,
     created_at TIMESTAMPTZ NOT NULL
   );
   CREATE TABLE IF NOT EXISTS jc_account_sessions (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL,
     revoked_at TIMESTAMPTZ
   );
   CREATE INDEX IF NOT EXISTS jc_account_sessions_account ON jc_account_sessions (account_id);
   CREATE TABLE IF NOT EXISTS jc_api_tokens (
     id TEXT PRIMARY KEY,
     account_id TEXT NOT NULL,
     name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE,
     created_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ,
     revoked_at TIMESTAMPTZ
   );
   CREATE TABLE IF NOT EXISTS jc_invitations (
     id TEXT PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL,
     email TEXT,
     created_by TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ NOT NULL,
     used_at TIMESTAMPTZ,
     revoked_at TIMESTAMPTZ
   );
   CREATE TABLE IF NOT EXISTS jc_map_owners (map_id TEXT PRIMARY KEY, account_id TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS jc_map_members (
     map_id TEXT NOT NULL,
     account_id TEXT NOT NULL,
     role TEXT NOT NULL,
     PRIMARY KEY (map_id, account_id)
   );
   CREATE INDEX IF NOT EXISTS jc_map_members_account ON jc_map_members (account_id);
   CREATE TABLE IF NOT EXISTS jc_audit_log (
     seq BIGSERIAL PRIMARY KEY,
     at TIMESTAMPTZ NOT NULL DEFAULT now(),
     action TEXT NOT NULL,
     actor_id TEXT,
     actor_role TEXT,
     map_id TEXT,
     target TEXT,
     detail JSONB NOT NULL
   );
   CREATE OR REPLACE FUNCTION jc_audit_log_append_only() RETURNS trigger AS $$
     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql;
   DROP TRIGGER IF EXISTS jc_audit_log_no_change ON jc_audit_log;
   CREATE TRIGGER jc_audit_log_no_change BEFORE UPDATE OR DELETE ON jc_audit_log
     FOR EACH ROW EXECUTE FUNCTION jc_audit_log_append_only();`,
  `CREATE TABLE IF NOT EXISTS jc_workspace_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE INDEX IF NOT EXISTS jc_audit_log_action ON jc_audit_log (action, seq);`,
];

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: WorkspaceRole;
  password_hash: string | null;
  external_id: string | null;
  created_at: Date;
}
const toAccount = (r: AccountRow): AccountRecord => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  externalId: r.external_id,
  createdAt: r.created_at.toISOString(),
});
interface SessionRow {
  id: string;
  account_id: string;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}
const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  accountId: r.account_id,
  tokenHash: r.token_hash,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  revokedAt: iso(r.revoked_at),
});
interface TokenRow {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}
const toToken = (r: TokenRow): ApiTokenRecord => ({
  id: r.id,
  accountId: r.account_id,
  name: r.name,
  tokenHash: r.token_hash,
  createdAt: r.created_at.toISOString(),
  expiresAt: iso(r.expires_at),
  revokedAt: iso(r.revoked_at),
});
interface InvitationRow {
  id: string;
  token_hash: string;
  role: WorkspaceRole;
  email: string | null;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}
const toInvitation = (r: InvitationRow): InvitationRecord => ({
  id: r.id,
  tokenHash: r.token_hash,
  role: r.role,
  email: r.email,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  usedAt: iso(r.used_at),
  revokedAt: iso(r.revoked_at),
});
interface AuditRow {
  seq: string;
  at: Date;
  action: AuditEntry['action'];
  actor_id: string | null;
  actor_role: string | null;
  map_id: string | null;
  target: string | null;
  detail: AuditEntry['detail'];
}
const toAudit = (r: AuditRow): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at.toISOString(),
  action: r.action,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  mapId: r.map_id,
  target: r.target,
  detail: r.detail,
});

const insertAccountSql =
  'INSERT INTO jc_accounts (id, email, name, role, password_hash, external_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)';
const accountParams = (a: AccountRecord) => [a.id, a.email, a.name, a.role, a.passwordHash, a.externalId, a.createdAt];

/** Account store in PostgreSQL (the scale-out mode): same contract as SQLite. */
export async function openPostgresAccounts(connectionString: string, poolSize = 5): Promise<AccountStore> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => {});
  await migratePostgres(pool, 73110002, 'jc_account_schema', MIGRATIONS);
  const one = async <R extends pg.QueryResultRow, T>(sql: string, params: unknown[], map: (r: R) => T) => {
    const { rows } = await pool.query<R>(sql, params);
    return rows[0] ? map(rows[0]) : null;
  };

  return {
    kind: 'postgres',
    async countAccounts() {
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM jc_accounts');
      return Number(rows[0]!.n);
    },
    async createAccount(account, opts = {}) {
      return pgTransaction(pool, async (c) => {
        if (opts.onlyIfEmpty) {
          // Serializes first-visitor set-ups across instances.
          await c.query('LOCK TABLE jc_accounts IN EXCLUSIVE MODE');
          const { rows } = await c.query<{ n: string }>('SELECT COUNT(*) AS n FROM jc_accounts');
          if (Number(rows[0]!.n) > 0) return null;
        }
        await c.query(insertAccountSql, accountParams(account));
        return account;
      });
    },
    getAccount: (id) => one('SELECT * FROM jc_accounts WHERE id = $1', [id], toAccount),
    getAccountByEmail: (email) => one('SELECT * FROM jc_accounts WHERE email = $1', [email], toAccount),
    getAccountByExternalId: (ext) => one('SELECT * FROM jc_accounts WHERE external_id = $1', [ext], toAccount),
    async listAccounts() {
      const { rows } = await pool.query<AccountRow>('SELECT * FROM jc_accounts ORDER BY created_at, id');
      return rows.map(toAccount);
    },
    setWorkspaceRole: (id, role) =>
      one('UPDATE jc_accounts SET role = $1 WHERE id = $2 RETURNING *', [role, id], toAccount),
    async setPasswordHash(id, hash) {
      await pool.query('UPDATE jc_accounts SET password_hash = $1 WHERE id = $2', [hash, id]);
    },
    async deleteAccount(id) {
      return pgTransaction(pool, async (c) => {
        await c.query('DELETE FROM jc_account_sessions WHERE account_id = $1', [id]);
        await c.query('DELETE FROM jc_api_tokens WHERE account_id = $1', [id]);
        await c.query('DELETE FROM jc_map_members WHERE account_id = $1', [id]);
        return ((await c.query('DELETE FROM jc_accounts WHERE id = $1', [id])).rowCount ?? 0) > 0;
      });
    },
    async createSession(s) {
      await pool.query(
        'INSERT INTO jc_account_sessions (id, account_id, token_hash, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [s.id, s.accountId, s.tokenHash, s.createdAt, s.expiresAt, s.revokedAt],
      );
    },
    getSessionByHash: (h) => one('SELECT * FROM jc_account_sessions WHERE token_hash = $1', [h], toSession),
    getSession: (id) => one('SELECT * FROM jc_account_sessions WHERE id = $1', [id], toSession),
    async listSessions(accountId) {
      const { rows } = await pool.query<SessionRow>(
        'SELECT * FROM jc_account_sessions WHERE account_id = $1 ORDER BY created_at, id',
        [accountId],
      );
      return rows.map(toSession);
    },
    revokeSession: (id) =>
      one(
        'UPDATE jc_account_sessions SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING *',
        [id],
        toSession,
      ),
    async createApiToken(t) {
      await pool.query(
        'INSERT INTO jc_api_tokens (id, account_id, name, token_hash, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [t.id, t.accountId, t.name, t.tokenHash, t.createdAt, t.expiresAt, t.revokedAt],
      );
    },
    getApiTokenByHash: (h) => one('SELECT * FROM jc_api_tokens WHERE token_hash = $1', [h], toToken),
    async listApiTokens(accountId) {
      const { rows } = await pool.query<TokenRow>(
        'SELECT * FROM jc_api_tokens WHERE account_id = $1 ORDER BY created_at, id',
        [accountId],
      );
      return rows.map(toToken);
    },
    revokeApiToken: (id) =>
      one('UPDATE jc_api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING *', [id], toToken),
    async createInvitation(i) {
      await pool.query(
        'INSERT INTO jc_invitations (id, token_hash, role, email, created_by, created_at, expires_at, used_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        [i.id, i.tokenHash, i.role, i.email, i.createdBy, i.createdAt, i.expiresAt, i.usedAt, i.revokedAt],
      );
    },
    getInvitationByHash: (h) => one('SELECT * FROM jc_invitations WHERE token_hash = $1', [h], toInvitation),
    async listInvitations() {
      const { rows } = await pool.query<InvitationRow>('SELECT * FROM jc_invitations ORDER BY created_at DESC, id');
      return rows.map(toInvitation);
    },
    revokeInvitation: (id) =>
      one(
        'UPDATE jc_invitations SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING *',
        [id],
        toInvitation,
      ),
    async acceptInvitation(invitationId, account) {
      return pgTransaction(pool, async (c) => {
        const used = await c.query(
          'UPDATE jc_invitations SET used_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL',
          [invitationId],
        );
        if (!used.rowCount) return null;
        await c.query(insertAccountSql, accountParams(account));
        return account;
      });
    },
    async getMapOwner(mapId) {
      return one<{ account_id: string }, string>(
        'SELECT account_id FROM jc_map_owners WHERE map_id = $1',
        [mapId],
        (r) => r.account_id,
      );
    },
    async setMapOwner(mapId, accountId) {
      await pool.query(
        'INSERT INTO jc_map_owners (map_id, account_id) VALUES ($1, $2) ON CONFLICT (map_id) DO UPDATE SET account_id = excluded.account_id',
        [mapId, accountId],
      );
    },
    async adoptMaps(mapIds, accountId) {
      if (!mapIds.length) return 0;
      const res = await pool.query(
        'INSERT INTO jc_map_owners (map_id, account_id) SELECT unnest($1::text[]), $2 ON CONFLICT (map_id) DO NOTHING',
        [mapIds, accountId],
      );
      return res.rowCount ?? 0;
    },
    async listMapMembers(mapId) {
      const { rows } = await pool.query<{ account_id: string; role: ShareRole }>(
        'SELECT account_id, role FROM jc_map_members WHERE map_id = $1 ORDER BY account_id',
        [mapId],
      );
      return rows.map((r) => ({ accountId: r.account_id, role: r.role }));
    },
    async setMapMember(mapId, accountId, role) {
      await pool.query(
        'INSERT INTO jc_map_members (map_id, account_id, role) VALUES ($1, $2, $3) ON CONFLICT (map_id, account_id) DO UPDATE SET role = excluded.role',
        [mapId, accountId, role],
      );
    },
    async removeMapMember(mapId, accountId) {
      const res = await pool.query('DELETE FROM jc_map_members WHERE map_id = $1 AND account_id = $2', [
        mapId,
        accountId,
      ]);
      return (res.rowCount ?? 0) > 0;
    },
    async mapRolesOf(accountId) {
      const roles = new Map<string, ShareRole | 'owner'>();
      const members = await pool.query<{ map_id: string; role: ShareRole }>(
        'SELECT map_id, role FROM jc_map_members WHERE account_id = $1',
        [accountId],
      );
      for (const r of members.rows) roles.set(r.map_id, r.role);
      const owned = await pool.query<{ map_id: string }>('SELECT map_id FROM jc_map_owners WHERE account_id = $1', [
        accountId,
      ]);
      for (const r of owned.rows) roles.set(r.map_id, 'owner');
      return roles;
    },
    async forgetMap(mapId) {
      await pgTransaction(pool, async (c) => {
        await c.query('DELETE FROM jc_map_owners WHERE map_id = $1', [mapId]);
        await c.query('DELETE FROM jc_map_members WHERE map_id = $1', [mapId]);
      });
    },
    async appendAudit(e) {
      const { rows } = await pool.query<AuditRow>(
        'INSERT INTO jc_audit_log (action, actor_id, actor_role, map_id, target, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
        [e.action, e.actorId, e.actorRole, e.mapId, e.target, JSON.stringify(e.detail)],
      );
      return toAudit(rows[0]!);
    },
    async listAudit({ limit, beforeSeq, action, actorId, since, until }) {
      const args: Array<string | number> = [beforeSeq ?? Number.MAX_SAFE_INTEGER];
      const where = ['seq < $1'];
      const add = (sql: string, value: string) => {
        args.push(value);
        where.push(`${sql} $${args.length}`);
      };
      if (action) add('action =', action);
      if (actorId) add('actor_id =', actorId);
      if (since) add('at >=', since);
      if (until) add('at <', until);
      args.push(limit);
      const { rows } = await pool.query<AuditRow>(
        `SELECT * FROM jc_audit_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT $${args.length}`,
        args,
      );
      return rows.map(toAudit);
    },
    async getSetting(key) {
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM jc_workspace_settings WHERE key = $1', [
        key,
      ]);
      return rows[0]?.value ?? null;
    },
    async setSetting(key, value) {
      await pool.query(
        'INSERT INTO jc_workspace_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
    async close() {
      await pool.end();
    },
  };
}
