import { useCallback, useSyncExternalStore } from 'react';

/** Where the connection to the sync server stands. */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** How the server closed the connection for good (a 44xx close code: no reconnect follows). */
export interface ConnectionClose {
  code: number;
  reason: string;
}

/** What `useConnectionStatus` reports. A new object only when one of the fields changes. */
export interface ConnectionState {
  status: ConnectionStatus;
  /** True while the current connection has exchanged the full document with the server. */
  synced: boolean;
  /** True once any connection of this provider has synced: the document has been loaded. */
  loaded: boolean;
  /** Set when the server ended the connection permanently (e.g. 4404: the map was deleted). */
  closed: ConnectionClose | null;
}

type Handler = (...args: never[]) => void;

/**
 * The part of y-websocket's `WebsocketProvider` this package reads. Structural, so that
 * doc-react does not depend on one provider package.
 */
export interface SyncProviderLike {
  wsconnected: boolean;
  wsconnecting: boolean;
  synced: boolean;
  on(name: 'status' | 'sync' | 'connection-close' | 'connection-error' | 'closed', handler: Handler): unknown;
  off(name: 'status' | 'sync' | 'connection-close' | 'connection-error' | 'closed', handler: Handler): unknown;
}

const EVENTS = ['status', 'sync', 'connection-close', 'connection-error', 'closed'] as const;

interface Tracker {
  state: ConnectionState;
  listeners: Set<() => void>;
  detach: () => void;
}

const trackers = new WeakMap<SyncProviderLike, Tracker>();

function read(
  provider: SyncProviderLike,
  previous: ConnectionState | null,
  closed: ConnectionClose | null,
): ConnectionState {
  const status: ConnectionStatus = provider.wsconnected
    ? 'connected'
    : provider.wsconnecting
      ? 'connecting'
      : 'disconnected';
  const synced = provider.wsconnected && provider.synced;
  const loaded = (previous?.loaded ?? false) || synced;
  if (
    previous &&
    previous.status === status &&
    previous.synced === synced &&
    previous.loaded === loaded &&
    previous.closed === closed
  ) {
    return previous;
  }
  return { status, synced, loaded, closed };
}

/**
 * One tracker per provider, shared by every component that asks, attached while anyone listens.
 * `loaded` and `closed` survive re-subscription because the tracker's state is kept in the WeakMap.
 */
function tracker(provider: SyncProviderLike): Tracker {
  let t = trackers.get(provider);
  if (!t) {
    const created: Tracker = { state: read(provider, null, null), listeners: new Set(), detach: () => {} };
    trackers.set(provider, created);
    t = created;
  }
  return t;
}

function subscribeProvider(provider: SyncProviderLike, listener: () => void): () => void {
  const t = tracker(provider);
  if (t.listeners.size === 0) {
    const update = () => {
      const next = read(provider, t.state, t.state.closed);
      if (next !== t.state) {
        t.state = next;
        for (const l of [...t.listeners]) l();
      }
    };
    const onClosed = (event: ConnectionClose) => {
      t.state = { ...read(provider, t.state, t.state.closed), closed: { code: event.code, reason: event.reason } };
      for (const l of [...t.listeners]) l();
    };
    const handlers = EVENTS.map(
      (name) => [name, name === 'closed' ? (onClosed as Handler) : (update as Handler)] as const,
    );
    for (const [name, handler] of handlers) provider.on(name, handler);
    t.detach = () => {
      for (const [name, handler] of handlers) provider.off(name, handler);
    };
    update();
  }
  t.listeners.add(listener);
  return () => {
    t.listeners.delete(listener);
    if (t.listeners.size === 0) {
      t.detach();
      t.detach = () => {};
    }
  };
}

const OFFLINE: ConnectionState = Object.freeze({ status: 'disconnected', synced: false, loaded: false, closed: null });

/**
 * Connection status of a y-websocket provider (connecting / connected / disconnected), whether
 * it is synced now, whether it has ever synced (`loaded`), and a permanent close if there was one.
 * Fed by the provider's 'status', 'sync', 'connection-close' and 'closed' events.
 */
export function useConnectionStatus(provider: SyncProviderLike | null | undefined): ConnectionState {
  const subscribe = useCallback(
    (listener: () => void) => (provider ? subscribeProvider(provider, listener) : () => {}),
    [provider],
  );
  const getSnapshot = useCallback(() => {
    if (!provider) return OFFLINE;
    const t = tracker(provider);
    // Not listening yet (first render): read the provider's flags directly; same object if unchanged.
    if (t.listeners.size === 0) t.state = read(provider, t.state, t.state.closed);
    return t.state;
  }, [provider]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
