import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRecord, readRecords, userOrigin } from '@journeycraft/doc';
import {
  acknowledged,
  connectProvider,
  contentAtFirstSync,
  createMap,
  nextSynced,
  spawnServer,
  tempDir,
  waitFor,
  type ChildServer,
} from './helpers.js';
import { REDIS_URL, freshPostgresDatabase } from './services.js';

const servers: ChildServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
});

async function cluster(): Promise<[ChildServer, ChildServer]> {
  const env = { DATABASE_URL: await freshPostgresDatabase(), REDIS_URL, COMPACT_EVERY: '300' };
  const a = await spawnServer(tempDir(), env);
  const b = await spawnServer(tempDir(), env);
  servers.push(a, b);
  return [a, b];
}

describe('scale-out: two instances sharing PostgreSQL + Redis', () => {
  it('clients on different instances see each other live and converge', async () => {
    const [one, two] = await cluster();
    const mapId = await createMap(one.url, 'Shared');
    expect((await (await fetch(`${two.url}/api/maps/${mapId}`)).json()) as object).toMatchObject({ title: 'Shared' });
    const a = connectProvider(one.url, mapId);
    const b = connectProvider(two.url, mapId);
    await Promise.all([nextSynced(a), nextSynced(b)]);
    createRecord(a.doc, 'stages', { title: 'From one', order: 1 }, userOrigin('a'));
    await waitFor(() => readRecords(b.doc, 'stages').length === 1, 5000, 'edit relayed one -> two');
    createRecord(b.doc, 'stages', { title: 'From two', order: 2 }, userOrigin('b'));
    await waitFor(() => readRecords(a.doc, 'stages').length === 2, 5000, 'edit relayed two -> one');
    for (let i = 0; i < 200; i++) (i % 2 ? a : b).doc.getMap('burst').set(`k${i}`, i);
    await waitFor(
      () => a.doc.getMap('burst').size === 200 && b.doc.getMap('burst').size === 200,
      10_000,
      'convergence',
    );
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));

    b.awareness.setLocalStateField('user', { name: 'Bea', color: '#00aa00' });
    await waitFor(
      () => [...a.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Bea'),
      5000,
      'presence relayed',
    );
    a.destroy();
    b.destroy();
  });

  it('kill -9 one instance mid-burst: every acknowledged update is on the other, and the client resumes there', async () => {
    const [one, two] = await cluster();
    const mapId = await createMap(one.url);
    const doc = new Y.Doc();
    const writer = connectProvider(one.url, mapId, doc);
    await nextSynced(writer);
    const burst = doc.getMap('burst');
    let acked = 0;
    for (let chunk = 0; chunk < 20; chunk++) {
      for (let i = 0; i < 100; i++) burst.set(`k${chunk * 100 + i}`, chunk);
      if (chunk === 12) {
        await one.kill9(); // chunk 12 is in flight, not acknowledged
        break;
      }
      await acknowledged(writer);
      acked = (chunk + 1) * 100;
    }
    writer.destroy();
    expect(acked).toBe(1200);

    const seen = await contentAtFirstSync(two.url, mapId, (d) => {
      const m = d.getMap('burst');
      let present = 0;
      for (let i = 0; i < acked; i++) if (m.has(`k${i}`)) present++;
      return present;
    });
    expect(seen).toBe(acked);

    // the client reconnects to the surviving instance and its unacknowledged edits arrive too
    const resumed = connectProvider(two.url, mapId, doc);
    await nextSynced(resumed);
    await acknowledged(resumed);
    expect(await contentAtFirstSync(two.url, mapId, (d) => d.getMap('burst').size)).toBe(1300);
    resumed.destroy();
  });
});
