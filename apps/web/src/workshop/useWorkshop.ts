import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { updateMeta, updateRecord, type MapStore } from '@journeycraft/doc';
import { useMeta, useRecords } from '@journeycraft/doc-react';
import {
  presentationMove,
  presentationStep,
  type CanvasVoting,
  type CanvasWorkshop,
  type PresentationStep,
} from '@journeycraft/canvas';
import { roleAtLeast, SessionStateSchema, type SessionState, type ShareRole } from '@journeycraft/schema';
import { messageOf } from '../client';
import { tabOrigin } from '../identity';
import { castVote, getVoteRound, removeVote, type RoundView } from './api';

const EMPTY_SESSION: SessionState = SessionStateSchema.parse({});

/** A key for this browser's ballots when voting as a workspace member (guests vote as their session). */

export interface Workshop {
  session: SessionState;
  role: ShareRole;
  isFacilitator: boolean;
  /** Writes part of the live session state (facilitators; the server puts anyone else's back). */
  setSession(patch: Partial<SessionState>): void;
  setMapLocked(locked: boolean): void;
  setStageLocked(stageId: string, locked: boolean): void;
  /** This person's view of the open (or revealed) round. */
  round: RoundView | null;
  /** Revealed results: touchpoint id → dots. */
  results: ReadonlyMap<string, number> | null;
  /** This tab's awareness client id (what "follow me" points at). */
  clientId: number | null;
  /** Is this tab the one everyone follows? */
  leading: boolean;
  /** Following the leader now (not the leader, and has not stopped). */
  following: boolean;
  setFollowing(on: boolean): void;
  summon(): void;
  presentation: Presentation;
  canvas: CanvasWorkshop;
  error: string | null;
  clearError(): void;
}

/** A presentation stepping through the stages, as this person takes part in it. */
export interface Presentation {
  /** Where it stands (stage n of m), or null when none runs (or the map has no stages). */
  step: (PresentationStep & { title: string }) | null;
  /** This person runs it (a facilitator): they step and stop it. */
  presenting: boolean;
  /** Following it now: the canvas shows the stage on show. */
  watching: boolean;
  start(): void;
  /** Moves `delta` stages (clamped); facilitators only. */
  go(delta: number): void;
  stop(): void;
  /** Leaves it (the view stays free) or rejoins it. */
  setWatching(on: boolean): void;
}

/**
 * The live workshop on one map: session state from the doc meta (timer, spotlight, follow, voting),
 * this person's ballots from the server, revealed results from the doc, and what the canvas needs.
 */
export function useWorkshop({
  mapId,
  store,
  awareness,
  role,
}: {
  mapId: string;
  store: MapStore | null;
  awareness: Awareness | null;
  role: ShareRole;
}): Workshop {
  const meta = useMeta(store);
  const votes = useRecords(store, 'votes');
  const notes = useRecords(store, 'notes');
  const stages = useRecords(store, 'stages');
  const session = meta?.session ?? EMPTY_SESSION;
  const isFacilitator = role === 'facilitator';
  const [error, setError] = useState<string | null>(null);

  const setSession = useCallback(
    (patch: Partial<SessionState>) => {
      if (!store) return;
      const current = store.getMeta()?.session ?? EMPTY_SESSION;
      updateMeta(store.doc, { session: { ...EMPTY_SESSION, ...current, ...patch } }, tabOrigin);
    },
    [store],
  );
  const setMapLocked = useCallback((locked: boolean) => store && updateMeta(store.doc, { locked }, tabOrigin), [store]);
  const setStageLocked = useCallback(
    (stageId: string, locked: boolean) => store && updateRecord(store.doc, 'stages', stageId, { locked }, tabOrigin),
    [store],
  );

  // ---- dot voting ----
  const voting = session.voting;
  const [round, setRound] = useState<RoundView | null>(null);
  const roundId = voting?.roundId ?? null;
  const roundStatus = voting?.status ?? null;
  const refreshRound = useCallback(async () => {
    if (!roundId) {
      setRound(null);
      return;
    }
    try {
      setRound(await getVoteRound(mapId, roundId));
    } catch (e) {
      setError(messageOf(e));
    }
    // The status is a dependency so that a reveal fetches the results.
  }, [mapId, roundId, roundStatus]);
  useEffect(() => void refreshRound(), [refreshRound]);
  // Facilitators watch how many dots have been placed while the round is open.
  useEffect(() => {
    if (!isFacilitator || roundStatus !== 'open') return;
    const t = setInterval(() => void refreshRound(), 3000);
    return () => clearInterval(t);
  }, [isFacilitator, roundStatus, refreshRound]);

  const mayVote = roleAtLeast(role, 'commenter');
  const canvasVoting: CanvasVoting | null = useMemo(() => {
    if (!voting || voting.status !== 'open' || !round || round.round.id !== voting.roundId || !mayVote) return null;
    if (!round.canVote) return null;
    const act = (fn: () => Promise<void>) => {
      void fn().then(refreshRound, (e: unknown) => {
        setError(messageOf(e));
        void refreshRound();
      });
    };
    return {
      mine: new Set(round.mine),
      remaining: round.remaining,
      onVote: (id) => act(() => castVote(mapId, voting.roundId, id)),
      onUnvote: (id) => act(() => removeVote(mapId, voting.roundId, id)),
    };
  }, [voting, round, mayVote, mapId, refreshRound]);

  const results = useMemo(() => {
    if (!voting || voting.status !== 'revealed') return null;
    const counts = new Map<string, number>();
    for (const v of votes)
      if (v.sessionId === voting.roundId) counts.set(v.targetId, (counts.get(v.targetId) ?? 0) + 1);
    return counts;
  }, [voting, votes]);

  // ---- follow me ----
  const myClientId = awareness?.clientID ?? null;
  const leading = session.followClientId !== null && session.followClientId === myClientId;
  const [stopped, setStopped] = useState<number | null>(null);
  // A new "follow me" (another leader, or the same one again) starts following afresh.
  useEffect(() => setStopped(null), [session.followClientId]);
  const following = session.followClientId !== null && !leading && stopped !== session.followClientId;
  const setFollowing = useCallback(
    (on: boolean) => setStopped(on ? null : session.followClientId),
    [session.followClientId],
  );
  const [summonCount, setSummonCount] = useState(0);
  const summon = useCallback(() => setSummonCount((n) => n + 1), []);

  // ---- presentation ----
  const shown = session.presentation;
  const [leftAt, setLeftAt] = useState<number | null>(null);
  const step = useMemo(() => {
    const at = shown ? presentationStep(stages, shown.stageId) : null;
    return at ? { ...at, title: stages[at.index]!.title } : null;
  }, [shown, stages]);
  const watching = step !== null && leftAt !== shown?.startedAt;
  const startedAt = shown?.startedAt ?? null;
  const presentation: Presentation = useMemo(
    () => ({
      step,
      presenting: isFacilitator && step !== null,
      watching,
      start() {
        const first = stages[0];
        if (!first) return setError('Add a stage first: a presentation steps through the stages.');
        setSession({ presentation: { stageId: first.id, presenterClientId: myClientId, startedAt: Date.now() } });
      },
      go(delta) {
        const current = store?.getMeta()?.session?.presentation;
        if (!current) return;
        const next = presentationMove(stages, current.stageId, delta);
        if (next && next !== current.stageId) setSession({ presentation: { ...current, stageId: next } });
      },
      stop: () => setSession({ presentation: null }),
      setWatching: (on) => setLeftAt(on ? null : startedAt),
    }),
    [step, isFacilitator, watching, stages, setSession, myClientId, store, startedAt],
  );

  const notesPerStage = useMemo(() => {
    const m = new Map<string, number>();
    for (const n of notes) if (n.stageId) m.set(n.stageId, (m.get(n.stageId) ?? 0) + 1);
    return m;
  }, [notes]);

  const canvas: CanvasWorkshop = useMemo(
    () => ({
      spotlightStageId: session.spotlightStageId,
      shareViewport: leading,
      // Following a presentation takes over from following a viewport.
      followClientId: following && !watching ? session.followClientId : null,
      presentStageId: watching ? (step?.stageId ?? null) : null,
      summonCount,
      acceptSummons: !leading,
      voting: canvasVoting,
      results,
      notesPerStage,
    }),
    [
      session.spotlightStageId,
      session.followClientId,
      leading,
      following,
      summonCount,
      canvasVoting,
      results,
      notesPerStage,
      watching,
      step,
    ],
  );

  return {
    session,
    role,
    isFacilitator,
    setSession,
    setMapLocked,
    setStageLocked,
    round,
    results,
    clientId: myClientId,
    leading,
    following,
    setFollowing,
    summon,
    presentation,
    canvas,
    error,
    clearError: () => setError(null),
  };
}
