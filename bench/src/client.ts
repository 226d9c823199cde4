import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

/** Wall-clock time in ms with sub-ms resolution, comparable between processes of this machine. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A stock y-websocket client; no cross-tab channel, so every update goes through the server. */
export function connect(
  wsBase: string,
  room: string,
  doc = new Y.Doc(),
  params: Record<string, string> = {},
): WebsocketProvider {
  return new WebsocketProvider(wsBase, room, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
}

/** Resolves on the provider's next `synced` (true) event. */
export function nextSynced(provider: WebsocketProvider, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('sync', handler);
      reject(new Error('timed out waiting for synced'));
    }, timeoutMs);
    const handler = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', handler);
      resolve();
    };
    provider.on('sync', handler);
  });
}

/**
 * The client's own sync round-trip: sends sync step 1 and waits for the server's step 2. Our
 * server answers it only after every earlier update of the connection is stored (so this is an
 * acknowledgement); the reference answers as soon as it has applied them in memory.
 */
export async function roundTrip(provider: WebsocketProvider, timeoutMs = 60_000): Promise<void> {
  const done = nextSynced(provider, timeoutMs);
  provider.synced = false;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeSyncStep1(encoder, provider.doc);
  provider.ws!.send(encoding.toUint8Array(encoder));
  await done;
}

export function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 5);
    };
    tick();
  });
}

/** Closes a provider and its doc. */
export function close(provider: WebsocketProvider): void {
  const doc = provider.doc;
  provider.destroy();
  doc.destroy();
}
