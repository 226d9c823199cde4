import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { type RunningServer } from '../src/index.js';
import {
  awarenessFrame,
  connectProvider,
  createMap,
  joinLink,
  nextSynced,
  rawSyncClient,
  shareLink,
  startTestServer,
  waitFor,
} from './helpers.js';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startTestServer({ roomIdleMs: 60_000 }));
});
afterAll(async () => {
  await server.close();
});

type State = { user?: Record<string, unknown>; cursor?: { x: number } } & Record<string, unknown>;
const others = (p: WebsocketProvider) =>
  new Map([...p.awareness.getStates()].filter(([id]) => id !== p.awareness.clientID)) as Map<number, State>;

async function observer(mapId: string): Promise<WebsocketProvider> {
  const p = connectProvider(base, mapId);
  await nextSynced(p);
  return p;
}

async function metric(reason: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`journeycraft_messages_rejected_total{reason="${reason}"}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** A query-awareness round-trip, so everything sent before it has been handled. */
async function settle(p: WebsocketProvider): Promise<void> {
  await new Promise((r) => setTimeout(r, 150));
  p.ws!.send(Uint8Array.of(3));
  await new Promise((r) => setTimeout(r, 150));
}

describe('presence cannot be forged, hijacked or flooded', () => {
  it('one frame of 300 ghost client ids introduces at most 3 participants, and the sender is told', async () => {
    const mapId = await createMap(base);
    const watcher = await observer(mapId);
    const viewer = await rawSyncClient(
      base,
      mapId,
      await joinLink(base, await shareLink(base, mapId, 'viewer'), 'Vic'),
    );
    const before = await metric('awareness_excess');
    viewer.send(
      awarenessFrame(
        Array.from({ length: 300 }, (_, i) => ({
          clientId: 1000 + i,
          clock: 1,
          state: { user: { name: `ghost ${i}`, color: '#000000' } },
        })),
      ),
    );
    await waitFor(() => viewer.denied.length > 0, 5000, 'refusal');
    expect(viewer.denied[0]).toMatch(/297 client id\(s\) over the limit of 3/);
    await settle(watcher);
    expect(others(watcher).size).toBe(3);
    expect(await metric('awareness_excess')).toBe(before + 297);
    // a second frame with fresh ids adds none
    viewer.send(awarenessFrame([{ clientId: 5000, clock: 1, state: { user: { name: 'more' } } }]));
    await waitFor(() => viewer.denied.length > 1, 5000, 'second refusal');
    await settle(watcher);
    expect(others(watcher).size).toBe(3);
    await viewer.close();
    await waitFor(() => others(watcher).size === 0, 5000, 'ghosts removed on disconnect');
    watcher.destroy();
  });

  it('a client id stays with its session across a reconnect: another viewer cannot take it', async () => {
    const mapId = await createMap(base);
    const watcher = await observer(mapId);
    const veraSession = await joinLink(base, await shareLink(base, mapId, 'editor'), 'Vera');
    const malSession = await joinLink(base, await shareLink(base, mapId, 'viewer'), 'Mal');
    const id = 424242;
    const vera1 = await rawSyncClient(base, mapId, veraSession);
    vera1.send(awarenessFrame([{ clientId: id, clock: 1, state: { user: { color: '#ff0000' }, cursor: { x: 1 } } }]));
    await waitFor(() => others(watcher).get(id)?.user?.name === 'Vera', 5000, 'Vera present');
    await vera1.close();
    await waitFor(() => !others(watcher).has(id), 5000, 'Vera gone');

    // while Vera is away, and after she is back, Mal claims her client id with a higher clock
    const mal = await rawSyncClient(base, mapId, malSession);
    mal.send(awarenessFrame([{ clientId: id, clock: 50, state: { user: { color: '#000000' }, cursor: { x: 666 } } }]));
    await waitFor(() => mal.denied.length === 1, 5000, 'hijack refused');
    expect(mal.denied[0]).toMatch(/belong to another person/);
    const vera2 = await rawSyncClient(base, mapId, veraSession);
    vera2.send(awarenessFrame([{ clientId: id, clock: 2, state: { user: { color: '#ff0000' }, cursor: { x: 2 } } }]));
    await waitFor(() => others(watcher).get(id)?.cursor?.x === 2, 5000, 'Vera back with her id');
    mal.send(awarenessFrame([{ clientId: id, clock: 99, state: { user: { color: '#000000' }, cursor: { x: 666 } } }]));
    mal.send(awarenessFrame([{ clientId: id, clock: 100, state: null }]));
    await waitFor(() => mal.denied.length === 3, 5000, 'second and third hijack refused');
    await settle(watcher);
    expect(others(watcher).get(id)).toMatchObject({
      user: { name: 'Vera', role: 'editor', color: '#ff0000' },
      cursor: { x: 2 },
    });
    expect(vera2.denied).toEqual([]);
    await Promise.all([mal.close(), vera2.close()]);
    watcher.destroy();
  });

  it('a state over 16 KB is not relayed to anyone (counted, sender told); a small one is', async () => {
    const mapId = await createMap(base);
    const watcher = await observer(mapId);
    const guest = await rawSyncClient(base, mapId, await joinLink(base, await shareLink(base, mapId, 'editor'), 'Big'));
    const before = await metric('awareness_too_big');
    guest.send(
      awarenessFrame([{ clientId: 77, clock: 1, state: { user: { color: '#123456' }, blob: 'x'.repeat(17 * 1024) } }]),
    );
    await waitFor(() => guest.denied.length === 1, 5000, 'refusal');
    expect(guest.denied[0]).toMatch(/over 16 KB/);
    await settle(watcher);
    expect(others(watcher).has(77)).toBe(false);
    expect(await metric('awareness_too_big')).toBe(before + 1);
    guest.send(
      awarenessFrame([{ clientId: 77, clock: 2, state: { user: { color: '#123456' }, blob: 'x'.repeat(1024) } }]),
    );
    await waitFor(() => others(watcher).has(77), 5000, 'small state relayed');
    await guest.close();
    watcher.destroy();
  });

  it('no guest id, voter key or link id reaches an observer; name and role are the session’s', async () => {
    const mapId = await createMap(base);
    const watcher = await observer(mapId);
    const session = await joinLink(base, await shareLink(base, mapId, 'commenter'), 'Priya');
    const real = await rawSyncClient(base, mapId, session);
    real.send(
      awarenessFrame([
        {
          clientId: 31337,
          clock: 1,
          state: {
            user: {
              name: 'Fiona Facilitator',
              role: 'facilitator',
              color: '#00ff00',
              guestId: 'g-spoof',
              voterKey: 'v',
            },
            guestId: 'g-top',
            voterKey: 'member-x',
            linkId: 'l-1',
            cursor: { x: 5 },
          },
        },
      ]),
    );
    await waitFor(() => others(watcher).has(31337), 5000, 'presence');
    const state = others(watcher).get(31337)!;
    expect(state.user).toEqual({ name: 'Priya', role: 'commenter', color: '#00ff00' });
    expect(state.cursor).toEqual({ x: 5 });
    expect(JSON.stringify([...watcher.awareness.getStates().values()])).not.toMatch(
      /guestId|voterKey|linkId|g-spoof|g-top/,
    );
    await real.close();
    watcher.destroy();
  });

  it('a client flooding awareness for two ids is throttled and both ids end at their latest state', async () => {
    const mapId = await createMap(base);
    const watcher = await observer(mapId);
    const flooder = await rawSyncClient(base, mapId);
    const [a, b] = [9001, 9002];
    for (let i = 0; i < 200; i++)
      flooder.send(awarenessFrame([{ clientId: i % 2 ? b : a, clock: i + 1, state: { user: {}, cursor: { x: i } } }]));
    flooder.send(awarenessFrame([{ clientId: a, clock: 1000, state: null }]));
    await waitFor(
      () => !others(watcher).has(a) && others(watcher).get(b)?.cursor?.x === 199,
      10_000,
      'latest of each id',
    );
    expect(await metric('awareness_throttled')).toBeGreaterThan(0);
    await flooder.close();
    watcher.destroy();
  });
});
