import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { applyServerUpdatesAsReceived, changedDoc } from '../src/connection/quietApply';
import { SyncWatch } from '../src/connection/syncWatch';

/**
 * The server's updates are applied as received: Yjs does not encode them again for the doc's update
 * listeners, the offline copy gets the bytes that arrived, and local changes still reach the provider
 * (to send) and the copy (to keep).
 */

const MESSAGE_SYNC = 0;
const open: WebsocketProvider[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.destroy();
});

/** A provider that never connects; messages are handed to its handlers as the socket would. */
function setup() {
  const doc = new Y.Doc();
  const stored: { update: Uint8Array; origin: unknown }[] = [];
  const store = { _storeUpdate: (update: Uint8Array, origin: unknown) => void stored.push({ update, origin }) };
  doc.on('update', store._storeUpdate);
  const provider = new WebsocketProvider('ws://127.0.0.1:9', 'room', doc, {
    connect: false,
    disableBc: true,
    // Never used: the provider does not connect (Node has no global WebSocket here).
    WebSocketPolyfill: class {} as never,
  });
  open.push(provider);
  const sent: { update: Uint8Array; origin: unknown }[] = [];
  // The provider's own handler, recorded (it sends only what is not the provider's).
  doc.off('update', provider._updateHandler);
  provider._updateHandler = (update, origin) => {
    if (origin !== provider) sent.push({ update, origin });
  };
  doc.on('update', provider._updateHandler);
  const restore = applyServerUpdatesAsReceived(provider, doc, store);
  const receive = (syncMessage: (e: encoding.Encoder) => void, fromSocket = true) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncMessage(e);
    const decoder = decoding.createDecoder(encoding.toUint8Array(e));
    decoding.readVarUint(decoder);
    provider.messageHandlers[MESSAGE_SYNC]!(encoding.createEncoder(), decoder, provider, fromSocket, MESSAGE_SYNC);
  };
  return { doc, provider, stored, sent, store, receive, restore };
}

function serverDoc(cards: number): Y.Doc {
  const doc = new Y.Doc();
  const tps = doc.getMap('touchpoints');
  doc.transact(() => {
    for (let i = 0; i < cards; i++) tps.set(`tp-${i}`, new Y.Map([['title', `Card ${i}`]]));
  });
  return doc;
}

/** Counts the updates Yjs encodes for a doc (each `update` event is one encoding). */
function countEncodings(doc: Y.Doc): { count: number } {
  const c = { count: 0 };
  const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers;
  const realEmit = doc.emit.bind(doc);
  doc.emit = ((name: string, args: unknown[]) => {
    if (name === 'update' && observers.has('update')) c.count++;
    realEmit(name as never, args as never);
  }) as typeof doc.emit;
  return c;
}

describe('server updates applied as received', () => {
  it('applies sync step 2 without encoding it again, and keeps the received bytes for the offline copy', () => {
    const { doc, provider, stored, sent, receive } = setup();
    const server = serverDoc(50);
    const update = Y.encodeStateAsUpdate(server);
    const encodings = countEncodings(doc);
    receive((e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, update);
    });
    expect(doc.getMap('touchpoints').size).toBe(50);
    expect(encodings.count).toBe(0);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.origin).toBe(provider);
    expect(Buffer.from(stored[0]!.update).equals(Buffer.from(update))).toBe(true);
    // What the copy keeps rebuilds the same doc.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored[0]!.update);
    expect(copy.getMap('touchpoints').toJSON()).toEqual(server.getMap('touchpoints').toJSON());
    expect(sent).toEqual([]);
  });

  it('live updates too; an empty answer stores nothing', () => {
    const { doc, stored, receive } = setup();
    const server = serverDoc(1);
    receive((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(server)));
    expect(doc.getMap('touchpoints').size).toBe(1);
    expect(stored).toHaveLength(1);
    receive((e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
    });
    expect(stored).toHaveLength(1);
  });

  it('local edits, before and after, reach the provider and the copy as usual', () => {
    const { doc, stored, sent, receive } = setup();
    doc.getMap('touchpoints').set('mine', new Y.Map([['title', 'Mine']]));
    receive((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(serverDoc(3))));
    doc.getMap('touchpoints').set('mine 2', new Y.Map([['title', 'Mine 2']]));
    expect(sent).toHaveLength(2);
    expect(stored).toHaveLength(3);
    const server = new Y.Doc();
    for (const s of sent) Y.applyUpdate(server, s.update);
    expect([...server.getMap('touchpoints').keys()].sort()).toEqual(['mine', 'mine 2']);
  });

  it('a change an observer makes while the server update applies is still sent and kept', () => {
    const { doc, stored, sent, receive, provider } = setup();
    const tps = doc.getMap('touchpoints');
    tps.observe((event) => {
      if (event.transaction.origin === provider && !tps.has('seen')) doc.transact(() => tps.set('seen', true), 'me');
    });
    receive((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(serverDoc(2))));
    expect(tps.get('seen')).toBe(true);
    expect(sent.map((s) => s.origin)).toEqual(['me']);
    const server = new Y.Doc();
    Y.applyUpdate(server, sent[0]!.update);
    expect(server.getMap('touchpoints').get('seen')).toBe(true);
    expect(stored.map((s) => s.origin)).toEqual([provider, 'me']);
  });

  it('leaves messages of another tab and sync step 1 to the provider, and can be undone', () => {
    const { doc, stored, receive, restore, provider } = setup();
    const encodings = countEncodings(doc);
    receive((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(serverDoc(1))), false);
    // Applied the usual way: Yjs encoded it for the copy's listener.
    expect(encodings.count).toBe(1);
    expect(stored).toHaveLength(1);
    expect(doc.getMap('touchpoints').size).toBe(1);
    const handler = provider.messageHandlers[MESSAGE_SYNC];
    restore();
    expect(provider.messageHandlers[MESSAGE_SYNC]).not.toBe(handler);
  });
});

describe('SyncWatch counts changed transactions, not update events', () => {
  it('a local change is pending, the server’s and an empty transaction are not', () => {
    const { doc, provider, receive } = setup();
    const watch = new SyncWatch(provider, doc);
    try {
      doc.transact(() => {}, 'me');
      expect(watch.getState().pending).toBe(0);
      receive((e) => syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(serverDoc(2))));
      expect(watch.getState().pending).toBe(0);
      doc.getMap('touchpoints').set('x', 1);
      doc.getMap('touchpoints').delete('x');
      expect(watch.getState().pending).toBe(2);
    } finally {
      watch.destroy();
    }
  });

  it('changedDoc: new content or deletions count, nothing else', () => {
    const doc = new Y.Doc();
    const seen: boolean[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => seen.push(changedDoc(tr)));
    doc.transact(() => {});
    doc.getMap('m').set('a', 1);
    doc.getMap('m').delete('a');
    doc.getMap('m').delete('missing');
    expect(seen).toEqual([false, true, true, false]);
  });
});
