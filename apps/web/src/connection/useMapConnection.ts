import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ErrorCode,
  JourneycraftError,
  SCHEMA_VERSION,
  emptySnapshot,
  type MapSnapshot,
  roleAtLeast,
  SyncCloseCode,
  type JoinResult,
  type MapSummary,
  type ShareRole,
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
import { getMap } from '../api';
import { messageOf } from '../client';
import { getAccess, type Access } from '../workshop/api';
import { useMapSession, type MapSession } from '../session';
import { useMapUser } from './useMapUser';
import { useJoinedSession } from '../workshop/tokens';

/** What the server said about the map before the doc is opened. */
export type MapLookup =
  | { kind: 'loading' }
  | { kind: 'found'; map: MapSummary }
  | { kind: 'missing' }
  /**
   * No access: `forbidden` (403) for a signed-in person the map is not shared with (the message
   * says whom to ask), otherwise (401) nobody is signed in or the link this browser joined with
   * was revoked or has expired.
   */
  | { kind: 'denied'; message: string; forbidden: boolean }
  /** The server could not be reached: the copy in this browser is opened anyway (offline first). */
  | { kind: 'unreachable'; message: string };

/** The lookup a failed `GET /api/maps/:id` stands for. */
export function lookupOfError(error: unknown): Exclude<MapLookup, { kind: 'loading' | 'found' }> {
  if (error instanceof JourneycraftError) {
    if (error.code === ErrorCode.NotFound || error.code === ErrorCode.BadRequest) return { kind: 'missing' };
    if (error.code === ErrorCode.Unauthorized || error.code === ErrorCode.Forbidden) {
      return { kind: 'denied', message: error.message, forbidden: error.code === ErrorCode.Forbidden };
    }
  }
  return { kind: 'unreachable', message: messageOf(error) };
}

/**
 * Asks the REST API whether the map exists and may be opened (and for its title while the doc
 * loads), again whenever `attempt` changes. A found map stays shown while it is asked again.
 */
export function useMapLookup(id: string, attempt = 0): MapLookup {
  const joined = useJoinedSession(id);
  const token = joined?.sessionToken ?? null;
  const [lookup, setLookup] = useState<MapLookup>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setLookup((l) => (l.kind === 'found' ? l : { kind: 'loading' }));
    getMap(id).then(
      (map) => live && setLookup({ kind: 'found', map }),
      (error: unknown) => live && setLookup(lookupOfError(error)),
    );
    return () => {
      live = false;
    };
    // `token`: the client sends this browser's link session; a new one is a new question.
  }, [id, token, attempt]);
  return lookup;
}

/** Who this person is on the map (role, access mode, a guest's name), once the map is found. */
export function useMapAccess(id: string, found: boolean, attempt = 0): Access | null {
  const joined = useJoinedSession(id);
  const token = joined?.sessionToken ?? null;
  const [access, setAccess] = useState<Access | null>(null);
  useEffect(() => {
    if (!found) return;
    let live = true;
    getAccess(id).then(
      (a) => live && setAccess(a),
      () => live && setAccess(null),
    );
    return () => {
      live = false;
    };
  }, [id, token, found, attempt]);
  return access;
}

/** A counter to look the map up again with (`attempt`), and the way to bump it. */
export function useRecheck(): { attempt: number; recheck: () => void } {
  const [attempt, setAttempt] = useState(0);
  const recheck = useCallback(() => setAttempt((n) => n + 1), []);
  return { attempt, recheck };
}

/**
 * Looks the map up again when the server closes the connection because access ended (a revoked
 * or expired link or session, a removed member, a changed role): the page then shows where the
 * person stands now (their new role, or the no-access page).
 */
export function useRecheckWhenRevoked(
  connection: ConnectionState,
  recheck: () => void,
  /** The live session and the access the last recheck found: still allowed (a new role) reconnects. */
  after: { session: MapSession | null; access: Access | null },
): void {
  const { session, access } = after;
  const latest = useRef(connection);
  latest.current = connection;
  useEffect(() => {
    const now = latest.current;
    if (access && now.closed?.code === SyncCloseCode.AccessRevoked && now.status !== 'connected') {
      session?.provider.connect();
    }
  }, [access, session]);
  // Each close is its own object: a second revocation (role changed, then removed) asks again too.
  const closed = connection.closed;
  useEffect(() => {
    if (closed?.code === SyncCloseCode.AccessRevoked) recheck();
  }, [closed, recheck]);
  // A live connection that drops may have been refused (the stock client reconnects and the
  // upgrade answers 401/403 without a close code): ask the REST API where we stand.
  const wasConnected = useRef(false);
  const status = connection.status;
  useEffect(() => {
    if (status === 'connected') wasConnected.current = true;
    else if (status === 'disconnected' && wasConnected.current) {
      wasConnected.current = false;
      // A map deleted while open says so itself (4404); the lookup would only answer "not found".
      if (latest.current.closed?.code !== SyncCloseCode.MapDeleted) recheck();
    }
  }, [status, recheck]);
}

/** One map opened by a page of its own: the REST lookup, the live doc, its store, status and presence. */
export interface MapConnection {
  lookup: MapLookup;
  /** Who this person is on the map, as the server says (null until it has answered). */
  access: Access | null;
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
  /** Someone whose role lets them read but not change the map (viewer, commenter). */
  readOnly: boolean;
  /** Who edits, for the edit policy. */
  principal: PolicyPrincipal;
}

/**
 * Opens map `mapId` the way the map page does (y-websocket provider on `/sync/:id` plus the
 * browser's IndexedDB copy, presence published as the local user) for pages beside the map:
 * roles, role profiles, coverage. Each page holds its own connection while it is mounted.
 * A connection closed because access ended makes it look the map up again (see MapLookup).
 */
export function useMapConnection(mapId: string): MapConnection {
  const joined = useJoinedSession(mapId);
  const token = joined?.sessionToken ?? null;
  const { attempt, recheck } = useRecheck();
  const lookup = useMapLookup(mapId, attempt);
  const access = useMapAccess(mapId, lookup.kind === 'found', attempt);
  const { user } = useMapUser(mapId);
  const session = useMapSession(mapId, lookup.kind === 'found' || lookup.kind === 'unreachable', user, token);
  const store = useMapStore(session?.doc);
  const meta = useMeta(store);
  const stages = useRecords(store, 'stages');
  const connection = useConnectionStatus(session?.provider);
  useRecheckWhenRevoked(connection, recheck, { session, access });
  const people = usePresence(session?.awareness);
  const hasContent = stages.length > 0;
  // Until the server has said, a guest has what their link gave when they joined, a member edits.
  const role: ShareRole = access?.role ?? joined?.role ?? 'editor';
  const authorKey = access?.authorKey ?? joined?.authorKey ?? null;
  const name = access?.name ?? joined?.name ?? null;
  const principal = useMemo<PolicyPrincipal>(() => ({ role, key: authorKey, name }), [role, authorKey, name]);
  const title =
    connection.loaded || hasContent
      ? (meta?.title ?? '')
      : lookup.kind === 'found'
        ? lookup.map.title
        : (meta?.title ?? '');
  return {
    lookup,
    access,
    session,
    store,
    connection,
    people,
    title,
    loading: !connection.loaded && !hasContent && lookup.kind !== 'unreachable',
    joined,
    readOnly: !roleAtLeast(role, 'editor'),
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
      clusters: [],
      votes: [],
    }),
    [meta, stages, lanes, touchpoints, roles, assignments, competencies, requirements, checklistItems],
  );
}
