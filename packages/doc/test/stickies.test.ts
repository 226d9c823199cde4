import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addSticky,
  cardTextOf,
  checkChange,
  clusterStickies,
  createMapDoc,
  createRecord,
  createUndoManager,
  deleteRecord,
  deleteSticky,
  docView,
  mayCreate,
  mayUpdate,
  moveCluster,
  moveSticky,
  readRecord,
  readRecords,
  renameCluster,
  stickyToCard,
  ungroupCluster,
  userOrigin,
  type PolicyPrincipal,
} from '../src/index.js';

const me = userOrigin('me');
const author = { name: 'Alice', key: 'k-alice' };

function board() {
  const doc = createMapDoc();
  const s1 = createRecord(doc, 'stages', { title: 'Discover', order: 1 }, me);
  const s2 = createRecord(doc, 'stages', { title: 'Buy', order: 2 }, me);
  const lane = createRecord(doc, 'lanes', { title: 'Touchpoints', kind: 'touchpoints', order: 1 }, me);
  const pains = createRecord(doc, 'lanes', { title: 'Pain points', kind: 'pain_points', order: 2 }, me);
  return { doc, s1, s2, lane, pains };
}

describe('stickies on the board', () => {
  it('a sticky goes into a cell, onto a free point of the board, and back', () => {
    const { doc, s1, lane } = board();
    const n = addSticky(doc, { text: 'Hold music', place: { stageId: s1.id, laneId: lane.id }, author }, me);
    expect(n).toMatchObject({
      stageId: s1.id,
      laneId: lane.id,
      x: null,
      y: null,
      clusterId: null,
      authorKey: 'k-alice',
    });
    const free = moveSticky(doc, n.id, { x: 120.4, y: -40.6 }, me);
    expect(free).toMatchObject({ stageId: null, laneId: null, x: 120, y: -41 });
    expect(moveSticky(doc, n.id, { stageId: s1.id, laneId: lane.id }, me)).toMatchObject({ x: null, y: null });
  });

  it('positions reach a second doc through Yjs updates', () => {
    const { doc, s1, lane } = board();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    doc.on('update', (u: Uint8Array) => Y.applyUpdate(other, u));
    const n = addSticky(doc, { text: 'Seen by both', place: { stageId: s1.id, laneId: lane.id }, author }, me);
    moveSticky(doc, n.id, { x: 10, y: 20 }, me);
    expect(readRecord(other, 'notes', n.id)).toMatchObject({ text: 'Seen by both', x: 10, y: 20, stageId: null });
  });

  it('dropping a sticky on another makes a cluster where the other one sits; a third joins it', () => {
    const { doc, s1, lane } = board();
    const place = { stageId: s1.id, laneId: lane.id };
    const a = addSticky(doc, { text: 'A', place, author }, me);
    const b = addSticky(doc, { text: 'B', place: { x: 0, y: 0 }, author }, me);
    const c = addSticky(doc, { text: 'C', place: { x: 50, y: 0 }, author }, me);
    const cluster = clusterStickies(doc, b.id, a.id, me);
    expect(cluster).toMatchObject({ stageId: s1.id, laneId: lane.id, name: '' });
    expect(readRecord(doc, 'notes', b.id)).toMatchObject({ clusterId: cluster.id, stageId: s1.id, x: null });
    expect(clusterStickies(doc, c.id, b.id, me).id).toBe(cluster.id);
    expect(readRecords(doc, 'notes').filter((n) => n.clusterId === cluster.id)).toHaveLength(3);
    expect(renameCluster(doc, cluster.id, '  Waiting  ', me).name).toBe('Waiting');
    expect(() => clusterStickies(doc, a.id, a.id, me)).toThrow(/itself/);
  });

  it('a cluster moves with its stickies; the last sticky out takes the cluster away', () => {
    const { doc, s1, s2, lane } = board();
    const a = addSticky(doc, { text: 'A', place: { stageId: s1.id, laneId: lane.id }, author }, me);
    const b = addSticky(doc, { text: 'B', place: { stageId: s1.id, laneId: lane.id }, author }, me);
    const cluster = clusterStickies(doc, b.id, a.id, me);
    moveCluster(doc, cluster.id, { stageId: s2.id, laneId: lane.id }, me);
    expect(readRecords(doc, 'notes').map((n) => n.stageId)).toEqual([s2.id, s2.id]);
    moveSticky(doc, a.id, { x: 0, y: 0 }, me);
    expect(readRecord(doc, 'clusters', cluster.id)).toBeDefined();
    moveSticky(doc, b.id, { x: 0, y: 0 }, me);
    expect(readRecord(doc, 'clusters', cluster.id)).toBeUndefined();
  });

  it('ungrouping leaves the stickies where the cluster was', () => {
    const { doc } = board();
    const a = addSticky(doc, { text: 'A', place: { x: 400, y: 900 }, author }, me);
    const b = addSticky(doc, { text: 'B', place: { x: 0, y: 0 }, author }, me);
    const cluster = clusterStickies(doc, b.id, a.id, me);
    ungroupCluster(doc, cluster.id, me);
    expect(readRecords(doc, 'clusters')).toEqual([]);
    const notes = readRecords(doc, 'notes');
    expect(notes.every((n) => n.clusterId === null && n.x !== null && n.y !== null && n.x >= 400)).toBe(true);
  });

  it('deleting a stage takes its stickies and clusters with it', () => {
    const { doc, s1, lane } = board();
    const a = addSticky(doc, { text: 'A', place: { stageId: s1.id, laneId: lane.id }, author }, me);
    const b = addSticky(doc, { text: 'B', place: { stageId: s1.id, laneId: lane.id }, author }, me);
    clusterStickies(doc, b.id, a.id, me);
    deleteRecord(doc, 'stages', s1.id, me);
    expect(readRecords(doc, 'notes')).toEqual([]);
    expect(readRecords(doc, 'clusters')).toEqual([]);
  });
});

describe('turning a sticky into a card', () => {
  it('keeps its text and cell, removes the sticky, and is one undo step', () => {
    const { doc, s1, lane } = board();
    const undo = createUndoManager(doc, me);
    const n = addSticky(
      doc,
      {
        text: 'Customers call twice\nbecause the first answer is vague',
        place: { stageId: s1.id, laneId: lane.id },
        author,
      },
      me,
    );
    undo.stopCapturing();
    const card = stickyToCard(doc, n.id, { as: 'touchpoint', stageId: s1.id, laneId: lane.id }, me);
    expect(card).toMatchObject({
      stageId: s1.id,
      laneId: lane.id,
      title: 'Customers call twice',
      description: 'Customers call twice\nbecause the first answer is vague',
      painPoints: [],
    });
    expect(readRecord(doc, 'notes', n.id)).toBeUndefined();
    undo.undo();
    expect(readRecord(doc, 'notes', n.id)).toMatchObject({ text: n.text });
    expect(readRecords(doc, 'touchpoints')).toEqual([]);
  });

  it('a pain point carries the text as its pain point; an emptied cluster goes too', () => {
    const { doc, s1, pains } = board();
    const a = addSticky(doc, { text: 'Long hold', place: { stageId: s1.id, laneId: pains.id }, author }, me);
    const b = addSticky(doc, { text: 'No callback', place: { x: 0, y: 0 }, author }, me);
    const cluster = clusterStickies(doc, b.id, a.id, me);
    stickyToCard(doc, a.id, { as: 'painPoint', stageId: s1.id, laneId: pains.id }, me);
    expect(readRecord(doc, 'clusters', cluster.id)).toBeDefined();
    const card = stickyToCard(doc, b.id, { as: 'painPoint', stageId: s1.id, laneId: pains.id }, me);
    expect(card).toMatchObject({ title: 'No callback', description: '', painPoints: ['No callback'] });
    expect(readRecord(doc, 'clusters', cluster.id)).toBeUndefined();
  });

  it('a long first line becomes a title of at most 200 characters, cut at a word', () => {
    const long = `${'word '.repeat(60)}end`;
    const { title, description } = cardTextOf(long);
    expect(title.length).toBeLessThanOrEqual(200);
    expect(title.endsWith('…')).toBe(true);
    expect(description).toBe(long.trim());
    expect(cardTextOf('  Short  ')).toEqual({ title: 'Short', description: '' });
  });
});

describe('who may do what with stickies', () => {
  const commenter: PolicyPrincipal = { role: 'commenter', key: 'k-alice', name: 'Alice' };
  const editor: PolicyPrincipal = { role: 'editor', key: 'k-bob', name: 'Bob' };
  const viewer: PolicyPrincipal = { role: 'viewer', key: 'k-vic', name: 'Vic' };

  function world() {
    const b = board();
    const mine = addSticky(b.doc, { text: 'Mine', place: { stageId: b.s1.id, laneId: b.lane.id }, author }, me);
    const theirs = addSticky(
      b.doc,
      { text: 'Theirs', place: { stageId: b.s1.id, laneId: b.lane.id }, author: { name: 'Bob', key: 'k-bob' } },
      me,
    );
    const other = addSticky(b.doc, { text: 'Other', place: { x: 0, y: 0 }, author: { name: 'Bob', key: 'k-bob' } }, me);
    const cluster = clusterStickies(b.doc, other.id, theirs.id, me);
    return { ...b, view: docView(b.doc), mine, theirs, cluster };
  }

  it('a commenter adds, moves and recolours their own sticky, and puts it into a cluster', () => {
    const { view, mine, cluster, s1, lane } = world();
    const sticky = {
      id: 'N9',
      text: 'New',
      stageId: s1.id,
      laneId: lane.id,
      authorKey: 'k-alice',
      authorName: 'Alice',
    };
    expect(mayCreate(commenter, view, 'notes', sticky)).toEqual({ ok: true });
    expect(mayUpdate(commenter, view, 'notes', mine.id, { x: 5, y: 5, stageId: null, laneId: null })).toEqual({
      ok: true,
    });
    expect(mayUpdate(commenter, view, 'notes', mine.id, { color: '#c7f0d8', text: 'Edited' })).toEqual({ ok: true });
    expect(mayUpdate(commenter, view, 'notes', mine.id, { clusterId: cluster.id })).toEqual({ ok: true });
  });

  it('a commenter cannot move someone else’s sticky, make, name or move a cluster, or turn a sticky into a card', () => {
    const { view, theirs, cluster, s1, lane } = world();
    expect(mayUpdate(commenter, view, 'notes', theirs.id, { x: 1, y: 1 })).toMatchObject({ ok: false });
    const made = {
      id: 'G9',
      name: '',
      stageId: s1.id,
      laneId: lane.id,
      x: null,
      y: null,
      createdAt: cluster.createdAt,
    };
    expect(mayCreate(commenter, view, 'clusters', made)).toEqual({
      ok: false,
      reason: expect.stringMatching(/clusters is for editors/),
    });
    expect(mayUpdate(commenter, view, 'clusters', cluster.id, { name: 'Mine now' }).ok).toBe(false);
    const card = { id: 'T9', stageId: s1.id, laneId: lane.id, title: 'Mine', order: 1 };
    expect(mayCreate(commenter, view, 'touchpoints', card).ok).toBe(false);
  });

  it('an editor clusters anyone’s stickies and names clusters, even on a locked map; a viewer nothing', () => {
    const { doc, view, theirs, cluster } = world();
    doc.getMap('meta').set('locked', true);
    expect(mayUpdate(editor, view, 'clusters', cluster.id, { name: 'Waiting' })).toEqual({ ok: true });
    expect(mayUpdate(editor, view, 'notes', theirs.id, { clusterId: null, x: 3, y: 3 })).toEqual({ ok: true });
    expect(mayUpdate(viewer, view, 'notes', theirs.id, { x: 3 }).ok).toBe(false);
    const refusals = checkChange(viewer, view, {
      kind: 'clusters',
      id: cluster.id,
      before: view.get('clusters', cluster.id),
      after: undefined,
    });
    expect(refusals[0]?.reason).toMatch(/viewers/);
  });
});

describe('deleting a sticky', () => {
  it('takes a cluster it leaves empty with it, in one undo step', () => {
    const { doc } = board();
    const a = addSticky(doc, { text: 'A', place: { x: 0, y: 0 }, author }, me);
    const b = addSticky(doc, { text: 'B', place: { x: 0, y: 0 }, author }, me);
    const cluster = clusterStickies(doc, b.id, a.id, me);
    const undo = createUndoManager(doc, me);
    deleteSticky(doc, a.id, me);
    expect(readRecord(doc, 'clusters', cluster.id)).toBeDefined();
    undo.stopCapturing();
    deleteSticky(doc, b.id, me);
    expect(readRecords(doc, 'clusters')).toEqual([]);
    undo.undo();
    expect(readRecord(doc, 'clusters', cluster.id)).toBeDefined();
    expect(readRecord(doc, 'notes', b.id)).toMatchObject({ clusterId: cluster.id });
  });
});
