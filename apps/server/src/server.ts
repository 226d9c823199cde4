import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApp } from './app.js';
import type { ServerConfig } from './config.js';
import { jsonLogger, type Logger } from './log.js';
import { openSqliteStorage } from './storage/sqlite.js';
import { Metrics } from './metrics.js';
import { Auth } from './auth.js';
import { Access } from './accounts/authorize.js';
import { Accounts } from './accounts/service.js';
import { openSqliteAccounts } from './accounts/sqlite.js';
import type { AccountStore } from './accounts/types.js';
import type { Storage } from './storage/types.js';
import { Rooms } from './sync/rooms.js';
import { attachSyncServer } from './sync/websocket.js';
import { ExportPool } from './exports/pool.js';
import type { ImageStore } from './images/types.js';
import { openSqliteImages } from './images/sqlite.js';
import { openPostgresImages } from './images/postgres.js';

export interface RunningServer {
  port: number;
  storage: Storage;
  /** Pictures of maps (in the same database as the documents). */
  images: ImageStore;
  accounts: Accounts;
  rooms: Rooms;
  metrics: Metrics;
  /** Graceful stop: stop accepting, store and compact every room, close sockets with 1001. */
  close(): Promise<void>;
}

/** Starts the whole server (REST, sync, web app) on one port. */
export async function startServer(
  config: ServerConfig,
  log: Logger = jsonLogger,
  storage?: Storage,
  accountsStore?: AccountStore,
): Promise<RunningServer> {
  const store =
    storage ??
    (config.databaseUrl
      ? await (await import('./storage/postgres.js')).openPostgresStorage(config.databaseUrl)
      : openSqliteStorage(path.join(config.dataDir, 'journeycraft.sqlite')));
  const relay = config.redisUrl
    ? await (await import('./sync/relay.js')).openRedisRelay(config.redisUrl, log)
    : undefined;
  // The gauges are sampled on scrape, after `rooms` exists.
  const metrics: Metrics = new Metrics({ connections: () => rooms.connectionCount, rooms: () => rooms.size });
  const rooms: Rooms = new Rooms({
    storage: store,
    log,
    compactEvery: config.compactEvery,
    idleMs: config.roomIdleMs,
    relay,
    metrics,
    autoVersionMs: config.autoVersionMs,
  });
  const auth = new Auth(store);
  const accountStore: AccountStore =
    accountsStore ??
    (config.databaseUrl
      ? await (await import('./accounts/postgres.js')).openPostgresAccounts(config.databaseUrl)
      : openSqliteAccounts(path.join(config.dataDir, 'journeycraft.sqlite')));
  const accounts = new Accounts(accountStore, store, {
    adminToken: config.adminApiToken,
    sessionDays: config.sessionDays,
    log,
  });
  await accounts.bootstrap();
  const images: ImageStore = config.databaseUrl
    ? await openPostgresImages(config.databaseUrl)
    : openSqliteImages(path.join(config.dataDir, 'journeycraft.sqlite'));
  const access = new Access(accounts, auth);
  const exportPool = new ExportPool(config.exports, log);
  const api = createApp({
    exportPool,
    auth,
    access,
    allowedOrigins: config.allowedOrigins,
    oidc: config.oidc,
    storage: store,
    images,
    rooms,
    log,
    maxBodyBytes: config.maxBodyBytes,
    mapRestoreMs: config.mapRestoreMs,
    metrics,
    checks: { relay: relay ? () => relay.ping() : undefined },
  });

  const root = new Hono();
  root.route('/', api);
  const index = path.join(config.webDist, 'index.html');
  if (fs.existsSync(index)) {
    const relRoot = path.relative(process.cwd(), config.webDist) || '.';
    root.use('/*', serveStatic({ root: relRoot }));
    root.get('*', (c) => c.html(fs.readFileSync(index, 'utf8')));
  } else {
    root.get('/', (c) =>
      c.text('Journeycraft API is running. The web app is not built: run `pnpm build` (or `pnpm start`).', 200),
    );
  }

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: root.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server));
  });
  const sync = attachSyncServer(server, {
    access,
    rooms,
    storage: store,
    log,
    metrics,
    maxMessageBytes: config.maxMessageBytes,
    maxConnectionsPerMap: config.maxConnectionsPerMap,
    updateRate: config.updateRate,
    updateBurst: config.updateBurst,
    awarenessRate: config.awarenessRate,
    allowedOrigins: config.allowedOrigins,
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    storage: store,
    images,
    accounts,
    rooms,
    metrics,
    async close() {
      sync.close();
      await rooms.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await relay?.close();
      await accountStore.close();
      await exportPool.close();
      await images.close();
      await store.close();
    },
  };
}
