import type * as Y from 'yjs';
import { z } from 'zod';
import { SyncCloseCode } from '@journeycraft/schema';
import type { Storage } from '../storage/types.js';
import type { Logger } from '../log.js';
import { Room, type Conn } from './room.js';
import type { Relay } from './relay.js';
import type { Metrics } from '../metrics.js';

/**
 * Which connections a close picks, as data (so it can travel to the other instances): a
 * connection is picked when it matches any of the fields given.
 */
export interface ConnSelector {
  /** Opened with this sign-in session. */
  sessionId?: string;
  /** Opened with this API token. */
  tokenId?: string;
  /** Opened by this account (any session or API token). */
  accountId?: string;
  /** Opened through this share link. */
  linkId?: string;
  /** Opened through any share link. */
  anyLink?: boolean;
  /** Opened by an account that is not one of these (the map's access changed). */
  accountsExcept?: string[];
}

/** Whether `conn` is one `select` picks. */
export function selects(select: ConnSelector, conn: Conn): boolean {
  const p = conn.principal;
  if (!p) return false;
  return (
    (select.sessionId !== undefined && p.sessionId === select.sessionId) ||
    (select.tokenId !== undefined && p.tokenId === select.tokenId) ||
    (select.accountId !== undefined && p.accountId === select.accountId) ||
    (select.linkId !== undefined && p.linkId === select.linkId) ||
    (select.anyLink === true && !!p.linkId) ||
    (select.accountsExcept !== undefined && !!p.accountId && !select.accountsExcept.includes(p.accountId))
  );
}

/** A close told to the other instances: the connections `select` picks (on one map, or on all), or a dropped map. */
const CloseOrderSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('close'),
    mapId: z.string().nullable(),
    select: z.object({
      sessionId: z.string().optional(),
      tokenId: z.string().optional(),
      accountId: z.string().optional(),
      linkId: z.string().optional(),
      anyLink: z.boolean().optional(),
      accountsExcept: z.array(z.string()).optional(),
    }),
    code: z.number().int(),
    reason: z.string(),
  }),
  z.object({ op: z.literal('drop'), mapId: z.string(), code: z.number().int(), reason: z.string() }),
]);
type CloseOrder = z.infer<typeof CloseOrderSchema>;

export interface RoomsOptions {
  storage: Storage;
  log: Logger;
  compactEvery: number;
  idleMs: number;
  relay?: Relay | undefined;
  metrics?: Metrics | undefined;
  autoVersionMs?: number | undefined;
}

/**
 * The live rooms of this process: loads a map's doc on first use, unloads it (after a final
 * compaction) once it has had no connection for `idleMs`.
 */
export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  private readonly unloading = new Set<Promise<void>>();

  constructor(private readonly opts: RoomsOptions) {
    opts.relay?.onResync(() => {
      for (const room of this.rooms.values()) room.resync();
      void this.recheckAll();
    });
    opts.relay?.onControl((data) => this.obey(data));
  }

  /** Carries out a close another instance ordered (its own connections were closed there). */
  private obey(data: Uint8Array): void {
    let order: CloseOrder;
    try {
      order = CloseOrderSchema.parse(JSON.parse(new TextDecoder().decode(data)));
    } catch (err) {
      this.opts.log('warn', 'bad relay control message ignored', { error: String(err) });
      return;
    }
    if (order.op === 'drop') this.dropHere(order.mapId, order.code, order.reason);
    else this.closeHere(order.mapId, order.select, order.code, order.reason);
  }

  /**
   * After a relay outage: closes every connection whose credential no longer opens its map with
   * the role it has (the close another instance told meanwhile never arrived).
   */
  private async recheckAll(): Promise<void> {
    const checks: Array<Promise<void>> = [];
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) {
        if (!conn.stillAllowed) continue;
        checks.push(
          conn.stillAllowed().then(
            (ok) => {
              if (!ok) room.closeConns((c) => c === conn, SyncCloseCode.AccessRevoked, 'your access changed');
            },
            (err: unknown) =>
              this.opts.log('warn', 'could not check a connection again after the relay outage', {
                mapId: room.mapId,
                error: String(err),
              }),
          ),
        );
      }
    }
    await Promise.all(checks);
  }

  private tellOthers(order: CloseOrder): void {
    this.opts.relay?.publishControl(new TextEncoder().encode(JSON.stringify(order)));
  }

  private closeHere(mapId: string | null, select: ConnSelector, code: number, reason: string): number {
    const pick = (conn: Conn) => selects(select, conn);
    if (mapId !== null) return this.rooms.get(mapId)?.closeConns(pick, code, reason) ?? 0;
    let n = 0;
    for (const room of this.rooms.values()) n += room.closeConns(pick, code, reason);
    return n;
  }

  /** Connections to one map on this instance. */
  connectionsOf(mapId: string): number {
    return this.rooms.get(mapId)?.connectionCount ?? 0;
  }

  /** The live room of a map, loading it if needed. */
  get(mapId: string): Room {
    let room = this.rooms.get(mapId);
    if (room && room.isClosed) {
      this.rooms.delete(mapId);
      room = undefined;
    }
    if (!room) {
      room = new Room(mapId, {
        storage: this.opts.storage,
        log: this.opts.log,
        compactEvery: this.opts.compactEvery,
        relay: this.opts.relay,
        metrics: this.opts.metrics,
        autoVersionMs: this.opts.autoVersionMs,
        onTitleChange: (title) => {
          this.opts.storage.setMapTitle(mapId, title).catch((err: unknown) => {
            this.opts.log('error', 'could not update map title', { mapId, error: String(err) });
          });
        },
      });
      this.rooms.set(mapId, room);
      room.ready.catch((err: unknown) => {
        this.opts.log('error', 'room failed to load', { mapId, error: String(err) });
        room!.close(SyncCloseCode.StorageFailure, 'could not load map');
        if (this.rooms.get(mapId) === room) this.rooms.delete(mapId);
      });
      this.armIdle(mapId, room);
    }
    return room;
  }

  /** Whether a map's room is in memory. */
  isLoaded(mapId: string): boolean {
    return this.rooms.has(mapId);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Total connections over all rooms. */
  get connectionCount(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.connectionCount;
    return n;
  }

  /** Joins a connection to a map's room. */
  connect(mapId: string, conn: Conn): Room {
    const room = this.get(mapId);
    this.disarmIdle(mapId);
    room.addConn(conn);
    return room;
  }

  /** Removes a connection; the room is unloaded later if it was the last. */
  disconnect(room: Room, conn: Conn): void {
    room.removeConn(conn);
    if (this.rooms.get(room.mapId) === room) this.armIdle(room.mapId, room);
  }

  /** Runs `fn` on a map's doc inside its room queue; changes are stored before it resolves. */
  async withDoc<T>(mapId: string, fn: (doc: Y.Doc) => T): Promise<T> {
    const room = this.get(mapId);
    const value = await room.run(fn);
    this.armIdle(mapId, room);
    return value;
  }

  private armIdle(mapId: string, room: Room): void {
    if (room.connectionCount > 0) return;
    this.disarmIdle(mapId);
    const timer = setTimeout(() => {
      this.idleTimers.delete(mapId);
      if (room.connectionCount === 0 && this.rooms.get(mapId) === room) void this.unload(mapId);
    }, this.opts.idleMs);
    timer.unref();
    this.idleTimers.set(mapId, timer);
  }

  private disarmIdle(mapId: string): void {
    const timer = this.idleTimers.get(mapId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(mapId);
  }

  /** Compacts and drops a room. A connection arriving meanwhile gets a freshly loaded room. */
  async unload(mapId: string, code: number = SyncCloseCode.GoingAway, reason = 'room unloaded'): Promise<void> {
    const room = this.rooms.get(mapId);
    if (!room) return;
    this.rooms.delete(mapId);
    this.disarmIdle(mapId);
    const work = (async () => {
      try {
        await room.compactNow();
      } catch (err) {
        this.opts.log('warn', 'final compaction failed; updates stay in the log', { mapId, error: String(err) });
      }
      room.close(code, reason);
    })();
    this.unloading.add(work);
    try {
      await work;
    } finally {
      this.unloading.delete(work);
    }
  }

  /**
   * Closes the connections of a map that `select` picks (revoked links, access changes), here and
   * on every other instance (through the relay); returns how many were closed here.
   */
  closeConns(mapId: string, select: ConnSelector, code: number, reason: string): number {
    this.tellOthers({ op: 'close', mapId, select, code, reason });
    return this.closeHere(mapId, select, code, reason);
  }

  /** Closes the connections `select` picks on every map, on every instance (a session ended); returns how many here. */
  closeConnsEverywhere(select: ConnSelector, code: number, reason: string): number {
    this.tellOthers({ op: 'close', mapId: null, select, code, reason });
    return this.closeHere(null, select, code, reason);
  }

  /** Closes a map's room at once, here and on the other instances (map deleted): connections get `code`. */
  drop(mapId: string, code: number, reason: string): void {
    this.tellOthers({ op: 'drop', mapId, code, reason });
    this.dropHere(mapId, code, reason);
  }

  private dropHere(mapId: string, code: number, reason: string): void {
    const room = this.rooms.get(mapId);
    if (!room) return;
    this.rooms.delete(mapId);
    this.disarmIdle(mapId);
    room.close(code, reason);
  }

  /** Stores everything, compacts and closes every room with 1001 (clients reconnect elsewhere). */
  async shutdown(): Promise<void> {
    await Promise.all(
      [...this.rooms.keys()].map((id) => this.unload(id, SyncCloseCode.GoingAway, 'server shutting down')),
    );
    await Promise.all([...this.unloading]);
  }
}
