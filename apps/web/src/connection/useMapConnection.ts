import { useEffect, useMemo, useState } from 'react';
import {
  ErrorCode,
  JourneycraftError,
  SCHEMA_VERSION,
  emptySnapshot,
  type MapSnapshot,
  roleAtLeast,
  type JoinResult,
  type MapSummary,
} from '@journeycraft/schema';
import type { MapStore, PolicyPrincipal } from '@journeycraft/doc';
import {
  useConnectionStatus,
  useMapStore,
  useMeta,
  usePresence,
  useRecords,
  type ConnectionState,
  type Presence,
} from '@journeycraft/doc-react';
import { getMap, messageOf } from '../api';
import { useMapSession, type MapSession } from '../session';
import { useLocalUser } from '../identity';
import { useJoinedSession } from '../workshop/tokens';

/** What the server said about the map before the doc is opened. */
export type MapLookup =
  | { kind: 'loading' }
  | { kind: 'found'; map: MapSummary }
  | { kind: 'missing' }
  /** The server could not be reached: the copy in this browser is opened anyway (offline first). */
  | { kind: 'unreachable'; message: string };

/** Asks the REST API whether the map exists (and for its title while the doc loads). */
export function useMapLookup(id: string, token: string | null = null): MapLookup {
  const [lookup, setLookup] = useState<MapLookup>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setLookup({ kind: 'loading' });
    getMap(id, token).then(
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
  }, [id, token]);
  return lookup;
}

/** One map opened by a page of its own: the REST lookup, the live doc, its store, status and presence. */
export interface MapConnection {
  lookup: MapLookup;
  session: MapSession | null;
  store: MapStore | null;
  connection: ConnectionState;
  people: readonly Presence[];
  /** The map title: from the doc once loaded, from the REST lookup before. */
  title: string;
  /** True until the doc has loaded from the server or from this browser's copy. */
  loading: boolean;
  /** The share-link session this browser joined the map with (null for workspace members). */
  joined: JoinResult | null;
  /** A guest whose link lets them read but not change the map (viewer, commenter). */
  readOnly: boolean;
  /** Who edits, for the edit policy (workspace members are facilitators). */
  principal: PolicyPrincipal;
}

/**
 * Opens map `mapId` the way the map page does (y-websocket provider on `/sync/:id` plus the
 * browser's IndexedDB copy, presence published as the local user) for pages beside the map:
 * roles, role profiles, coverage. Each page holds its own connection while it is mounted.
 */
export function useMapConnection(mapId: string): MapConnection {
  const joined = useJoinedSession(mapId);
  const token = joined?.sessionToken ?? null;
  const lookup = useMapLookup(mapId, token);
  const { user } = useLocalUser();
  const session = useMapSession(mapId, lookup.kind === 'found' || lookup.kind === 'unreachable', user, token);
  const store = useMapStore(session?.doc);
  const meta = useMeta(store);
  const stages = useRecords(store, 'stages');
  const connection = useConnectionStatus(session?.provider);
  const people = usePresence(session?.awareness);
  const hasContent = stages.length > 0;
  const principal = useMemo<PolicyPrincipal>(
    () =>
      joined
        ? { role: joined.role, key: joined.authorKey ?? null, name: joined.name }
        : { role: 'facilitator', key: null, name: null },
    [joined],
  );
  const title =
    connection.loaded || hasContent
      ? (meta?.title ?? '')
      : lookup.kind === 'found'
        ? lookup.map.title
        : (meta?.title ?? '');
  return {
    lookup,
    session,
    store,
    connection,
    people,
    title,
    loading: !connection.loaded && !hasContent && lookup.kind !== 'unreachable',
    joined,
    readOnly: joined !== null && !roleAtLeast(joined.role, 'editor'),
    principal,
  };
}

const EMPTY_META = emptySnapshot('Untitled map').meta;

/**
 * The map as a `MapSnapshot` for the pure functions of `@journeycraft/profiles`, rebuilt only
 * when one of the kinds they read changes (so every view built on it updates live).
 */
export function useMapSnapshot(store: MapStore | null): MapSnapshot {
  const meta = useMeta(store);
  const stages = useRecords(store, 'stages');
  const lanes = useRecords(store, 'lanes');
  const touchpoints = useRecords(store, 'touchpoints');
  const roles = useRecords(store, 'roles');
  const assignments = useRecords(store, 'assignments');
  const competencies = useRecords(store, 'competencies');
  const requirements = useRecords(store, 'requirements');
  const checklistItems = useRecords(store, 'checklistItems');
  return useMemo(
    () => ({
      schemaVersion: SCHEMA_VERSION,
      meta: meta ?? EMPTY_META,
      stages: [...stages],
      lanes: [...lanes],
      touchpoints: [...touchpoints],
      connections: [],
      roles: [...roles],
      assignments: [...assignments],
      competencies: [...competencies],
      requirements: [...requirements],
      checklistItems: [...checklistItems],
      comments: [],
      notes: [],
      votes: [],
    }),
    [meta, stages, lanes, touchpoints, roles, assignments, competencies, requirements, checklistItems],
  );
}
