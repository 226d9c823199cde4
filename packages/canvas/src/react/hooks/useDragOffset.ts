import { useCallback, useSyncExternalStore } from 'react';
import type { DragOffset } from '../../core/dragOffsets.js';
import { useCanvas } from '../context.js';

const noSubscribe = () => () => {};

/**
 * The live drag offset of node `id`: this person's drag (the canvas's `DragOffsets`) or, when
 * `remote`, someone else's (their published position minus `base`, where the layout puts the
 * node). Only the node being dragged re-renders on each move; React Flow's nodes stay put.
 */
export function useDragOffset(id: string, base: { x: number; y: number }, remote: boolean): DragOffset | null {
  const { offsets, peers } = useCanvas();
  const subscribeLocal = useCallback((l: () => void) => offsets.subscribe(id, l), [offsets, id]);
  const getLocal = useCallback(() => offsets.get(id), [offsets, id]);
  const local = useSyncExternalStore(subscribeLocal, getLocal, getLocal);
  const subscribeRemote = useCallback(
    (l: () => void) => (remote && peers ? peers.subscribe('drags', l) : noSubscribe()),
    [remote, peers],
  );
  const getRemote = useCallback(
    () => (remote && peers ? (peers.getDrags().get(id) ?? null) : null),
    [remote, peers, id],
  );
  const theirs = useSyncExternalStore(subscribeRemote, getRemote, getRemote);
  if (local) return local;
  if (theirs) return { dx: theirs.x - base.x, dy: theirs.y - base.y };
  return null;
}

/**
 * The CSS `translate` moving a node's content by its drag offset (undefined when not dragged).
 * `translate`, not `transform`: it composes with the tilt the stylesheet gives a dragged card.
 */
export function offsetTranslate(offset: DragOffset | null): string | undefined {
  return offset ? `${offset.dx}px ${offset.dy}px` : undefined;
}
