import pg from 'pg';
import { migratePostgres } from '../storage/pg.js';
import { imageInfoOf, type ImageRow, type ImageStore } from './types.js';

const MIGRATIONS: string[] = [
  `CREATE TABLE IF NOT EXISTS jc_images (
     map_id TEXT NOT NULL,
     id TEXT NOT NULL,
     type TEXT NOT NULL,
     width INT NOT NULL,
     height INT NOT NULL,
     bytes INT NOT NULL,
     created_at TIMESTAMPTZ NOT NULL,
     data BYTEA NOT NULL,
     PRIMARY KEY (map_id, id)
   );`,
];

/** Pictures in PostgreSQL (selected by DATABASE_URL): a put is committed before it resolves. */
export async function openPostgresImages(connectionString: string, poolSize = 4): Promise<ImageStore> {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  pool.on('error', () => {}); // idle client errors surface on the next query instead
  await migratePostgres(pool, 73110003, 'jc_image_schema', MIGRATIONS);
  return {
    kind: 'postgres',
    async put(info, data) {
      await pool.query(
        'INSERT INTO jc_images (map_id, id, type, width, height, bytes, created_at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [info.mapId, info.id, info.type, info.width, info.height, info.bytes, info.createdAt, Buffer.from(data)],
      );
    },
    async get(mapId, id) {
      const { rows } = await pool.query<ImageRow & { data: Buffer }>(
        'SELECT * FROM jc_images WHERE map_id = $1 AND id = $2',
        [mapId, id],
      );
      const row = rows[0];
      return row
        ? { info: imageInfoOf(row), data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) }
        : null;
    },
    async usage(mapId) {
      const { rows } = await pool.query<{ n: string; total: string | null }>(
        'SELECT COUNT(*) AS n, SUM(bytes) AS total FROM jc_images WHERE map_id = $1',
        [mapId],
      );
      return { count: Number(rows[0]!.n), bytes: Number(rows[0]!.total ?? 0) };
    },
    async copyMap(from, to) {
      if (from === to) return 0;
      const res = await pool.query(
        `INSERT INTO jc_images (map_id, id, type, width, height, bytes, created_at, data)
         SELECT $1, id, type, width, height, bytes, created_at, data FROM jc_images WHERE map_id = $2
         ON CONFLICT DO NOTHING`,
        [to, from],
      );
      return res.rowCount ?? 0;
    },
    async deleteMap(mapId) {
      const res = await pool.query('DELETE FROM jc_images WHERE map_id = $1', [mapId]);
      return res.rowCount ?? 0;
    },
    async count() {
      const { rows } = await pool.query<{ n: string }>('SELECT COUNT(*) AS n FROM jc_images');
      return Number(rows[0]!.n);
    },
    async close() {
      await pool.end();
    },
  };
}
