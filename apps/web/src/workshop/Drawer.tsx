import type { ReactNode } from 'react';
import { Button } from '@journeycraft/ui';

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
        <Button variant="ghost" size="sm" onClick={onClose} aria-label={`Close ${title.toLowerCase()}`}>
          ×
        </Button>
      </header>
      <div className="drawer-body">{children}</div>
    </aside>
  );
}
