import type { ReactNode } from 'react';

/** A panel that slides over the right side of the canvas (non-modal: the map stays live beside it). */
export function Drawer({
  title,
  onClose,
  children,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <aside className="drawer" aria-label={title} data-testid={testId}>
      <header className="drawer-head">
        <h2 className="drawer-title">{title}</h2>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          onClick={onClose}
          aria-label={`Close ${title.toLowerCase()}`}
        >
          ×
        </button>
      </header>
      <div className="drawer-body">{children}</div>
    </aside>
  );
}
