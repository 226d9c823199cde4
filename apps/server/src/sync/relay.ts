import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** What instances tell each other about a map: a stored doc update, or an awareness change. */
export type RelayKind = 'update' | 'awareness';
export type RelayHandler = (kind: RelayKind, data: Uint8Array) => void;

/**
 * Fan-out between server instances. Updates are published only after they are stored, so an
 * instance that misses a message still finds the update in storage (it resyncs on reconnect).
 */
export interface Relay {
  /** Starts receiving a map's messages; resolves once the subscription is active. */
  subscribe(mapId: string, handler: RelayHandler): Promise<void>;
  unsubscribe(mapId: string): Promise<void>;
  publish(mapId: string, kind: RelayKind, data: Uint8Array): void;
  /** Called after the relay lost and regained its connection (messages may have been missed). */
  onResync(listener: () => void): void;
  /** Throws when the relay's connection is down (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const KIND_BYTE: Record<RelayKind, number> = { update: 1, awareness: 2 };
const ID_BYTES = 12;

/** Redis pub/sub relay (ioredis): one channel per map, messages tagged with the sender instance. */
export async function openRedisRelay(url: string, log: Logger, prefix = 'jc:sync:'): Promise<Relay> {
  const instance = randomBytes(ID_BYTES);
  const pub = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  const sub = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  await Promise.all([pub.connect(), sub.connect()]);
  const handlers = new Map<string, RelayHandler>();
  const resyncListeners: Array<() => void> = [];
  let wasConnected = true;

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const mapId = channel.toString().slice(prefix.length);
    const handler = handlers.get(mapId);
    if (!handler || message.length < ID_BYTES + 1) return;
    if (message.subarray(0, ID_BYTES).equals(instance)) return; // our own message
    const kind: RelayKind | undefined =
      message[ID_BYTES] === 1 ? 'update' : message[ID_BYTES] === 2 ? 'awareness' : undefined;
    if (!kind) return;
    const data = message.subarray(ID_BYTES + 1);
    handler(kind, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  sub.on('close', () => {
    wasConnected = false;
  });
  sub.on('ready', () => {
    if (wasConnected) return;
    wasConnected = true;
    log('warn', 'redis relay reconnected; resyncing rooms from storage');
    for (const l of resyncListeners) l();
  });
  for (const client of [pub, sub])
    client.on('error', (err: Error) => log('warn', 'redis error', { error: err.message }));

  return {
    async subscribe(mapId, handler) {
      handlers.set(mapId, handler);
      await sub.subscribe(prefix + mapId);
    },
    async unsubscribe(mapId) {
      handlers.delete(mapId);
      await sub.unsubscribe(prefix + mapId).catch(() => {});
    },
    publish(mapId, kind, data) {
      const message = Buffer.concat([instance, Buffer.from([KIND_BYTE[kind]]), data]);
      pub.publish(prefix + mapId, message).catch((err: unknown) => {
        log('warn', 'redis publish failed', { mapId, error: String(err) });
      });
    },
    onResync(listener) {
      resyncListeners.push(listener);
    },
    async ping() {
      await pub.ping();
    },
    async close() {
      handlers.clear();
      await Promise.all([pub.quit().catch(() => {}), sub.quit().catch(() => {})]);
    },
  };
}
