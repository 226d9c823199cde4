import { openSqliteFile } from '../storage/sqliteFile.js';
import { imageInfoOf, type ImageRow, type ImageStore } from './types.js';

/** Image tables, numbered by `image_schema.version` (kept apart from the other stores' versions). */
const MIGRATIONS: string[] = [
  `CREATE TABLE images (
     map_id TEXT NOT NULL,
     id TEXT NOT NULL,
     type TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     bytes INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (map_id, id)
   );`,
];

/**
 * Pictures in the server's SQLite file (WAL, synchronous=FULL: a put is fsynced before it
 * resolves, so an acknowledged upload survives kill -9 and power loss). Its own connection and
 * schema version, like the account store; ':memory:' for tests.
 */
export function openSqliteImages(file: string): ImageStore {
  const db = openSqliteFile(file, 'image_schema', MIGRATIONS);

  const q = {
    insert: db.prepare(
      'INSERT INTO images (map_id, id, type, width, height, bytes, created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    get: db.prepare<[string, string], ImageRow & { data: Buffer }>('SELECT * FROM images WHERE map_id = ? AND id = ?'),
    usage: db.prepare<[string], { n: number; total: number | null }>(
      'SELECT COUNT(*) AS n, SUM(bytes) AS total FROM images WHERE map_id = ?',
    ),
    copy: db.prepare(
      `INSERT OR IGNORE INTO images (map_id, id, type, width, height, bytes, created_at, data)
       SELECT ?, id, type, width, height, bytes, created_at, data FROM images WHERE map_id = ?`,
    ),
    deleteMap: db.prepare('DELETE FROM images WHERE map_id = ?'),
    count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM images'),
  };

  return {
    kind: 'sqlite',
    async put(info, data) {
      q.insert.run(
        info.mapId,
        info.id,
        info.type,
        info.width,
        info.height,
        info.bytes,
        info.createdAt,
        Buffer.from(data),
      );
    },
    async get(mapId, id) {
      const row = q.get.get(mapId, id);
      return row
        ? { info: imageInfoOf(row), data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) }
        : null;
    },
    async usage(mapId) {
      const row = q.usage.get(mapId)!;
      return { count: row.n, bytes: row.total ?? 0 };
    },
    async copyMap(from, to) {
      return from === to ? 0 : q.copy.run(to, from).changes;
    },
    async deleteMap(mapId) {
      return q.deleteMap.run(mapId).changes;
    },
    async count() {
      return q.count.get()!.n;
    },
    async close() {
      db.close();
    },
  };
}
