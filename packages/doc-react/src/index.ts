/**
 * @journeycraft/doc-react: React hooks over a map doc (records, meta), the sync provider's
 * connection status, awareness presence and per-user undo, all read with `useSyncExternalStore`.
 */
export { useMapStore, useRecords, useRecord, useMeta, useTrash } from './store.js';
export { useConnectionStatus } from './connection.js';
export type { ConnectionStatus, ConnectionState, ConnectionClose, SyncProviderLike } from './connection.js';
export { usePresence } from './presence.js';
export { useUndo } from './undo.js';
export type { UndoControls } from './undo.js';
export type { Presence, PresenceUser } from './presence.js';
