import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Opens a connection to the server's SQLite file as every store does (WAL, fsync on commit, waits
 * up to 5 s for a lock) and runs `migrations` once, counted in `versionTable` (each store keeps
 * its own counter, apart from the document store's user_version). ':memory:' for tests.
 */
export function openSqliteFile(file: string, versionTable: string, migrations: readonly string[]): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${versionTable} (version INTEGER NOT NULL)`);
    const row = db.prepare<[], { version: number }>(`SELECT version FROM ${versionTable}`).get();
    if (!row) db.exec(`INSERT INTO ${versionTable} (version) VALUES (0)`);
    for (let v = row?.version ?? 0; v < migrations.length; v++) {
      db.exec(migrations[v]!);
      db.prepare(`UPDATE ${versionTable} SET version = ?`).run(v + 1);
    }
  }).immediate();
  return db;
}
