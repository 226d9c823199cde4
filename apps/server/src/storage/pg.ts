import type pg from 'pg';

/**
 * Runs `migrations` once per database under an advisory lock (safe with many instances),
 * counting them in `versionTable`.
 */
export async function migratePostgres(
  pool: pg.Pool,
  lockId: number,
  versionTable: string,
  migrations: readonly string[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [lockId]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${versionTable} (version INT NOT NULL)`);
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${versionTable}`);
    let version = rows[0]?.version ?? 0;
    if (!rows.length) await client.query(`INSERT INTO ${versionTable} (version) VALUES (0)`);
    for (; version < migrations.length; version++) {
      await client.query('BEGIN');
      await client.query(migrations[version]!);
      await client.query(`UPDATE ${versionTable} SET version = $1`, [version + 1]);
      await client.query('COMMIT');
    }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lockId]).catch(() => {});
    client.release();
  }
}

/** Runs `fn` in one transaction on one pooled client (rolled back when it throws). */
export async function pgTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const value = await fn(client);
    await client.query('COMMIT');
    return value;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
