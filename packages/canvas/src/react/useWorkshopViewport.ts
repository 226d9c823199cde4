import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { useReactFlow, type Viewport } from '@xyflow/react';
import type { PeerStore } from '../core/peers.js';
import { followViewport, viewportMoved, type SharedViewport } from '../core/workshop.js';
import type { CanvasWorkshop } from './context.js';

/**
 * Follow me and "bring everyone here" on the React Flow viewport. The leader's viewport travels
 * through awareness (`PeerStore.setViewport`); followers fit the same region into their own pane
 * with `followViewport` and apply it with `setViewport`. Returns the `onMove` handler that
 * publishes the leader's moves.
 */
export function useWorkshopViewport(
  peers: PeerStore | null,
  pane: RefObject<HTMLDivElement | null>,
  workshop: CanvasWorkshop,
): { onMove: (event: unknown, viewport: Viewport) => void } {
  const flow = useReactFlow();
  const { shareViewport = false, followClientId = null, summonCount = 0, acceptSummons = false } = workshop;

  const shared = useCallback(
    (v: Viewport): SharedViewport | null => {
      const box = pane.current?.getBoundingClientRect();
      return box && box.width > 0 ? { ...v, width: box.width, height: box.height } : null;
    },
    [pane],
  );

  // Leading: publish the viewport now and on every move; stop sharing when no longer leading.
  useEffect(() => {
    if (!peers || !shareViewport) return;
    peers.setViewport(shared(flow.getViewport()));
    return () => peers.setViewport(null);
  }, [peers, shareViewport, shared, flow]);

  const onMove = useCallback(
    (_: unknown, v: Viewport) => {
      if (peers && shareViewport) peers.setViewport(shared(v));
    },
    [peers, shareViewport, shared],
  );

  // Bring everyone here: each bump of the counter is one summon.
  const lastSummon = useRef(summonCount);
  useEffect(() => {
    if (summonCount === lastSummon.current) return;
    lastSummon.current = summonCount;
    const v = shared(flow.getViewport());
    if (peers && v) peers.summon(v);
  }, [summonCount, peers, shared, flow]);

  // Following and being summoned: apply the leader's viewport to our pane.
  const seenSummons = useRef<Map<number, number> | null>(null);
  useEffect(() => {
    if (!peers) return;
    const apply = (lead: SharedViewport) => {
      const box = pane.current?.getBoundingClientRect();
      if (!box || box.width <= 0) return;
      const next = followViewport(lead, box);
      if (viewportMoved(next, flow.getViewport())) void flow.setViewport(next, { duration: 200 });
    };
    const check = () => {
      // Summons made before this canvas opened are history, not a request to jump now.
      const first = seenSummons.current === null;
      const seen = (seenSummons.current ??= new Map());
      for (const [clientId, view] of peers.getLeadViews()) {
        const before = seen.get(clientId) ?? 0;
        seen.set(clientId, view.summon);
        if (!first && acceptSummons && view.summon > before && view.viewport) apply(view.viewport);
      }
      if (followClientId !== null) {
        const lead = peers.getLeadView(followClientId)?.viewport;
        if (lead) apply(lead);
      }
    };
    check();
    return peers.subscribe('viewports', check);
  }, [peers, followClientId, acceptSummons, pane, flow]);

  return { onMove };
}
