import { useCallback, useState } from 'react';
import type { DeleteTarget, PolicyPrincipal, TxOrigin } from '@journeycraft/doc';
import { planDelete, runDelete, type MapDoc } from '../../core/commands.js';
import type { PendingDelete } from '../Deletes.js';

/**
 * Deleting from the canvas: the edit policy (the server's) filters what is wanted, and a notice
 * says why anything was kept; deletes that take other things along wait for a yes
 * (`pending`, shown by `ConfirmDelete`); the rest go straight to the map's trash.
 */
export function useDeletes(opts: {
  doc: MapDoc;
  origin: TxOrigin;
  principal: PolicyPrincipal;
  userName: string;
  readOnly: boolean;
  notify: (text: string) => void;
  /** Called after something was deleted (the canvas clears its selection). */
  onDeleted: () => void;
}): {
  pending: PendingDelete | null;
  requestDelete: (wanted: DeleteTarget[], label: string) => void;
  confirm: () => void;
  cancel: () => void;
} {
  const { doc, origin, principal, userName, readOnly, notify, onDeleted } = opts;
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const requestDelete = useCallback(
    (wanted: DeleteTarget[], label: string) => {
      if (readOnly || !wanted.length) return;
      const { plan, refused } = planDelete(doc, principal, wanted, label);
      if (refused.length) notify(`Not deleted: ${refused.join('; ')}.`);
      if (!plan) return;
      if (plan.confirm) {
        setPending({ targets: plan.targets, label: plan.label, counts: plan.counts });
        return;
      }
      if (runDelete(doc, origin, plan, userName)) onDeleted();
    },
    [doc, origin, principal, userName, readOnly, notify, onDeleted],
  );
  const confirm = useCallback(() => {
    if (!pending) return;
    setPending(null);
    if (runDelete(doc, origin, pending, userName)) onDeleted();
  }, [doc, origin, userName, pending, onDeleted]);
  const cancel = useCallback(() => setPending(null), []);
  return { pending, requestDelete, confirm, cancel };
}
