import { useEffect } from 'react';
import type { UndoControls } from '@journeycraft/doc-react';
import { Button } from '@journeycraft/ui';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Undo / Redo of this tab's own edits, as buttons and as Ctrl/⌘+Z, Ctrl/⌘+Shift+Z and Ctrl+Y
 * (left to the browser while typing in a field, where they undo the typing).
 */
export function UndoButtons({ history }: { history: UndoControls }) {
  const { undo, redo, canUndo, canRedo } = history;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
  return (
    <div className="undo-group" role="group" aria-label="History">
      <Button size="sm" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
        <svg viewBox="0 0 16 16" className="icon" aria-hidden="true">
          <path d="M6 4 3 7l3 3M3 7h7a3.5 3.5 0 0 1 0 7H7" />
        </svg>
        Undo
      </Button>
      <Button size="sm" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        Redo
        <svg viewBox="0 0 16 16" className="icon" aria-hidden="true">
          <path d="m10 4 3 3-3 3m3-3H6a3.5 3.5 0 0 0 0 7h3" />
        </svg>
      </Button>
    </div>
  );
}
