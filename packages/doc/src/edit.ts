import type * as Y from 'yjs';
import { newId, type RecordInput, type RecordKind, type RecordOf } from '@journeycraft/schema';
import { collection } from './layout.js';
import { compareRecords, readRecords } from './read.js';
import { createRecord, nextOrder, updateRecord } from './write.js';
import type { TxOrigin } from './origin.js';

/**
 * Runs several mutations as one transaction: one update on the wire, one undo step.
 * Mutations called inside take part in it (Yjs nests transactions into the outermost one).
 */
export function batch<T>(doc: Y.Doc, origin: TxOrigin, fn: () => T): T {
  let out: T | undefined;
  doc.transact(() => {
    out = fn();
  }, origin);
  return out as T;
}

/** An order value strictly between two neighbours; either neighbour may be missing. */
export function orderBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

/**
 * Moves a stage or a lane to `index` (0-based, clamped) among the others of its kind, by
 * rewriting its own `order` only (concurrent moves of other records merge cleanly).
 */
export function moveToIndex(doc: Y.Doc, kind: 'stages' | 'lanes', id: string, index: number, origin: TxOrigin): void {
  const others = readRecords(doc, kind).filter((r) => r.id !== id);
  const at = Math.max(0, Math.min(index, others.length));
  const order = orderBetween(others[at - 1]?.order, others[at]?.order);
  updateRecord(doc, kind, id, { order } as never, origin);
}

/**
 * Moves a touchpoint into the stage × lane cell, at `index` (0-based, clamped; omitted: last)
 * among the touchpoints already there. Writes stageId, laneId and order in one transaction.
 */
export function moveTouchpoint(
  doc: Y.Doc,
  id: string,
  to: { stageId: string; laneId: string; index?: number },
  origin: TxOrigin,
): RecordOf<'touchpoints'> {
  const inCell = readRecords(doc, 'touchpoints').filter(
    (t) => t.id !== id && t.stageId === to.stageId && t.laneId === to.laneId,
  );
  const at = Math.max(0, Math.min(to.index ?? inCell.length, inCell.length));
  const order = orderBetween(inCell[at - 1]?.order, inCell[at]?.order);
  return updateRecord(doc, 'touchpoints', id, { stageId: to.stageId, laneId: to.laneId, order }, origin);
}

/** Records to copy into a map, by kind (a clipboard, a duplicate, a template). */
export type RecordBundle = { [K in RecordKind]?: ReadonlyArray<RecordOf<K> | RecordInput<K>> };

/** Fields that point at other records: `required` ones drop the copy when dangling, the others are cleared. */
const references: { [K in RecordKind]?: { required: string[]; optional: string[] } } = {
  touchpoints: { required: ['stageId', 'laneId'], optional: ['ownerRoleId'] },
  roles: { required: [], optional: ['reportsToRoleId'] },
  connections: { required: ['fromId'], optional: ['toId'] },
  assignments: { required: ['touchpointId', 'roleId'], optional: [] },
  requirements: { required: ['touchpointId', 'roleId', 'competencyId'], optional: [] },
  checklistItems: { required: ['touchpointId'], optional: [] },
  comments: { required: ['targetId'], optional: ['threadId'] },
  clusters: { required: [], optional: ['stageId', 'laneId'] },
  notes: { required: [], optional: ['stageId', 'laneId', 'clusterId'] },
  votes: { required: ['targetId'], optional: [] },
};

/** Creation order: referenced kinds first. */
const insertionOrder: RecordKind[] = [
  'stages',
  'lanes',
  'roles',
  'competencies',
  'touchpoints',
  'connections',
  'assignments',
  'requirements',
  'checklistItems',
  'comments',
  'clusters',
  'notes',
  'votes',
];

function existsAnywhere(doc: Y.Doc, id: string, kinds: RecordKind[]): boolean {
  return kinds.some((k) => collection(doc, k).has(id));
}

/**
 * Copies records into the map under fresh ids, in one transaction. References between copied
 * records follow the copies; references to records already in the map are kept; a copy whose
 * required reference resolves to nothing is skipped, an optional one is cleared. Stages, lanes
 * and touchpoints are appended after the existing ones, keeping their relative order.
 * `place` may move a copied touchpoint to another cell. Returns old id → new id.
 */
export function insertCopies(
  doc: Y.Doc,
  bundle: RecordBundle,
  origin: TxOrigin,
  place?: (touchpoint: { stageId: string; laneId: string }) => { stageId: string; laneId: string },
): Map<string, string> {
  const ids = new Map<string, string>();
  for (const kind of insertionOrder) {
    for (const r of bundle[kind] ?? []) {
      const id = (r as { id?: string }).id;
      if (id) ids.set(id, newId());
    }
  }
  const everyKind = insertionOrder;
  const resolve = (value: unknown): string | null => {
    if (typeof value !== 'string') return null;
    const mapped = ids.get(value);
    if (mapped) return mapped;
    return existsAnywhere(doc, value, everyKind) ? value : null;
  };
  batch(doc, origin, () => {
    for (const kind of insertionOrder) {
      const list = [...(bundle[kind] ?? [])] as Array<Record<string, unknown>>;
      if (!list.length) continue;
      const ordered = kind === 'stages' || kind === 'lanes' || kind === 'touchpoints';
      if (ordered) list.sort(compareRecords);
      let order = ordered ? nextOrder(doc, kind) : 0;
      for (const original of list) {
        const copy: Record<string, unknown> = { ...original };
        const oldId = original.id as string | undefined;
        copy.id = oldId ? ids.get(oldId)! : newId();
        const refs = references[kind];
        let ok = true;
        if (refs) {
          for (const field of refs.required) {
            const target = resolve(copy[field]);
            if (target === null) ok = false;
            else copy[field] = target;
          }
          for (const field of refs.optional) {
            if (copy[field] === null || copy[field] === undefined) continue;
            copy[field] = resolve(copy[field]);
          }
        }
        if (kind === 'connections' && copy.kind !== 'subjourney' && copy.toId === null) ok = false;
        if (kind === 'touchpoints' && ok && place) {
          Object.assign(copy, place({ stageId: copy.stageId as string, laneId: copy.laneId as string }));
        }
        if (!ok) {
          if (oldId) ids.delete(oldId);
          continue;
        }
        if (ordered) copy.order = order++;
        createRecord(doc, kind, copy as never, origin);
      }
    }
  });
  return ids;
}
