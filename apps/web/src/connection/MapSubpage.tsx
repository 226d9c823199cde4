import { useEffect, type ReactNode } from 'react';
import { Link } from 'wouter';
import { SyncCloseCode } from '@journeycraft/schema';
import { useUndo } from '@journeycraft/doc-react';
import { Shell } from '../components/Shell';
import { withReturn } from '../components/BackToMap';
import { Avatars } from '../components/Avatars';
import { StatusPill } from '../components/StatusPill';
import { UndoButtons } from '../components/UndoButtons';
import { tabOrigin } from '../identity';
import { useMapUser } from './useMapUser';
import { useMapConnection, type MapConnection } from './useMapConnection';
import { usePendingChanges } from './syncWatch';
import './subpage.css';
import { RefusalNotices } from './RefusalNotices';
import { MapDenied, MapNotFound } from './MapProblem';
import { YouBadge } from '../components/YouBadge';

export type MapSection = 'map' | 'roles' | 'coverage';

/** The tabs shared by the map and the pages beside it. */
export function MapTabs({ mapId, current }: { mapId: string; current: MapSection | null }) {
  const tabs: Array<{ id: MapSection; href: string; label: string }> = [
    { id: 'map', href: `/maps/${mapId}`, label: 'Journey map' },
    { id: 'roles', href: `/maps/${mapId}/roles`, label: 'Roles & touchpoints' },
    { id: 'coverage', href: `/maps/${mapId}/coverage`, label: 'Coverage & criticality' },
  ];
  const here = tabs.find((t) => t.id === current)?.href ?? `/maps/${mapId}`;
  return (
    <nav className="map-tabs" aria-label="Map sections">
      {tabs.map((t) => (
        <Link
          key={t.id}
          href={t.href}
          className={`map-tab${t.id === current ? ' map-tab-current' : ''}`}
          aria-current={t.id === current ? 'page' : undefined}
        >
          {t.label}
        </Link>
      ))}
      <Link href={withReturn('/library', here)} className="map-tab map-tab-aside">
        Competency library
      </Link>
      <Link href={withReturn('/settings/hr', here)} className="map-tab">
        HR settings
      </Link>
    </nav>
  );
}

/**
 * The frame of a page beside the map (roles, a role profile, coverage): opens the map with its
 * own connection, shows the breadcrumb, presence, connection status and the section tabs, and
 * handles a missing or deleted map and no access (see MapDenied). `children` gets the live connection.
 */
export function MapSubpage({
  mapId,
  section,
  pageTitle,
  crumbs,
  undo = false,
  children,
}: {
  mapId: string;
  section: MapSection | null;
  /** The document title's first part, e.g. "Roles". */
  pageTitle: string;
  /** Breadcrumb items after the map's title. */
  crumbs: ReactNode;
  /** Show Undo / Redo of this tab's edits. */
  undo?: boolean;
  children: (map: MapConnection) => ReactNode;
}) {
  const map = useMapConnection(mapId);
  const pending = usePendingChanges(map.session?.watch);
  const { user } = useMapUser(mapId);
  const history = useUndo(undo ? map.session?.doc : null, tabOrigin, 0);
  const deleted = map.connection.closed?.code === SyncCloseCode.MapDeleted;

  useEffect(() => {
    if (map.title) document.title = `${pageTitle} · ${map.title} · Journeycraft`;
  }, [pageTitle, map.title]);

  if (map.lookup.kind === 'missing' || deleted) return <MapNotFound deleted={deleted} />;
  if (map.lookup.kind === 'denied') return <MapDenied mapId={mapId} lookup={map.lookup} />;

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
          <Link href={`/maps/${mapId}`} className="crumb-link crumb-map">
            {map.title || 'Loading…'}
          </Link>
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          {crumbs}
        </>
      }
      actions={
        <>
          <Avatars people={map.people} />
          <StatusPill state={map.connection} pending={pending} />
          <YouBadge
            name={map.joined?.name ?? user.name}
            color={user.color}
            label={map.joined ? `You: ${map.joined.name}` : `You: ${user.name} (your account)`}
          />
        </>
      }
    >
      <div className="page page-wide subpage">
        <div className="subpage-bar">
          <MapTabs mapId={mapId} current={section} />
          {undo ? <UndoButtons history={history} /> : null}
        </div>
        {map.readOnly ? (
          <div className="notice" role="status">
            {map.joined
              ? 'Your link lets you view this map, not change it.'
              : 'Your role on this map lets you view it, not change it.'}
          </div>
        ) : null}
        {map.lookup.kind === 'unreachable' ? (
          <div className="notice notice-warn" role="alert">
            <strong>The server cannot be reached.</strong> Showing the copy saved in this browser; your edits are kept
            and sent when the connection returns.
          </div>
        ) : null}
        <RefusalNotices session={map.session} />
        {map.loading ? (
          <div className="grid-loading" aria-busy="true">
            Loading the map…
          </div>
        ) : (
          children(map)
        )}
      </div>
    </Shell>
  );
}
