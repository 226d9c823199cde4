import pg from 'pg';
import { randomBytes } from 'node:crypto';
import {
  HrSettingsSchema,
  type Competency,
  type MapAssessment,
  type MapAccess,
  type MapSummary,
  type ShareLink,
  type VersionSummary,
} from '@journeycraft/schema';
import type { Storage, StoredDoc, VoteRound } from './types.js';
import { migratePostgres, pgTransaction } from './pg.js';

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS jc_maps (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL
   );
   CREATE TABLE IF NOT EXISTS jc_doc_updates (
     seq BIGSERIAL PRIMARY KEY,
     map_id TEXT NOT NULL,
     data BYTEA NOT NULL
   );
   CREATE INDEX IF NOT EXISTS jc_doc_updates_map ON jc_doc_updates (map_id, seq);
   CREATE TABLE IF NOT EXISTS jc_doc_snapshots (
     map_id TEXT PRIMARY KEY,
     data BYTEA NOT NULL,
     version INT NOT NULL
   );`,
  `CREATE TABLE IF NOT EXISTS jc_library (
     id TEXT PRIMARY KEY,
     data JSONB NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
   );`,
  `ALTER TABLE jc_maps ADD COLUMN IF NOT EXISTS access TEXT NOT NULL DEFAULT 'open';
   CREATE TABLE IF NOT EXISTS jc_share_links (
     id TEXT PRIMARY KEY,
     map_id TEXT NOT NULL,
     role TEXT NOT NULL,
     label TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     expires_at TIMESTAMPTZ,
     revoked_at TIMESTAMPTZ
   );
   CREATE INDEX IF NOT EXISTS jc_share_links_map ON jc_share_links (map_id);
   CREATE TABLE IF NOT EXISTS jc_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE IF NOT EXISTS jc_versions (
     id TEXT PRIMARY KEY,
     map_id TEXT NOT NULL,
     name TEXT NOT NULL,
     auto BOOLEAN NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     data BYTEA NOT NULL
   );
   CREATE INDEX IF NOT EXISTS jc_versions_map ON jc_versions (map_id, created_at);`,
  `CREATE TABLE IF NOT EXISTS jc_vote_rounds (
     id TEXT PRIMARY KEY,
     map_id TEXT NOT NULL,
     title TEXT NOT NULL,
     votes_per_person INT NOT NULL,
     anonymous BOOLEAN NOT NULL,
     status TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL
   );
   CREATE TABLE IF NOT EXISTS jc_ballots (
     seq BIGSERIAL PRIMARY KEY,
     round_id TEXT NOT NULL,
     voter_key TEXT NOT NULL,
     voter_name TEXT,
     target_id TEXT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL
   );
   CREATE INDEX IF NOT EXISTS jc_ballots_round ON jc_ballots (round_id, voter_key);`,
  `CREATE TABLE IF NOT EXISTS jc_assessments (
     map_id TEXT PRIMARY KEY,
     data JSONB NOT NULL,
     updated_at TIMESTAMPTZ NOT NULL
   );`,
  `ALTER TABLE jc_maps ADD COLUMN IF NOT EXISTS deleted_at TIMESTAMPTZ;`,
];

interface RoundRow {
  id: string;
  map_id: string;
  title: string;
  votes_per_person: number;
  anonymous: boolean;
  status: VoteRound['status'];
  created_at: Date;
}
const toRound = (r: RoundRow): VoteRound => ({
  id: r.id,
  mapId: r.map_id,
  title: r.title,
  votesPerPerson: r.votes_per_person,
  anonymous: r.anonymous,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

interface LinkRow {
  id: string;
  map_id: string;
  role: ShareLink['role'];
  label: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}
const toLink = (r: LinkRow): ShareLink => ({
  id: r.id,
  mapId: r.map_id,
  role: r.role,
  label: r.label,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at ? r.expires_at.toISOString() : null,
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
});
interface VersionRow {
  id: string;
  map_id: string;
  name: string;
  auto: boolean;
  created_at: Date;
}
const toVersion = (r: VersionRow): VersionSummary => ({
  id: r.id,
  mapId: r.map_id,
  name: r.name,
  auto: r.auto,
  createdAt: r.created_at.toISOString(),
});

interface MapRow {
  id: string;
  title: string;
  access: MapAccess;
  created_at: Date;
  updated_at: Date;
}

function toSummary(row: MapRow): MapSummary {
  return {
    id: row.id,
    title: row.title,
    access: row.access,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

class CompactionConflict extends Error {}

const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * PostgreSQL storage (selected by DATABASE_URL). Same contract as SQLite: an append is
 * committed before its promise resolves; compaction replaces the snapshot and prunes
 * exactly the updates it folded, in one transaction. Migrations run on open.
 */
export async function openPostgresStorage(connectionString: string, poolSize = 10): Promise<Storage> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => {}); // idle client errors surface on the next query instead
  await migratePostgres(pool, 73110001, 'jc_schema_version', MIGRATIONS);

  return {
    kind: 'postgres',
    async listMaps() {
      const { rows } = await pool.query<MapRow>(
        'SELECT * FROM jc_maps WHERE deleted_at IS NULL ORDER BY updated_at DESC, id',
      );
      return rows.map(toSummary);
    },
    async getMap(id) {
      const { rows } = await pool.query<MapRow>('SELECT * FROM jc_maps WHERE id = $1 AND deleted_at IS NULL', [id]);
      return rows[0] ? toSummary(rows[0]) : null;
    },
    async createMap({ id, title }, initialState) {
      return pgTransaction(pool, async (c) => {
        const now = new Date();
        const { rows } = await c.query<MapRow>(
          'INSERT INTO jc_maps (id, title, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING *',
          [id, title, now],
        );
        await c.query('INSERT INTO jc_doc_updates (map_id, data) VALUES ($1, $2)', [id, Buffer.from(initialState)]);
        return toSummary(rows[0]!);
      });
    },
    async trashMap(id) {
      const res = await pool.query('UPDATE jc_maps SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL', [id]);
      return (res.rowCount ?? 0) > 0;
    },
    async listTrashedMaps() {
      const { rows } = await pool.query<MapRow & { deleted_at: Date }>(
        'SELECT * FROM jc_maps WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id',
      );
      return rows.map((row) => ({ map: toSummary(row), deletedAt: row.deleted_at.toISOString() }));
    },
    async restoreMap(id) {
      const { rows } = await pool.query<MapRow>(
        'UPDATE jc_maps SET deleted_at = NULL WHERE id = $1 AND deleted_at IS NOT NULL RETURNING *',
        [id],
      );
      return rows[0] ? toSummary(rows[0]) : null;
    },
    async setMapTitle(id, title) {
      const { rows } = await pool.query<MapRow>(
        'UPDATE jc_maps SET title = $1, updated_at = now() WHERE id = $2 AND deleted_at IS NULL RETURNING *',
        [title, id],
      );
      return rows[0] ? toSummary(rows[0]) : null;
    },
    async deleteMap(id) {
      return pgTransaction(pool, async (c) => {
        await c.query('DELETE FROM jc_doc_updates WHERE map_id = $1', [id]);
        await c.query('DELETE FROM jc_doc_snapshots WHERE map_id = $1', [id]);
        await c.query('DELETE FROM jc_share_links WHERE map_id = $1', [id]);
        await c.query('DELETE FROM jc_versions WHERE map_id = $1', [id]);
        await c.query('DELETE FROM jc_assessments WHERE map_id = $1', [id]);
        await c.query('DELETE FROM jc_ballots WHERE round_id IN (SELECT id FROM jc_vote_rounds WHERE map_id = $1)', [
          id,
        ]);
        await c.query('DELETE FROM jc_vote_rounds WHERE map_id = $1', [id]);
        const res = await c.query('DELETE FROM jc_maps WHERE id = $1', [id]);
        return (res.rowCount ?? 0) > 0;
      });
    },
    async loadDoc(mapId): Promise<StoredDoc> {
      // One repeatable-read transaction: the snapshot and the updates after it are consistent.
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const snap = await client.query<{ data: Buffer; version: number }>(
          'SELECT data, version FROM jc_doc_snapshots WHERE map_id = $1',
          [mapId],
        );
        const ups = await client.query<{ seq: string; data: Buffer }>(
          'SELECT seq, data FROM jc_doc_updates WHERE map_id = $1 ORDER BY seq',
          [mapId],
        );
        await client.query('COMMIT');
        return {
          snapshot: snap.rows[0] ? u8(snap.rows[0].data) : null,
          snapshotVersion: snap.rows[0]?.version ?? 0,
          updates: ups.rows.map((r) => u8(r.data)),
          seqs: ups.rows.map((r) => Number(r.seq)),
        };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async appendUpdates(mapId, updates) {
      return pgTransaction(pool, async (c) => {
        const { rows } = await c.query<{ seq: string }>(
          'INSERT INTO jc_doc_updates (map_id, data) SELECT $1, unnest($2::bytea[]) RETURNING seq',
          [mapId, updates.map((u) => Buffer.from(u))],
        );
        await c.query('UPDATE jc_maps SET updated_at = now() WHERE id = $1', [mapId]);
        return Math.max(...rows.map((r) => Number(r.seq)));
      });
    },
    async compact(mapId, snapshot, basis) {
      try {
        return await pgTransaction(pool, async (c) => {
          const data = Buffer.from(snapshot);
          const res =
            basis.snapshotVersion === 0
              ? await c.query(
                  'INSERT INTO jc_doc_snapshots (map_id, data, version) VALUES ($1, $2, 1) ON CONFLICT (map_id) DO NOTHING',
                  [mapId, data],
                )
              : await c.query(
                  'UPDATE jc_doc_snapshots SET data = $2, version = version + 1 WHERE map_id = $1 AND version = $3',
                  [mapId, data, basis.snapshotVersion],
                );
          if (res.rowCount !== 1) throw new CompactionConflict();
          // Delete exactly the folded rows: a row with a lower seq committed later is kept.
          await c.query('DELETE FROM jc_doc_updates WHERE map_id = $1 AND seq = ANY($2::bigint[])', [
            mapId,
            basis.seqs,
          ]);
          return true;
        });
      } catch (err) {
        if (err instanceof CompactionConflict) return false;
        throw err;
      }
    },
    async countUpdates(mapId) {
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM jc_doc_updates WHERE map_id = $1', [
        mapId,
      ]);
      return Number(rows[0]!.n);
    },
    async countRows() {
      const { rows: tables } = await pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const counts: Record<string, number> = {};
      for (const { table_name: name } of tables) {
        const { rows } = await pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`);
        counts[name] = Number(rows[0]!.n);
      }
      return counts;
    },
    async listLibrary() {
      const { rows } = await pool.query<{ data: Competency }>('SELECT data FROM jc_library ORDER BY id');
      return rows.map((r) => r.data);
    },
    async putLibrary(entries) {
      await pgTransaction(pool, async (c) => {
        for (const e of entries) {
          await c.query(
            `INSERT INTO jc_library (id, data, updated_at) VALUES ($1, $2, now())
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = now()`,
            [e.id, JSON.stringify(e)],
          );
        }
      });
    },
    async deleteLibraryEntry(id) {
      const res = await pool.query('DELETE FROM jc_library WHERE id = $1', [id]);
      return (res.rowCount ?? 0) > 0;
    },
    async getAssessments(mapId) {
      const { rows } = await pool.query<{ data: MapAssessment[] }>(
        'SELECT data FROM jc_assessments WHERE map_id = $1',
        [mapId],
      );
      return rows[0]?.data ?? [];
    },
    async putAssessments(mapId, assessments) {
      if (!assessments.length) {
        await pool.query('DELETE FROM jc_assessments WHERE map_id = $1', [mapId]);
        return;
      }
      await pool.query(
        `INSERT INTO jc_assessments (map_id, data, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (map_id) DO UPDATE SET data = excluded.data, updated_at = now()`,
        [mapId, JSON.stringify(assessments)],
      );
    },
    async setMapAccess(id, access) {
      const { rows } = await pool.query<MapRow>(
        'UPDATE jc_maps SET access = $1, updated_at = now() WHERE id = $2 AND deleted_at IS NULL RETURNING *',
        [access, id],
      );
      return rows[0] ? toSummary(rows[0]) : null;
    },
    async createShareLink(link) {
      await pool.query(
        'INSERT INTO jc_share_links (id, map_id, role, label, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [link.id, link.mapId, link.role, link.label, link.createdAt, link.expiresAt, link.revokedAt],
      );
      return link;
    },
    async listShareLinks(mapId) {
      const { rows } = await pool.query<LinkRow>(
        'SELECT * FROM jc_share_links WHERE map_id = $1 ORDER BY created_at, id',
        [mapId],
      );
      return rows.map(toLink);
    },
    async getShareLink(id) {
      const { rows } = await pool.query<LinkRow>('SELECT * FROM jc_share_links WHERE id = $1', [id]);
      return rows[0] ? toLink(rows[0]) : null;
    },
    async revokeShareLink(id) {
      const { rows } = await pool.query<LinkRow>(
        'UPDATE jc_share_links SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING *',
        [id],
      );
      return rows[0] ? toLink(rows[0]) : null;
    },
    async getHrSettings() {
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM jc_settings WHERE key = $1', ['hr']);
      return rows[0] ? HrSettingsSchema.parse(JSON.parse(rows[0].value)) : null;
    },
    async putHrSettings(settings) {
      await pool.query(
        'INSERT INTO jc_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        ['hr', JSON.stringify(settings)],
      );
    },
    async getSecret() {
      await pool.query('INSERT INTO jc_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
        'signing_secret',
        randomBytes(32).toString('base64url'),
      ]);
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM jc_settings WHERE key = $1', [
        'signing_secret',
      ]);
      return rows[0]!.value;
    },
    async createVersion(version, state) {
      await pool.query(
        'INSERT INTO jc_versions (id, map_id, name, auto, created_at, data) VALUES ($1, $2, $3, $4, $5, $6)',
        [version.id, version.mapId, version.name, version.auto, version.createdAt, Buffer.from(state)],
      );
      return version;
    },
    async listVersions(mapId) {
      const { rows } = await pool.query<VersionRow>(
        'SELECT id, map_id, name, auto, created_at FROM jc_versions WHERE map_id = $1 ORDER BY created_at DESC, id DESC',
        [mapId],
      );
      return rows.map(toVersion);
    },
    async getVersion(mapId, id) {
      const { rows } = await pool.query<VersionRow & { data: Buffer }>(
        'SELECT * FROM jc_versions WHERE map_id = $1 AND id = $2',
        [mapId, id],
      );
      return rows[0] ? { summary: toVersion(rows[0]), state: u8(rows[0].data) } : null;
    },
    async createVoteRound(round) {
      await pool.query(
        'INSERT INTO jc_vote_rounds (id, map_id, title, votes_per_person, anonymous, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [round.id, round.mapId, round.title, round.votesPerPerson, round.anonymous, round.status, round.createdAt],
      );
      return round;
    },
    async getVoteRound(id) {
      const { rows } = await pool.query<RoundRow>('SELECT * FROM jc_vote_rounds WHERE id = $1', [id]);
      return rows[0] ? toRound(rows[0]) : null;
    },
    async setVoteRoundStatus(id, status) {
      const { rows } = await pool.query<RoundRow>('UPDATE jc_vote_rounds SET status = $1 WHERE id = $2 RETURNING *', [
        status,
        id,
      ]);
      return rows[0] ? toRound(rows[0]) : null;
    },
    async castVote(ballot, max) {
      return pgTransaction(pool, async (c) => {
        // Lock the round row so two ballots of one voter cannot both pass the count.
        await c.query('SELECT id FROM jc_vote_rounds WHERE id = $1 FOR UPDATE', [ballot.roundId]);
        const { rows } = await c.query<{ n: string }>(
          'SELECT COUNT(*) AS n FROM jc_ballots WHERE round_id = $1 AND voter_key = $2',
          [ballot.roundId, ballot.voterKey],
        );
        const used = Number(rows[0]!.n);
        if (used >= max) return { added: false, used };
        await c.query(
          'INSERT INTO jc_ballots (round_id, voter_key, voter_name, target_id, created_at) VALUES ($1, $2, $3, $4, $5)',
          [ballot.roundId, ballot.voterKey, ballot.voterName, ballot.targetId, ballot.createdAt],
        );
        return { added: true, used: used + 1 };
      });
    },
    async removeVote(roundId, voterKey, targetId) {
      const res = await pool.query(
        `DELETE FROM jc_ballots WHERE seq = (SELECT seq FROM jc_ballots
           WHERE round_id = $1 AND voter_key = $2 AND target_id = $3 ORDER BY seq DESC LIMIT 1)`,
        [roundId, voterKey, targetId],
      );
      return (res.rowCount ?? 0) > 0;
    },
    async listBallots(roundId) {
      const { rows } = await pool.query<{
        round_id: string;
        voter_key: string;
        voter_name: string | null;
        target_id: string;
        created_at: Date;
      }>('SELECT * FROM jc_ballots WHERE round_id = $1 ORDER BY seq', [roundId]);
      return rows.map((r) => ({
        roundId: r.round_id,
        voterKey: r.voter_key,
        voterName: r.voter_name,
        targetId: r.target_id,
        createdAt: r.created_at.toISOString(),
      }));
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}
