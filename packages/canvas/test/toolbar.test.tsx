// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMapDoc, MapStore, updateMeta, userOrigin } from '@journeycraft/doc';
import { JourneyCanvas } from '@journeycraft/canvas';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

const origin = userOrigin('test');
let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

function renderToolbar(readOnly: boolean): HTMLElement {
  const doc = createMapDoc();
  updateMeta(doc, { title: 'Toolbar' }, origin);
  const store = new MapStore(doc);
  const el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  const history = { undo: () => {}, redo: () => {}, canUndo: true, canRedo: false };
  act(() =>
    root!.render(
      <JourneyCanvas
        store={store}
        origin={origin}
        user={{ name: 'Ada', color: '#4f46e5' }}
        title="Toolbar"
        history={history}
        readOnly={readOnly}
      />,
    ),
  );
  return el;
}

describe('canvas toolbar', () => {
  it('offers Undo and Redo to people who edit', () => {
    const el = renderToolbar(false);
    expect(el.querySelector('[role="group"][aria-label="History"]')?.textContent).toContain('Undo');
  });

  it('shows viewers and commenters no Undo or Redo (they have no changes to take back)', () => {
    const el = renderToolbar(true);
    expect(el.querySelector('[role="toolbar"]')).not.toBeNull();
    expect(el.querySelector('[role="group"][aria-label="History"]')).toBeNull();
    expect(el.textContent).not.toContain('Redo');
  });
});
