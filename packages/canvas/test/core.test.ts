import { describe, expect, it } from 'vitest';
import {
  createMapDoc,
  createRecord,
  MapStore,
  snapshot,
  updateMeta,
  updateRecord,
  userOrigin,
} from '@journeycraft/doc';
import {
  GRID,
  PeerStore,
  buildGraph,
  cardFacts,
  cellAt,
  computeLayout,
  csvCell,
  emotionPoints,
  mentionsIn,
  touchpointsCsv,
  GraphCache,
  DragOffsets,
  type AwarenessLike,
  type GridLayout,
} from '@journeycraft/canvas';
import { newId, type Connection } from '@journeycraft/schema';

const me = userOrigin('me');

/** A graph input with nothing selected, dragged or searched. */
function quietInput(layout: GridLayout, connections: Connection[], facts: ReturnType<typeof cardFacts>) {
  return {
    layout,
    connections,
    facts,
    selected: new Set<string>(),
    selectedEdge: null,
    editing: null,
    dragging: new Set<string>(),
    dropTarget: null,
    remoteDrags: new Map(),
    remoteSelections: new Map(),
    matches: null,
    persona: null,
    readOnly: false,
    canEditLocked: false,
  };
}

function smallMap() {
  const doc = createMapDoc();
  updateMeta(doc, { title: 'Test' }, me);
  const s1 = createRecord(doc, 'stages', { title: 'One', order: 1 }, me);
  const s2 = createRecord(doc, 'stages', { title: 'Two', order: 2 }, me);
  const l1 = createRecord(doc, 'lanes', { title: 'Actions', kind: 'customer_actions', order: 1 }, me);
  const l2 = createRecord(doc, 'lanes', { title: 'Feelings', kind: 'emotions', order: 2 }, me);
  return { doc, s1, s2, l1, l2 };
}

describe('csv', () => {
  it('neutralises cells that a spreadsheet would run as formulas', () => {
    for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx'])
      expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"')).toBe('"a, ""b"""');
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell(true)).toBe('yes');
    expect(csvCell(null)).toBe('');
  });

  it('lists touchpoints by stage, then lane, with roles and capacity', () => {
    const { doc, s1, s2, l1 } = smallMap();
    const role = createRecord(doc, 'roles', { name: 'Agent' }, me);
    const a = createRecord(
      doc,
      'touchpoints',
      { stageId: s2.id, laneId: l1.id, title: '=cmd()', ownerRoleId: role.id },
      me,
    );
    createRecord(
      doc,
      'touchpoints',
      { stageId: s1.id, laneId: l1.id, title: 'First', demandCapacity: { demand: 5, capacity: 3, period: 'hour' } },
      me,
    );
    createRecord(doc, 'assignments', { touchpointId: a.id, roleId: role.id, involvement: 'owner' }, me);
    const lines = touchpointsCsv(snapshot(doc)).trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('One,Actions,First');
    expect(lines[1]).toContain(',5,3,hour,yes,');
    expect(lines[2]).toContain("Two,Actions,'=cmd()");
    expect(lines[2]).toContain('Agent (owner)');
  });
});

describe('layout', () => {
  it('puts cards in their cell, grows rows to the tallest cell and snaps points to cells', () => {
    const { doc, s1, s2, l1 } = smallMap();
    for (let i = 0; i < 3; i++)
      createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: `T${i}`, order: i }, me);
    const snap = snapshot(doc);
    const layout = computeLayout(snap.stages, snap.lanes, snap.touchpoints);
    expect(layout.columns.map((c) => c.stage.title)).toEqual(['One', 'Two']);
    const row = layout.rows[0]!;
    expect(row.height).toBe(GRID.pad * 2 + 3 * GRID.cardHeight + 2 * GRID.gap + GRID.addRoom);
    expect(layout.rows[1]!.height).toBe(GRID.emotionHeight);
    const slots = snap.touchpoints.map((t) => layout.slots.get(t.id)!);
    expect(slots.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(new Set(slots.map((s) => s.x)).size).toBe(1);
    const col2 = layout.columns[1]!;
    expect(cellAt(layout, { x: col2.x + 10, y: row.y + 10 })).toMatchObject({ stageId: s2.id, laneId: l1.id });
    expect(cellAt(layout, { x: 99999, y: -50 })).toMatchObject({ stageId: s2.id, laneId: l1.id });
    expect(cellAt(layout, { x: 99999, y: -50 }, false)).toBeNull();
  });

  it('spreads a crowded cell into more columns', () => {
    const { doc, s1, l1 } = smallMap();
    for (let i = 0; i < 9; i++)
      createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: `T${i}`, order: i }, me);
    const snap = snapshot(doc);
    const layout = computeLayout(snap.stages, snap.lanes, snap.touchpoints);
    expect(layout.columns[0]!.width).toBe(GRID.pad * 2 + 2 * GRID.cardWidth + GRID.gap);
    expect(layout.rows[0]!.height).toBe(GRID.pad * 2 + 5 * GRID.cardHeight + 4 * GRID.gap + GRID.addRoom);
  });

  it('draws one emotion point per touchpoint, per persona', () => {
    const { doc, s1, s2, l1 } = smallMap();
    createRecord(
      doc,
      'touchpoints',
      { stageId: s1.id, laneId: l1.id, title: 'A', emotion: -1, personaEmotions: { p1: 2 } },
      me,
    );
    createRecord(doc, 'touchpoints', { stageId: s2.id, laneId: l1.id, title: 'B', emotion: 1 }, me);
    const snap = snapshot(doc);
    const layout = computeLayout(snap.stages, snap.lanes, snap.touchpoints);
    expect(emotionPoints(layout, snap.touchpoints, null).map((p) => p.score)).toEqual([-1, 1]);
    expect(emotionPoints(layout, snap.touchpoints, 'p1').map((p) => p.score)).toEqual([2, 1]);
  });
});

describe('graph', () => {
  it('keeps the node object of every card that did not change (so React Flow re-renders one card)', () => {
    const { doc, s1, l1 } = smallMap();
    const ids = Array.from(
      { length: 50 },
      (_, i) =>
        createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: `Card ${i}`, order: i }, me).id,
    );
    const store = new MapStore(doc);
    const cache = new GraphCache();
    const build = () => {
      const layout = computeLayout(
        store.getRecords('stages'),
        store.getRecords('lanes'),
        store.getRecords('touchpoints'),
      );
      const facts = cardFacts(store.getRecords('touchpoints'), [], [], [], [], [], new Map());
      return buildGraph(quietInput(layout, [], facts), cache).nodes;
    };
    const before = build();
    updateRecord(doc, 'touchpoints', ids[7]!, { title: 'Renamed' }, me);
    const after = build();
    // The emotion curve redraws (it reads every score); among the cards only the edited one is new.
    const changed = after.filter((n) => n.type === 'touchpoint' && !before.includes(n)).map((n) => n.id);
    expect(changed).toEqual([ids[7]]);
    store.destroy();
  });

  it('routes a connection past a card between stacked cards round by the gutter, with its label clear of the cards', () => {
    const { doc, s1, l1 } = smallMap();
    const l3 = createRecord(doc, 'lanes', { title: 'Desk', kind: 'frontstage', order: 3 }, me);
    const l4 = createRecord(doc, 'lanes', { title: 'Back', kind: 'backstage', order: 4 }, me);
    const guest = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: 'Guest', order: 1 }, me);
    const desk = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l3.id, title: 'Desk', order: 2 }, me);
    const house = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l4.id, title: 'House', order: 3 }, me);
    const conn = (fromId: string, toId: string, label: string) =>
      createRecord(doc, 'connections', { fromId, toId, kind: 'sequence', label }, me);
    const links = [
      conn(guest.id, desk.id, ''),
      conn(house.id, desk.id, 'inspected'),
      conn(guest.id, house.id, 'not ready'),
    ];
    const store = new MapStore(doc);
    const graph = () => {
      const tps = store.getRecords('touchpoints');
      const layout = computeLayout(store.getRecords('stages'), store.getRecords('lanes'), tps);
      const facts = cardFacts(tps, [], [], [], [], links, new Map());
      return buildGraph(quietInput(layout, links, facts), new GraphCache()).edges;
    };
    const edges = graph();
    const handles = edges.map((e) => [e.sourceHandle, e.targetHandle, (e.data as { route: string }).route]);
    expect(handles).toEqual([
      ['b', 't', 'down'],
      ['st', 'tb', 'up'],
      ['r', 'rt', 'around'],
    ]);
    // A card's title edited: the layout is new but nothing moved, so the label places are not worked out again.
    updateRecord(doc, 'touchpoints', desk.id, { title: 'Front desk' }, me);
    const place = (e: (typeof edges)[number]) => (e.data as { labelPlace?: object }).labelPlace;
    const again = graph();
    expect(place(again[1]!)).toBeDefined();
    expect(place(again[1]!)).toBe(place(edges[1]!));
    expect(place(again[2]!)).toBe(place(edges[2]!));
    store.destroy();
  });

  it('virtualises: only cards in view, plus the far end of their connections; far zoom draws one node per cell', () => {
    const { doc, s1, s2, l1 } = smallMap();
    const here = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: 'Here', order: 1 }, me);
    const there = createRecord(doc, 'touchpoints', { stageId: s2.id, laneId: l1.id, title: 'There', order: 2 }, me);
    const alone = createRecord(doc, 'touchpoints', { stageId: s2.id, laneId: l1.id, title: 'Alone', order: 3 }, me);
    const link = createRecord(doc, 'connections', { fromId: here.id, toId: there.id, kind: 'sequence' }, me);
    const store = new MapStore(doc);
    const layout = computeLayout(
      store.getRecords('stages'),
      store.getRecords('lanes'),
      store.getRecords('touchpoints'),
    );
    const facts = cardFacts(store.getRecords('touchpoints'), [], [], [], [], [link], new Map());
    const col1 = layout.columns[0]!;
    // A view over the first stage only.
    const view = { x0: 0, y0: 0, x1: col1.x + col1.width - 1, y1: layout.height };
    const near = buildGraph({ ...quietInput(layout, [link], facts), view }, new GraphCache());
    const cards = (g: typeof near) => g.nodes.filter((n) => n.type === 'touchpoint').map((n) => n.id);
    expect(cards(near).sort()).toEqual([here.id, there.id].sort());
    expect(near.edges.map((e) => e.id)).toEqual([link.id]);
    expect(near.order).toEqual([here.id, there.id, alone.id]);
    // Kept cards render wherever they are.
    const kept = buildGraph(
      { ...quietInput(layout, [link], facts), view, keep: new Set([alone.id]) },
      new GraphCache(),
    );
    expect(cards(kept)).toContain(alone.id);

    const far = buildGraph({ ...quietInput(layout, [link], facts), far: true }, new GraphCache());
    expect(cards(far)).toEqual([]);
    const cells = far.nodes.filter((n) => n.type === 'farcell');
    expect(cells).toHaveLength(2);
    const items = cells.flatMap((n) => (n.data as { cards: Array<{ id: string; title: string }> }).cards);
    expect(items.map((c) => c.title).sort()).toEqual(['Alone', 'Here', 'There']);
    store.destroy();
  });

  it('returns the very same arrays when nothing changed (React Flow then skips a store update)', () => {
    const { doc, s1, l1 } = smallMap();
    const a = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: 'A', order: 1 }, me);
    const b = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: 'B', order: 2 }, me);
    const connection = createRecord(doc, 'connections', { fromId: a.id, toId: b.id, kind: 'sequence' }, me);
    const store = new MapStore(doc);
    const touchpoints = store.getRecords('touchpoints');
    const input = quietInput(
      computeLayout(store.getRecords('stages'), store.getRecords('lanes'), touchpoints),
      [connection],
      cardFacts(touchpoints, [], [], [], [], [connection], new Map()),
    );
    const cache = new GraphCache();
    const first = buildGraph(input, cache);
    const again = buildGraph({ ...input }, cache);
    expect(again.nodes).toBe(first.nodes);
    expect(again.edges).toBe(first.edges);
    expect(first.edges).toHaveLength(1);
    // A drag lifts the card above the others (its live position is not in the graph).
    const dragged = buildGraph({ ...input, dragging: new Set([a.id]) }, cache);
    expect(dragged.nodes).not.toBe(first.nodes);
    const before = first.nodes.find((n) => n.id === a.id)!;
    const lifted = dragged.nodes.find((n) => n.id === a.id)!;
    expect(lifted.position).toEqual(before.position);
    expect(lifted.zIndex).toBeGreaterThan(before.zIndex!);
    expect(dragged.edges).toBe(first.edges);
    store.destroy();
  });
});

describe('DragOffsets', () => {
  it('tells only the dragged node, once per real change, and every dragged node when the drag ends', () => {
    const offsets = new DragOffsets();
    const heard: string[] = [];
    const offA = offsets.subscribe('a', () => heard.push('a'));
    offsets.subscribe('b', () => heard.push('b'));
    offsets.set('a', { dx: 5, dy: 0 });
    offsets.set('a', { dx: 5, dy: 0 });
    offsets.set('c', { dx: 1, dy: 1 });
    expect(heard).toEqual(['a']);
    expect(offsets.get('a')).toEqual({ dx: 5, dy: 0 });
    expect(offsets.get('b')).toBeNull();
    expect(offsets.ids()).toEqual(['a', 'c']);
    offsets.set('b', { dx: 0, dy: 2 });
    offsets.clear();
    expect(heard).toEqual(['a', 'b', 'a', 'b']);
    expect(offsets.ids()).toEqual([]);
    offA();
    offsets.set('a', { dx: 1, dy: 1 });
    expect(heard).toHaveLength(4);
  });
});

describe('locks', () => {
  it('keeps locked cards (or cards in a locked stage) in place unless the person may edit locked things', () => {
    const { doc, s1, s2, l1 } = smallMap();
    const free = createRecord(doc, 'touchpoints', { stageId: s2.id, laneId: l1.id, title: 'Free' }, me);
    const pinned = createRecord(
      doc,
      'touchpoints',
      { stageId: s2.id, laneId: l1.id, title: 'Pinned', locked: true },
      me,
    );
    updateRecord(doc, 'stages', s1.id, { locked: true }, me);
    const inLocked = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: 'In locked stage' }, me);
    const snap = snapshot(doc);
    const input = (canEditLocked: boolean) => ({
      ...quietInput(
        computeLayout(snap.stages, snap.lanes, snap.touchpoints),
        [],
        cardFacts(snap.touchpoints, [], [], [], [], [], new Map()),
      ),
      canEditLocked,
    });
    const drag = (nodes: Array<{ id: string; draggable?: boolean }>) =>
      Object.fromEntries(nodes.map((n) => [n.id, n.draggable]));
    const participant = drag(buildGraph(input(false), new GraphCache()).nodes);
    expect(participant[free.id]).toBe(true);
    expect(participant[pinned.id]).toBe(false);
    expect(participant[inLocked.id]).toBe(false);
    expect(participant[`stage:${s1.id}`]).toBe(false);
    const facilitator = drag(buildGraph(input(true), new GraphCache()).nodes);
    expect(facilitator[pinned.id]).toBe(true);
    expect(facilitator[`stage:${s1.id}`]).toBe(true);
  });
});

describe('peers and mentions', () => {
  it('reads cursors, selections and drags of others and ignores its own', async () => {
    const states = new Map<number, Record<string, unknown>>();
    const handlers = new Set<() => void>();
    const awareness: AwarenessLike = {
      clientID: 1,
      getStates: () => states,
      setLocalStateField: (f, v) => {
        states.set(1, { ...(states.get(1) ?? {}), [f]: v });
        for (const h of handlers) h();
      },
      on: (_n, h) => handlers.add(h),
      off: (_n, h) => handlers.delete(h),
    };
    const peers = new PeerStore(awareness, 0);
    states.set(2, {
      user: { name: 'Grace', color: '#123456' },
      cursor: { x: 5, y: 6 },
      selection: ['tp1'],
      drag: { tp2: { x: 1, y: 2 } },
    });
    let cursorEvents = 0;
    peers.subscribe('cursors', () => cursorEvents++);
    for (const h of handlers) h();
    expect(peers.getCursors()).toEqual([{ clientId: 2, name: 'Grace', color: '#123456', x: 5, y: 6 }]);
    expect(peers.getSelections().get('tp1')?.name).toBe('Grace');
    expect(peers.getDrags().get('tp2')).toMatchObject({ x: 1, y: 2 });
    const cursors = peers.getCursors();
    for (const h of handlers) h();
    expect(peers.getCursors()).toBe(cursors);
    expect(cursorEvents).toBe(1);
    peers.setSelection(['a']);
    expect(states.get(1)?.selection).toEqual(['a']);
    expect(peers.getSelections().has('a')).toBe(false);
    // select all and drag all on a 1,000-card map: what goes out stays far under the server's 16 KB
    const ids = Array.from({ length: 1000 }, () => newId());
    peers.setSelection(ids);
    peers.setDrag(Object.fromEntries(ids.map((id, i) => [id, { x: -10_000 - i, y: 10_000 + i }])));
    await new Promise((r) => setTimeout(r, 100));
    expect(Buffer.byteLength(JSON.stringify(states.get(1)))).toBeLessThan(14 * 1024);
    expect(Object.keys(states.get(1)?.drag as object)).toHaveLength(150);
    peers.destroy();
  });

  it('finds @mentions of people present', () => {
    expect(mentionsIn('Ask @Grace Hopper and @Ada', ['Ada', 'Grace Hopper', 'Alan'])).toEqual(['Grace Hopper', 'Ada']);
  });
});
