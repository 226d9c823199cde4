import { useSyncExternalStore } from 'react';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { changedDoc } from './quietApply';

/** What the watch reports: local changes the server has not yet acknowledged. */
export interface SyncWatchState {
  /** Local transactions sent or waiting to be sent that the server has not confirmed as stored. */
  pending: number;
}

export interface SyncWatchOptions {
  /** After this long without any frame from the server, the connection is probed (ms). */
  intervalMs?: number;
  /** A probe followed by no frame at all for this long means the socket is dead (ms). */
  timeoutMs?: number;
  /** Update origins that are not this person's edits (e.g. the IndexedDB copy loading). */
  ignoreOrigins?: readonly unknown[];
}

const MESSAGE_SYNC = 0;

interface Probe {
  /** Every local change up to this sequence number was delivered before the probe was sent. */
  seq: number;
  sentAt: number;
}

/**
 * Keeps the connection honest. y-websocket only notices a silent (half-open) socket after 30 s
 * (`messageReconnectTimeout`, not configurable), and it has no notion of acknowledgement. This
 * watch sends a sync step 1 as an application-level heartbeat when the socket has been quiet for
 * `intervalMs` or when there are local changes to confirm. The server answers a sync step 1 only
 * after the same client's earlier updates are stored, so its sync step 2 reply acknowledges every
 * change delivered before the probe. When no frame at all arrives within `timeoutMs` of a probe,
 * the socket is closed (status "disconnected" at once) and a new connection is started. With the
 * defaults a dead socket is noticed within about 2.3 s. Throttled timers (a background tab) only
 * delay the probes; they cannot cause a false alarm, because the test is "nothing since the probe".
 */
export class SyncWatch {
  private seq = 0;
  private delivered = 0;
  private acked = 0;
  private probes: Probe[] = [];
  private state: SyncWatchState = { pending: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly ignore: ReadonlySet<unknown>;
  private readonly originalSyncHandler: WebsocketProvider['messageHandlers'][number];

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly doc: Y.Doc,
    opts: SyncWatchOptions = {},
  ) {
    this.intervalMs = opts.intervalMs ?? 750;
    this.timeoutMs = opts.timeoutMs ?? 1250;
    this.ignore = new Set([provider, ...(opts.ignoreOrigins ?? [])]);
    // Transactions, not `update`: an update listener makes Yjs encode every change, the server's too.
    doc.on('afterTransaction', this.onTransaction);
    provider.on('status', this.onStatus);
    // Wrap the provider's sync handler to see which sync message arrived (step 1: the reply we send
    // carries all our changes; step 2: the answer to one of our step 1s, in order).
    this.originalSyncHandler = provider.messageHandlers[MESSAGE_SYNC]!;
    provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, fromSocket, type) => {
      const syncType = decoder.arr[decoder.pos];
      this.originalSyncHandler(encoder, decoder, p, fromSocket, type);
      if (!fromSocket) return; // a BroadcastChannel message from another tab, not the server
      if (syncType === syncProtocol.messageYjsSyncStep1) this.delivered = this.seq;
      else if (syncType === syncProtocol.messageYjsSyncStep2) this.onAnswer();
    };
    this.timer = setInterval(this.tick, Math.max(50, Math.floor(this.intervalMs / 6)));
  }

  getState = (): SyncWatchState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    clearInterval(this.timer);
    this.doc.off('afterTransaction', this.onTransaction);
    this.provider.off('status', this.onStatus);
    this.provider.messageHandlers[MESSAGE_SYNC] = this.originalSyncHandler;
    this.listeners.clear();
  }

  private readonly onTransaction = (tr: Y.Transaction) => {
    if (this.ignore.has(tr.origin) || !changedDoc(tr)) return;
    this.seq++;
    // The provider's update handler sends it right after this (same cleanup) if the socket is open.
    if (this.socketOpen()) this.delivered = this.seq;
    this.publish();
  };

  private readonly onStatus = ({ status }: { status: string }) => {
    // A new socket or a closed one: probes in flight will never be answered.
    this.probes = [];
    this.delivered = this.acked;
    // y-websocket sends its own sync step 1 on open, before it has delivered anything: its answer
    // acknowledges nothing new but must be matched in order.
    if (status === 'connected') this.probes.push({ seq: this.acked, sentAt: Date.now() });
    this.publish();
  };

  private onAnswer(): void {
    const probe = this.probes.shift();
    if (probe && probe.seq > this.acked) this.acked = probe.seq;
    this.publish();
  }

  private socketOpen(): boolean {
    const ws = this.provider.ws;
    return this.provider.wsconnected && ws !== null && ws.readyState === ws.OPEN;
  }

  private readonly tick = () => {
    if (!this.socketOpen()) return;
    const now = Date.now();
    const oldest = this.probes[0];
    if (oldest && this.provider.wsLastMessageReceived < oldest.sentAt && now - oldest.sentAt > this.timeoutMs) {
      // Nothing at all came back: the socket is dead even though the browser has not noticed.
      this.provider.disconnect();
      this.provider.connect();
      return;
    }
    const last = this.probes[this.probes.length - 1];
    const unconfirmed = this.delivered > (last?.seq ?? this.acked);
    const quiet = now - this.provider.wsLastMessageReceived >= this.intervalMs;
    if (unconfirmed || (quiet && this.probes.length === 0)) this.probe(now);
  };

  private probe(now: number): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.probes.push({ seq: this.delivered, sentAt: now });
    this.provider.ws!.send(encoding.toUint8Array(encoder));
  }

  private publish(): void {
    const pending = this.seq - this.acked;
    if (pending === this.state.pending) return;
    this.state = { pending };
    for (const l of [...this.listeners]) l();
  }
}

const NO_WATCH: SyncWatchState = Object.freeze({ pending: 0 });
const noop = () => () => {};

/** Local changes of a session the server has not acknowledged yet (0 without a session). */
export function usePendingChanges(watch: SyncWatch | null | undefined): number {
  return useSyncExternalStore(watch ? watch.subscribe : noop, watch ? watch.getState : () => NO_WATCH).pending;
}
