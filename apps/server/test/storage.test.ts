import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactStored, openPostgresStorage, openSqliteStorage, type SqliteWriterOptions } from '../src/index.js';
import { storageContract } from './storage-contract.js';
import { tempDir } from './helpers.js';
import { freshPostgresDatabase } from './services.js';

storageContract('SQLite (memory)', async () => openSqliteStorage(':memory:'));
storageContract('SQLite (file, WAL)', async () => openSqliteStorage(path.join(tempDir(), 'db.sqlite')));
storageContract('PostgreSQL', async () => openPostgresStorage(await freshPostgresDatabase()));

describe.each([
  ['inline while the disk is fast', {}],
  ['always on the writer thread', { inlineAppendMs: 0 }],
  ['inline, then on the thread after a slow one', { inlineAppendMs: 1e-9 }],
] as const)('SQLite (file): document appends %s', (_, writer: SqliteWriterOptions) => {
  const update = (key: string, value: number) => {
    const doc = new Y.Doc();
    doc.getMap('m').set(key, value);
    return Y.encodeStateAsUpdate(doc);
  };

  it('stores appends requested at once from several maps, while compactions run, and a second connection reads them all', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const storage = openSqliteStorage(file, writer);
    const maps = ['m1', 'm2', 'm3'];
    for (const id of maps) await storage.createMap({ id, title: id }, update('init', 0));
    const appends = [];
    for (let i = 0; i < 60; i++) {
      for (const id of maps) appends.push(storage.appendUpdates(id, [update(`k${i}`, i), update(`j${i}`, i)]));
      if (i % 20 === 10) appends.push(...maps.map((id) => compactStored(storage, id)));
    }
    await Promise.all(appends);
    const other = openSqliteStorage(file);
    try {
      for (const id of maps) {
        const stored = await other.loadDoc(id);
        const doc = new Y.Doc();
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const u of stored.updates) Y.applyUpdate(doc, u);
        expect(doc.getMap('m').size).toBe(121);
      }
    } finally {
      await other.close();
    }
    await storage.close();
    await expect(storage.appendUpdates('m1', [update('late', 1)])).rejects.toThrow(/closed/);
  });

  it('each map’s appends get increasing sequence numbers in the order they were requested', async () => {
    const storage = openSqliteStorage(path.join(tempDir(), 'db.sqlite'), writer);
    await storage.createMap({ id: 'a', title: 'a' }, update('init', 0));
    const seqs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => storage.appendUpdates('a', [update(`k${i}`, i)])),
    );
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(30);
    await storage.close();
  });
});
