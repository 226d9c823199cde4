import pg from 'pg';

/** PostgreSQL server for tests (trust auth); override with TEST_PG_URL. */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Redis for tests; override with TEST_REDIS_URL. */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let counter = 0;
let swept = false;

/** Drops test databases that earlier runs left behind (older than an hour), once per process. */
async function sweepOldDatabases(admin: pg.Client): Promise<void> {
  if (swept) return;
  swept = true;
  const { rows } = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'jc\\_test\\_%'",
  );
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const { datname } of rows) {
    const created = Number(/^jc_test_\d+_(\d+)_\d+$/.exec(datname)?.[1]);
    if (Number.isFinite(created) && created < cutoff) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => {});
    }
  }
}

/** Creates an empty database for one test and returns its URL (a fresh schema each time). */
export async function freshPostgresDatabase(): Promise<string> {
  const name = `jc_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await sweepOldDatabases(admin);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
