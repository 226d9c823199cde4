import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ShareRole } from '@journeycraft/schema';
import {
  TRASH,
  TRASH_KEEP_MS,
  checkChange,
  docView,
  createMapDoc,
  createRecord,
  createUndoManager,
  deleteToTrash,
  deletionImpact,
  describeCounts,
  readTrash,
  restoreFromTrash,
  snapshot,
  updateMeta,
  userOrigin,
} from '../src/index.js';

function mapWithStage() {
  const doc = createMapDoc();
  const me = userOrigin('me');
  updateMeta(doc, { title: 'Billing' }, me);
  const stage = createRecord(doc, 'stages', { title: 'Discover', order: 1 }, me);
  const other = createRecord(doc, 'stages', { title: 'Pay', order: 2 }, me);
  const lane = createRecord(doc, 'lanes', { title: 'Touchpoints', kind: 'touchpoints', order: 1 }, me);
  const a = createRecord(doc, 'touchpoints', { stageId: stage.id, laneId: lane.id, title: 'Ad' }, me);
  const b = createRecord(doc, 'touchpoints', { stageId: stage.id, laneId: lane.id, title: 'Site' }, me);
  const c = createRecord(doc, 'touchpoints', { stageId: other.id, laneId: lane.id, title: 'Invoice' }, me);
  createRecord(doc, 'connections', { fromId: a.id, toId: c.id, kind: 'sequence' }, me);
  createRecord(
    doc,
    'comments',
    { targetId: b.id, authorName: 'Ann', body: 'Slow page', createdAt: new Date(0).toISOString() },
    me,
  );
  const role = createRecord(doc, 'roles', { name: 'Agent' }, me);
  createRecord(doc, 'assignments', { touchpointId: c.id, roleId: role.id, involvement: 'owner' }, me);
  return { doc, me, stage, lane, role, a, b, c };
}

/** Two replicas kept in step like two browsers on one map. */
function pair() {
  const one = mapWithStage();
  const two = new Y.Doc();
  Y.applyUpdate(two, Y.encodeStateAsUpdate(one.doc));
  one.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && Y.applyUpdate(two, u, 'remote'));
  two.on('update', (u: Uint8Array, o: unknown) => o !== 'remote' && Y.applyUpdate(one.doc, u, 'remote'));
  return { ...one, two };
}

describe('trash', () => {
  it('counts what a stage delete takes with it, in words', () => {
    const { doc, stage } = mapWithStage();
    const counts = deletionImpact(doc, [{ kind: 'stages', id: stage.id }]);
    expect(counts).toEqual({ touchpoints: 2, connections: 1, comments: 1 });
    expect(describeCounts(counts)).toBe('2 touchpoints, 1 connection and 1 comment');
    expect(describeCounts({})).toBe('');
  });

  it('deletes a stage with its cascade and another replica restores all of it', () => {
    const { doc, two, me, stage } = pair();
    const before = snapshot(doc);
    const entry = deleteToTrash(doc, [{ kind: 'stages', id: stage.id }], 'stage “Discover”', 'Ann', me)!;
    expect(entry.records).toHaveLength(5);
    expect(snapshot(two).stages.map((s) => s.title)).toEqual(['Pay']);
    expect(snapshot(two).touchpoints.map((t) => t.title)).toEqual(['Invoice']);
    // the other browser sees the entry and restores it with its own origin
    const seen = readTrash(two);
    expect(seen.map((e) => [e.label, e.by, e.counts.touchpoints])).toEqual([['stage “Discover”', 'Ann', 2]]);
    expect(restoreFromTrash(two, seen[0]!.id, userOrigin('bob'))).toBe(5);
    expect(snapshot(doc)).toEqual(before);
    expect(readTrash(doc)).toEqual([]);
    // a second restore (a late click elsewhere) finds nothing and changes nothing
    expect(restoreFromTrash(doc, entry.id, me)).toBeNull();
    expect(snapshot(doc)).toEqual(before);
  });

  it('restores a role with its assignments, the owner it was on touchpoints and who reported to it', () => {
    const { doc, me, role, c } = mapWithStage();
    const tp = doc.getMap('touchpoints').get(c.id) as Y.Map<unknown>;
    tp.set('ownerRoleId', role.id);
    const lead = createRecord(doc, 'roles', { name: 'Team lead' }, me);
    (doc.getMap('roles').get(lead.id) as Y.Map<unknown>).set('reportsToRoleId', role.id);
    const before = snapshot(doc);
    const entry = deleteToTrash(doc, [{ kind: 'roles', id: role.id }], 'role “Agent”', 'Ann', me)!;
    expect(entry.counts).toEqual({ assignments: 1 });
    expect(snapshot(doc).touchpoints.find((t) => t.id === c.id)!.ownerRoleId).toBeNull();
    expect(snapshot(doc).roles.find((r) => r.id === lead.id)!.reportsToRoleId).toBeNull();
    restoreFromTrash(doc, entry.id, me);
    expect(snapshot(doc)).toEqual(before);
  });

  it('restores a persona at its place in the list', () => {
    const { doc, me, a } = mapWithStage();
    const personas = ['p1', 'p2', 'p3'].map((id) => ({
      id,
      name: id,
      description: '',
      color: '#112233',
      attributes: {},
      imageId: null,
    }));
    updateMeta(doc, { personas }, me);
    (doc.getMap('touchpoints').get(a.id) as Y.Map<unknown>).set('personaEmotions', { p2: 1 });
    expect(deletionImpact(doc, [{ kind: 'persona', id: 'p2' }])).toEqual({ personaScores: 1 });
    const entry = deleteToTrash(doc, [{ kind: 'persona', id: 'p2' }], 'persona “p2”', 'Ann', me)!;
    expect(snapshot(doc).meta.personas.map((p) => p.id)).toEqual(['p1', 'p3']);
    expect(restoreFromTrash(doc, entry.id, me)).toBe(1);
    expect(snapshot(doc).meta.personas.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('keeps the trash out of snapshots, expires old entries and skips malformed ones', () => {
    const { doc, me, stage, lane } = mapWithStage();
    const t0 = 1_000_000;
    deleteToTrash(doc, [{ kind: 'lanes', id: lane.id }], 'lane', 'Ann', me, t0);
    expect(Object.keys(snapshot(doc))).not.toContain('trash');
    doc.getMap('trash').set('junk', { label: 5 });
    expect(readTrash(doc, t0 + 1).map((e) => e.label)).toEqual(['lane']);
    expect(readTrash(doc, t0 + TRASH_KEEP_MS)).toEqual([]);
    // a later delete drops expired entries from the doc
    deleteToTrash(doc, [{ kind: 'stages', id: stage.id }], 'stage', 'Ann', me, t0 + TRASH_KEEP_MS + 1);
    expect([...doc.getMap('trash').keys()]).toHaveLength(1);
    expect(deleteToTrash(doc, [{ kind: 'stages', id: 'gone' }], 'x', 'Ann', me)).toBeNull();
  });

  it('the deleter’s Ctrl+Z undoes the delete and its trash entry together', () => {
    const { doc, me, stage } = mapWithStage();
    const undo = createUndoManager(doc, me, 0);
    const before = snapshot(doc);
    deleteToTrash(doc, [{ kind: 'stages', id: stage.id }], 'stage', 'Ann', me);
    undo.undo();
    expect(snapshot(doc)).toEqual(before);
    expect(readTrash(doc)).toEqual([]);
  });

  it('policy: editors add and remove trash entries, nobody but facilitators rewrites one, viewers and commenters neither', () => {
    const { doc } = mapWithStage();
    const view = docView(doc);
    const who = (role: ShareRole) => ({ role, key: null, name: null });
    const add = { kind: TRASH, id: 'e1', before: undefined, after: { label: 'x' } };
    const remove = { kind: TRASH, id: 'e1', before: { label: 'x' }, after: undefined };
    const rewrite = { kind: TRASH, id: 'e1', before: { label: 'x' }, after: { label: 'y' } };
    for (const change of [add, remove]) {
      expect(checkChange(who('editor'), view, change)).toEqual([]);
      expect(checkChange(who('viewer'), view, change)).toHaveLength(1);
      expect(checkChange(who('commenter'), view, change)).toHaveLength(1);
    }
    expect(checkChange(who('editor'), view, rewrite)).toHaveLength(1);
    expect(checkChange(who('facilitator'), view, rewrite)).toEqual([]);
  });

  it('a crafted entry puts back only records that are valid', () => {
    const { doc, me } = mapWithStage();
    doc.getMap(TRASH).set('evil', {
      label: 'crafted',
      by: 'Mallory',
      deletedAt: Date.now(),
      counts: {},
      records: [
        { kind: 'stages', id: 'bad', fields: { title: '', order: 'x' } },
        { kind: 'stages', id: 'good', fields: { title: 'Fine', order: 9 } },
        { kind: 'nope', id: 'x', fields: {} },
      ],
      owners: [{ kind: 'touchpoints', id: 'x', field: 'title', roleId: 'r' }],
      personas: [],
    });
    const [entry] = readTrash(doc);
    expect(entry!.records.map((r) => r.id)).toEqual(['bad', 'good']);
    expect(entry!.owners).toEqual([]);
    expect(restoreFromTrash(doc, 'evil', me)).toBe(1);
    expect(snapshot(doc).stages.map((s) => s.title)).toEqual(['Discover', 'Pay', 'Fine']);
  });
});
