import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { createUndoManager, type TxOrigin } from '@journeycraft/doc';

/** What `useUndo` gives a toolbar: the two actions and whether each can run now. */
export interface UndoControls {
  undo: () => void;
  redo: () => void;
  canUndo: boolean;
  canRedo: boolean;
}

const NO_UNDO: UndoControls = Object.freeze({ undo: () => {}, redo: () => {}, canUndo: false, canRedo: false });

/**
 * Per-user undo over a map doc: undoes only edits made with `origin` (pass the same object the
 * app gives to its mutations), never someone else's. Edits closer together than
 * `captureTimeout` ms form one step (0: every transaction is its own step). The manager lives as
 * long as doc, origin and timeout.
 */
export function useUndo(doc: Y.Doc | null | undefined, origin: TxOrigin, captureTimeout?: number): UndoControls {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  useEffect(() => {
    if (!doc) return;
    const m = createUndoManager(doc, origin, captureTimeout);
    setManager(m);
    return () => {
      m.destroy();
      setManager((current) => (current === m ? null : current));
    };
  }, [doc, origin, captureTimeout]);

  const subscribe = useCallback(
    (listener: () => void) => {
      if (!manager) return () => {};
      const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
      for (const e of events) manager.on(e, listener);
      return () => {
        for (const e of events) manager.off(e, listener);
      };
    },
    [manager],
  );
  // Encoded as one number so the snapshot is a primitive (stable without caching).
  const getSnapshot = useCallback(
    () => (manager ? (manager.canUndo() ? 1 : 0) + (manager.canRedo() ? 2 : 0) : 0),
    [manager],
  );
  const flags = useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
  const undo = useCallback(() => void manager?.undo(), [manager]);
  const redo = useCallback(() => void manager?.redo(), [manager]);
  if (!manager) return NO_UNDO;
  return { undo, redo, canUndo: (flags & 1) !== 0, canRedo: (flags & 2) !== 0 };
}
