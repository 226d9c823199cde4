import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ErrorCode, JourneycraftError, SyncCloseCode, type MapSummary } from '@journeycraft/schema';
import { useConnectionStatus, useMapStore, useMeta, usePresence, useRecords, useUndo } from '@journeycraft/doc-react';
import { JourneyCanvas, renderCounts } from '@journeycraft/canvas';
import { getMap, messageOf } from '../api';
import { useMapSession } from '../session';
import { suggestedName, tabOrigin, useLocalUser } from '../identity';
import { Shell } from '../components/Shell';
import { Avatars } from '../components/Avatars';
import { StatusPill } from '../components/StatusPill';
import { NameDialog } from '../components/NameDialog';
import { useMapLinks } from '../map/useMapLinks';
import { useStartTemplate } from '../map/useStartTemplate';

// Tests read how often cards render (a one-card edit must not re-render every card).
(window as unknown as { __journeycraft?: unknown }).__journeycraft = { renderCounts };

type Lookup =
  | { kind: 'loading' }
  | { kind: 'found'; map: MapSummary }
  | { kind: 'missing' }
  /** The server could not be reached: open the local copy anyway (offline first). */
  | { kind: 'unreachable'; message: string };

function useMapLookup(id: string): Lookup {
  const [lookup, setLookup] = useState<Lookup>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setLookup({ kind: 'loading' });
    getMap(id).then(
      (map) => live && setLookup({ kind: 'found', map }),
      (error: unknown) => {
        if (!live) return;
        if (
          error instanceof JourneycraftError &&
          (error.code === ErrorCode.NotFound || error.code === ErrorCode.BadRequest)
        ) {
          setLookup({ kind: 'missing' });
        } else {
          setLookup({ kind: 'unreachable', message: messageOf(error) });
        }
      },
    );
    return () => {
      live = false;
    };
  }, [id]);
  return lookup;
}

/** `/maps/:id`: one map, live. */
export function MapPage({ id }: { id: string }) {
  const lookup = useMapLookup(id);
  if (lookup.kind === 'missing') return <MapNotFound />;
  return <MapView id={id} lookup={lookup} />;
}

function MapView({ id, lookup }: { id: string; lookup: Exclude<Lookup, { kind: 'missing' }> }) {
  const { user, chosen } = useLocalUser();
  const [askName, setAskName] = useState(!chosen);
  const [, navigate] = useLocation();
  const session = useMapSession(id, lookup.kind === 'found' || lookup.kind === 'unreachable', user);
  const store = useMapStore(session?.doc);
  const meta = useMeta(store);
  const connection = useConnectionStatus(session?.provider);
  const people = usePresence(session?.awareness);
  // Each action is one step of its own (no merging of quick successive edits).
  const history = useUndo(session?.doc, tabOrigin, 0);
  const maps = useMapLinks(id);
  useStartTemplate(store, connection.synced, tabOrigin);

  const stageCount = useRecords(store, 'stages').length;
  const laneCount = useRecords(store, 'lanes').length;
  const hasContent = stageCount > 0 || laneCount > 0;
  // Until the doc has loaded (from the server or the local copy), the REST title is the truth.
  const title =
    connection.loaded || hasContent
      ? (meta?.title ?? '')
      : lookup.kind === 'found'
        ? lookup.map.title
        : (meta?.title ?? '');

  useEffect(() => {
    if (title) document.title = `${title} · Journeycraft`;
  }, [title]);

  const deleted = connection.closed?.code === SyncCloseCode.MapDeleted;
  useEffect(() => {
    // The map is gone for everyone: drop this browser's offline copy too.
    if (deleted && session) void session.persistence.clearData();
  }, [deleted, session]);

  const openMap = useCallback((mapId: string) => navigate(`/maps/${mapId}`), [navigate]);

  if (deleted) return <MapNotFound deleted />;

  const loading = !connection.loaded && !hasContent;
  const offline = connection.loaded && connection.status !== 'connected';

  return (
    <Shell
      crumb={
        <>
          <Link href="/" className="crumb-link">
            Maps
          </Link>
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          <span className="crumb-current" aria-current="page" data-testid="map-title">
            {title || 'Loading…'}
          </span>
        </>
      }
      actions={
        <>
          <Link href={`/maps/${id}/roles`} className="btn btn-ghost btn-sm">
            Roles &amp; competencies
          </Link>
          <Avatars people={people} />
          <StatusPill state={connection} />
          <button
            type="button"
            className="btn btn-ghost btn-sm you-btn"
            onClick={() => setAskName(true)}
            aria-label={`Your name: ${user.name}. Change it`}
          >
            <span className="you-dot" style={{ backgroundColor: user.color }} aria-hidden="true" />
            {user.name}
          </button>
        </>
      }
    >
      <div className="map-canvas-area">
        {lookup.kind === 'unreachable' ? (
          <div className="notice notice-warn map-notice" role="alert">
            <strong>The server cannot be reached.</strong> Showing the copy saved in this browser; your edits are kept
            and sent when the connection returns.
          </div>
        ) : null}
        {loading || !store ? (
          <div className="canvas-loading" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            Loading the map…
          </div>
        ) : (
          <JourneyCanvas
            store={store}
            origin={tabOrigin}
            user={user}
            awareness={session?.awareness ?? null}
            people={people}
            history={history}
            maps={maps}
            title={title}
            offline={offline}
            onOpenMap={openMap}
          />
        )}
      </div>
      <NameDialog open={askName} initial={chosen ? user.name : suggestedName()} onDone={() => setAskName(false)} />
    </Shell>
  );
}

function MapNotFound({ deleted = false }: { deleted?: boolean }) {
  useEffect(() => {
    document.title = 'Map not found · Journeycraft';
  }, []);
  return (
    <Shell>
      <div className="page page-narrow">
        <div className="empty not-found">
          <p className="not-found-code" aria-hidden="true">
            404
          </p>
          <h1 className="empty-title">{deleted ? 'This map was deleted' : 'Map not found'}</h1>
          <p className="empty-text">
            {deleted
              ? 'Someone deleted this map while you had it open. Your other maps are still there.'
              : 'There is no map at this address. It may have been deleted, or the link may be incomplete.'}
          </p>
          <Link href="/" className="btn btn-primary">
            Back to all maps
          </Link>
        </div>
      </div>
    </Shell>
  );
}
