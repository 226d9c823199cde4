import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { compactStored, openPostgresStorage, openSqliteStorage, type SyncFile } from '../src/index.js';
import { storageContract } from './storage-contract.js';
import { tempDir } from './helpers.js';
import { freshPostgresDatabase } from './services.js';

storageContract('SQLite (memory)', async () => openSqliteStorage(':memory:'));
storageContract('SQLite (file, WAL)', async () => openSqliteStorage(path.join(tempDir(), 'db.sqlite')));
storageContract('PostgreSQL', async () => openPostgresStorage(await freshPostgresDatabase()));

describe('SQLite (file): document appends with group commit', () => {
  const update = (key: string, value: number) => {
    const doc = new Y.Doc();
    doc.getMap('m').set(key, value);
    return Y.encodeStateAsUpdate(doc);
  };

  it('stores appends requested at once from several maps, while compactions run, and a second connection reads them all', async () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const storage = openSqliteStorage(file);
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
    const storage = openSqliteStorage(path.join(tempDir(), 'db.sqlite'));
    await storage.createMap({ id: 'a', title: 'a' }, update('init', 0));
    const seqs = await Promise.all(
      Array.from({ length: 30 }, (_, i) => storage.appendUpdates('a', [update(`k${i}`, i)])),
    );
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(30);
    await storage.close();
  });
  /** A flush of the WAL that waits until the test lets it finish. */
  function gatedSync() {
    const calls: Array<(err: Error | null) => void> = [];
    const syncFile: SyncFile = (_fd, done) => calls.push(done);
    return { syncFile, calls };
  }
  const settled = async (p: Promise<unknown>) => {
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    await new Promise((r) => setImmediate(r));
    return done;
  };

  it('resolves an append only after a flush that started after its commit, one flush for those that waited', async () => {
    const gate = gatedSync();
    const file = path.join(tempDir(), 'db.sqlite');
    const storage = openSqliteStorage(file, { syncFile: gate.syncFile });
    await storage.createMap({ id: 'a', title: 'a' }, update('init', 0));
    const first = storage.appendUpdates('a', [update('k0', 0)]);
    expect(gate.calls).toHaveLength(1);
    expect(await settled(first)).toBe(false);
    // Committed while the first flush runs: they wait for the next one, together.
    const later = Array.from({ length: 5 }, (_, i) => storage.appendUpdates('a', [update(`k${i + 1}`, i)]));
    expect(gate.calls).toHaveLength(1);
    gate.calls[0]!(null);
    expect(await settled(first)).toBe(true);
    expect(await settled(Promise.all(later))).toBe(false);
    expect(gate.calls).toHaveLength(2);
    gate.calls[1]!(null);
    const seqs = await Promise.all([first, ...later]);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    expect(gate.calls).toHaveLength(2);
    // Committed: a second connection reads them (durability is the flush's job).
    const other = openSqliteStorage(file);
    expect((await other.loadDoc('a')).updates).toHaveLength(7);
    await other.close();
    await storage.close();
  });

  it('fails the waiting appends and every later one when a flush fails', async () => {
    const gate = gatedSync();
    const storage = openSqliteStorage(path.join(tempDir(), 'db.sqlite'), { syncFile: gate.syncFile });
    await storage.createMap({ id: 'a', title: 'a' }, update('init', 0));
    const first = storage.appendUpdates('a', [update('k0', 0)]);
    const second = storage.appendUpdates('a', [update('k1', 1)]);
    gate.calls[0]!(new Error('EIO: i/o error'));
    await expect(first).rejects.toThrow(/flushing the SQLite WAL: EIO/);
    await expect(second).rejects.toThrow(/EIO/);
    await expect(storage.appendUpdates('a', [update('k2', 2)])).rejects.toThrow(/EIO/);
    expect(gate.calls).toHaveLength(1);
    await storage.close();
  });
});
