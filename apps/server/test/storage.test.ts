import path from 'node:path';
import { openPostgresStorage, openSqliteStorage } from '../src/index.js';
import { storageContract } from './storage-contract.js';
import { tempDir } from './helpers.js';
import { freshPostgresDatabase } from './services.js';

storageContract('SQLite (memory)', async () => openSqliteStorage(':memory:'));
storageContract('SQLite (file, WAL)', async () => openSqliteStorage(path.join(tempDir(), 'db.sqlite')));
storageContract('PostgreSQL', async () => openPostgresStorage(await freshPostgresDatabase()));
