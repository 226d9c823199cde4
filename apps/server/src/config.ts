import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultExportPoolOptions, type ExportPoolOptions } from './exports/pool.js';
import { readOidcSettings, type OidcSettings } from './accounts/oidc.js';

/** Server settings. Every one has an embedded default so `pnpm start` needs no configuration. */
export interface ServerConfig {
  /** HTTP + WebSocket port (PORT, default 4321; 0 picks a free one). */
  port: number;
  /** Host to bind (HOST, default 0.0.0.0). */
  host: string;
  /** Folder of the SQLite file (DATA_DIR, default ./data). */
  dataDir: string;
  /** Folder of the built web app served at / (WEB_DIST, default apps/web/dist). */
  webDist: string;
  /** Largest accepted WebSocket frame in bytes (MAX_MESSAGE_BYTES, default 5 MiB). */
  maxMessageBytes: number;
  /** Largest accepted REST body in bytes (MAX_BODY_BYTES, default 1 MiB). */
  maxBodyBytes: number;
  /** A room with no connections is unloaded after this many ms (ROOM_IDLE_MS, default 30 s). */
  roomIdleMs: number;
  /** A deleted map can be restored by its owner or an admin for this many ms, then it is purged (MAP_RESTORE_MS, default 24 h). */
  mapRestoreMs: number;
  /** A room compacts its stored updates into a snapshot after this many rows (one per commit; COMPACT_EVERY, default 500). */
  compactEvery: number;
  /** PostgreSQL connection string; when set, used instead of SQLite (DATABASE_URL). */
  databaseUrl: string | undefined;
  /** Redis URL; when set, updates and awareness are relayed between instances (REDIS_URL). */
  redisUrl: string | undefined;
  /** Most WebSocket connections to one map on one instance (MAX_CONNECTIONS_PER_MAP, default 250). */
  maxConnectionsPerMap: number;
  /** Document messages per second per connection, sustained (UPDATE_RATE, default 500); beyond it reading pauses. */
  updateRate: number;
  /** Document messages a connection may send at once before UPDATE_RATE applies (UPDATE_BURST, default 10 × UPDATE_RATE). */
  updateBurst: number;
  /** Awareness messages per second per connection (AWARENESS_RATE, default 30; burst 2x); extra ones are coalesced. */
  awarenessRate: number;
  /** Allowed browser origins for WebSocket upgrades, comma-separated; empty allows any (ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  /** While a map is edited, an automatic version is saved at most this often (AUTO_VERSION_MS, default 10 min; 0 = off). */
  autoVersionMs: number;
  /** Milliseconds to wait for rooms to flush on SIGTERM before exiting (SHUTDOWN_TIMEOUT_MS, default 10 s). */
  shutdownTimeoutMs: number;
  /**
   * A bearer token (at least 32 characters) that acts as the workspace owner, for scripted installs
   * and CI (ADMIN_API_TOKEN; unset by default). On a fresh install it also creates that owner.
   */
  adminApiToken: string | undefined;
  /** How long a browser sign-in lasts, in days (SESSION_DAYS, default 14). */
  sessionDays: number;
  /**
   * Export workers and their limits (EXPORT_WORKERS, EXPORT_TIME_MS, EXPORT_MEMORY_MB,
   * EXPORT_MAX_OUTPUT_BYTES, TEMPLATE_MAX_INFLATED_BYTES, TEMPLATE_MAX_EXPANSIONS).
   */
  exports: ExportPoolOptions;
  /** OpenID Connect sign-in (OIDC_ISSUER, OIDC_CLIENT_ID, …; see the README); undefined when off. */
  oidc: OidcSettings | undefined;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function adminToken(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 32) throw new Error('ADMIN_API_TOKEN must have at least 32 characters');
  return value;
}

function exportConfig(env: NodeJS.ProcessEnv): ExportPoolOptions {
  const d = defaultExportPoolOptions();
  const atLeast = (name: string, fallback: number, min: number) => {
    const n = int(env[name], fallback, name);
    if (n < min) throw new Error(`${name} must be at least ${min}, got "${env[name]}"`);
    return n;
  };
  const positive = (name: string, fallback: number) => atLeast(name, fallback, 1);
  const workers = positive('EXPORT_WORKERS', d.workers);
  return {
    ...d,
    workers,
    maxQueue: 16 * workers,
    timeMs: positive('EXPORT_TIME_MS', d.timeMs),
    memoryMb: atLeast('EXPORT_MEMORY_MB', d.memoryMb, 64),
    maxOutputBytes: positive('EXPORT_MAX_OUTPUT_BYTES', d.maxOutputBytes),
    maxInflatedBytes: positive('TEMPLATE_MAX_INFLATED_BYTES', d.maxInflatedBytes),
    maxExpansions: positive('TEMPLATE_MAX_EXPANSIONS', d.maxExpansions),
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Reads the configuration from environment variables, with defaults. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: int(env.PORT, 4321, 'PORT'),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    webDist: path.resolve(env.WEB_DIST || path.join(here, '../../web/dist')),
    maxMessageBytes: int(env.MAX_MESSAGE_BYTES, 5 * 1024 * 1024, 'MAX_MESSAGE_BYTES'),
    maxBodyBytes: int(env.MAX_BODY_BYTES, 1024 * 1024, 'MAX_BODY_BYTES'),
    roomIdleMs: int(env.ROOM_IDLE_MS, 30_000, 'ROOM_IDLE_MS'),
    compactEvery: int(env.COMPACT_EVERY, 500, 'COMPACT_EVERY'),
    mapRestoreMs: int(env.MAP_RESTORE_MS, 24 * 60 * 60 * 1000, 'MAP_RESTORE_MS'),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    maxConnectionsPerMap: int(env.MAX_CONNECTIONS_PER_MAP, 250, 'MAX_CONNECTIONS_PER_MAP'),
    updateRate: int(env.UPDATE_RATE, 500, 'UPDATE_RATE'),
    updateBurst: int(env.UPDATE_BURST, 10 * int(env.UPDATE_RATE, 500, 'UPDATE_RATE'), 'UPDATE_BURST'),
    awarenessRate: int(env.AWARENESS_RATE, 30, 'AWARENESS_RATE'),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    autoVersionMs: int(env.AUTO_VERSION_MS, 600_000, 'AUTO_VERSION_MS'),
    shutdownTimeoutMs: int(env.SHUTDOWN_TIMEOUT_MS, 10_000, 'SHUTDOWN_TIMEOUT_MS'),
    adminApiToken: adminToken(env.ADMIN_API_TOKEN),
    sessionDays: Math.max(1, int(env.SESSION_DAYS, 14, 'SESSION_DAYS')),
    exports: exportConfig(env),
    oidc: readOidcSettings(env),
  };
}
