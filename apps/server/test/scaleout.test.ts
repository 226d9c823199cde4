import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRecord, readRecords, userOrigin } from '@journeycraft/doc';
import type { WebsocketProvider } from 'y-websocket';
import {
  acknowledged,
  awarenessFrame,
  connectProvider,
  contentAtFirstSync,
  createMap,
  joinLink,
  nextSynced,
  rawSyncClient,
  shareLink,
  spawnServer,
  tempDir,
  waitFor,
  type ChildServer,
} from './helpers.js';
import { ownerHeaders } from './auth-helpers.js';
import { REDIS_URL, freshPostgresDatabase } from './services.js';

const servers: ChildServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
});

/** A TCP proxy to Redis on a fixed local port that the test switches off and on. */
async function redisProxy(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  return {
    url: `redis://127.0.0.1:${port}`,
    start: () =>
      new Promise<void>((resolve) => {
        server = net.createServer((client) => {
          const upstream = net.connect(Number(target.port || 6379), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => {});
            s.on('close', () => {
              sockets.delete(s);
              client.destroy();
              upstream.destroy();
            });
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
  };
}

async function readiness(
  url: string,
): Promise<{ status: number; ms: number; body: { checks: Record<string, string> } }> {
  const started = performance.now();
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
  return {
    status: res.status,
    ms: performance.now() - started,
    body: (await res.json()) as { checks: Record<string, string> },
  };
}

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
    expect(
      (await (await fetch(`${two.url}/api/maps/${mapId}`, { headers: ownerHeaders() })).json()) as object,
    ).toMatchObject({ title: 'Shared' });
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

  it('a viewer on another instance cannot overwrite a person’s presence through the relay', async () => {
    const [one, two] = await cluster();
    const cursorOf = (p: WebsocketProvider, id: number) =>
      (p.awareness.getStates().get(id) as { cursor?: { x: number }; user?: { name?: string } } | undefined) ?? null;
    const mapId = await createMap(one.url);
    const vera = await rawSyncClient(
      one.url,
      mapId,
      await joinLink(one.url, await shareLink(one.url, mapId, 'editor'), 'Vera'),
    );
    const malSession = await joinLink(two.url, await shareLink(two.url, mapId, 'viewer'), 'Mal');
    const id = 8080;
    vera.send(awarenessFrame([{ clientId: id, clock: 1, state: { user: { color: '#ff0000' }, cursor: { x: 1 } } }]));
    const watchOne = connectProvider(one.url, mapId);
    await nextSynced(watchOne);
    await waitFor(() => cursorOf(watchOne, id)?.user?.name === 'Vera', 5000, 'Vera on one');

    // Mal is the first on instance two: two may not know whose id it is yet, but one does.
    const mal = await rawSyncClient(two.url, mapId, malSession);
    mal.send(awarenessFrame([{ clientId: id, clock: 50, state: { user: { color: '#000000' }, cursor: { x: 666 } } }]));
    const watchTwo = connectProvider(two.url, mapId);
    await nextSynced(watchTwo);
    vera.send(awarenessFrame([{ clientId: id, clock: 51, state: { user: { color: '#ff0000' }, cursor: { x: 2 } } }]));
    await waitFor(() => cursorOf(watchOne, id)?.cursor?.x === 2, 5000, 'Vera still hers on one');
    await waitFor(() => cursorOf(watchTwo, id)?.cursor?.x === 2, 5000, 'Vera seen on two');
    // now two knows whose id it is: Mal is refused there too, and nothing reaches one
    mal.send(awarenessFrame([{ clientId: id, clock: 90, state: { user: { color: '#000000' }, cursor: { x: 667 } } }]));
    await waitFor(() => mal.denied.some((d) => /another person/.test(d)), 5000, 'Mal refused on two');
    await new Promise((r) => setTimeout(r, 300));
    for (const w of [watchOne, watchTwo])
      expect(cursorOf(w, id)).toMatchObject({ user: { name: 'Vera', role: 'editor' }, cursor: { x: 2 } });
    await Promise.all([vera.close(), mal.close()]);
    watchOne.destroy();
    watchTwo.destroy();
  });

  it('an instance started with Redis unreachable serves alone, reports not ready within a second, and joins the relay when Redis is back', async () => {
    const proxy = await redisProxy();
    const databaseUrl = await freshPostgresDatabase();
    const cutOff = await spawnServer(tempDir(), { DATABASE_URL: databaseUrl, REDIS_URL: proxy.url });
    const other = await spawnServer(tempDir(), { DATABASE_URL: databaseUrl, REDIS_URL });
    servers.push(cutOff, other);
    const down = await readiness(cutOff.url);
    expect(down.status).toBe(503);
    expect(down.ms).toBeLessThan(1000);
    expect(down.body.checks.storage).toBe('ok');
    expect(down.body.checks.relay).not.toBe('ok');

    const mapId = await createMap(other.url);
    const a = connectProvider(cutOff.url, mapId);
    const b = connectProvider(other.url, mapId);
    await Promise.all([nextSynced(a), nextSynced(b)]);
    createRecord(a.doc, 'stages', { title: 'While cut off', order: 1 }, userOrigin('a'));
    await acknowledged(a); // stored, though not relayed

    await proxy.start();
    const start = Date.now();
    let ready = await readiness(cutOff.url);
    while (ready.status !== 200 && Date.now() - start < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await readiness(cutOff.url);
    }
    expect(ready.status).toBe(200);
    // it asked the others to reread storage: what it stored while cut off reaches b
    await waitFor(() => readRecords(b.doc, 'stages').length === 1, 10_000, 'edit made while cut off reaches b');
    createRecord(b.doc, 'stages', { title: 'Live from b', order: 2 }, userOrigin('b'));
    await waitFor(() => readRecords(a.doc, 'stages').length === 2, 5000, 'relay two -> one');
    createRecord(a.doc, 'stages', { title: 'Live from a', order: 3 }, userOrigin('a'));
    await waitFor(() => readRecords(b.doc, 'stages').length === 3, 5000, 'relay one -> two');

    // losing Redis again: readiness answers 503 within a second (it used to hang)
    await proxy.stop();
    const lost = await readiness(cutOff.url);
    expect(lost.status).toBe(503);
    expect(lost.ms).toBeLessThan(1000);
    a.destroy();
    b.destroy();
  });
});
