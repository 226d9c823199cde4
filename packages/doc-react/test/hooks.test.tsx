// @vitest-environment happy-dom
import { act, StrictMode, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { createMapDoc, createRecord, MapStore, updateMeta, updateRecord, userOrigin } from '@journeycraft/doc';
import {
  useConnectionStatus,
  useMapStore,
  useMeta,
  usePresence,
  useRecord,
  useRecords,
  useUndo,
  type ConnectionState,
  type UndoControls,
  type Presence,
  type SyncProviderLike,
} from '@journeycraft/doc-react';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const origin = userOrigin('test');
let root: Root | null = null;

function render(node: ReactNode): void {
  const el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() => root!.render(<StrictMode>{node}</StrictMode>));
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  vi.restoreAllMocks();
});

describe('useMapStore + useRecords / useRecord / useMeta', () => {
  it('re-renders on changes and keeps the identity of unchanged records', () => {
    const doc = createMapDoc();
    const a = createRecord(doc, 'stages', { title: 'Discover', order: 1 }, origin);
    const seen: Array<readonly { id: string; title: string }[]> = [];
    const titles: Array<string | undefined> = [];
    function View() {
      const store = useMapStore(doc);
      seen.push(useRecords(store, 'stages'));
      titles.push(useRecord(store, 'stages', a.id)?.title);
      return <p>{useMeta(store)?.title}</p>;
    }
    render(<View />);
    const first = seen.at(-1)!;
    expect(first.map((s) => s.title)).toEqual(['Discover']);

    act(() => void createRecord(doc, 'stages', { title: 'Buy', order: 2 }, origin));
    const second = seen.at(-1)!;
    expect(second.map((s) => s.title)).toEqual(['Discover', 'Buy']);
    expect(second[0]).toBe(first[0]); // unchanged record, same object

    act(() => void updateRecord(doc, 'stages', a.id, { title: 'Discover the offer' }, origin));
    expect(titles.at(-1)).toBe('Discover the offer');

    act(() => void updateMeta(doc, { title: 'Onboarding' }, origin));
    expect(document.body.textContent).toContain('Onboarding');
  });

  it('destroys its store on unmount', () => {
    const destroy = vi.spyOn(MapStore.prototype, 'destroy');
    const doc = createMapDoc();
    function View() {
      useMapStore(doc);
      return null;
    }
    render(<View />);
    act(() => root!.unmount());
    root = null;
    // StrictMode mounts twice: every store created was destroyed.
    expect(destroy.mock.calls.length).toBeGreaterThanOrEqual(1);
  });

  it('returns empty values without a store', () => {
    let records: readonly unknown[] = [1];
    function View() {
      records = useRecords(null, 'lanes');
      return <p>{useMeta(undefined)?.title ?? 'none'}</p>;
    }
    render(<View />);
    expect(records).toEqual([]);
    expect(document.body.textContent).toContain('none');
  });
});

class FakeProvider implements SyncProviderLike {
  wsconnected = false;
  wsconnecting = false;
  synced = false;
  private handlers = new Map<string, Set<(...args: never[]) => void>>();
  on(name: string, handler: (...args: never[]) => void) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name)!.add(handler);
  }
  off(name: string, handler: (...args: never[]) => void) {
    this.handlers.get(name)?.delete(handler);
  }
  emit(name: string, ...args: unknown[]) {
    for (const h of [...(this.handlers.get(name) ?? [])]) (h as (...a: unknown[]) => void)(...args);
  }
  listenerCount() {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }
}

describe('useConnectionStatus', () => {
  it('follows status and sync events, remembers the first sync, and reports a permanent close', () => {
    const provider = new FakeProvider();
    const states: ConnectionState[] = [];
    function View() {
      states.push(useConnectionStatus(provider));
      return null;
    }
    render(<View />);
    expect(states.at(-1)).toMatchObject({ status: 'disconnected', synced: false, loaded: false, closed: null });

    act(() => {
      provider.wsconnecting = true;
      provider.emit('status', { status: 'connecting' });
    });
    expect(states.at(-1)!.status).toBe('connecting');

    act(() => {
      provider.wsconnecting = false;
      provider.wsconnected = true;
      provider.emit('status', { status: 'connected' });
    });
    expect(states.at(-1)).toMatchObject({ status: 'connected', synced: false, loaded: false });

    act(() => {
      provider.synced = true;
      provider.emit('sync', true);
    });
    expect(states.at(-1)).toMatchObject({ status: 'connected', synced: true, loaded: true });

    const before = states.length;
    act(() => provider.emit('sync', true)); // nothing changed: no new state, no re-render
    expect(states.length).toBe(before);

    act(() => {
      provider.wsconnected = false;
      provider.synced = false;
      provider.emit('status', { status: 'disconnected' });
    });
    expect(states.at(-1)).toMatchObject({ status: 'disconnected', synced: false, loaded: true });

    act(() => provider.emit('closed', { code: 4404, reason: 'map deleted' }));
    expect(states.at(-1)!.closed).toEqual({ code: 4404, reason: 'map deleted' });

    act(() => root!.unmount());
    root = null;
    expect(provider.listenerCount()).toBe(0);
  });
});

describe('usePresence', () => {
  it('lists users from awareness, local first, and ignores heartbeats', () => {
    const local = new Awareness(new Y.Doc());
    const remote = new Awareness(new Y.Doc());
    const lists: Array<readonly Presence[]> = [];
    function View() {
      lists.push(usePresence(local));
      return null;
    }
    render(<View />);
    expect(lists.at(-1)).toEqual([]);

    act(() => {
      local.setLocalStateField('user', { name: 'Zoe', color: '#4f46e5' });
      remote.setLocalStateField('user', { name: 'Ada', color: '#059669' });
      applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
    });
    expect(lists.at(-1)!.map((p) => [p.name, p.isLocal])).toEqual([
      ['Zoe', true],
      ['Ada', false],
    ]);
    const current = lists.at(-1);

    act(() => {
      // A heartbeat renews the same state: same list, same identity.
      remote.setLocalState(remote.getLocalState());
      applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
    });
    expect(lists.at(-1)).toBe(current);

    act(() => {
      remote.setLocalState(null);
      applyAwarenessUpdate(local, encodeAwarenessUpdate(remote, [remote.clientID]), 'remote');
    });
    expect(lists.at(-1)!.map((p) => p.name)).toEqual(['Zoe']);
    act(() => root!.unmount());
    root = null;
    local.destroy();
    remote.destroy();
  });
});

describe('useUndo', () => {
  it("undoes and redoes only its own origin's edits", () => {
    const doc = createMapDoc();
    const other = userOrigin('someone-else');
    let history: UndoControls | null = null;
    let titles: string[] = [];
    function View() {
      const store = useMapStore(doc);
      history = useUndo(doc, origin, 0);
      titles = useRecords(store, 'stages').map((s) => s.title);
      return null;
    }
    render(<View />);
    expect(history!.canUndo).toBe(false);

    act(() => void createRecord(doc, 'stages', { title: 'Mine 1', order: 1 }, origin));
    act(() => void createRecord(doc, 'stages', { title: 'Theirs', order: 2 }, other));
    act(() => void createRecord(doc, 'stages', { title: 'Mine 2', order: 3 }, origin));
    expect(history!.canUndo).toBe(true);

    act(() => history!.undo());
    expect(titles).toEqual(['Mine 1', 'Theirs']);
    expect(history!.canRedo).toBe(true);
    act(() => history!.undo());
    expect(titles).toEqual(['Theirs']);
    expect(history!.canUndo).toBe(false);

    act(() => history!.redo());
    expect(titles).toEqual(['Mine 1', 'Theirs']);
  });
});
