import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { createRecord, readRecords, userOrigin } from '@journeycraft/doc';
import { type RunningServer } from '../src/index.js';
import { TEST_ADMIN_TOKEN } from './auth-helpers.js';
import { connectProvider, createMap, nextSynced, startTestServer, waitFor } from './helpers.js';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startTestServer({ maxMessageBytes: 64 * 1024, roomIdleMs: 200 }));
});
afterAll(async () => {
  await server.close();
});

function rawSocket(mapPath: string): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}${mapPath}?token=${TEST_ADMIN_TOKEN}`);
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.on('close', (code, reason) => r({ code, reason: reason.toString() })),
    );
    ws.on('open', () => resolve({ ws, closed }));
    ws.on('error', reject);
  });
}

function upgradeStatus(path: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}${path}`);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => resolve(101));
    ws.on('error', () => {});
  });
}

describe('y-websocket sync with stock WebsocketProvider clients', () => {
  it('two clients see each other’s edits and a late joiner gets everything', async () => {
    const mapId = await createMap(base);
    const a = connectProvider(base, mapId);
    const b = connectProvider(base, mapId);
    await Promise.all([nextSynced(a), nextSynced(b)]);
    const me = userOrigin('a');
    createRecord(a.doc, 'stages', { title: 'Discover', order: 1 }, me);
    createRecord(b.doc, 'stages', { title: 'Buy', order: 2 }, userOrigin('b'));
    await waitFor(
      () => readRecords(a.doc, 'stages').length === 2 && readRecords(b.doc, 'stages').length === 2,
      5000,
      'both stages on both clients',
    );
    expect(readRecords(a.doc, 'stages').map((s) => s.title)).toEqual(['Discover', 'Buy']);

    const c = connectProvider(base, mapId);
    await nextSynced(c);
    expect(readRecords(c.doc, 'stages').map((s) => s.title)).toEqual(['Discover', 'Buy']);
    // the map title set by the server at creation is in the doc too
    expect(c.doc.getMap('meta').get('title')).toBe('Test map');
    for (const p of [a, b, c]) p.destroy();
  });

  it('relays awareness (presence) between clients and removes it on disconnect', async () => {
    const mapId = await createMap(base);
    const a = connectProvider(base, mapId);
    const b = connectProvider(base, mapId);
    await Promise.all([nextSynced(a), nextSynced(b)]);
    // The server stamps the signed-in account's name; the rest of the state travels as sent.
    a.awareness.setLocalStateField('user', { name: 'Ana', color: '#ff0000' });
    const ana = (s: unknown) => (s as { user?: { color: string } }).user?.color === '#ff0000';
    await waitFor(() => [...b.awareness.getStates().values()].some(ana), 5000, 'awareness');
    a.destroy();
    await waitFor(() => ![...b.awareness.getStates().values()].some(ana), 5000, 'awareness removal');
    b.destroy();
  });

  it('refuses bad map ids with 400 and unknown maps with 404 at the upgrade', async () => {
    expect(await upgradeStatus('/sync/bad%20id!')).toBe(400);
    expect(await upgradeStatus(`/sync/${'x'.repeat(65)}`)).toBe(400);
    expect(await upgradeStatus('/sync/doesNotExist123')).toBe(404);
    expect(await upgradeStatus('/elsewhere')).toBe(404);
  });

  it('closes a malformed frame with 1007 and an oversized frame with 1009; other rooms keep working', async () => {
    const mapId = await createMap(base);
    const other = await createMap(base, 'Other');
    const watcher = connectProvider(base, other);
    const writer = connectProvider(base, other);
    await Promise.all([nextSynced(watcher), nextSynced(writer)]);

    const bad = await rawSocket(`/sync/${mapId}`);
    bad.ws.send(Buffer.from([0, 2, 200, 1, 2, 3])); // sync update whose length runs past the end
    expect((await bad.closed).code).toBe(1007);

    const garbage = await rawSocket(`/sync/${mapId}`);
    garbage.ws.send(Buffer.from([0, 2, 5, 255, 255, 255, 255, 255])); // update bytes that are not a Yjs update
    expect((await garbage.closed).code).toBe(1007);

    const unknownType = await rawSocket(`/sync/${mapId}`);
    unknownType.ws.send(Buffer.from([42]));
    expect((await unknownType.closed).code).toBe(1007);

    const text = await rawSocket(`/sync/${mapId}`);
    text.ws.send('hello');
    expect((await text.closed).code).toBe(1007);

    const big = await rawSocket(`/sync/${mapId}`);
    big.ws.send(Buffer.alloc(65 * 1024, 1));
    expect((await big.closed).code).toBe(1009);

    // the same map still works for well-behaved clients, and so does the other map
    const fresh = connectProvider(base, mapId);
    await nextSynced(fresh);
    createRecord(writer.doc, 'stages', { title: 'Still alive', order: 1 }, userOrigin('w'));
    await waitFor(() => readRecords(watcher.doc, 'stages').length === 1, 5000, 'edit after bad frames');
    createRecord(fresh.doc, 'lanes', { title: 'Lane', kind: 'touchpoints', order: 1 }, userOrigin('f'));
    const check = connectProvider(base, mapId);
    await nextSynced(check);
    await waitFor(() => readRecords(check.doc, 'lanes').length === 1, 5000, 'lane on the map that got bad frames');
    for (const p of [watcher, writer, fresh, check]) p.destroy();
  });

  it('unloads idle rooms and reloads them with all content', async () => {
    const mapId = await createMap(base);
    const a = connectProvider(base, mapId);
    await nextSynced(a);
    for (let i = 0; i < 20; i++) createRecord(a.doc, 'stages', { title: `S${i}`, order: i }, userOrigin('a'));
    await waitFor(() => true);
    const doc = a.doc;
    a.destroy();
    await waitFor(() => !server.rooms.isLoaded(mapId), 5000, 'room unload');
    const b = connectProvider(base, mapId, new Y.Doc());
    await nextSynced(b);
    expect(readRecords(b.doc, 'stages')).toHaveLength(readRecords(doc, 'stages').length);
    b.destroy();
  });

  it('terminates a socket that stops answering pings within a few seconds; a live one stays', async () => {
    const mapId = await createMap(base);
    const url = `${base.replace('http', 'ws')}/sync/${mapId}?token=${TEST_ADMIN_TOKEN}`;
    // A peer whose network vanished: the socket is open but never answers a ping.
    const silent = new WebSocket(url, { autoPong: false });
    const live = new WebSocket(url);
    const opened = (ws: WebSocket) => new Promise<void>((r) => ws.on('open', () => r()));
    await Promise.all([opened(silent), opened(live)]);
    let liveClosed = false;
    live.on('close', () => (liveClosed = true));
    const started = Date.now();
    const code = await new Promise<number>((r) => silent.on('close', (c) => r(c)));
    // Generous bound: the server pings every second and gives up after 3 s without a pong.
    expect(Date.now() - started).toBeLessThan(6000);
    expect(code).toBe(1006);
    expect(liveClosed).toBe(false);
    expect(live.readyState).toBe(WebSocket.OPEN);
    live.close();
  }, 15_000);

  it('keeps a live socket open when the server itself was blocked longer than the pong timeout', async () => {
    // A large upload (a 5,000-card map in a few updates) can keep the server's event loop busy
    // for seconds; the pongs that arrive meanwhile are read only after it. The server (here in
    // this process) must not blame the peer for its own stall and cut it off mid-upload.
    const mapId = await createMap(base);
    const live = new WebSocket(`${base.replace('http', 'ws')}/sync/${mapId}?token=${TEST_ADMIN_TOKEN}`);
    await new Promise<void>((r) => live.on('open', () => r()));
    let closed: number | null = null;
    live.on('close', (code) => (closed = code));
    // Let a ping round or two go by, then block this process (server and client) for 4.5 s.
    await new Promise((r) => setTimeout(r, 1500));
    const until = Date.now() + 4500;
    while (Date.now() < until) {
      /* busy: no timer, no I/O */
    }
    // Three more ping rounds after the stall: the peer answers each of them.
    await new Promise((r) => setTimeout(r, 3500));
    expect(closed).toBeNull();
    expect(live.readyState).toBe(WebSocket.OPEN);
    live.close();
  }, 20_000);
});
