import { useEffect, useRef, useState } from 'react';
import {
  describeCounts,
  restoreFromTrash,
  type DeleteTarget,
  type DeletionCounts,
  type MapStore,
  type TxOrigin,
} from '@journeycraft/doc';
import { useTrash } from '@journeycraft/doc-react';
import { ConfirmDialog, Toast, ToastRegion } from '@journeycraft/ui';
import '../styles.css';

/** A delete waiting for the person's yes: what, and what goes with it. */
export interface PendingDelete {
  targets: DeleteTarget[];
  /** 'stage “Discover”' */
  label: string;
  counts: DeletionCounts;
}

/** How long everyone on the map sees the undo toast of a delete. */
export const UNDO_TOAST_MS = 30_000;

/**
 * Asks before a delete that takes other things with it, naming how many, and says that anyone
 * on the map can undo it. A native modal <dialog>: focus stays inside, Esc cancels.
 */
export function ConfirmDelete({
  pending,
  onConfirm,
  onCancel,
}: {
  pending: PendingDelete;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const withIt = describeCounts(pending.counts);
  return (
    <ConfirmDialog
      open
      title={`Delete ${pending.label}?`}
      description={`${withIt ? `${withIt} ${goesWith(pending.counts)} with it.` : 'Nothing else goes with it.'} Everyone on the map can undo this for a while afterwards.`}
      testId="confirm-delete"
      onConfirm={onConfirm}
      onClose={onCancel}
    />
  );
}

function goesWith(counts: DeletionCounts): string {
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return total === 1 ? 'goes' : 'go';
}

/**
 * Undo toasts for everyone on the map: every delete anyone made (kept in the doc's trash) shows
 * here for `UNDO_TOAST_MS` after it reached this browser, with an Undo that restores it for all
 * (written with `origin`; no Undo button when `readOnly`). Used by the canvas and the map's pages.
 */
export function UndoToasts({
  store,
  origin,
  readOnly = false,
  floating = false,
  onMessage,
}: {
  store: MapStore;
  origin: TxOrigin;
  readOnly?: boolean;
  /** Fixed at the bottom of the window (pages without the canvas's own toast area). */
  floating?: boolean;
  onMessage: (text: string) => void;
}) {
  const doc = store.doc;
  const entries = useTrash(store);
  const firstSeen = useRef(new Map<string, number>());
  const [openedAt] = useState(() => Date.now());
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [now, setNow] = useState(openedAt);
  for (const e of entries) {
    if (firstSeen.current.has(e.id)) continue;
    // What the map already held when this page opened counts from when it was made (another
    // browser's clock, so never later than now); a delete arriving later counts from its arrival.
    const at = Date.now();
    firstSeen.current.set(e.id, at - openedAt < 3000 ? Math.min(e.deletedAt, at) : at);
  }
  const visible = entries.filter(
    (e) => !dismissed.has(e.id) && now - (firstSeen.current.get(e.id) ?? 0) < UNDO_TOAST_MS,
  );
  const showing = visible.length > 0;
  useEffect(() => {
    if (!showing) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [showing]);
  useEffect(() => setNow(Date.now()), [entries]);
  if (!visible.length) return null;
  return (
    <ToastRegion label="Recent deletes" floating={floating}>
      {visible.slice(0, 3).map((e) => {
        const withIt = describeCounts(e.counts);
        return (
          <Toast
            key={e.id}
            testId="undo-toast"
            action={
              readOnly
                ? null
                : {
                    label: 'Undo',
                    onAction: () => {
                      const n = restoreFromTrash(doc, e.id, origin);
                      onMessage(n === null ? 'Someone restored it already.' : `Restored ${e.label}.`);
                    },
                  }
            }
            onDismiss={() => setDismissed(new Set([...dismissed, e.id]))}
          >
            {e.by} deleted {e.label}
            {withIt ? ` with ${withIt}` : ''}.
          </Toast>
        );
      })}
    </ToastRegion>
  );
}
