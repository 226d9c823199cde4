import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { IdSchema, SyncCloseCode, ErrorCode, JourneycraftError, type ErrorBody } from '@journeycraft/schema';
import type { Principal } from '../auth.js';
import type { Access } from '../accounts/authorize.js';
import type { Storage } from '../storage/types.js';
import type { Logger } from '../log.js';
import type { Rooms } from './rooms.js';
import type { Conn } from './room.js';
import type { Metrics } from '../metrics.js';
import { TokenBucket } from './limits.js';
import { FrameCache } from './frame.js';
import { SESSION_COOKIE } from '../routes/http.js';
import { MessageType, decodeAwarenessFrame } from './protocol.js';
import { decodeEntries, encodeAwarenessFrame, presenceOwnerKey, type AwarenessEntry } from './presence.js';

export interface SyncServerOptions {
  rooms: Rooms;
  storage: Storage;
  log: Logger;
  maxMessageBytes: number;
  maxConnectionsPerMap?: number;
  /**
   * Document frames per second per connection; beyond it frames wait in a short queue and, when
   * that fills, the socket is paused (TCP backpressure). No frame is dropped.
   */
  updateRate?: number;
  /** Document frames a connection may send at once before `updateRate` applies (default 10 × rate). */
  updateBurst?: number;
  /** Awareness frames per second per connection; beyond it only the latest one is kept and sent later. */
  awarenessRate?: number;
  /** Browser origins allowed to connect; empty or absent allows any. */
  allowedOrigins?: string[];
  metrics?: Metrics;
  /**
   * The one authorization function: the upgrade needs `view` on the map, from `?token=` (a
   * joined share-link session or an API token) or the session cookie.
   */
  access: Access;
  /** Interval of WebSocket pings (default 1 s). */
  pingIntervalMs?: number;
  /**
   * A connection that answered none of the pings of this long is terminated (default 3 s, i.e.
   * three unanswered pings; a socket this side has paused is not counted against).
   */
  pongTimeoutMs?: number;
}

/** Document frames a connection may have waiting for rate tokens before its socket is paused. */
const QUEUE_HIGH = 64;

const SYNC_PATH = /^\/sync\/([^/?#]*)$/;

function refuse(socket: Duplex, status: number, code: ErrorBody['error']['code'], message: string): void {
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  const reason =
    {
      400: 'Bad Request',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'Not Found',
      500: 'Internal Server Error',
      503: 'Service Unavailable',
    }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** A cookie of an upgrade request. */
function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function toBytes(data: RawData): Uint8Array {
  if (Buffer.isBuffer(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data);
}

/**
 * Serves the y-websocket protocol on `/sync/:mapId` of an HTTP server. Any stock
 * `WebsocketProvider` can connect. Bad map ids get HTTP 400, unknown maps 404 (before the
 * upgrade); frames over `maxMessageBytes` are closed with 1009, malformed ones with 1007.
 */
export function attachSyncServer(server: Server, opts: SyncServerOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes, perMessageDeflate: false });
  let nextId = 1;
  const frames = new FrameCache();
  /**
   * Pings each socket has been sent since it last answered one. Counted in ping rounds, not
   * wall-clock time: when this process's own event loop was blocked (a large update being
   * applied), the pongs that arrived meanwhile are still unread when the next round runs, so a
   * clock would blame the peers for the server's stall and cut off healthy clients mid-upload.
   */
  const unanswered = new WeakMap<WebSocket, number>();
  /** Sockets this side stopped reading (rate limit): their pongs wait unread behind their frames. */
  const notReading = new WeakSet<WebSocket>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const origin = req.headers.origin;
    if (origin && opts.allowedOrigins?.length && !opts.allowedOrigins.includes(origin)) {
      opts.metrics?.rejected.inc({ reason: 'origin' });
      refuse(socket, 403, ErrorCode.Forbidden, `origin ${origin.slice(0, 100)} is not allowed`);
      return;
    }
    const match = SYNC_PATH.exec(url.pathname);
    if (!match) {
      refuse(
        socket,
        404,
        ErrorCode.NotFound,
        `no WebSocket endpoint at ${url.pathname.slice(0, 100)}; use /sync/:mapId`,
      );
      return;
    }
    let mapId: string;
    try {
      mapId = decodeURIComponent(match[1]!);
    } catch {
      mapId = '';
    }
    if (!IdSchema.safeParse(mapId).success) {
      refuse(socket, 400, ErrorCode.BadRequest, 'map id must be 1-64 letters, digits, "_" or "-"');
      return;
    }
    const token = url.searchParams.get('token') ?? undefined;
    opts.storage.getMap(mapId).then(
      async (map) => {
        if (!map) {
          refuse(socket, 404, ErrorCode.NotFound, `map "${mapId}" does not exist`);
          return;
        }
        let principal: Principal;
        try {
          const who = await opts.access.accounts.identify(token, cookieOf(req, SESSION_COOKIE));
          principal = await opts.access.authorize(who, map, 'view', { linkSession: true });
        } catch (err) {
          if (!(err instanceof JourneycraftError)) throw err;
          opts.metrics?.rejected.inc({ reason: 'unauthorized' });
          refuse(socket, err.status, err.code, err.message);
          return;
        }
        if (opts.rooms.connectionsOf(mapId) >= (opts.maxConnectionsPerMap ?? Infinity)) {
          opts.metrics?.rejected.inc({ reason: 'map_full' });
          refuse(socket, 503, ErrorCode.Conflict, `map "${mapId}" has reached its connection limit`);
          return;
        }
        const cookie = cookieOf(req, SESSION_COOKIE);
        // Asked again after the relay was cut off: a revocation told meanwhile may have been missed.
        const stillAllowed = async (): Promise<boolean> => {
          const now = await opts.storage.getMap(mapId);
          if (!now) return false;
          try {
            const again = await opts.access.authorize(await opts.access.accounts.identify(token, cookie), now, 'view', {
              linkSession: true,
            });
            return again.role === principal.role && !!again.owner === !!principal.owner;
          } catch (err) {
            if (err instanceof JourneycraftError) return false;
            throw err;
          }
        };
        wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket, mapId, principal, stillAllowed));
      },
      (err: unknown) => {
        opts.log('error', 'upgrade failed', { mapId, error: String(err) });
        refuse(socket, 500, ErrorCode.Internal, 'could not open the map');
      },
    );
  };

  const onConnection = (
    ws: WebSocket,
    socket: Duplex,
    mapId: string,
    principal: Principal,
    stillAllowed: () => Promise<boolean>,
  ) => {
    const conn: Conn = {
      id: nextId++,
      principal,
      presenceKey: presenceOwnerKey(principal), // a hash: once per connection, not per awareness frame
      stillAllowed,
      // Written to the upgraded socket as a frame made once for every connection a message goes
      // to (ws itself frames per socket); pings and closes still go through ws, between frames.
      send: (data) => {
        if (ws.readyState !== ws.OPEN) return;
        const frame = frames.of(data);
        if (frame.length === 1) socket.write(frame[0]);
        else {
          socket.cork();
          socket.write(frame[0]);
          socket.write(frame[1]);
          socket.uncork();
        }
      },
      close: (code, reason) => ws.close(code, reason),
    };
    const room = opts.rooms.connect(mapId, conn);
    // A credential that expires closes its socket at that moment (and nothing it sends later is stored).
    const expiresAt = principal.expiresAt ?? null;
    const expired = () => expiresAt !== null && Date.now() >= expiresAt;
    const endOfAccess = () => {
      opts.rooms.disconnect(room, conn);
      ws.close(SyncCloseCode.AccessRevoked, principal.linkId ? 'this link has expired' : 'your session has expired');
    };
    let expiryTimer: NodeJS.Timeout | null = null;
    const armExpiry = () => {
      if (expiresAt === null) return;
      const wait = expiresAt - Date.now();
      if (wait <= 0) return endOfAccess();
      expiryTimer = setTimeout(armExpiry, Math.min(wait, 2 ** 31 - 1));
    };
    armExpiry();
    unanswered.set(ws, 0);
    ws.on('pong', () => unanswered.set(ws, 0));
    const updateRate = opts.updateRate ?? Infinity;
    const awarenessRate = opts.awarenessRate ?? Infinity;
    const updates = new TokenBucket(updateRate, opts.updateBurst ?? updateRate * 10);
    const awareness = new TokenBucket(awarenessRate, awarenessRate * 2);
    // Awareness frames over the rate: the latest entry of each client id, sent as one frame later.
    let heldAwareness: Map<number, AwarenessEntry> | null = null;
    let awarenessTimer: NodeJS.Timeout | null = null;
    // Document frames beyond the rate wait here, in order; past QUEUE_HIGH the socket stops being read.
    const queued: Uint8Array[] = [];
    let pumpTimer: NodeJS.Timeout | null = null;
    let paused = false;
    const pump = () => {
      pumpTimer = null;
      if (expired()) {
        queued.length = 0;
        return endOfAccess();
      }
      while (queued.length && updates.take()) room.receive(conn, queued.shift()!);
      if (queued.length) pumpTimer = setTimeout(pump, Math.max(1, updates.waitMs()));
      if (paused && queued.length <= QUEUE_HIGH / 2) {
        paused = false;
        notReading.delete(ws);
        ws.resume();
      }
    };
    const releaseAwareness = () => {
      awarenessTimer = null;
      if (!heldAwareness) return;
      if (awareness.take()) {
        room.receive(conn, encodeAwarenessFrame([...heldAwareness.values()]));
        heldAwareness = null;
      } else awarenessTimer = setTimeout(releaseAwareness, awareness.waitMs());
    };
    ws.on('message', (data, isBinary) => {
      // Any frame shows the peer is alive (its pong may sit behind a long upload in the stream).
      unanswered.set(ws, 0);
      if (expired()) return endOfAccess();
      if (!isBinary) {
        opts.metrics?.rejected.inc({ reason: 'malformed' });
        ws.close(SyncCloseCode.MalformedMessage, 'text frames are not part of the protocol');
        return;
      }
      const bytes = toBytes(data);
      if (bytes[0] === MessageType.Awareness) {
        // Awareness is state, not history: when a client floods, keep only the latest state of each id.
        if (!heldAwareness && awareness.take()) room.receive(conn, bytes);
        else {
          let entries: AwarenessEntry[];
          try {
            entries = decodeEntries(decodeAwarenessFrame(bytes));
          } catch {
            room.receive(conn, bytes); // the room refuses it and closes the connection
            return;
          }
          opts.metrics?.rejected.inc({ reason: 'awareness_throttled' });
          heldAwareness ??= new Map();
          for (const e of entries) heldAwareness.set(e.clientId, e);
          awarenessTimer ??= setTimeout(releaseAwareness, awareness.waitMs());
        }
        return;
      }
      queued.push(bytes);
      if (!pumpTimer) pump();
      if (!queued.length) return;
      opts.metrics?.rejected.inc({ reason: 'update_throttled' });
      if (!paused && queued.length >= QUEUE_HIGH) {
        paused = true;
        notReading.add(ws);
        ws.pause();
      }
    });
    ws.on('error', (err) => {
      // ws closes with 1009 itself when a frame exceeds maxPayload.
      if ((err as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH')
        opts.metrics?.rejected.inc({ reason: 'too_big' });
      opts.log('warn', 'websocket error', { mapId, conn: conn.id, error: err.message });
    });
    ws.on('close', () => {
      if (expiryTimer) clearTimeout(expiryTimer);
      if (awarenessTimer) clearTimeout(awarenessTimer);
      if (pumpTimer) clearTimeout(pumpTimer);
      opts.rooms.disconnect(room, conn);
    });
  };

  server.on('upgrade', onUpgrade);
  // A peer whose network vanished sends no close frame: ping every socket and terminate the ones
  // that stopped answering, so their presence and connection slot go within seconds.
  // A round runs only after the event loop has read what arrived before it (timers cannot run
  // twice without a poll phase between them), so a live peer's pong resets its count first.
  const pingInterval = opts.pingIntervalMs ?? 1000;
  const maxUnanswered = Math.max(1, Math.round((opts.pongTimeoutMs ?? 3000) / pingInterval));
  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (notReading.has(ws)) continue;
      const missed = unanswered.get(ws) ?? 0;
      if (missed >= maxUnanswered) {
        opts.metrics?.rejected.inc({ reason: 'pong_timeout' });
        ws.terminate();
        continue;
      }
      unanswered.set(ws, missed + 1);
      ws.ping();
    }
  }, pingInterval);
  ping.unref();

  return {
    close() {
      clearInterval(ping);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(SyncCloseCode.GoingAway, 'server shutting down');
      wss.close();
    },
  };
}
