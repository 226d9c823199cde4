import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
  HrSettingsSchema,
  type Competency,
  type MapAccess,
  type MapAssessment,
  type MapSummary,
  type ShareLink,
  type VersionSummary,
} from '@journeycraft/schema';
import type { Ballot, CompactionBasis, Storage, StoredDoc, VoteRound } from './types.js';
import { WalGroupCommit, type SyncFile } from './walCommit.js';

interface MapRow {
  id: string;
  title: string;
  access: MapAccess;
  created_at: string;
  updated_at: string;
}

const MIGRATIONS: string[] = [
  `CREATE TABLE maps (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     map_id TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX doc_updates_map ON doc_updates (map_id, seq);
   CREATE TABLE doc_snapshots (
     map_id TEXT PRIMARY KEY,
     data BLOB NOT NULL,
     version INTEGER NOT NULL
   );`,
  `CREATE TABLE library (
     id TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  `ALTER TABLE maps ADD COLUMN access TEXT NOT NULL DEFAULT 'open';
   CREATE TABLE share_links (
     id TEXT PRIMARY KEY,
     map_id TEXT NOT NULL,
     role TEXT NOT NULL,
     label TEXT NOT NULL,
     created_at TEXT NOT NULL,
     expires_at TEXT,
     revoked_at TEXT
   );
   CREATE INDEX share_links_map ON share_links (map_id);
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE versions (
     id TEXT PRIMARY KEY,
     map_id TEXT NOT NULL,
     name TEXT NOT NULL,
     auto INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     data BLOB NOT NULL
   );
   CREATE INDEX versions_map ON versions (map_id, created_at);`,
  `CREATE TABLE vote_rounds (
     id TEXT PRIMARY KEY,
     map_id TEXT NOT NULL,
     title TEXT NOT NULL,
     votes_per_person INTEGER NOT NULL,
     anonymous INTEGER NOT NULL,
     status TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE TABLE ballots (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     round_id TEXT NOT NULL,
     voter_key TEXT NOT NULL,
     voter_name TEXT,
     target_id TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX ballots_round ON ballots (round_id, voter_key);`,
  `CREATE TABLE assessments (
     map_id TEXT PRIMARY KEY,
     data TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
  `ALTER TABLE maps ADD COLUMN deleted_at TEXT;`,
];

interface RoundRow {
  id: string;
  map_id: string;
  title: string;
  votes_per_person: number;
  anonymous: number;
  status: VoteRound['status'];
  created_at: string;
}
const toRound = (r: RoundRow): VoteRound => ({
  id: r.id,
  mapId: r.map_id,
  title: r.title,
  votesPerPerson: r.votes_per_person,
  anonymous: r.anonymous === 1,
  status: r.status,
  createdAt: r.created_at,
});

interface LinkRow {
  id: string;
  map_id: string;
  role: ShareLink['role'];
  label: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}
const toLink = (r: LinkRow): ShareLink => ({
  id: r.id,
  mapId: r.map_id,
  role: r.role,
  label: r.label,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});
interface VersionRow {
  id: string;
  map_id: string;
  name: string;
  auto: number;
  created_at: string;
}
const toVersion = (r: VersionRow): VersionSummary => ({
  id: r.id,
  mapId: r.map_id,
  name: r.name,
  auto: r.auto === 1,
  createdAt: r.created_at,
});

function toSummary(row: MapRow): MapSummary {
  return { id: row.id, title: row.title, access: row.access, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Options of the SQLite store. */
export interface SqliteOptions {
  /** How the WAL file is flushed to disk (default: fdatasync on the thread pool); tests inject failures. */
  syncFile?: SyncFile;
}

/**
 * SQLite storage (better-sqlite3, WAL, synchronous=FULL): an append is on disk before its
 * promise resolves, so an acknowledged update survives kill -9 and power loss. Document appends
 * are committed on this thread and flushed with group commit (see WalGroupCommit); every other
 * write is fsynced by SQLite as it commits.
 * Pass ':memory:' as file for tests.
 */
export function openSqliteStorage(file: string, options: SqliteOptions = {}): Storage {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  const wal = db.pragma('journal_mode = WAL', { simple: true }) === 'wal';
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');

  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }

  const q = {
    list: db.prepare<[], MapRow>('SELECT * FROM maps WHERE deleted_at IS NULL ORDER BY updated_at DESC, id'),
    get: db.prepare<[string], MapRow>('SELECT * FROM maps WHERE id = ? AND deleted_at IS NULL'),
    trash: db.prepare('UPDATE maps SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
    untrash: db.prepare('UPDATE maps SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL'),
    listTrashed: db.prepare<[], MapRow & { deleted_at: string }>(
      'SELECT * FROM maps WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id',
    ),
    insertMap: db.prepare('INSERT INTO maps (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)'),
    setTitle: db.prepare('UPDATE maps SET title = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL'),
    touch: db.prepare('UPDATE maps SET updated_at = ? WHERE id = ?'),
    deleteMap: db.prepare('DELETE FROM maps WHERE id = ?'),
    assessmentsGet: db.prepare<[string], { data: string }>('SELECT data FROM assessments WHERE map_id = ?'),
    assessmentsPut: db.prepare(
      `INSERT INTO assessments (map_id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (map_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    ),
    assessmentsDelete: db.prepare('DELETE FROM assessments WHERE map_id = ?'),
    ballotsDeleteOfMap: db.prepare(
      'DELETE FROM ballots WHERE round_id IN (SELECT id FROM vote_rounds WHERE map_id = ?)',
    ),
    roundsDeleteOfMap: db.prepare('DELETE FROM vote_rounds WHERE map_id = ?'),
    tables: db.prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    ),
    deleteUpdates: db.prepare('DELETE FROM doc_updates WHERE map_id = ?'),
    deleteSnapshot: db.prepare('DELETE FROM doc_snapshots WHERE map_id = ?'),
    snapshot: db.prepare<[string], { data: Buffer; version: number }>(
      'SELECT data, version FROM doc_snapshots WHERE map_id = ?',
    ),
    snapshotVersion: db.prepare<[string], { version: number }>('SELECT version FROM doc_snapshots WHERE map_id = ?'),
    updates: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE map_id = ? ORDER BY seq',
    ),
    append: db.prepare('INSERT INTO doc_updates (map_id, data) VALUES (?, ?)'),
    upsertSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (map_id, data, version) VALUES (?, ?, ?)
       ON CONFLICT (map_id) DO UPDATE SET data = excluded.data, version = excluded.version`,
    ),
    prune: db.prepare('DELETE FROM doc_updates WHERE map_id = ? AND seq = ?'),
    libList: db.prepare<[], { data: string }>('SELECT data FROM library ORDER BY id'),
    libPut: db.prepare(
      `INSERT INTO library (id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    ),
    libDelete: db.prepare('DELETE FROM library WHERE id = ?'),
    setAccess: db.prepare('UPDATE maps SET access = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL'),
    linkInsert: db.prepare(
      'INSERT INTO share_links (id, map_id, role, label, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    linkList: db.prepare<[string], LinkRow>('SELECT * FROM share_links WHERE map_id = ? ORDER BY created_at, id'),
    linkGet: db.prepare<[string], LinkRow>('SELECT * FROM share_links WHERE id = ?'),
    linkRevoke: db.prepare('UPDATE share_links SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?'),
    linksDelete: db.prepare('DELETE FROM share_links WHERE map_id = ?'),
    settingInsert: db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)'),
    settingGet: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
    settingPut: db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    versionInsert: db.prepare(
      'INSERT INTO versions (id, map_id, name, auto, created_at, data) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    versionList: db.prepare<[string], VersionRow>(
      'SELECT id, map_id, name, auto, created_at FROM versions WHERE map_id = ? ORDER BY created_at DESC, id DESC',
    ),
    versionGet: db.prepare<[string, string], VersionRow & { data: Buffer }>(
      'SELECT * FROM versions WHERE map_id = ? AND id = ?',
    ),
    versionsDelete: db.prepare('DELETE FROM versions WHERE map_id = ?'),
    roundInsert: db.prepare(
      'INSERT INTO vote_rounds (id, map_id, title, votes_per_person, anonymous, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    roundGet: db.prepare<[string], RoundRow>('SELECT * FROM vote_rounds WHERE id = ?'),
    roundStatus: db.prepare('UPDATE vote_rounds SET status = ? WHERE id = ?'),
    ballotCount: db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM ballots WHERE round_id = ? AND voter_key = ?',
    ),
    ballotInsert: db.prepare(
      'INSERT INTO ballots (round_id, voter_key, voter_name, target_id, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    ballotDelete: db.prepare(
      'DELETE FROM ballots WHERE seq = (SELECT seq FROM ballots WHERE round_id = ? AND voter_key = ? AND target_id = ? ORDER BY seq DESC LIMIT 1)',
    ),
    ballotList: db.prepare<
      [string],
      { round_id: string; voter_key: string; voter_name: string | null; target_id: string; created_at: string }
    >('SELECT * FROM ballots WHERE round_id = ? ORDER BY seq'),
    count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE map_id = ?'),
  };

  const createTx = db.transaction((id: string, title: string, state: Uint8Array, now: string) => {
    q.insertMap.run(id, title, now, now);
    q.append.run(id, Buffer.from(state));
  });
  // A map's updated_at moves with its appends to the second: a live map does not rewrite its row
  // (one more page in the WAL) with every update.
  const touchedAt = new Map<string, number>();
  const appendTx = db.transaction((mapId: string, updates: Uint8Array[]) => {
    let seq = 0;
    for (const u of updates) seq = Number(q.append.run(mapId, Buffer.from(u)).lastInsertRowid);
    const now = Date.now();
    if (now - (touchedAt.get(mapId) ?? -Infinity) >= 1000) {
      q.touch.run(new Date(now).toISOString(), mapId);
      touchedAt.set(mapId, now);
    }
    return seq;
  });
  const compactTx = db.transaction((mapId: string, snapshot: Uint8Array, basis: CompactionBasis) => {
    const current = q.snapshotVersion.get(mapId)?.version ?? 0;
    if (current !== basis.snapshotVersion) return false;
    q.upsertSnapshot.run(mapId, Buffer.from(snapshot), current + 1);
    for (const seq of basis.seqs) q.prune.run(mapId, seq);
    return true;
  });
  const deleteTx = db.transaction((id: string) => {
    q.deleteUpdates.run(id);
    q.deleteSnapshot.run(id);
    q.linksDelete.run(id);
    q.versionsDelete.run(id);
    q.assessmentsDelete.run(id);
    q.ballotsDeleteOfMap.run(id);
    q.roundsDeleteOfMap.run(id);
    return q.deleteMap.run(id).changes > 0;
  });
  const libPutTx = db.transaction((entries: Competency[]) => {
    const now = new Date().toISOString();
    for (const e of entries) q.libPut.run(e.id, JSON.stringify(e), now);
  });
  const castTx = db.transaction((b: Ballot, max: number) => {
    const used = q.ballotCount.get(b.roundId, b.voterKey)!.n;
    if (used >= max) return { added: false, used };
    q.ballotInsert.run(b.roundId, b.voterKey, b.voterName, b.targetId, b.createdAt);
    return { added: true, used: used + 1 };
  });
  const u8 = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  // Document appends skip SQLite's fsync at commit and share one flush of the WAL instead.
  const groupCommit = wal ? new WalGroupCommit(`${file}-wal`, options.syncFile) : null;
  const syncNormal = db.prepare('PRAGMA synchronous = NORMAL');
  const syncFull = db.prepare('PRAGMA synchronous = FULL');

  return {
    kind: 'sqlite',
    async listMaps() {
      return q.list.all().map(toSummary);
    },
    async getMap(id) {
      const row = q.get.get(id);
      return row ? toSummary(row) : null;
    },
    async createMap({ id, title }, initialState) {
      createTx(id, title, initialState, new Date().toISOString());
      return toSummary(q.get.get(id)!);
    },
    async setMapTitle(id, title) {
      if (q.setTitle.run(title, new Date().toISOString(), id).changes === 0) return null;
      return toSummary(q.get.get(id)!);
    },
    async deleteMap(id) {
      touchedAt.delete(id);
      return deleteTx(id);
    },
    async trashMap(id) {
      return q.trash.run(new Date().toISOString(), id).changes > 0;
    },
    async listTrashedMaps() {
      return q.listTrashed.all().map((row) => ({ map: toSummary(row), deletedAt: row.deleted_at }));
    },
    async restoreMap(id) {
      if (q.untrash.run(id).changes === 0) return null;
      return toSummary(q.get.get(id)!);
    },
    async loadDoc(mapId): Promise<StoredDoc> {
      const snap = q.snapshot.get(mapId);
      const rows = q.updates.all(mapId);
      return {
        snapshot: snap ? u8(snap.data) : null,
        snapshotVersion: snap?.version ?? 0,
        updates: rows.map((r) => u8(r.data)),
        seqs: rows.map((r) => r.seq),
      };
    },
    async appendUpdates(mapId, updates) {
      if (!groupCommit) return appendTx(mapId, updates);
      groupCommit.check(); // nothing more is committed after a failed flush, or once closed
      syncNormal.run();
      let seq: number;
      try {
        seq = appendTx(mapId, updates);
      } finally {
        syncFull.run();
      }
      // Asked after the commit: the flush that answers started after these frames were written.
      await groupCommit.durable();
      return seq;
    },
    async compact(mapId, snapshot, basis) {
      // IMMEDIATE: another connection (instance) may append meanwhile; a read-then-write
      // transaction whose snapshot went stale would fail (SQLITE_BUSY_SNAPSHOT) instead of waiting.
      return compactTx.immediate(mapId, snapshot, basis);
    },
    async countUpdates(mapId) {
      return q.count.get(mapId)!.n;
    },
    async countRows() {
      const counts: Record<string, number> = {};
      for (const { name } of q.tables.all()) {
        counts[name] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n;
      }
      return counts;
    },
    async listLibrary() {
      return q.libList.all().map((r) => JSON.parse(r.data) as Competency);
    },
    async putLibrary(entries) {
      libPutTx(entries);
    },
    async deleteLibraryEntry(id) {
      return q.libDelete.run(id).changes > 0;
    },
    async getAssessments(mapId) {
      const row = q.assessmentsGet.get(mapId);
      return row ? (JSON.parse(row.data) as MapAssessment[]) : [];
    },
    async putAssessments(mapId, assessments) {
      if (assessments.length) q.assessmentsPut.run(mapId, JSON.stringify(assessments), new Date().toISOString());
      else q.assessmentsDelete.run(mapId);
    },
    async setMapAccess(id, access) {
      if (q.setAccess.run(access, new Date().toISOString(), id).changes === 0) return null;
      return toSummary(q.get.get(id)!);
    },
    async createShareLink(link) {
      q.linkInsert.run(link.id, link.mapId, link.role, link.label, link.createdAt, link.expiresAt, link.revokedAt);
      return link;
    },
    async listShareLinks(mapId) {
      return q.linkList.all(mapId).map(toLink);
    },
    async getShareLink(id) {
      const row = q.linkGet.get(id);
      return row ? toLink(row) : null;
    },
    async revokeShareLink(id) {
      q.linkRevoke.run(new Date().toISOString(), id);
      const row = q.linkGet.get(id);
      return row ? toLink(row) : null;
    },
    async getHrSettings() {
      const row = q.settingGet.get('hr');
      return row ? HrSettingsSchema.parse(JSON.parse(row.value)) : null;
    },
    async putHrSettings(settings) {
      q.settingPut.run('hr', JSON.stringify(settings));
    },
    async getSecret() {
      q.settingInsert.run('signing_secret', randomBytes(32).toString('base64url'));
      return q.settingGet.get('signing_secret')!.value;
    },
    async createVersion(version, state) {
      q.versionInsert.run(
        version.id,
        version.mapId,
        version.name,
        version.auto ? 1 : 0,
        version.createdAt,
        Buffer.from(state),
      );
      return version;
    },
    async listVersions(mapId) {
      return q.versionList.all(mapId).map(toVersion);
    },
    async getVersion(mapId, id) {
      const row = q.versionGet.get(mapId, id);
      return row ? { summary: toVersion(row), state: u8(row.data) } : null;
    },
    async createVoteRound(round) {
      q.roundInsert.run(
        round.id,
        round.mapId,
        round.title,
        round.votesPerPerson,
        round.anonymous ? 1 : 0,
        round.status,
        round.createdAt,
      );
      return round;
    },
    async getVoteRound(id) {
      const row = q.roundGet.get(id);
      return row ? toRound(row) : null;
    },
    async setVoteRoundStatus(id, status) {
      q.roundStatus.run(status, id);
      const row = q.roundGet.get(id);
      return row ? toRound(row) : null;
    },
    async castVote(ballot, max) {
      // IMMEDIATE: the write lock is taken before counting, so two processes on one file cannot
      // both count below the limit and both insert.
      return castTx.immediate(ballot, max);
    },
    async removeVote(roundId, voterKey, targetId) {
      return q.ballotDelete.run(roundId, voterKey, targetId).changes > 0;
    },
    async listBallots(roundId) {
      return q.ballotList.all(roundId).map((r) => ({
        roundId: r.round_id,
        voterKey: r.voter_key,
        voterName: r.voter_name,
        targetId: r.target_id,
        createdAt: r.created_at,
      }));
    },
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      await groupCommit?.close();
      db.close();
    },
  };
}
