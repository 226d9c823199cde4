import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { withTimeout } from '../timeout.js';

/**
 * What instances tell each other about a map: a stored doc update, an awareness change (owner
 * session keys with awareness updates, see presence.ts), or "reread storage" (sent by an instance
 * that was cut off from Redis, so the others pick up what it stored meanwhile); `awareness-query`
 * asks the others to relay the presence their connections control (sent when a room loads).
 */
export type RelayKind = 'update' | 'awareness' | 'awareness-query' | 'resync';
export type RelayHandler = (kind: RelayKind, data: Uint8Array) => void;

/**
 * Fan-out between server instances. Updates are published only after they are stored, so an
 * instance that misses a message still finds the update in storage (it resyncs on reconnect).
 */
export interface Relay {
  /**
   * Starts receiving a map's messages; resolves once the subscription is active, or at once
   * while Redis is unreachable (the map is subscribed when it comes back).
   */
  subscribe(mapId: string, handler: RelayHandler): Promise<void>;
  unsubscribe(mapId: string): Promise<void>;
  publish(mapId: string, kind: RelayKind, data: Uint8Array): void;
  /**
   * Tells every other instance something about the whole workspace (connections to close: see
   * rooms.ts). Every instance hears it, whichever maps it has loaded.
   */
  publishControl(data: Uint8Array): void;
  /** Receives the other instances' control messages (never our own). */
  onControl(listener: (data: Uint8Array) => void): void;
  /** Called after the relay lost and regained its connection (messages may have been missed). */
  onResync(listener: () => void): void;
  /** Throws when the relay's connection is down (readiness probe). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Byte 2 was awareness without owner keys (before presence ownership); it is ignored now. */
const KIND_BYTE: Record<RelayKind, number> = { update: 1, awareness: 3, resync: 4, 'awareness-query': 5 };
const CONTROL_BYTE = 6;
const BYTE_KIND = new Map<number, RelayKind>(Object.entries(KIND_BYTE).map(([k, b]) => [b, k as RelayKind]));
const ID_BYTES = 12;
/** How long start-up waits for Redis before going on without it (it joins when Redis answers). */
const CONNECT_WAIT_MS = 2000;
const COMMAND_TIMEOUT_MS = 1000;

/**
 * Redis pub/sub relay (ioredis): one channel per map, messages tagged with the sender instance.
 * Never blocks the server on Redis: it starts without it, commands fail fast while it is down
 * (no offline queue), and on (re)connection it subscribes every live map, rereads storage and
 * asks the other instances to reread theirs.
 */
export async function openRedisRelay(url: string, log: Logger, prefix = 'jc:sync:'): Promise<Relay> {
  const instance = randomBytes(ID_BYTES);
  const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  const pub = new Redis(url, options);
  const sub = new Redis(url, options);
  const handlers = new Map<string, RelayHandler>();
  const resyncListeners: Array<() => void> = [];
  const controlListeners: Array<(data: Uint8Array) => void> = [];
  // The workspace's channel; map ids never hold "!" (IdSchema), so it is nobody's map channel.
  const control = `${prefix}!control`;
  let everJoined = false;
  let joined = false;
  let lastError = '';

  const message = (kind: RelayKind, data: Uint8Array) =>
    Buffer.concat([instance, Buffer.from([KIND_BYTE[kind]]), data]);
  const bytesOf = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

  sub.on('messageBuffer', (channel: Buffer, msg: Buffer) => {
    if (msg.length < ID_BYTES + 1) return;
    if (msg.subarray(0, ID_BYTES).equals(instance)) return; // our own message
    const name = channel.toString();
    if (name === control) {
      if (msg[ID_BYTES] !== CONTROL_BYTE) return;
      const data = bytesOf(msg.subarray(ID_BYTES + 1));
      for (const l of controlListeners) l(data);
      return;
    }
    const mapId = name.slice(prefix.length);
    const handler = handlers.get(mapId);
    if (!handler) return;
    const kind = BYTE_KIND.get(msg[ID_BYTES]!);
    if (!kind) return;
    handler(kind, bytesOf(msg.subarray(ID_BYTES + 1)));
  });
  const connected = () => pub.status === 'ready' && sub.status === 'ready';
  const onClose = () => {
    if (joined) log('warn', 'redis relay disconnected; serving this instance alone until it is back');
    joined = false;
  };
  const onReady = () => {
    if (joined || !connected()) return;
    joined = true;
    const first = !everJoined;
    everJoined = true;
    const ids = [...handlers.keys()];
    void (async () => {
      await sub.subscribe(control, ...ids.map((id) => prefix + id)).catch(() => {});
      if (first && !ids.length) return;
      log('warn', 'redis relay joined after an outage; resyncing rooms from storage');
      for (const l of resyncListeners) l();
      for (const id of ids) pub.publish(prefix + id, message('resync', new Uint8Array())).catch(() => {});
    })();
  };
  for (const client of [pub, sub]) {
    client.on('close', onClose);
    client.on('ready', onReady);
  }
  for (const client of [pub, sub])
    client.on('error', (err: Error) => {
      // ioredis retries forever; log each distinct error once rather than every retry.
      if (err.message === lastError) return;
      lastError = err.message;
      log('warn', 'redis error', { error: err.message });
    });
  await withTimeout(
    Promise.all([pub, sub].map((c) => new Promise((resolve) => c.once('ready', resolve)))),
    CONNECT_WAIT_MS,
    'redis connection',
  ).then(
    // Listening on the workspace channel before the server takes its first request.
    () => withTimeout(sub.subscribe(control), COMMAND_TIMEOUT_MS, 'redis subscribe').catch(() => {}),
    () => log('warn', 'redis is unreachable; starting without the relay (not ready until it answers)', {}),
  );

  return {
    async subscribe(mapId, handler) {
      handlers.set(mapId, handler);
      if (sub.status !== 'ready') return;
      await withTimeout(sub.subscribe(prefix + mapId), COMMAND_TIMEOUT_MS, 'redis subscribe').catch((err: unknown) =>
        log('warn', 'redis subscribe failed; retried when redis is back', { mapId, error: String(err) }),
      );
    },
    async unsubscribe(mapId) {
      handlers.delete(mapId);
      if (sub.status === 'ready') await sub.unsubscribe(prefix + mapId).catch(() => {});
    },
    publish(mapId, kind, data) {
      if (pub.status !== 'ready') return; // stored already; the others reread storage when we are back
      pub.publish(prefix + mapId, message(kind, data)).catch((err: unknown) => {
        log('warn', 'redis publish failed', { mapId, error: String(err) });
      });
    },
    publishControl(data) {
      if (pub.status !== 'ready') return; // see README: a revocation during a Redis outage
      pub.publish(control, Buffer.concat([instance, Buffer.from([CONTROL_BYTE]), data])).catch((err: unknown) => {
        log('warn', 'redis publish failed', { channel: 'control', error: String(err) });
      });
    },
    onControl(listener) {
      controlListeners.push(listener);
    },
    onResync(listener) {
      resyncListeners.push(listener);
    },
    async ping() {
      if (sub.status !== 'ready' || pub.status !== 'ready') throw new Error(`redis not connected (${sub.status})`);
      await withTimeout(pub.ping(), COMMAND_TIMEOUT_MS, 'redis ping');
    },
    async close() {
      handlers.clear();
      await Promise.all([pub, sub].map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
