/** @journeycraft/server: the Hono REST API and the durable y-websocket sync server. */
export { createApp } from './app.js';
export type { AppDeps } from './app.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export { readConfig } from './config.js';
export type { ServerConfig } from './config.js';
export { openSqliteStorage } from './storage/sqlite.js';
export type { SqliteOptions } from './storage/sqlite.js';
export type { SyncFile } from './storage/walCommit.js';
export { openPostgresStorage } from './storage/postgres.js';
export type { Storage, StoredDoc } from './storage/types.js';
export { openSqliteImages } from './images/sqlite.js';
export { openPostgresImages } from './images/postgres.js';
export type { ImageStore } from './images/types.js';
export { sniffImage } from './images/sniff.js';
export { Rooms } from './sync/rooms.js';
export { Room } from './sync/room.js';
export type { Conn } from './sync/room.js';
export { attachSyncServer } from './sync/websocket.js';
export { jsonLogger, silentLogger } from './log.js';
export type { Logger } from './log.js';
export { openRedisRelay } from './sync/relay.js';
export type { Relay, RelayKind } from './sync/relay.js';
export { compactStored } from './storage/compact.js';
export { Metrics } from './metrics.js';
export { Auth, MEMBER, requireRole } from './auth.js';
export type { Principal } from './auth.js';
export { GuardedChange, inspectUpdate, describeRefusals, policyPrincipal, authorKeyOf } from './sync/guard.js';
export type { Inspection } from './sync/guard.js';
export { Access, actionFor, WORKSPACE_SHARE_ROLE } from './accounts/authorize.js';
export type { Action, MapAction, WorkspaceAction, AccountMapRole } from './accounts/authorize.js';
export { Accounts, ANONYMOUS, publicAccount } from './accounts/service.js';
export type { Who, AccountsOptions } from './accounts/service.js';
export { LoginLimiter } from './accounts/ratelimit.js';
export { hashPassword, verifyPassword } from './accounts/passwords.js';
export { openSqliteAccounts } from './accounts/sqlite.js';
export { openPostgresAccounts } from './accounts/postgres.js';
export type {
  AccountStore,
  AccountRecord,
  SessionRecord,
  ApiTokenRecord,
  InvitationRecord,
  AuditInput,
} from './accounts/types.js';
