import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { Rooms, compactStored, openSqliteStorage, silentLogger, type Conn, type Storage } from '../src/index.js';

/** An in-memory client: a Y.Doc wired to a room through a Conn, no sockets. */
function memoryClient(rooms: Rooms, mapId: string) {
  const doc = new Y.Doc();
  const received: Uint8Array[] = [];
  let closed: number | null = null;
  const conn: Conn = {
    id: Math.floor(Math.random() * 1e9),
    send: (data) => {
      received.push(data);
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) === 0) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, 0);
        syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
        if (encoding.length(reply) > 1) room.receive(conn, encoding.toUint8Array(reply));
      }
    },
    close: (code) => {
      closed = code;
    },
  };
  const room = rooms.connect(mapId, conn);
  const hello = encoding.createEncoder();
  encoding.writeVarUint(hello, 0);
  syncProtocol.writeSyncStep1(hello, doc);
  room.receive(conn, encoding.toUint8Array(hello));
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === 'server') return;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, update);
    room.receive(conn, encoding.toUint8Array(e));
  });
  return { doc, room, conn, received, closedCode: () => closed };
}

async function setup(storage: Storage = openSqliteStorage(':memory:'), compactEvery = 50) {
  const init = new Y.Doc();
  init.getMap('meta').set('title', 'Room test');
  await storage.createMap({ id: 'map1', title: 'Room test' }, Y.encodeStateAsUpdate(init));
  const rooms = new Rooms({ storage, log: silentLogger, compactEvery, idleMs: 60_000 });
  return { storage, rooms };
}

/** The map's document as storage holds it (snapshot and updates), as a restarted server would load it. */
async function storedDoc(storage: Storage, mapId = 'map1'): Promise<Y.Doc> {
  const stored = await storage.loadDoc(mapId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}

describe('Room', () => {
  it('stores one row per commit and compacts from its doc; when someone else moved the snapshot it compacts from storage', async () => {
    const { storage, rooms } = await setup();
    const reload = async () => (await storedDoc(storage)).getMap('m');
    const client = memoryClient(rooms, 'map1');
    await client.room.idle();
    const before = await storage.countUpdates('map1');
    // 20 updates in one batch: one merged row.
    for (let i = 0; i < 20; i++) client.doc.getMap('m').set(`a${i}`, i);
    await client.room.idle();
    expect(await storage.countUpdates('map1')).toBe(before + 1);
    await client.room.compactNow();
    expect(await storage.countUpdates('map1')).toBe(0);
    expect((await reload()).size).toBe(20);
    // Another process compacts the same map: the room's next compaction finds the snapshot moved.
    client.doc.getMap('m').set('b', 1);
    await client.room.idle();
    expect(await compactStored(storage, 'map1')).toBe(true);
    client.doc.getMap('m').set('c', 2);
    await client.room.idle();
    await client.room.compactNow();
    expect(await storage.countUpdates('map1')).toBe(0);
    const m = await reload();
    expect(m.size).toBe(22);
    expect(m.get('c')).toBe(2);
  });

  it('compacts in the background without losing updates that arrive meanwhile', async () => {
    const { storage, rooms } = await setup();
    const client = memoryClient(rooms, 'map1');
    await client.room.idle();
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 37; i++) client.doc.getMap('m').set(`r${round}-${i}`, i);
      await new Promise((r) => setImmediate(r));
    }
    await client.room.idle();
    await client.room.compactNow();
    expect(await storage.countUpdates('map1')).toBeLessThan(50);
    const reloaded = await storedDoc(storage);
    expect(reloaded.getMap('m').size).toBe(370);
    expect(reloaded.getMap('meta').get('title')).toBe('Room test');
  });

  it('answers nothing before the stored doc is loaded', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = openSqliteStorage(':memory:');
    const slow: Storage = { ...base, kind: 'slow', loadDoc: async (id) => (await gate, base.loadDoc(id)) };
    const { rooms } = await setup(slow);
    const client = memoryClient(rooms, 'map1');
    await new Promise((r) => setTimeout(r, 50));
    expect(client.received).toHaveLength(0);
    release();
    await client.room.idle();
    expect(client.doc.getMap('meta').get('title')).toBe('Room test');
  });

  it('closes the room’s connections when storing fails, instead of acknowledging', async () => {
    const base = openSqliteStorage(':memory:');
    let failing = false;
    const flaky: Storage = {
      ...base,
      kind: 'flaky',
      appendUpdates: async (id, u) => {
        if (failing) throw new Error('disk full');
        return base.appendUpdates(id, u);
      },
    };
    const { rooms } = await setup(flaky);
    const client = memoryClient(rooms, 'map1');
    await client.room.idle();
    failing = true;
    client.doc.getMap('m').set('x', 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.closedCode()).toBe(1011);
    // a new connection gets a freshly loaded room without the unstored update
    failing = false;
    const again = memoryClient(rooms, 'map1');
    await again.room.idle();
    await again.room.idle();
    expect(again.doc.getMap('meta').get('title')).toBe('Room test');
    expect(again.doc.getMap('m').get('x')).toBeUndefined();
  });

  it('does not send an update back to the client it came from, but to everyone else', async () => {
    const { rooms } = await setup();
    const a = memoryClient(rooms, 'map1');
    const b = memoryClient(rooms, 'map1');
    await a.room.idle();
    const beforeA = a.received.length;
    a.doc.getMap('m').set('hello', 'world');
    await a.room.idle();
    expect(b.doc.getMap('m').get('hello')).toBe('world');
    expect(a.received.length).toBe(beforeA);
  });

  it('reports a title changed in the doc once, and nothing for edits that leave the meta alone', async () => {
    const storage = openSqliteStorage(':memory:');
    const setTitle = vi.spyOn(storage, 'setMapTitle');
    const { rooms } = await setup(storage);
    const a = memoryClient(rooms, 'map1');
    await a.room.idle();
    a.doc.getMap('m').set('x', 1);
    await a.room.idle();
    a.doc.getMap('meta').set('title', 'Renamed in the doc');
    await a.room.idle();
    a.doc.getMap('m').set('y', 2);
    a.doc.getMap('meta').set('description', 'same title');
    await a.room.idle();
    expect(setTitle.mock.calls).toEqual([['map1', 'Renamed in the doc']]);
    expect((await storage.getMap('map1'))?.title).toBe('Renamed in the doc');
  });

  it('sends a batch as one merged update, encoded once for every connection', async () => {
    const { rooms } = await setup();
    const a = memoryClient(rooms, 'map1');
    const b = memoryClient(rooms, 'map1');
    const c = memoryClient(rooms, 'map1');
    await a.room.idle();
    const before = [a, b, c].map((x) => x.received.length);
    // Five transactions from two people in one tick land in one batch.
    for (let i = 0; i < 3; i++) a.doc.getMap('m').set(`a${i}`, i);
    for (let i = 0; i < 2; i++) b.doc.getMap('m').set(`b${i}`, i);
    await a.room.idle();
    const after = [a, b, c].map((x) => x.received.length);
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 1]);
    const keys = (doc: Y.Doc) => [...doc.getMap('m').keys()].sort();
    for (const x of [a, b, c]) expect(keys(x.doc)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    // one message for all: the same bytes, holding the whole batch
    expect(a.received.at(-1)).toBe(c.received.at(-1));
    expect(b.received.at(-1)).toBe(c.received.at(-1));
    const fresh = new Y.Doc();
    const decoder = decoding.createDecoder(c.received.at(-1)!);
    decoding.readVarUint(decoder);
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), fresh, 'test');
    expect(keys(fresh)).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
  });
});
