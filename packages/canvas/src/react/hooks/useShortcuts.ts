import { useEffect, useRef } from 'react';

/** True when a key went to the canvas itself (a card, the background) or to nothing in particular. */
function onCanvas(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  return (
    target === document.body || Boolean(target.closest('.react-flow__node, .react-flow__pane, .react-flow__renderer'))
  );
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A control that takes its own keys (a picture box takes Ctrl+V) is left alone like a text field.
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    target.closest('[data-own-keys]') !== null
  );
}

/** What the canvas's keyboard shortcuts do (see the shortcut help for the keys). */
export interface ShortcutHandlers {
  /** Tab / Shift+Tab from a card; true when it moved the focus itself. */
  tab?: (backwards: boolean, target: EventTarget | null) => boolean;
  undo?: () => void;
  redo?: () => void;
  /** False when nothing was copied (the key then does what the browser does). */
  copy: () => boolean;
  cut: () => void;
  paste: () => void;
  duplicate: () => void;
  selectAll: () => void;
  remove: () => void;
  /** Esc: clear the selection, close panels and help. */
  escape: () => void;
  fit: () => void;
  /** Enter on the canvas: edit the selected card's title; false when it does not apply. */
  editTitle: () => boolean;
  toggleHelp: () => void;
  /** Focus search; `selectText` selects what is already typed. */
  focusSearch: (selectText: boolean) => void;
  /** S: start a sticky under the pointer (or in the middle of the view). */
  addSticky?: () => void;
  /** A key pressed on a focused sticky or cluster; true when it did something with it. */
  onBoardItem?: (key: string, target: HTMLElement) => boolean;
}

/**
 * The canvas's keyboard shortcuts on window. Keys typed into a text field, or while a modal
 * dialog is open, are left alone (except Ctrl/⌘+F). Always calls the latest handlers.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const h = latest.current;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'f') {
        e.preventDefault();
        h.focusSearch(true);
        return;
      }
      if (isTextField(e.target) || document.querySelector('dialog[open]')) return;
      // Keys on a focused sticky or cluster itself (not on a button inside it).
      const item =
        e.target instanceof HTMLElement && e.target.matches('.react-flow__node-sticky, .react-flow__node-cluster')
          ? e.target
          : null;
      if (item && !mod && !e.altKey && h.onBoardItem?.(e.key, item)) {
        e.preventDefault();
        return;
      }
      if (e.key === 'Tab' && !mod && !e.altKey) {
        if (h.tab?.(e.shiftKey, e.target)) e.preventDefault();
        return;
      }
      if (mod && !e.altKey && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        h.undo?.();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        h.redo?.();
      } else if (mod && key === 'c') {
        if (h.copy()) e.preventDefault();
      } else if (mod && key === 'x') {
        if (h.copy()) {
          e.preventDefault();
          h.cut();
        }
      } else if (mod && key === 'v') {
        e.preventDefault();
        h.paste();
      } else if (mod && key === 'd') {
        e.preventDefault();
        h.duplicate();
      } else if (mod && key === 'a') {
        e.preventDefault();
        h.selectAll();
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        h.remove();
      } else if (e.key === 'Escape') {
        h.escape();
      } else if (!mod && e.shiftKey && (e.key === '!' || e.code === 'Digit1')) {
        e.preventDefault();
        h.fit();
      } else if (!mod && e.key === 'Enter' && onCanvas(e.target)) {
        if (h.editTitle()) e.preventDefault();
      } else if (!mod && e.key === '?') {
        h.toggleHelp();
      } else if (!mod && !e.altKey && key === 's' && h.addSticky) {
        e.preventDefault();
        h.addSticky();
      } else if (!mod && key === '/') {
        e.preventDefault();
        h.focusSearch(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
