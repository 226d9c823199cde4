import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MapSnapshotSchema, JourneycraftError } from '@journeycraft/schema';
import {
  MapStore,
  createMapDoc,
  createRecord,
  createUndoManager,
  deleteRecord,
  docFromSnapshot,
  nextOrder,
  readRecords,
  snapshot,
  updateMeta,
  updateRecord,
  userOrigin,
  restoreSnapshot,
  diffSnapshots,
  type InvalidRecord,
} from '../src/index.js';

function sampleDoc() {
  const doc = createMapDoc();
  const me = userOrigin('me');
  updateMeta(doc, { title: 'Support call' }, me);
  const stage = createRecord(doc, 'stages', { title: 'Contact', order: nextOrder(doc, 'stages') }, me);
  const lane = createRecord(doc, 'lanes', { title: 'Touchpoints', kind: 'touchpoints', order: 1 }, me);
  const tp = createRecord(
    doc,
    'touchpoints',
    { stageId: stage.id, laneId: lane.id, title: 'Call', momentOfTruth: true },
    me,
  );
  const role = createRecord(doc, 'roles', { name: 'Agent' }, me);
  updateRecord(doc, 'touchpoints', tp.id, { ownerRoleId: role.id }, me);
  createRecord(doc, 'assignments', { touchpointId: tp.id, roleId: role.id, involvement: 'owner' }, me);
  return { doc, me, stage, lane, tp, role };
}

describe('map doc', () => {
  it('snapshot() returns plain data that parses with the schema', () => {
    const { doc, tp } = sampleDoc();
    const snap = snapshot(doc);
    expect(MapSnapshotSchema.parse(snap)).toEqual(snap);
    expect(snap.meta.title).toBe('Support call');
    expect(snap.touchpoints[0]).toMatchObject({ id: tp.id, title: 'Call', momentOfTruth: true });
    // a doc rebuilt from the snapshot gives the same snapshot
    expect(snapshot(docFromSnapshot(snap))).toEqual(snap);
  });

  it('rejects invalid mutations with readable errors and leaves the doc unchanged', () => {
    const { doc, me, tp } = sampleDoc();
    const before = snapshot(doc);
    expect(() => updateRecord(doc, 'touchpoints', tp.id, { emotion: 5 }, me)).toThrow(/emotion/);
    expect(() => createRecord(doc, 'stages', { title: '', order: 1 }, me)).toThrow(JourneycraftError);
    expect(() => updateRecord(doc, 'stages', 'missing', { title: 'x' }, me)).toThrow(/does not exist/);
    expect(snapshot(doc)).toEqual(before);
  });

  it('reports and skips invalid records that arrive from the network, without crashing readers', () => {
    const { doc, tp } = sampleDoc();
    // a peer running other code writes garbage straight into the Yjs structure
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const bad = new Y.Map<unknown>();
    bad.set('id', 'evil');
    bad.set('title', 42);
    peer.getMap('touchpoints').set('evil', bad);
    peer.getMap('stages').set('plain', 'not a record' as never);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer));

    const reported: InvalidRecord[] = [];
    const snap = snapshot(doc, (r) => reported.push(r));
    expect(snap.touchpoints.map((t) => t.id)).toEqual([tp.id]);
    expect(reported.map((r) => `${r.kind}/${r.id}`).sort()).toEqual(['stages/plain', 'touchpoints/evil']);
    expect(reported.find((r) => r.id === 'evil')!.issues.some((i) => i.path === 'stageId' || i.path === 'title')).toBe(
      true,
    );
    expect(MapSnapshotSchema.safeParse(snap).success).toBe(true);

    const store = new MapStore(doc, () => {});
    expect(store.getRecords('touchpoints')).toHaveLength(1);
  });

  it('deleting a stage removes its touchpoints and what hangs off them; deleting a role clears ownership', () => {
    const { doc, me, stage, role, tp } = sampleDoc();
    createRecord(doc, 'requirements', { touchpointId: tp.id, roleId: role.id, competencyId: 'c1', level: 3 }, me);
    expect(deleteRecord(doc, 'roles', role.id, me)).toBe(3); // role + assignment + requirement
    expect(readRecords(doc, 'touchpoints')[0]!.ownerRoleId).toBeNull();
    expect(deleteRecord(doc, 'stages', stage.id, me)).toBe(2);
    const snap = snapshot(doc);
    expect(snap.touchpoints).toHaveLength(0);
    expect(snap.assignments).toHaveLength(0);
    expect(snap.requirements).toHaveLength(0);
  });

  it('undo undoes only the local user’s own changes', () => {
    const { doc, tp } = sampleDoc();
    const alice = userOrigin('alice');
    const bob = userOrigin('bob');
    const undo = createUndoManager(doc, alice, 0);
    updateRecord(doc, 'touchpoints', tp.id, { title: 'Alice title' }, alice);
    updateRecord(doc, 'touchpoints', tp.id, { emotion: -2 }, bob);
    undo.undo();
    const after = readRecords(doc, 'touchpoints')[0]!;
    expect(after.title).toBe('Call');
    expect(after.emotion).toBe(-2);
    undo.redo();
    expect(readRecords(doc, 'touchpoints')[0]!.title).toBe('Alice title');
  });

  it('MapStore keeps identity of unchanged records and notifies per kind', () => {
    const { doc, me, tp, stage, lane } = sampleDoc();
    const other = createRecord(doc, 'touchpoints', { stageId: stage.id, laneId: lane.id, title: 'Email' }, me);
    const store = new MapStore(doc);
    const before = store.getRecords('touchpoints');
    let tpNotified = 0;
    let stageNotified = 0;
    store.subscribe('touchpoints', () => tpNotified++);
    store.subscribe('stages', () => stageNotified++);
    updateRecord(doc, 'touchpoints', tp.id, { title: 'Phone call' }, me);
    const after = store.getRecords('touchpoints');
    expect(after).not.toBe(before);
    expect(after.find((t) => t.id === other.id)).toBe(before.find((t) => t.id === other.id));
    expect(after.find((t) => t.id === tp.id)!.title).toBe('Phone call');
    expect(tpNotified).toBe(1);
    expect(stageNotified).toBe(0);
    expect(store.getRecords('stages')).toBe(store.getRecords('stages'));
    store.destroy();
  });

  it('restoreSnapshot brings an old version back as one change that its user can undo', () => {
    const { doc, me, tp, stage, lane } = sampleDoc();
    const old = snapshot(doc);
    const alice = userOrigin('alice');
    updateRecord(doc, 'touchpoints', tp.id, { title: 'Changed later', emotion: -1 }, me);
    createRecord(doc, 'touchpoints', { stageId: stage.id, laneId: lane.id, title: 'Added later' }, me);
    deleteRecord(doc, 'assignments', snapshot(doc).assignments[0]!.id, me);
    const changed = snapshot(doc);
    const diff = diffSnapshots(old, changed);
    expect(diff.touchpoints.changed).toEqual([tp.id]);
    expect(diff.touchpoints.added).toHaveLength(1);
    expect(diff.assignments.removed).toHaveLength(1);
    expect(diff.totals).toEqual({ added: 1, changed: 1, removed: 1 });

    const undo = createUndoManager(doc, alice, 0);
    restoreSnapshot(doc, old, alice);
    expect(snapshot(doc)).toEqual(old);
    undo.undo();
    expect(snapshot(doc)).toEqual(changed);
    undo.redo();
    expect(snapshot(doc)).toEqual(old);
  });
});
