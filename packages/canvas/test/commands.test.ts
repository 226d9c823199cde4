import { describe, expect, it } from 'vitest';
import {
  createMapDoc,
  createRecord,
  MapStore,
  readRecord,
  readRecords,
  readTrash,
  updateRecord,
  userOrigin,
  type PolicyPrincipal,
} from '@journeycraft/doc';
import {
  GRID,
  addLane,
  addStage,
  addTouchpoint,
  computeLayout,
  connectCards,
  copyCards,
  dropCards,
  dropHeader,
  duplicateCards,
  pasteClip,
  planDelete,
  runDelete,
  searchCards,
  selectionTargets,
  type CardRecords,
} from '@journeycraft/canvas';

const me = userOrigin('me');
const editor: PolicyPrincipal = { role: 'editor', key: null, name: null };
const facilitator: PolicyPrincipal = { role: 'facilitator', key: null, name: null };

/** Two stages × two lanes (the second lane the emotion curve), three cards in the first cell. */
function fixture() {
  const doc = createMapDoc();
  const s1 = createRecord(doc, 'stages', { title: 'Discover', order: 1 }, me);
  const s2 = createRecord(doc, 'stages', { title: 'Buy', order: 2 }, me);
  const l1 = createRecord(doc, 'lanes', { title: 'Actions', kind: 'customer_actions', order: 1 }, me);
  const l2 = createRecord(doc, 'lanes', { title: 'Feelings', kind: 'emotions', order: 2 }, me);
  const cards = ['A', 'B', 'C'].map(
    (title, i) => createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title, order: i + 1 }, me).id,
  );
  const layout = () =>
    computeLayout(readRecords(doc, 'stages'), readRecords(doc, 'lanes'), readRecords(doc, 'touchpoints'));
  const records = (): CardRecords => ({
    touchpoints: readRecords(doc, 'touchpoints'),
    connections: readRecords(doc, 'connections'),
    assignments: readRecords(doc, 'assignments'),
    requirements: readRecords(doc, 'requirements'),
  });
  return { doc, s1, s2, l1, l2, cards, layout, records };
}

const titlesIn = (doc: ReturnType<typeof createMapDoc>, stageId: string, laneId: string) =>
  readRecords(doc, 'touchpoints')
    .filter((t) => t.stageId === stageId && t.laneId === laneId)
    .map((t) => t.title);

describe('canvas commands', () => {
  it('add: a card last in its cell, a stage named by its position, a lane of the next free kind', () => {
    const { doc, s2, l1, cards } = fixture();
    const id = addTouchpoint(doc, me, s2.id, l1.id);
    expect(readRecord(doc, 'touchpoints', id)).toMatchObject({ title: 'New touchpoint', stageId: s2.id });
    expect(readRecord(doc, 'touchpoints', id)!.order).toBeGreaterThan(readRecord(doc, 'touchpoints', cards[2]!)!.order);
    const stage = addStage(doc, me);
    expect(readRecord(doc, 'stages', stage)!.title).toBe('Stage 3');
    expect(readRecords(doc, 'stages').at(-1)!.id).toBe(stage);
    const lane = addLane(doc, me);
    const kinds = readRecords(doc, 'lanes').map((l) => l.kind);
    expect(new Set(kinds).size).toBe(3);
    expect(readRecord(doc, 'lanes', lane)!.kind).not.toBe('custom');
  });

  it('move: a dropped card lands in the cell under its centre, at the stack position it was dropped on', () => {
    const { doc, s1, s2, l1, cards, layout } = fixture();
    const before = layout();
    const col2 = before.columns[1]!;
    const row1 = before.rows[0]!;
    // C dropped into the empty cell of the second stage.
    const out = dropCards(doc, me, before, [{ id: cards[2]!, x: col2.x + 20, y: row1.y + 20 }], false);
    expect(out).toEqual({ moved: [cards[2]], refused: [] });
    expect(titlesIn(doc, s2.id, l1.id)).toEqual(['C']);
    // A dropped onto the top of the first cell, below B: B A (C went away).
    const now = layout();
    const slotB = now.slots.get(cards[1]!)!;
    dropCards(doc, me, now, [{ id: cards[0]!, x: slotB.x, y: slotB.y + GRID.cardHeight / 2 + 10 }], false);
    expect(titlesIn(doc, s1.id, l1.id)).toEqual(['B', 'A']);
  });

  it('move: back onto its own slot, onto the emotion lane, or into a locked stage writes nothing', () => {
    const { doc, s1, s2, l1, l2, cards, layout } = fixture();
    const l = layout();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const slotA = l.slots.get(cards[0]!)!;
    expect(dropCards(doc, me, l, [{ id: cards[0]!, ...slotA }], false).moved).toEqual([]);
    const emotions = l.rows.find((r) => r.lane.id === l2.id)!;
    expect(
      dropCards(doc, me, l, [{ id: cards[0]!, x: l.columns[1]!.x + 10, y: emotions.y + 10 }], false).moved,
    ).toEqual([]);
    expect(updates).toHaveLength(0);

    updateRecord(doc, 'stages', s2.id, { locked: true }, me);
    const locked = layout();
    const target = { id: cards[0]!, x: locked.columns[1]!.x + 20, y: locked.rows[0]!.y + 20 };
    expect(dropCards(doc, me, locked, [target], false)).toEqual({
      moved: [],
      refused: ['“Buy” is locked by a facilitator.'],
    });
    expect(titlesIn(doc, s1.id, l1.id)).toEqual(['A', 'B', 'C']);
    // A facilitator may.
    expect(dropCards(doc, me, locked, [target], true).moved).toEqual([cards[0]]);
    expect(titlesIn(doc, s2.id, l1.id)).toEqual(['A']);
  });

  it('move: several cards dropped at once are one transaction (one undo step) and keep their order', () => {
    const { doc, s2, l1, cards, layout } = fixture();
    const l = layout();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const x = l.columns[1]!.x + 20;
    const y = l.rows[0]!.y + 20;
    dropCards(
      doc,
      me,
      l,
      cards.map((id, i) => ({ id, x, y: y + i * (GRID.cardHeight + GRID.gap) })),
      false,
    );
    expect(transactions).toBe(1);
    expect(titlesIn(doc, s2.id, l1.id)).toEqual(['A', 'B', 'C']);
  });

  it('move: a stage or lane header goes where its centre was dropped', () => {
    const { doc, s1, s2, layout } = fixture();
    const l = layout();
    const second = l.columns[1]!;
    expect(dropHeader(doc, me, l, { kind: 'stages', id: s1.id, x: second.x + second.width })).toBe(true);
    expect(readRecords(doc, 'stages').map((s) => s.id)).toEqual([s2.id, s1.id]);
    expect(dropHeader(doc, me, layout(), { kind: 'stages', id: s1.id, x: layout().columns[1]!.x })).toBe(false);
    const lanes = readRecords(doc, 'lanes');
    expect(dropHeader(doc, me, layout(), { kind: 'lanes', id: lanes[0]!.id, y: 10_000 })).toBe(true);
    expect(readRecords(doc, 'lanes').map((x) => x.id)).toEqual([lanes[1]!.id, lanes[0]!.id]);
  });

  it('connect: once per pair, never a card to itself', () => {
    const { doc, cards } = fixture();
    const id = connectCards(doc, me, [], cards[0], cards[1]);
    expect(readRecord(doc, 'connections', id!)).toMatchObject({ fromId: cards[0], toId: cards[1], kind: 'sequence' });
    expect(connectCards(doc, me, readRecords(doc, 'connections'), cards[0], cards[1])).toBeNull();
    expect(connectCards(doc, me, [], cards[0], cards[0])).toBeNull();
    expect(connectCards(doc, me, [], cards[0], null)).toBeNull();
    expect(readRecords(doc, 'connections')).toHaveLength(1);
  });

  it('duplicate: copies with the connections between them, not those to cards left behind', () => {
    const { doc, s1, l1, cards, records } = fixture();
    connectCards(doc, me, [], cards[0], cards[1]);
    connectCards(doc, me, readRecords(doc, 'connections'), cards[1], cards[2]);
    const copies = duplicateCards(doc, me, records(), [cards[0]!, cards[1]!]);
    expect(copies).toHaveLength(2);
    expect(copies.map((id) => readRecord(doc, 'touchpoints', id)!.title)).toEqual(['A', 'B']);
    expect(titlesIn(doc, s1.id, l1.id)).toEqual(['A', 'B', 'C', 'A', 'B']);
    const links = readRecords(doc, 'connections');
    expect(links).toHaveLength(3);
    expect(links.some((c) => c.fromId === copies[0] && c.toId === copies[1])).toBe(true);
    expect(duplicateCards(doc, me, records(), [])).toEqual([]);
  });

  it('copy and paste: the first card lands in the cell under the pointer, the rest keep their offsets, clamped', () => {
    const { doc, s1, s2, l1, cards, layout, records } = fixture();
    const clip = copyCards(records(), layout(), [cards[0]!, cards[1]!])!;
    expect(clip.count).toBe(2);
    const l = layout();
    const out = pasteClip(doc, me, l, clip, { x: l.columns[1]!.x + 5, y: l.rows[0]!.y + 5 });
    expect('ids' in out && out.ids).toHaveLength(2);
    expect(titlesIn(doc, s2.id, l1.id)).toEqual(['A', 'B']);
    // No pointer: where they came from.
    pasteClip(doc, me, layout(), clip, null);
    expect(titlesIn(doc, s1.id, l1.id)).toEqual(['A', 'B', 'C', 'A', 'B']);
    expect(copyCards(records(), layout(), ['missing'])).toBeNull();
    // Into a map with no cells: a message, nothing written.
    const empty = createMapDoc();
    expect(pasteClip(empty, me, computeLayout([], [], []), clip, null)).toEqual({
      error: 'Add a stage and a lane before pasting.',
    });
    expect(readRecords(empty, 'touchpoints')).toHaveLength(0);
  });

  it('delete: the selection is named; the policy keeps what it refuses and says why; stages ask first', () => {
    const { doc, s1, cards } = fixture();
    const store = new MapStore(doc);
    const one = selectionTargets(store, [cards[0]!], null);
    expect(one.label).toBe('touchpoint “A”');
    const mixed = selectionTargets(store, [cards[0]!, cards[1]!, `stage:${s1.id}`, 'lane:gone'], 'c1');
    expect(mixed.label).toBe('a connection and 2 touchpoints and stage “Discover”');
    expect(mixed.targets.map((t) => t.kind)).toEqual(['connections', 'touchpoints', 'touchpoints', 'stages']);

    updateRecord(doc, 'touchpoints', cards[1]!, { locked: true }, me);
    const { plan, refused } = planDelete(
      doc,
      editor,
      selectionTargets(store, [cards[0]!, cards[1]!], null).targets,
      'x',
    );
    expect(refused).toEqual(['"B" is locked by a facilitator']);
    expect(plan).toMatchObject({ label: '1 of the 2 selected', confirm: false, targets: [{ id: cards[0] }] });
    expect(runDelete(doc, me, plan!, 'Ada')).toBe(true);
    expect(readRecord(doc, 'touchpoints', cards[0]!)).toBeUndefined();
    expect(readTrash(doc)[0]).toMatchObject({ label: '1 of the 2 selected', by: 'Ada' });

    const stage = planDelete(doc, facilitator, [{ kind: 'stages', id: s1.id }], 'stage “Discover”');
    expect(stage.plan).toMatchObject({ confirm: true, counts: { touchpoints: 2 } });
    expect(readRecord(doc, 'stages', s1.id)).toBeDefined();
    const viewer = planDelete(
      doc,
      { role: 'viewer', key: null, name: null },
      [{ kind: 'touchpoints', id: cards[2]! }],
      'C',
    );
    expect(viewer.plan).toBeNull();
    expect(viewer.refused).toHaveLength(1);
    store.destroy();
  });

  it('search: any case, across title, description, goal and pain points; an empty query is no search', () => {
    const { doc, cards, records } = fixture();
    updateRecord(doc, 'touchpoints', cards[1]!, { painPoints: ['Slow Checkout'] }, me);
    expect(searchCards(records().touchpoints, 'checkout')).toEqual([cards[1]]);
    expect(searchCards(records().touchpoints, '  a ')).toEqual([cards[0]]);
    expect(searchCards(records().touchpoints, '   ')).toBeNull();
  });
});
