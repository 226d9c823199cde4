import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { SyncCloseCode, type MapMeta } from '@journeycraft/schema';
import { metaMap, readMeta } from '@journeycraft/doc';
import type { Storage } from '../storage/types.js';
import { compactStored } from '../storage/compact.js';
import type { Metrics } from '../metrics.js';
import type { Relay, RelayKind } from './relay.js';
import { MEMBER, type Principal } from '../auth.js';
import { newId } from '@journeycraft/schema';
import { GuardedChange, describeRefusals, inspectUpdate, policyPrincipal } from './guard.js';
import {
  ECHO,
  PRESENCE_LIMITS,
  PresenceOwners,
  decodeRelayedAwareness,
  describeRefusal,
  encodeEntries,
  encodeRelayedAwareness,
  presenceOwnerKey,
  stampAwareness,
} from './presence.js';
import type { Logger } from '../log.js';
import {
  MalformedMessageError,
  decodeMessage,
  encodeAwareness,
  encodeNotice,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.js';

/** One client connection as the room sees it (a WebSocket, or an in-memory pipe in tests). */
export interface Conn {
  readonly id: number;
  /** Who this connection acts as (workspace member when absent). */
  readonly principal?: Principal;
  /** Who this connection is for presence (see presenceOwnerKey); derived from `principal` when absent. */
  readonly presenceKey?: string;
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
  /**
   * Whether its credential still opens the map with the same role (asked after the relay was cut
   * off, when a revocation told by another instance may have been missed); absent: not checked.
   */
  stillAllowed?(): Promise<boolean>;
}

interface Pending {
  update: Uint8Array;
  origin: unknown;
  /** False for updates another instance already stored (they arrive through the relay). */
  store: boolean;
}

type Task = () => void | Promise<void>;
type Waiter = { resolve: () => void; reject: (err: unknown) => void };

const LOAD = Symbol('load');
/** Origin of changes that come from another instance (already stored there). */
const REMOTE = Symbol('remote');
/** Origin of the server putting back what an editor changed under a facilitator lock. */
const GUARD = Symbol('guard');

export interface RoomOptions {
  storage: Storage;
  log: Logger;
  compactEvery: number;
  relay?: Relay | undefined;
  metrics?: Metrics | undefined;
  /** While a map is edited, a version is saved automatically at most this often (ms); 0 = never. */
  autoVersionMs?: number | undefined;
  /** Called when the room's title in the doc changes, to keep the map list in step. */
  onTitleChange?: (title: string) => void;
}

/**
 * One map's live document. Invariants:
 * - nothing is answered before the stored document is loaded;
 * - an update is stored durably before it is broadcast to others, and a client's later
 *   messages (e.g. its next sync step 1) are answered only after its earlier updates are stored,
 *   so a sync round-trip is an acknowledgement;
 * - messages are processed in arrival order; the updates of the batches processed while the
 *   previous append is in flight are stored together in one transaction (group commit), and
 *   broadcasts, replies and acknowledgements leave in batch order;
 * - a malformed message closes only its own connection.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Connections and the awareness client ids each one controls. */
  readonly conns = new Map<Conn, Set<number>>();
  /** Which session controls each awareness client id (kept after disconnects, learnt through the relay). */
  private readonly owners = new PresenceOwners();
  /** Added to the clocks of an id whose owner changed after an instance conflict (see evict). */
  private readonly clockShift = new Map<number, number>();
  readonly ready: Promise<void>;
  private tasks: Task[] = [];
  private pending: Pending[] = [];
  private replies: Array<[Conn, Uint8Array]> = [];
  private draining = false;
  private scheduled = false;
  private sinceCompact = 0;
  private compacting: Promise<void> | null = null;
  /**
   * The stored rows of this map and the snapshot version, as this room appended them: without a
   * relay this room is the map's only writer, so it compacts from its doc (which holds every
   * stored row) instead of reading and replaying them. Null: compact from storage.
   */
  private stored: { seqs: number[]; snapshotVersion: number } | null = null;
  private closed = false;
  private title: string | null = null;
  /** The doc's meta map changed since the title was last read (reading it parses the meta). */
  private metaChanged = false;
  private failed = false;
  private afterFlush: Waiter[] = [];
  /** Processed batches waiting to be stored and sent (oldest first); see seal and commit. */
  private sealed: Array<{ pending: Pending[]; replies: Array<[Conn, Uint8Array]>; waiters: Waiter[] }> = [];
  private committing = false;

  constructor(
    readonly mapId: string,
    private readonly opts: RoomOptions,
  ) {
    this.awareness.setLocalState(null);
    metaMap(this.doc).observeDeep(() => {
      this.metaChanged = true;
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LOAD) this.pending.push({ update, origin, store: origin !== REMOTE });
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        if (origin instanceof Object && this.conns.has(origin as Conn)) {
          const controlled = this.conns.get(origin as Conn)!;
          for (const id of removed) controlled.delete(id);
        }
        // A removed state (left, timed out) keeps its id reserved for its session for a while.
        for (const id of removed) this.owners.release(id);
        const message = encodeAwareness(this.awareness, changed);
        for (const conn of this.conns.keys()) this.safeSend(conn, message);
        if (origin !== REMOTE && this.opts.relay) this.publishAwareness(changed);
      },
    );
    this.ready = this.load();
    this.ready.catch(() => {});
    this.schedule();
  }

  private async load(): Promise<void> {
    // Subscribe before reading storage: an update stored elsewhere meanwhile arrives either
    // in what we read or through the relay (applying it twice is harmless).
    await this.opts.relay?.subscribe(this.mapId, (kind, data) => this.enqueue(() => this.applyRemote(kind, data)));
    // Learn who controls which presence id on the other instances before taking claims here.
    this.opts.relay?.publish(this.mapId, 'awareness-query', new Uint8Array());
    const stored = await this.opts.storage.loadDoc(this.mapId);
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length) {
      try {
        Y.applyUpdate(this.doc, Y.mergeUpdates(parts), LOAD);
      } catch (err) {
        // One bad stored update must not hide the rest: apply them one by one.
        this.opts.log('error', 'stored update could not be merged; applying one by one', {
          mapId: this.mapId,
          error: String(err),
        });
        for (const part of parts) {
          try {
            Y.applyUpdate(this.doc, part, LOAD);
          } catch (e) {
            this.opts.log('error', 'skipping unreadable stored update', { mapId: this.mapId, error: String(e) });
          }
        }
      }
    }
    this.sinceCompact = stored.updates.length;
    if (!this.opts.relay) this.stored = { seqs: [...stored.seqs], snapshotVersion: stored.snapshotVersion };
    this.title = readMeta(this.doc).title;
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Adds a connection; it is greeted (sync step 1 + awareness) once the room is loaded. */
  addConn(conn: Conn): void {
    this.conns.set(conn, new Set());
    this.enqueue(() => {
      if (!this.conns.has(conn)) return;
      this.replies.push([conn, encodeSyncStep1(this.doc)]);
      const states = [...this.awareness.getStates().keys()];
      if (states.length) this.replies.push([conn, encodeAwareness(this.awareness, states)]);
    });
  }

  /** Removes a connection and the awareness states it controlled. */
  removeConn(conn: Conn): void {
    const controlled = this.conns.get(conn);
    if (!controlled) return;
    this.conns.delete(conn);
    if (controlled.size) awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    for (const id of controlled) this.owners.release(id);
  }

  private presenceKey(conn: Conn): string {
    return conn.presenceKey ?? presenceOwnerKey(conn.principal ?? MEMBER);
  }

  /** Relays awareness changes with the session (and the time of its claim) controlling each id. */
  private publishAwareness(changed: Iterable<number>): void {
    const groups = [];
    for (const id of changed) {
      const owner = this.owners.get(id);
      if (owner) groups.push({ ...owner, update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, [id]) });
    }
    if (groups.length) this.opts.relay!.publish(this.mapId, 'awareness', encodeRelayedAwareness(groups));
  }

  /**
   * Applies awareness relayed by another instance, with the same ownership rule as for local
   * connections. When two instances each let a different session claim one id (before either
   * heard of the other), the earlier claim wins everywhere: a local loser is evicted and told,
   * and the winner's clock is shifted past the loser's so every observer takes the winner's state.
   */
  private applyRemoteAwareness(data: Uint8Array): void {
    const kept = [];
    for (const { key, since, entries } of decodeRelayedAwareness(data)) {
      for (const e of entries) {
        if (!this.owners.remoteWins(e.clientId, key, since)) {
          this.opts.metrics?.rejected.inc({ reason: 'awareness_foreign' });
          continue;
        }
        if (e.state !== null && Buffer.byteLength(JSON.stringify(e.state)) > PRESENCE_LIMITS.stateBytes) {
          this.opts.metrics?.rejected.inc({ reason: 'awareness_too_big' });
          continue;
        }
        if (this.owners.ownerOf(e.clientId) !== undefined && this.owners.ownerOf(e.clientId) !== key)
          this.evict(e.clientId);
        e.clock += this.clockShift.get(e.clientId) ?? 0;
        if (e.state !== null) this.owners.claim(e.clientId, key, since);
        kept.push(e);
      }
    }
    if (kept.length) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(kept), REMOTE);
  }

  /** Takes a client id away from whoever holds it here (another instance's session claimed it first). */
  private evict(clientId: number): void {
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    this.clockShift.set(clientId, current + 1);
    for (const [conn, ids] of this.conns) {
      if (!ids.delete(clientId)) continue;
      this.replies.push([conn, encodePermissionDenied(describeRefusal({ foreign: 1, excess: 0, too_big: 0 })!)]);
    }
  }

  private applyRemote(kind: RelayKind, data: Uint8Array): void | Promise<void> {
    try {
      if (kind === 'update') Y.applyUpdate(this.doc, data, REMOTE);
      else if (kind === 'awareness') this.applyRemoteAwareness(data);
      else if (kind === 'awareness-query') this.publishAwareness([...this.conns.values()].flatMap((ids) => [...ids]));
      else return this.resyncNow();
    } catch (err) {
      this.opts.log('warn', 'bad relay message ignored', { mapId: this.mapId, error: String(err) });
    }
  }

  /** Re-reads the stored doc and merges it (after the relay may have missed messages). */
  resync(): void {
    this.enqueue(() => this.resyncNow());
  }

  private async resyncNow(): Promise<void> {
    const stored = await this.opts.storage.loadDoc(this.mapId);
    const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
    if (parts.length) Y.applyUpdate(this.doc, Y.mergeUpdates(parts), REMOTE);
  }

  /** Queues one incoming frame from `conn`. */
  receive(conn: Conn, data: Uint8Array): void {
    this.enqueue(() => this.handle(conn, data));
  }

  /**
   * Runs `fn` inside the room's queue with the doc loaded; the promise resolves after the
   * doc changes `fn` made are stored and broadcast.
   */
  run<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('room is closed'));
    return new Promise<T>((resolve, reject) => {
      this.enqueue(() => {
        let value: T;
        try {
          value = fn(this.doc);
        } catch (err) {
          reject(err);
          return;
        }
        this.afterFlush.push({ resolve: () => resolve(value), reject });
      });
    });
  }

  /** Resolves when everything queued so far has been processed and stored. */
  idle(): Promise<void> {
    return this.run(() => undefined);
  }

  private enqueue(task: Task): void {
    if (this.closed) return;
    this.tasks.push(task);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.draining) return;
    this.scheduled = true;
    // setImmediate lets every frame that arrived in this I/O tick join one batch (one fsync).
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining || this.closed) return;
    this.draining = true;
    try {
      await this.ready;
      while (this.tasks.length && !this.closed) {
        const batch = this.tasks.splice(0, 2000);
        for (const task of batch) await task();
        this.seal();
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.draining = false;
      if (this.tasks.length && !this.closed) this.schedule();
    }
  }

  private handle(conn: Conn, data: Uint8Array): void {
    if (!this.conns.has(conn)) return;
    try {
      const message = decodeMessage(data);
      switch (message.type) {
        case 'sync-step1':
          this.replies.push([conn, encodeSyncStep2(this.doc, message.stateVector)]);
          break;
        case 'sync-update':
          // inspectUpdate decodes the update once (a malformed one closes the connection).
          this.guardedApply(conn, message.update);
          break;
        case 'awareness': {
          const mine = this.conns.get(conn)!;
          const key = this.presenceKey(conn);
          const controlled = new Set(mine);
          const stamped = stampAwareness(message.update, conn.principal ?? MEMBER, (entry) => {
            const { clientId, clock, state } = entry;
            if (!this.owners.mayUse(clientId, key)) {
              // Stock y-websocket clients send back the states they receive: not an attack.
              const known = this.awareness.meta.get(clientId)?.clock;
              return known !== undefined && clock <= known ? ECHO : 'foreign';
            }
            entry.clock += this.clockShift.get(clientId) ?? 0;
            if (controlled.has(clientId) || state === null) return null;
            // A tab has one client id (a new one after a reload); a few, not a flood of fake peers.
            if (controlled.size >= PRESENCE_LIMITS.clientIdsPerConn) return 'excess';
            controlled.add(clientId);
            return null;
          });
          for (const id of stamped.claimed) {
            mine.add(id);
            this.owners.claim(id, key);
          }
          for (const [reason, n] of Object.entries(stamped.refused))
            if (n) this.opts.metrics?.rejected.inc({ reason: `awareness_${reason}` }, n);
          const refusal = describeRefusal(stamped.refused);
          if (refusal) {
            this.replies.push([conn, encodePermissionDenied(refusal)]);
            this.opts.log('info', 'awareness refused', { mapId: this.mapId, conn: conn.id, reason: refusal });
          }
          if (stamped.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped.update, conn);
          break;
        }
        case 'query-awareness':
          this.replies.push([conn, encodeAwareness(this.awareness, [...this.awareness.getStates().keys()])]);
          break;
        case 'auth':
          break;
      }
    } catch (err) {
      if (err instanceof MalformedMessageError) {
        this.opts.log('warn', 'malformed message; closing connection', {
          mapId: this.mapId,
          conn: conn.id,
          error: err.message,
        });
        this.opts.metrics?.rejected.inc({ reason: 'malformed' });
        this.removeConn(conn);
        conn.close(SyncCloseCode.MalformedMessage, err.message.slice(0, 120));
        return;
      }
      throw err;
    }
  }

  private lastVersionAt = Date.now();

  /** Saves an automatic version when the map has been edited and the last one is old enough. */
  private maybeAutoVersion(): void {
    const every = this.opts.autoVersionMs ?? 0;
    if (every <= 0 || Date.now() - this.lastVersionAt < every) return;
    this.lastVersionAt = Date.now();
    const state = Y.encodeStateAsUpdate(this.doc);
    const createdAt = new Date().toISOString();
    this.opts.storage
      .createVersion(
        {
          id: newId(),
          mapId: this.mapId,
          name: `Autosave ${createdAt.slice(0, 16).replace('T', ' ')}`,
          auto: true,
          createdAt,
        },
        state,
      )
      .catch((err: unknown) =>
        this.opts.log('warn', 'automatic version failed', { mapId: this.mapId, error: String(err) }),
      );
  }

  /**
   * Applies a client's update under the edit policy (see guard.ts). Updates that would wait for
   * unseen changes, and viewers' changes, are refused whole and not applied; the rest is applied
   * and what the policy refuses is put back at once, as a change every client (the sender too)
   * receives. Either way the sender is told why.
   */
  private guardedApply(conn: Conn, update: Uint8Array): void {
    const principal = conn.principal ?? MEMBER;
    let inspection: ReturnType<typeof inspectUpdate>;
    try {
      inspection = inspectUpdate(this.doc, update);
    } catch (err) {
      throw new MalformedMessageError(`invalid Yjs update: ${(err as Error).message}`);
    }
    if (!inspection.ok) return this.refuse(conn, inspection.reason, inspection.metric, true);
    if (principal.role === 'viewer' && inspection.targets.length)
      return this.refuse(conn, 'viewers can look at the map but not change it', 'forbidden', true);
    const policy = policyPrincipal(principal);
    const change = GuardedChange.capture(this.doc, inspection.targets, policy);
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      throw new MalformedMessageError(`Yjs update could not be applied: ${(err as Error).message}`);
    }
    if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
      // inspectUpdate refuses what Yjs keeps pending; should any slip through, it never applies later.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      this.opts.log('error', 'pending structs dropped after inspection', { mapId: this.mapId, conn: conn.id });
    }
    const refusals = change.judge(policy);
    if (!refusals.length) return;
    change.restore(refusals, GUARD, update);
    this.refuse(conn, describeRefusals(refusals), 'forbidden', false);
  }

  private refuse(conn: Conn, message: string, metric: string, resync: boolean): void {
    this.opts.metrics?.rejected.inc({ reason: metric });
    this.opts.log('info', 'update refused', {
      mapId: this.mapId,
      conn: conn.id,
      role: conn.principal?.role,
      reason: message,
    });
    this.replies.push([conn, encodeNotice({ kind: 'refused', message, resync })]);
  }

  /** The live connections (to check them again after a relay outage). */
  get connections(): Conn[] {
    return [...this.conns.keys()];
  }

  /** Closes the connections `pick` selects (revoked links, access changes). */
  closeConns(pick: (conn: Conn) => boolean, code: number, reason: string): number {
    let n = 0;
    for (const conn of [...this.conns.keys()]) {
      if (!pick(conn)) continue;
      this.removeConn(conn);
      conn.close(code, reason);
      n++;
    }
    return n;
  }

  /**
   * Closes the batch just processed: its changes, replies and waiters go out once they are stored
   * (see commit). The next batch is applied meanwhile, so the doc runs ahead of storage, but
   * nothing leaves the room before it is stored.
   */
  private seal(): void {
    if (!this.pending.length && !this.replies.length && !this.afterFlush.length) return;
    this.sealed.push({
      pending: this.pending.splice(0),
      replies: this.replies.splice(0),
      waiters: this.afterFlush.splice(0),
    });
    if (!this.committing) void this.commit();
  }

  /**
   * Group commit: at most one append per room is in flight; the batches sealed while it runs are
   * stored together in the next one (one transaction, one fsync). After each append: the relay
   * gets the stored updates, every connection the merged broadcast, then the replies go out in
   * order and the waiters resolve.
   */
  private async commit(): Promise<void> {
    this.committing = true;
    try {
      while (this.sealed.length && !this.closed) {
        const sealed = this.sealed.splice(0);
        const pending = sealed.flatMap((b) => b.pending);
        const toStore = pending.filter((p) => p.store).map((p) => p.update);
        // One row per commit: the stored updates merged (sent as they are when they are the whole batch).
        const merged = toStore.length ? mergedUpdate(toStore) : null;
        try {
          if (merged) {
            const started = performance.now();
            const seq = await this.opts.storage.appendUpdates(this.mapId, [merged]);
            this.stored?.seqs.push(seq);
            this.opts.metrics?.persistSeconds.observe((performance.now() - started) / 1000);
            this.opts.metrics?.updates.inc(toStore.length);
          }
        } catch (err) {
          for (const waiter of sealed.flatMap((b) => b.waiters)) waiter.reject(err);
          this.fail(err);
          return;
        }
        if (this.closed) {
          for (const waiter of sealed.flatMap((b) => b.waiters)) waiter.reject(new Error('room closed'));
          return;
        }
        this.delivered(pending, merged, merged !== null && toStore.length === pending.length);
        for (const { replies } of sealed)
          for (const [conn, message] of replies) if (this.conns.has(conn)) this.safeSend(conn, message);
        for (const waiter of sealed.flatMap((b) => b.waiters)) waiter.resolve();
      }
    } finally {
      this.committing = false;
    }
  }

  /**
   * After a commit: relay, broadcast, title, automatic version, compaction. `merged` is what was
   * stored (one row); `whole`: it is every pending update, so the broadcast sends it as it is.
   */
  private delivered(pending: readonly Pending[], merged: Uint8Array | null, whole: boolean): void {
    if (merged) {
      this.sinceCompact++;
      this.maybeAutoVersion();
      this.opts.relay?.publish(this.mapId, 'update', merged);
    }
    if (pending.length) {
      this.broadcast(pending, whole ? merged : null);
      if (!this.metaChanged) return this.maybeCompact();
      this.metaChanged = false;
      const title = readMeta(this.doc).title;
      if (title !== this.title) {
        this.title = title;
        this.opts.onTitleChange?.(title);
      }
    }
    this.maybeCompact();
  }

  private maybeCompact(): void {
    if (this.sinceCompact >= this.opts.compactEvery && !this.compacting) void this.startCompaction();
  }

  /**
   * Sends a batch's updates to every connection as one message, encoded once: the batch merged
   * for everyone, except that a connection whose own update is the whole batch gets nothing. A
   * sender that gets its own update back ignores it (Yjs skips structs it has), which is cheaper
   * for the server than merging the others' updates for each sender, and one frame per socket
   * instead of several saves a write each and every client a decode and apply each.
   */
  private broadcast(pending: ReadonlyArray<{ update: Uint8Array; origin: unknown }>, merged: Uint8Array | null): void {
    const only = pending.every((p) => p.origin === pending[0]!.origin) ? pending[0]!.origin : undefined;
    const message = encodeUpdate(merged ?? mergedUpdate(pending.map((p) => p.update)));
    for (const conn of this.conns.keys()) if (conn !== only) this.safeSend(conn, message);
  }

  /** Folds the stored updates into the snapshot in the background (see compactStored). */
  private startCompaction(): Promise<void> {
    this.sinceCompact = 0;
    const run = (this.stored ? this.compactLive(this.stored) : compactStored(this.opts.storage, this.mapId))
      .then((done) => {
        if (!done) this.opts.log('info', 'compaction skipped: another instance compacted first', { mapId: this.mapId });
      })
      .catch((err: unknown) => {
        this.sinceCompact = this.opts.compactEvery;
        this.opts.log('error', 'compaction failed', { mapId: this.mapId, error: String(err) });
      })
      .finally(() => {
        this.compacting = null;
      });
    this.compacting = run;
    return run;
  }

  /**
   * Compaction when this room is the map's only writer: the snapshot is its doc, which holds every
   * row it read or appended (applied before stored; it may hold more, which is harmless), so
   * nothing is read back and replayed. Should the snapshot have moved after all (another process
   * on the same store), it gives up and compacts from storage from then on.
   */
  private async compactLive(stored: { seqs: number[]; snapshotVersion: number }): Promise<boolean> {
    const seqs = stored.seqs.slice();
    if (!seqs.length) return true;
    const done = await this.opts.storage.compact(this.mapId, Y.encodeStateAsUpdate(this.doc), {
      snapshotVersion: stored.snapshotVersion,
      seqs,
    });
    if (!done) {
      this.stored = null;
      return compactStored(this.opts.storage, this.mapId);
    }
    stored.snapshotVersion++;
    stored.seqs.splice(0, seqs.length); // rows appended meanwhile stay for the next one
    return true;
  }

  /** Compacts now if anything was stored since the last compaction (used before unloading). */
  async compactNow(): Promise<void> {
    await this.idle();
    if (this.compacting) await this.compacting;
    if (this.sinceCompact > 0) await this.startCompaction();
  }

  private safeSend(conn: Conn, message: Uint8Array): void {
    try {
      conn.send(message);
    } catch (err) {
      this.opts.log('warn', 'send failed; dropping connection', {
        mapId: this.mapId,
        conn: conn.id,
        error: String(err),
      });
      this.removeConn(conn);
    }
  }

  private fail(err: unknown): void {
    this.failed = true;
    this.opts.metrics?.errors.inc({ kind: 'storage' });
    this.opts.log('error', 'room failed; closing its connections so clients resend', {
      mapId: this.mapId,
      error: String(err),
    });
    this.close(SyncCloseCode.StorageFailure, 'storage failure');
  }

  /** Closes every connection with `code` and stops processing. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const conn of [...this.conns.keys()]) {
      this.removeConn(conn);
      try {
        conn.close(code, reason);
      } catch {
        /* already closed */
      }
    }
    this.tasks = [];
    void this.opts.relay?.unsubscribe(this.mapId);
    const waiters = [...this.sealed.splice(0).flatMap((b) => b.waiters), ...this.afterFlush.splice(0)];
    for (const waiter of waiters) waiter.reject(new Error(`room closed: ${reason}`));
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Map-level fields of the live doc. */
  meta(): MapMeta {
    return readMeta(this.doc);
  }
}

/** One update for a batch (the batch itself when it holds one). */
function mergedUpdate(updates: ReadonlyArray<Uint8Array>): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]);
}
