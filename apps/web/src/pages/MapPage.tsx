import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { SyncCloseCode, roleAtLeast } from '@journeycraft/schema';
import { useConnectionStatus, useMapStore, useMeta, usePresence, useRecords, useUndo } from '@journeycraft/doc-react';
import { JourneyCanvas, TOOLBAR_ID, renderCounts } from '@journeycraft/canvas';
import type { PolicyPrincipal } from '@journeycraft/doc';
import type { Access } from '../workshop/api';
import { useJoinedSession } from '../workshop/tokens';
import {
  useMapAccess,
  useMapLookup,
  useRecheck,
  useRecheckWhenRevoked,
  type MapLookup,
} from '../connection/useMapConnection';
import { MapDenied, MapNotFound } from '../connection/MapProblem';
import { useWorkshop } from '../workshop/useWorkshop';
import { SessionBar } from '../workshop/SessionBar';
import { ShareDialog } from '../workshop/ShareDialog';
import { VersionsPanel } from '../workshop/VersionsPanel';
import { NotesPanel } from '../workshop/NotesPanel';
import { PresentationBar } from '../workshop/PresentationBar';
import { roleInfo } from '../workshop/roles';
import '../workshop/workshop.css';
import { useMapSession } from '../session';
import { tabOrigin } from '../identity';
import { useMapUser } from '../connection/useMapUser';
import { Shell } from '../components/Shell';
import { Avatars } from '../components/Avatars';
import { StatusPill } from '../components/StatusPill';
import { usePendingChanges } from '../connection/syncWatch';
import { ConflictNotices } from '../connection/ConflictNotices';
import { RefusalNotices } from '../connection/RefusalNotices';
import { useMapLinks } from '../map/useMapLinks';
import { mapPictures, useMapImages } from '../map/useMapImages';
import { useStartTemplate } from '../map/useStartTemplate';
import { YouBadge } from '../components/YouBadge';
import { Button } from '@journeycraft/ui';

// Tests read how often cards render (a one-card edit must not re-render every card).
(window as unknown as { __journeycraft?: unknown }).__journeycraft = { renderCounts };

/** `/maps/:id`: one map, live. */
export function MapPage({ id }: { id: string }) {
  const joined = useJoinedSession(id);
  const token = joined?.sessionToken ?? null;
  // Bumped to look the map up again (access changed, or the server closed our connection).
  const { attempt, recheck } = useRecheck();
  const lookup = useMapLookup(id, attempt);
  const access = useMapAccess(id, lookup.kind === 'found', attempt);
  if (lookup.kind === 'missing') return <MapNotFound />;
  if (lookup.kind === 'denied') return <MapDenied mapId={id} lookup={lookup} />;
  return <MapView key={token ?? 'member'} id={id} lookup={lookup} token={token} access={access} onRecheck={recheck} />;
}

function MapView({
  id,
  lookup,
  token,
  access,
  onRecheck,
}: {
  id: string;
  lookup: Exclude<MapLookup, { kind: 'missing' | 'denied' }>;
  token: string | null;
  access: Access | null;
  onRecheck: () => void;
}) {
  // A signed-in member is named by their account; a guest named themselves when joining.
  const { user } = useMapUser(id);
  const [, navigate] = useLocation();
  const [panel, setPanel] = useState<'history' | 'notes' | null>(null);
  const [sharing, setSharing] = useState(false);
  const session = useMapSession(id, lookup.kind === 'found' || lookup.kind === 'unreachable', user, token);
  const store = useMapStore(session?.doc);
  const meta = useMeta(store);
  const connection = useConnectionStatus(session?.provider);
  const people = usePresence(session?.awareness);
  const pending = usePendingChanges(session?.watch);
  // Each action is one step of its own (no merging of quick successive edits).
  const history = useUndo(session?.doc, tabOrigin, 0);
  const maps = useMapLinks(id);
  const images = useMapImages(id, token);
  const pictures = useMemo(() => mapPictures(id), [id]);
  useStartTemplate(store, connection.synced, tabOrigin);
  // Until the server says otherwise, a guest has only what their link's role was when they joined.
  const role = access?.role ?? (token ? 'viewer' : 'facilitator');
  const guest = Boolean(access?.guestId ?? token);
  const workshop = useWorkshop({
    mapId: id,
    store,
    awareness: session?.awareness ?? null,
    role,
  });
  const noteCount = useRecords(store, 'notes').length;
  const facilitator = role === 'facilitator';
  const readOnly = role === 'viewer' || role === 'commenter' || (Boolean(meta?.locked) && !facilitator);
  const authorKey = access?.authorKey ?? null;
  const authorName = access?.name ?? null;
  const principal = useMemo<PolicyPrincipal>(
    () => ({ role, key: authorKey, name: authorName }),
    [role, authorKey, authorName],
  );

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
  // The link was revoked or expired, or the map made invitation-only: ask where we stand now.
  useRecheckWhenRevoked(connection, onRecheck, { session, access });
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
      skipTo={{ id: TOOLBAR_ID, label: 'Skip to the map tools' }}
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
          {!guest || roleAtLeast(role, 'editor') ? (
            <Link href={`/maps/${id}/roles`} className="btn btn-ghost btn-sm">
              Roles &amp; competencies
            </Link>
          ) : null}
          {facilitator && lookup.kind === 'found' ? (
            <Button size="sm" onClick={() => setSharing(true)}>
              Share
            </Button>
          ) : null}
          <Avatars people={people} />
          <StatusPill state={connection} pending={pending} />
          <YouBadge
            name={guest ? (access?.name ?? user.name) : user.name}
            color={user.color}
            label={`You: ${guest ? (access?.name ?? user.name) : `${user.name} (your account)`}, ${roleInfo[role].label}`}
          />
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
        {store && !loading ? (
          <SessionBar
            workshop={workshop}
            store={store}
            mapId={id}
            title={title}
            people={people}
            onHistory={() => setPanel((p) => (p === 'history' ? null : 'history'))}
            onNotes={() => setPanel((p) => (p === 'notes' ? null : 'notes'))}
            noteCount={noteCount}
          />
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
            readOnly={readOnly}
            canEditLocked={facilitator}
            principal={principal}
            participant={guest && !facilitator}
            workshop={workshop.canvas}
            images={images}
            pictures={pictures}
          />
        )}
        {store && !loading ? <PresentationBar presentation={workshop.presentation} /> : null}
        <RefusalNotices session={session} />
        {session && !readOnly ? (
          <ConflictNotices doc={session.doc} awareness={session.awareness} origin={tabOrigin} />
        ) : null}
        {store && panel === 'history' ? (
          <VersionsPanel mapId={id} role={role} store={store} onClose={() => setPanel(null)} />
        ) : null}
        {store && panel === 'notes' ? <NotesPanel store={store} onClose={() => setPanel(null)} /> : null}
      </div>
      {facilitator && lookup.kind === 'found' ? (
        <ShareDialog
          open={sharing}
          onClose={() => setSharing(false)}
          mapId={id}
          access={access?.access ?? lookup.map.access}
          canManage={access?.owner === true}
          member={!guest}
          onAccessChanged={onRecheck}
        />
      ) : null}
    </Shell>
  );
}
