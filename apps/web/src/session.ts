import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import { createMapDoc } from '@journeycraft/doc';
import type { PresenceUser } from '@journeycraft/doc-react';
import { SyncWatch } from './connection/syncWatch';
import { applyServerUpdatesAsReceived } from './connection/quietApply';

/** One open map: its doc, the live connection to the sync server and the local offline copy. */
export interface MapSession {
  mapId: string;
  /** The share-link session token the connection carries (null for workspace members). */
  token: string | null;
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  persistence: IndexeddbPersistence;
  /** Heartbeat and acknowledgement of local changes (see SyncWatch). */
  watch: SyncWatch;
}

/** ws(s)://host of the page: the server serves the app and the sync endpoint on one origin. */
export function wsBase(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

function openSession(mapId: string, token: string | null): MapSession {
  const doc = createMapDoc();
  // The local copy loads first (instant paint, offline edits); the server merges in on connect.
  const persistence = new IndexeddbPersistence(`journeycraft:map:${mapId}`, doc);
  const provider = new WebsocketProvider(`${wsBase()}/sync`, mapId, doc, token ? { params: { token } } : {});
  // Before the watch wraps the same handler (it reads which sync message arrived, then calls this).
  applyServerUpdatesAsReceived(provider, doc, persistence);
  const watch = new SyncWatch(provider, doc, { ignoreOrigins: [persistence] });
  return { mapId, token, doc, provider, awareness: provider.awareness, persistence, watch };
}

function closeSession(session: MapSession): void {
  session.awareness.setLocalState(null);
  session.watch.destroy();
  session.provider.destroy();
  void session.persistence.destroy();
  session.doc.destroy();
}

/**
 * Opens a map session while `enabled` (the map is known to exist, or the server is unreachable
 * and the local copy is all there is) and closes it on unmount. Publishes `user` in awareness.
 * `token` (a share-link session) goes to the sync server as `?token=`; a new token reconnects.
 */
export function useMapSession(
  mapId: string,
  enabled: boolean,
  user: PresenceUser,
  token: string | null = null,
): MapSession | null {
  const [session, setSession] = useState<MapSession | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const s = openSession(mapId, token);
    setSession(s);
    return () => {
      setSession((current) => (current === s ? null : current));
      closeSession(s);
    };
  }, [mapId, enabled, token]);

  useEffect(() => {
    session?.awareness.setLocalStateField('user', { name: user.name, color: user.color });
  }, [session, user.name, user.color]);

  return session && session.mapId === mapId && session.token === token ? session : null;
}
