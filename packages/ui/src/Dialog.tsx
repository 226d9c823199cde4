import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './Button.js';
import { ErrorLine } from './ErrorLine.js';
import { useRunWithError } from './useRunWithError.js';

/**
 * A modal on the native <dialog> (showModal): focus stays inside it and goes back where it was on
 * close, Escape closes it (calling `onClose`), a click on the backdrop too, and it is announced as
 * a dialog named by its title (and described by `description` when given).
 */
export function Dialog({
  open,
  title,
  description,
  onClose,
  children,
  actions,
  className,
  testId,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children?: ReactNode;
  /** The buttons of its footer (in a DialogActions row), e.g. a single Done. */
  actions?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  useEffect(() => () => ref.current?.close(), []);
  return (
    <dialog
      ref={ref}
      className={['dialog', className ?? ''].filter(Boolean).join(' ')}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-text` : undefined}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose(); // a click on the backdrop
      }}
    >
      {open ? (
        <div className="dialog-body">
          <h2 id={`${id}-title`} className="dialog-title">
            {title}
          </h2>
          {description ? (
            <p id={`${id}-text`} className="dialog-text">
              {description}
            </p>
          ) : null}
          {children}
          {actions ? <DialogActions>{actions}</DialogActions> : null}
        </div>
      ) : null}
    </dialog>
  );
}

/**
 * The row of buttons closing a dialog or a popover form, the main action last (rightmost).
 * `start` holds what sits apart on the left (a secondary link, a count).
 */
export function DialogActions({
  children,
  start,
  className,
}: {
  children: ReactNode;
  start?: ReactNode;
  className?: string;
}) {
  return (
    <div className={['dialog-actions', className ?? ''].filter(Boolean).join(' ')}>
      {start ? <div className="dialog-actions-start">{start}</div> : null}
      {children}
    </div>
  );
}

/**
 * Asks before something that cannot be taken back lightly (usually a delete): the question as the
 * title (say what goes with it: `deleteQuestion`), an optional sentence under it, Cancel (focused
 * first) and the confirm button. `onConfirm` may be async: the dialog stays open and busy while it
 * runs and shows its error if it fails; it closes (via `onClose`) when it succeeded.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel = 'Delete',
  cancelLabel = 'Cancel',
  danger = true,
  onConfirm,
  onClose,
  testId,
  messageOf,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown> | unknown;
  onClose: () => void;
  testId?: string;
  messageOf?: (error: unknown) => string;
}) {
  const { run, busy, error } = useRunWithError(messageOf);
  return (
    <Dialog open={open} title={title} description={description} onClose={onClose} testId={testId}>
      <ErrorLine message={error} />
      <DialogActions>
        <Button onClick={onClose} autoFocus disabled={busy}>
          {cancelLabel}
        </Button>
        <Button
          variant={danger ? 'danger' : 'primary'}
          busy={busy}
          onClick={async () => {
            if (await run(onConfirm)) onClose();
          }}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
