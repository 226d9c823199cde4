import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { createRecord, readRecords, userOrigin } from '@journeycraft/doc';
import { connectProvider, createMap, nextSynced, spawnServer, tempDir, waitFor, type ChildServer } from './helpers.js';
import { TEST_ADMIN_TOKEN } from './auth-helpers.js';

let server: ChildServer;
beforeAll(async () => {
  server = await spawnServer(
    tempDir(),
    {
      ROOM_IDLE_MS: '300',
      AWARENESS_RATE: '20',
      MAX_MESSAGE_BYTES: String(256 * 1024),
      MAX_CONNECTIONS_PER_MAP: '40',
      ALLOWED_ORIGINS: 'http://good.example',
    },
    { inspect: true },
  );
});
afterAll(async () => {
  await server.stop();
});

/** Deterministic PRNG (mulberry32) so a failing fuzz run can be replayed. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function validFrames(): Uint8Array[] {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, u);
    frames.push(encoding.toUint8Array(e));
  });
  doc.getMap('m').set('a', 1);
  doc.getText('t').insert(0, 'hello fuzz');
  doc.getArray('arr').push([1, 'two', { three: 3 }]);
  const s1 = encoding.createEncoder();
  encoding.writeVarUint(s1, 0);
  syncProtocol.writeSyncStep1(s1, doc);
  frames.push(encoding.toUint8Array(s1));
  const aw = new awarenessProtocol.Awareness(doc);
  aw.setLocalState({ user: { name: 'fuzz' } });
  const a = encoding.createEncoder();
  encoding.writeVarUint(a, 1);
  encoding.writeVarUint8Array(a, awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]));
  frames.push(encoding.toUint8Array(a));
  frames.push(Uint8Array.of(3));
  aw.destroy();
  return frames;
}

function mutate(frame: Uint8Array, random: () => number): Uint8Array {
  const bytes = Uint8Array.from(frame);
  switch (Math.floor(random() * 5)) {
    case 0: // flip bytes
      for (let i = 0; i < 1 + random() * 4; i++)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      return bytes;
    case 1: // truncate
      return bytes.subarray(0, Math.floor(random() * bytes.length));
    case 2: {
      // extend with junk
      const extra = Uint8Array.from({ length: 1 + Math.floor(random() * 32) }, () => Math.floor(random() * 256));
      return Uint8Array.from([...bytes, ...extra]);
    }
    case 3: // pure random
      return Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
    default:
      return bytes;
  }
}

/** Sum of all series of a metric (over its labels); 0 when it has none yet. */
async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

describe('hardening', () => {
  it('survives 10,000 random and mutated frames; other maps are unaffected; memory returns to baseline', async () => {
    const target = await createMap(server.url, 'Fuzz target');
    const other = await createMap(server.url, 'Bystander');
    const watcher = connectProvider(server.url, other);
    const writer = connectProvider(server.url, other);
    await Promise.all([nextSynced(watcher), nextSynced(writer)]);
    createRecord(writer.doc, 'stages', { title: 'Before', order: 1 }, userOrigin('w'));
    await waitFor(() => readRecords(watcher.doc, 'stages').length === 1);
    const heapBefore = await server.heapAfterGc();

    const random = rng(20261122);
    const seeds = validFrames();
    let sent = 0;
    // Each frame is followed by a query-awareness frame and the next one waits for an answer
    // (or the close), so the server really handles every frame instead of dropping a burst.
    const worker = async () => {
      while (sent < 10_000) {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${target}?token=${TEST_ADMIN_TOKEN}`);
        let answered: (() => void) | null = null;
        ws.on('message', () => answered?.());
        const closed = new Promise<void>((resolve) => {
          ws.on('close', () => resolve());
          ws.on('error', () => resolve());
        });
        const opened = await Promise.race([
          new Promise<boolean>((r) => ws.on('open', () => r(true))),
          closed.then(() => false),
        ]);
        if (!opened) continue;
        while (ws.readyState === WebSocket.OPEN && sent < 10_000) {
          const reply = new Promise<void>((r) => (answered = r));
          ws.send(mutate(seeds[Math.floor(random() * seeds.length)]!, random));
          ws.send(Uint8Array.of(3));
          sent++;
          await Promise.race([reply, closed, new Promise((r) => setTimeout(r, 200))]);
        }
        ws.close();
        await closed;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(sent).toBeGreaterThanOrEqual(10_000);

    // still up, and the bystander map still works both ways
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    createRecord(writer.doc, 'stages', { title: 'After', order: 2 }, userOrigin('w'));
    await waitFor(() => readRecords(watcher.doc, 'stages').length === 2, 5000, 'bystander edit after fuzz');
    expect(readRecords(watcher.doc, 'stages').map((s) => s.title)).toEqual(['Before', 'After']);
    expect(await metric('journeycraft_messages_rejected_total')).toBeGreaterThan(1000);
    watcher.destroy();
    writer.destroy();

    // rooms unload, connections close, the heap comes back
    let rooms = NaN;
    await waitFor(
      () => {
        void metric('journeycraft_rooms').then((n) => (rooms = n));
        return rooms === 0;
      },
      15_000,
      'rooms to unload',
    );
    expect(await metric('journeycraft_connections')).toBe(0);
    // Measured after a forced full GC, so what is left is what the server still holds. A few
    // tries: timers (awareness timeouts, closed sockets) release their last references late.
    const slack = 8 * 1024 * 1024;
    let heapAfter = Infinity;
    for (let i = 0; i < 10 && heapAfter > heapBefore + slack; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 500));
      heapAfter = Math.min(heapAfter, await server.heapAfterGc());
    }
    console.info(`fuzz heap after GC: before ${heapBefore} B, after ${heapAfter} B`);
    expect(heapAfter).toBeLessThan(heapBefore + slack);
  });

  it('throttles a client flooding awareness while others stay responsive, and keeps its latest state', async () => {
    const mapId = await createMap(server.url);
    const flooder = connectProvider(server.url, mapId);
    const a = connectProvider(server.url, mapId);
    const b = connectProvider(server.url, mapId);
    await Promise.all([nextSynced(flooder), nextSynced(a), nextSynced(b)]);
    let seenByB = 0;
    b.awareness.on('change', (_: unknown, origin: unknown) => {
      if (origin !== 'local') seenByB++;
    });
    const started = Date.now();
    for (let i = 0; i < 3000; i++) {
      flooder.awareness.setLocalStateField('cursor', { x: i, y: i });
      if (i % 100 === 0) await new Promise((r) => setImmediate(r));
    }
    // while the flood is being throttled, a normal edit still gets through
    createRecord(a.doc, 'stages', { title: 'During flood', order: 1 }, userOrigin('a'));
    await waitFor(() => readRecords(b.doc, 'stages').length === 1, 5000, 'edit during awareness flood');
    // the flooder's last state arrives (coalesced), but far fewer than 3,000 messages were relayed
    await waitFor(
      () =>
        (b.awareness.getStates().get(flooder.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x ===
        2999,
      10_000,
      'latest awareness state',
    );
    const seconds = (Date.now() - started) / 1000;
    expect(seenByB).toBeLessThan(20 * seconds + 40 + 20);
    expect(await metric('journeycraft_messages_rejected_total')).toBeGreaterThan(0);
    for (const p of [flooder, a, b]) p.destroy();
  });

  it('enforces the origin allowlist and the per-map connection limit at the upgrade', async () => {
    const mapId = await createMap(server.url);
    const status = (headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${mapId}?token=${TEST_ADMIN_TOKEN}`, {
          headers,
        });
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => {});
      });
    expect(await status({ Origin: 'http://evil.example' })).toBe(403);
    expect(await status({ Origin: 'http://good.example' })).toBe(101);
    await waitFor(() => true);
    await new Promise((r) => setTimeout(r, 100));
    const open: WebSocket[] = [];
    for (let i = 0; i < 40; i++) {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${mapId}?token=${TEST_ADMIN_TOKEN}`);
      await new Promise((r) => ws.on('open', r));
      open.push(ws);
    }
    expect(await status()).toBe(503);
    for (const ws of open) ws.close();
  });

  it('reports health, readiness and Prometheus metrics', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ ok: true, checks: { storage: 'ok' } });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of [
      'journeycraft_connections',
      'journeycraft_rooms',
      'journeycraft_updates_stored_total',
      'journeycraft_persist_seconds_bucket',
      'journeycraft_errors_total',
    ]) {
      expect(text).toContain(name);
    }
  });
});
