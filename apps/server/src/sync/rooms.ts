import type * as Y from 'yjs';
import { SyncCloseCode } from '@journeycraft/schema';
import type { Storage } from '../storage/types.js';
import type { Logger } from '../log.js';
import { Room, type Conn } from './room.js';
import type { Relay } from './relay.js';
import type { Metrics } from '../metrics.js';

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
    });
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

  /** Closes the connections of a map that `pick` selects (revoked links, access changes). */
  closeConns(mapId: string, pick: (conn: Conn) => boolean, code: number, reason: string): number {
    return this.rooms.get(mapId)?.closeConns(pick, code, reason) ?? 0;
  }

  /** Closes the connections `pick` selects in every loaded room (a session ended); returns how many. */
  closeConnsEverywhere(pick: (conn: Conn) => boolean, code: number, reason: string): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.closeConns(pick, code, reason);
    return n;
  }

  /** Closes a room at once (map deleted): connections get `code`. */
  drop(mapId: string, code: number, reason: string): void {
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
