import { describe, expect, it } from 'vitest';
import {
  batch,
  createMapDoc,
  createRecord,
  createUndoManager,
  insertCopies,
  moveToIndex,
  moveTouchpoint,
  orderBetween,
  readRecords,
  userOrigin,
} from '../src/index.js';

const me = userOrigin('me');

function grid() {
  const doc = createMapDoc();
  const s1 = createRecord(doc, 'stages', { title: 'One', order: 1 }, me);
  const s2 = createRecord(doc, 'stages', { title: 'Two', order: 2 }, me);
  const s3 = createRecord(doc, 'stages', { title: 'Three', order: 3 }, me);
  const lane = createRecord(doc, 'lanes', { title: 'Touchpoints', kind: 'touchpoints', order: 1 }, me);
  const a = createRecord(doc, 'touchpoints', { stageId: s1.id, laneId: lane.id, title: 'A', order: 1 }, me);
  const b = createRecord(doc, 'touchpoints', { stageId: s2.id, laneId: lane.id, title: 'B', order: 2 }, me);
  const c = createRecord(doc, 'touchpoints', { stageId: s2.id, laneId: lane.id, title: 'C', order: 3 }, me);
  return { doc, s1, s2, s3, lane, a, b, c };
}

describe('editing helpers', () => {
  it('orderBetween finds a value between neighbours', () => {
    expect(orderBetween(undefined, undefined)).toBe(1);
    expect(orderBetween(3, undefined)).toBe(4);
    expect(orderBetween(undefined, 3)).toBe(2);
    expect(orderBetween(1, 2)).toBe(1.5);
  });

  it('moveToIndex reorders stages by rewriting one order', () => {
    const { doc, s1, s3 } = grid();
    moveToIndex(doc, 'stages', s3.id, 0, me);
    expect(readRecords(doc, 'stages').map((s) => s.title)).toEqual(['Three', 'One', 'Two']);
    moveToIndex(doc, 'stages', s1.id, 99, me);
    expect(readRecords(doc, 'stages').map((s) => s.title)).toEqual(['Three', 'Two', 'One']);
  });

  it('moveTouchpoint changes cell and position within the cell', () => {
    const { doc, s2, lane, a } = grid();
    moveTouchpoint(doc, a.id, { stageId: s2.id, laneId: lane.id, index: 1 }, me);
    const inCell = readRecords(doc, 'touchpoints').filter((t) => t.stageId === s2.id);
    expect(inCell.map((t) => t.title)).toEqual(['B', 'A', 'C']);
    moveTouchpoint(doc, a.id, { stageId: s2.id, laneId: lane.id }, me);
    expect(
      readRecords(doc, 'touchpoints')
        .filter((t) => t.stageId === s2.id)
        .map((t) => t.title),
    ).toEqual(['B', 'C', 'A']);
  });

  it('batch makes one undo step of several mutations', () => {
    const { doc, s3, lane, a, b } = grid();
    const undo = createUndoManager(doc, me, 0);
    batch(doc, me, () => {
      moveTouchpoint(doc, a.id, { stageId: s3.id, laneId: lane.id }, me);
      moveTouchpoint(doc, b.id, { stageId: s3.id, laneId: lane.id }, me);
    });
    expect(readRecords(doc, 'touchpoints').filter((t) => t.stageId === s3.id)).toHaveLength(2);
    undo.undo();
    expect(readRecords(doc, 'touchpoints').filter((t) => t.stageId === s3.id)).toHaveLength(0);
  });

  it('insertCopies gives fresh ids, follows references between copies and keeps references into the map', () => {
    const { doc, s1, s3, lane, a, b } = grid();
    const role = createRecord(doc, 'roles', { name: 'Agent' }, me);
    const link = createRecord(doc, 'connections', { fromId: a.id, toId: b.id }, me);
    const dangling = { id: 'x1', fromId: a.id, toId: 'nowhere', kind: 'sequence' as const };
    const ids = insertCopies(
      doc,
      {
        touchpoints: [
          { ...a, ownerRoleId: role.id },
          { ...b, ownerRoleId: 'gone' },
        ],
        connections: [link, dangling],
      },
      me,
      (cell) => ({ ...cell, stageId: cell.stageId === s1.id ? s3.id : cell.stageId }),
    );
    const tps = readRecords(doc, 'touchpoints');
    expect(tps).toHaveLength(5);
    const copyA = tps.find((t) => t.id === ids.get(a.id))!;
    const copyB = tps.find((t) => t.id === ids.get(b.id))!;
    expect(copyA).toMatchObject({ title: 'A', stageId: s3.id, laneId: lane.id, ownerRoleId: role.id });
    expect(copyB).toMatchObject({ title: 'B', ownerRoleId: null });
    expect(copyA.order).toBeGreaterThan(3);
    const conns = readRecords(doc, 'connections');
    expect(conns).toHaveLength(2); // the original and the copy; the dangling one is skipped
    expect(conns.find((c) => c.id === ids.get(link.id))).toMatchObject({ fromId: copyA.id, toId: copyB.id });
  });
});
