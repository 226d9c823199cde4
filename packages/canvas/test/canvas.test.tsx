// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMapDoc, createRecord, MapStore, updateMeta, updateRecord, userOrigin } from '@journeycraft/doc';
import { JourneyCanvas, renderCounts, type AwarenessLike } from '@journeycraft/canvas';

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

describe('<JourneyCanvas>', () => {
  it('renders every card once, and a one-card edit renders that card again, not the others', () => {
    const doc = createMapDoc();
    updateMeta(doc, { title: 'Render count' }, origin);
    const stage = createRecord(doc, 'stages', { title: 'Stage', order: 1 }, origin);
    const lane = createRecord(doc, 'lanes', { title: 'Lane', kind: 'customer_actions', order: 1 }, origin);
    // 12 cards stack 6 high in their cell: all of it is in the first view.
    const ids = Array.from(
      { length: 12 },
      (_, i) =>
        createRecord(doc, 'touchpoints', { stageId: stage.id, laneId: lane.id, title: `Card ${i}`, order: i }, origin)
          .id,
    );
    const store = new MapStore(doc);
    const el = document.createElement('div');
    el.style.width = '1200px';
    el.style.height = '800px';
    document.body.append(el);
    root = createRoot(el);
    const before = renderCounts.cards;
    act(() =>
      root!.render(
        <JourneyCanvas store={store} origin={origin} user={{ name: 'Ada', color: '#4f46e5' }} title="Render count" />,
      ),
    );
    const cards = el.querySelectorAll('[data-testid="touchpoint-card"]');
    expect(cards.length).toBe(12);
    const initial = renderCounts.cards - before;
    expect(initial).toBeGreaterThanOrEqual(12);
    expect(initial).toBeLessThan(36);

    const mid = renderCounts.cards;
    act(() => void updateRecord(doc, 'touchpoints', ids[3]!, { title: 'Renamed card' }, origin));
    expect(el.textContent).toContain('Renamed card');
    expect(renderCounts.cards - mid).toBe(1);
    store.destroy();
  });

  it('renders only the cards in view; Tab from the last one brings the next card into view and focuses it', async () => {
    const doc = createMapDoc();
    const stage = createRecord(doc, 'stages', { title: 'Stage', order: 1 }, origin);
    const lane = createRecord(doc, 'lanes', { title: 'Lane', kind: 'customer_actions', order: 1 }, origin);
    const ids = Array.from(
      { length: 400 },
      (_, i) =>
        createRecord(doc, 'touchpoints', { stageId: stage.id, laneId: lane.id, title: `Card ${i}`, order: i }, origin)
          .id,
    );
    const store = new MapStore(doc);
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    act(() =>
      root!.render(<JourneyCanvas store={store} origin={origin} user={{ name: 'Ada', color: '#4f46e5' }} title="x" />),
    );
    const rendered = () => [...el.querySelectorAll<HTMLElement>('[data-testid="touchpoint-card"]')];
    const first = rendered();
    // 400 cards stack about 40 high: far more than the view and its margin hold.
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(400);
    expect(first[0]!.dataset.touchpointId).toBe(ids[0]);

    const last = first[first.length - 1]!.closest<HTMLElement>('.react-flow__node')!;
    const next = ids.indexOf(first[first.length - 1]!.dataset.touchpointId!) + 1;
    expect(el.querySelector(`[data-touchpoint-id="${ids[next]}"]`)).toBeNull();
    last.focus();
    await act(async () => {
      last.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    const target = el.querySelector<HTMLElement>(`[data-touchpoint-id="${ids[next]}"]`);
    expect(target).not.toBeNull();
    expect(document.activeElement).toBe(target!.closest('.react-flow__node'));
    store.destroy();
  });

  it('a remote cursor renders no card; a remote selection or drag renders only that card, and a drag never moves the nodes array', () => {
    const doc = createMapDoc();
    const stage = createRecord(doc, 'stages', { title: 'Stage', order: 1 }, origin);
    const lane = createRecord(doc, 'lanes', { title: 'Lane', kind: 'frontstage', order: 1 }, origin);
    const ids = Array.from(
      { length: 20 },
      (_, i) =>
        createRecord(doc, 'touchpoints', { stageId: stage.id, laneId: lane.id, title: `Card ${i}`, order: i }, origin)
          .id,
    );
    const states = new Map<number, Record<string, unknown>>([[1, { user: { name: 'Ada', color: '#4f46e5' } }]]);
    const handlers = new Set<() => void>();
    const awareness: AwarenessLike = {
      clientID: 1,
      getStates: () => states,
      setLocalStateField: (f, v) => states.set(1, { ...states.get(1), [f]: v }),
      on: (_n, h) => handlers.add(h),
      off: (_n, h) => handlers.delete(h),
    };
    const remote = (state: Record<string, unknown>) =>
      act(() => {
        states.set(2, { user: { name: 'Grace', color: '#059669' }, ...state });
        for (const h of [...handlers]) h();
      });
    const store = new MapStore(doc);
    const el = document.createElement('div');
    document.body.append(el);
    root = createRoot(el);
    act(() =>
      root!.render(
        <JourneyCanvas
          store={store}
          origin={origin}
          user={{ name: 'Ada', color: '#4f46e5' }}
          awareness={awareness}
          title="x"
        />,
      ),
    );
    const start = renderCounts.cards;
    remote({ cursor: { x: 10, y: 20 } });
    remote({ cursor: { x: 30, y: 40 } });
    expect(el.querySelector('[data-testid="remote-cursor"]')?.getAttribute('data-name')).toBe('Grace');
    expect(renderCounts.cards - start).toBe(0);
    remote({ cursor: { x: 30, y: 40 }, selection: [ids[5]] });
    expect(renderCounts.cards - start).toBe(1);
    expect(el.querySelector(`[data-touchpoint-id="${ids[5]}"]`)?.textContent).toContain('Grace');

    // Grace drags card 7: it follows her pointer; its move renders that card alone, every time.
    const card7 = () => el.querySelector<HTMLElement>(`[data-touchpoint-id="${ids[7]}"]`)!;
    const slot = card7().closest<HTMLElement>('.react-flow__node')!.style.transform;
    const dragStart = renderCounts.cards;
    remote({ cursor: null, selection: [], drag: { [ids[7]!]: { x: 500, y: 300 } } });
    const afterStart = renderCounts.cards - dragStart;
    expect(afterStart).toBeGreaterThan(0);
    expect(afterStart).toBeLessThanOrEqual(3);
    expect(card7().className).toContain('is-remote-drag');
    const first = card7().getAttribute('style');
    expect(first).toMatch(/translate: -?\d/);
    const moves = renderCounts.cards;
    remote({ cursor: null, selection: [], drag: { [ids[7]!]: { x: 520, y: 340 } } });
    remote({ cursor: null, selection: [], drag: { [ids[7]!]: { x: 540, y: 380 } } });
    expect(renderCounts.cards - moves).toBe(2);
    expect(card7().getAttribute('style')).not.toBe(first);
    // The node wrapper (React Flow's nodes array) never moved.
    expect(card7().closest<HTMLElement>('.react-flow__node')!.style.transform).toBe(slot);
    remote({ cursor: null, selection: [], drag: null });
    expect(card7().getAttribute('style')).not.toContain('translate');
    store.destroy();
  });
});
