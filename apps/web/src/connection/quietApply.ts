import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

const MESSAGE_SYNC = 0;

/** What stores updates for the offline copy (y-indexeddb's IndexeddbPersistence). */
export interface UpdateStore {
  _storeUpdate: (update: Uint8Array, origin: unknown) => void;
}

/** Whether a transaction changed the doc (Yjs emits `update` only then). */
export function changedDoc(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/**
 * Applies what the server sends (sync step 2, updates) without Yjs encoding it again. After every
 * transaction Yjs re-encodes the change for the doc's `update` listeners; for the first sync of a
 * big map that is as costly as applying it (5,000 cards: 3.3 MB, +150–470 ms before the first card).
 * Of those listeners only the offline copy needs the bytes of a server update (the provider sends
 * only local changes; SyncWatch counts transactions, not bytes), and the bytes it needs are the ones
 * that arrived. So while a server message is applied the provider's and the store's listeners are
 * off, and the store gets the received update afterwards. A change some observer makes in reaction
 * (any origin but the provider's) is still encoded and handed to both, as Yjs would have.
 * Returns the function that puts the provider's handler back.
 */
export function applyServerUpdatesAsReceived(provider: WebsocketProvider, doc: Y.Doc, store: UpdateStore): () => void {
  const original = provider.messageHandlers[MESSAGE_SYNC]!;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, fromSocket, type) => {
    const syncType = decoder.arr[decoder.pos];
    const send = provider._updateHandler;
    const keep = store._storeUpdate;
    if (
      !fromSocket ||
      (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) ||
      typeof send !== 'function' ||
      typeof keep !== 'function'
    ) {
      original(encoder, decoder, p, fromSocket, type);
      return;
    }
    const peek = decoding.createDecoder(decoder.arr);
    peek.pos = decoder.pos;
    decoding.readVarUint(peek);
    const received = decoding.readVarUint8Array(peek);
    // Changes made by observers meanwhile (not the server's): encoded here, delivered below.
    const reactions: { update: Uint8Array; origin: unknown }[] = [];
    let applied = false;
    const onTransaction = (tr: Y.Transaction) => {
      if (!changedDoc(tr)) return;
      if (tr.origin === provider) {
        applied = true;
        return;
      }
      reactions.push({ update: Y.encodeStateAsUpdate(doc, Y.encodeStateVector(tr.beforeState)), origin: tr.origin });
    };
    doc.off('update', keep);
    doc.off('update', send);
    doc.on('afterTransaction', onTransaction);
    try {
      original(encoder, decoder, p, fromSocket, type);
    } finally {
      doc.off('afterTransaction', onTransaction);
      doc.on('update', keep);
      doc.on('update', send);
    }
    if (applied) keep(received.slice(), provider);
    for (const r of reactions) {
      keep(r.update, r.origin);
      send(r.update, r.origin);
    }
  };
  return () => {
    provider.messageHandlers[MESSAGE_SYNC] = original;
  };
}
