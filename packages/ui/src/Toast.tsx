import type { ReactNode } from 'react';

/**
 * Where toasts appear: a labelled region (polite live region for each toast inside). `floating`
 * pins it to the bottom centre of the window; otherwise it sits where it is placed.
 */
export function ToastRegion({
  label,
  floating = false,
  className,
  children,
}: {
  label: string;
  floating?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      className={['toasts', floating ? 'is-floating' : '', className ?? ''].filter(Boolean).join(' ')}
    >
      {children}
    </div>
  );
}

/** What a toast offers to do about what it says (e.g. Undo). */
export interface ToastAction {
  label: string;
  onAction: () => void;
}

/**
 * A short message about something that just happened, announced politely, with an optional action
 * (e.g. Undo) and a dismiss button when `onDismiss` is given.
 */
export function Toast({
  children,
  action,
  onDismiss,
  className,
  testId,
}: {
  children: ReactNode;
  action?: ToastAction | null;
  onDismiss?: () => void;
  className?: string;
  testId?: string;
}) {
  return (
    <div role="status" className={['toast', className ?? ''].filter(Boolean).join(' ')} data-testid={testId}>
      <span>{children}</span>
      {action ? (
        <button type="button" className="toast-action" onClick={action.onAction}>
          {action.label}
        </button>
      ) : null}
      {onDismiss ? (
        <button type="button" className="toast-close" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  );
}
