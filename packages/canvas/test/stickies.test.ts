import { describe, expect, it } from 'vitest';
import {
  addSticky,
  clusterStickies,
  createMapDoc,
  createRecord,
  readRecord,
  readRecords,
  userOrigin,
  type PolicyPrincipal,
} from '@journeycraft/doc';
import {
  GRID,
  STICKY,
  applyBoardDrop,
  boardDropOf,
  cardCellFor,
  computeLayout,
  createSticky,
  placeAt,
  previousSticky,
  stickyStep,
  turnStickyIntoCard,
} from '@journeycraft/canvas';
import { NUDGE } from '../src/core/stickies.js';

const me = userOrigin('me');
const editor: PolicyPrincipal = { role: 'editor', key: 'k-ed', name: 'Eddie' };
const commenter: PolicyPrincipal = { role: 'commenter', key: 'k-co', name: 'Cora' };
const author = { name: 'Eddie', key: 'k-ed' };

/** Two stages × an actions lane, the emotion lane and a pain point lane; one card in the first cell. */
function fixture() {
  const doc = createMapDoc();
  const s1 = createRecord(doc, 'stages', { title: 'Discover', order: 1 }, me);
  const s2 = createRecord(doc, 'stages', { title: 'Buy', order: 2 }, me);
  const l1 = createRecord(doc, 'lanes', { title: 'Actions', kind: 'customer_actions', order: 1 }, me);
  const l2 = createRecord(doc, 'lanes', { title: 'Feelings', kind: 'emotions', order: 2 }, me);
  const l3 = createRecord(doc, 'lanes', { title: 'Pains', kind: 'pain_points', order: 3 }, me);
  createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: l1.id, title: 'Card', order: 1 }, me);
  const layout = () =>
    computeLayout(readRecords(doc, 'stages'), readRecords(doc, 'lanes'), readRecords(doc, 'touchpoints'), {
      notes: readRecords(doc, 'notes'),
      clusters: readRecords(doc, 'clusters'),
    });
  return { doc, s1, s2, l1, l2, l3, layout };
}

describe('stickies in the layout', () => {
  it('a cell stacks its stickies under its cards and grows its row to hold them', () => {
    const { doc, s1, l1, layout } = fixture();
    const before = layout().rows[0]!.height;
    const ids = ['a', 'b', 'c'].map(
      (t) => addSticky(doc, { text: t, place: { stageId: s1.id, laneId: l1.id }, author }, me).id,
    );
    const after = layout();
    const row = after.rows[0]!;
    const spots = ids.map((id) => after.board.stickies.get(id)!).sort((p, q) => p.y - q.y || p.x - q.x);
    const card = [...after.slots.values()][0]!;
    expect(spots[0]!.y).toBeGreaterThanOrEqual(card.y + GRID.cardHeight);
    // Two side by side, the third under them, all inside the row.
    expect(spots[1]!.y).toBe(spots[0]!.y);
    expect(spots[2]!.y).toBe(spots[0]!.y + STICKY.height + STICKY.gap);
    expect(row.height).toBeGreaterThan(before);
    expect(spots[2]!.y + STICKY.height).toBeLessThanOrEqual(row.y + row.height);
  });

  it('clusters draw their stickies inside them; free stickies sit at their point; stage-only notes park under the grid', () => {
    const { doc, s1, s2, l1, layout } = fixture();
    const a = addSticky(doc, { text: 'a', place: { stageId: s1.id, laneId: l1.id }, author }, me);
    const b = addSticky(doc, { text: 'b', place: { x: 0, y: 0 }, author }, me);
    const cluster = clusterStickies(doc, b.id, a.id, me);
    const free = addSticky(doc, { text: 'free', place: { x: -500, y: 40 }, author }, me);
    const parked = createRecord(
      doc,
      'notes',
      { text: 'for Buy', stageId: s2.id, laneId: null, createdAt: new Date().toISOString() },
      me,
    );
    const out = layout();
    const c = out.board.clusters.get(cluster.id)!;
    for (const id of [a.id, b.id]) {
      const s = out.board.stickies.get(id)!;
      expect(s.where).toBe('cluster');
      expect(s.x).toBeGreaterThanOrEqual(c.x);
      expect(s.y + s.height).toBeLessThanOrEqual(c.y + c.height);
    }
    expect(out.board.stickies.get(free.id)).toMatchObject({ x: -500, y: 40, where: 'free' });
    const p = out.board.stickies.get(parked.id)!;
    expect(p.where).toBe('parked');
    expect(p.y).toBeGreaterThan(out.height);
    expect(p.x).toBeGreaterThanOrEqual(out.columns[1]!.x);
    expect(out.board.parked).not.toBeNull();
  });
});

describe('dropping stickies', () => {
  it('onto another sticky clusters them; into a cell moves it; on the open board leaves it free', () => {
    const { doc, s1, s2, l1, layout } = fixture();
    const a = addSticky(doc, { text: 'a', place: { stageId: s1.id, laneId: l1.id }, author }, me);
    const b = addSticky(doc, { text: 'b', place: { x: -400, y: 0 }, author }, me);
    let l = layout();
    const target = l.board.stickies.get(a.id)!;
    const onto = boardDropOf(l, { kind: 'sticky', id: b.id, x: target.x + 5, y: target.y + 5 });
    expect(onto).toEqual({ kind: 'onto', noteId: a.id });
    expect(applyBoardDrop(doc, me, editor, { kind: 'sticky', id: b.id }, onto)).toMatchObject({ ok: true });
    expect(readRecord(doc, 'notes', b.id)!.clusterId).not.toBeNull();
    l = layout();
    const col = l.columns[1]!;
    const row = l.rows[0]!;
    const toCell = boardDropOf(l, { kind: 'sticky', id: b.id, x: col.x + 20, y: row.y + 20 });
    expect(toCell).toEqual({ kind: 'cell', stageId: s2.id, laneId: l1.id });
    applyBoardDrop(doc, me, editor, { kind: 'sticky', id: b.id }, toCell);
    expect(readRecord(doc, 'notes', b.id)).toMatchObject({ stageId: s2.id, clusterId: null });
    // The cluster b left had only a: it stays with a (a cluster of one may have a name).
    expect(readRecords(doc, 'clusters')).toHaveLength(1);
    l = layout();
    expect(boardDropOf(l, { kind: 'sticky', id: b.id, x: l.width + 300, y: 10 })).toEqual({
      kind: 'free',
      x: l.width + 300,
      y: 10,
    });
    const emotions = l.rows[1]!;
    expect(boardDropOf(l, { kind: 'sticky', id: b.id, x: col.x + 20, y: emotions.y + 20 }).kind).toBe('refused');
  });

  it('a commenter moves their own sticky but is told why they cannot cluster', () => {
    const { doc, s1, l1, layout } = fixture();
    const theirs = addSticky(doc, { text: 'theirs', place: { stageId: s1.id, laneId: l1.id }, author }, me);
    const made = createSticky(doc, me, commenter, 'Cora', '  mine  ', { x: -300, y: 0 });
    expect(made.ok).toBe(true);
    const mine = made.id!;
    expect(readRecord(doc, 'notes', mine)).toMatchObject({ text: 'mine', authorKey: 'k-co', authorName: 'Cora' });
    expect(applyBoardDrop(doc, me, commenter, { kind: 'sticky', id: mine }, { kind: 'free', x: -200, y: 10 })).toEqual({
      ok: true,
    });
    const out = applyBoardDrop(doc, me, commenter, { kind: 'sticky', id: mine }, { kind: 'onto', noteId: theirs.id });
    expect(out).toEqual({ ok: false, reason: expect.stringMatching(/clusters is for editors/) });
    expect(readRecords(doc, 'clusters')).toEqual([]);
    expect(createSticky(doc, me, commenter, 'Cora', '   ', { x: 0, y: 0 })).toMatchObject({ ok: false });
    void layout;
  });

  it('a new sticky goes into the cell under the point, never the emotion lane', () => {
    const { s1, l1, layout } = fixture();
    const l = layout();
    const row = l.rows[0]!;
    expect(placeAt(l, { x: l.columns[0]!.x + 10, y: row.y + 10 })).toEqual({ stageId: s1.id, laneId: l1.id });
    const emotions = l.rows[1]!;
    expect(placeAt(l, { x: l.columns[0]!.x + 10, y: emotions.y + 10 })).toEqual({
      x: l.columns[0]!.x + 10,
      y: emotions.y + 10,
    });
  });
});

describe('turning stickies into cards', () => {
  it('in its own cell; a free sticky goes to the nearest stage, a pain point to the pain point lane', () => {
    const { doc, s1, s2, l1, l3, layout } = fixture();
    const inCell = addSticky(doc, { text: 'In the cell', place: { stageId: s1.id, laneId: l1.id }, author }, me);
    expect(cardCellFor(layout(), inCell, 'painPoint')).toEqual({ stageId: s1.id, laneId: l1.id });
    const l = layout();
    const free = addSticky(doc, { text: 'Free', place: { x: l.columns[1]!.x + 20, y: l.height + 400 }, author }, me);
    expect(cardCellFor(layout(), free, 'painPoint')).toEqual({ stageId: s2.id, laneId: l3.id });
    expect(cardCellFor(layout(), free, 'touchpoint')).toEqual({ stageId: s2.id, laneId: l1.id });
    const out = turnStickyIntoCard(doc, me, editor, layout(), free, 'painPoint');
    expect(out.ok).toBe(true);
    expect(readRecord(doc, 'touchpoints', out.cardId!)).toMatchObject({
      stageId: s2.id,
      laneId: l3.id,
      painPoints: ['Free'],
    });
  });

  it('is refused for a commenter, with the reason, and changes nothing', () => {
    const { doc, s1, l1, layout } = fixture();
    const note = addSticky(
      doc,
      { text: 'Mine', place: { stageId: s1.id, laneId: l1.id }, author: { name: 'Cora', key: 'k-co' } },
      me,
    );
    const out = turnStickyIntoCard(doc, me, commenter, layout(), note, 'touchpoint');
    expect(out).toMatchObject({ ok: false, reason: expect.stringMatching(/commenters/) });
    expect(readRecord(doc, 'notes', note.id)).toBeDefined();
    expect(readRecords(doc, 'touchpoints')).toHaveLength(1);
  });

  it('the sticky before one in reading order is the one G clusters it with', () => {
    const { doc, s1, l1, layout } = fixture();
    const ids = ['a', 'b', 'c'].map(
      (t) => addSticky(doc, { text: t, place: { stageId: s1.id, laneId: l1.id }, author }, me).id,
    );
    const l = layout();
    const spot = (id: string) => l.board.stickies.get(id)!;
    const reading = [...ids].sort((a, b) => spot(a).y - spot(b).y || spot(a).x - spot(b).x);
    expect(previousSticky(l, reading[0]!)).toBeNull();
    expect(previousSticky(l, reading[1]!)).toBe(reading[0]);
    expect(previousSticky(l, reading[2]!)).toBe(reading[1]);
  });
});

describe('moving stickies from the keyboard', () => {
  it('arrows take a sticky to the next cell that way (over the emotion lane), free ones a nudge', () => {
    const { doc, s1, s2, l1, l3, layout } = fixture();
    const note = addSticky(doc, { text: 'Move me', place: { stageId: s1.id, laneId: l1.id }, author }, me);
    expect(stickyStep(layout(), note.id, 'right')).toEqual({ kind: 'cell', stageId: s2.id, laneId: l1.id });
    expect(stickyStep(layout(), note.id, 'down')).toEqual({ kind: 'cell', stageId: s1.id, laneId: l3.id });
    expect(stickyStep(layout(), note.id, 'left')).toBeNull();
    expect(stickyStep(layout(), note.id, 'up')).toBeNull();
    const free = addSticky(doc, { text: 'Free', place: { x: 100, y: 900 }, author }, me);
    expect(stickyStep(layout(), free.id, 'up')).toEqual({ kind: 'free', x: 100, y: 900 - NUDGE });
  });
});
