import * as Y from 'yjs';
import type { RecordKind } from '@journeycraft/schema';

/**
 * Document layout of one map:
 * - `meta`: Y.Map of map-level fields (title, description, personas as JSON, schemaVersion);
 * - one Y.Map per record kind (`stages`, `touchpoints`, ...), keyed by record id, each value a
 *   Y.Map of the record's fields (field-level merging of concurrent edits).
 */
export const META = 'meta';
/** Root Y.Map of restorable deletes (see trash.ts); outside the record collections and snapshots. */
export const TRASH = 'trash';

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META);
}

export function collection(doc: Y.Doc, kind: RecordKind): Y.Map<Y.Map<unknown>> {
  return doc.getMap(kind);
}

/** Reads one stored record as plain JSON (nested Y.Map or, defensively, a plain object). */
export function rawRecord(value: unknown): unknown {
  if (value instanceof Y.Map) return value.toJSON();
  return value;
}

/** A reference from one record kind to another through a field (`touchpoints.stageId` -> `stages`). */
export interface Relation {
  readonly kind: RecordKind;
  readonly field: string;
  readonly parent: RecordKind;
  /** True when the record goes with its parent (deleted with it); false when only the field is cleared. */
  readonly cascade: boolean;
}

/**
 * Every reference between records of one map. Deleting a parent deletes the records that
 * cascade from it; the edit policy follows the same references to know what a lock protects.
 */
export const RELATIONS: readonly Relation[] = [
  { kind: 'touchpoints', field: 'stageId', parent: 'stages', cascade: true },
  { kind: 'notes', field: 'stageId', parent: 'stages', cascade: true },
  { kind: 'touchpoints', field: 'laneId', parent: 'lanes', cascade: true },
  { kind: 'notes', field: 'laneId', parent: 'lanes', cascade: true },
  { kind: 'clusters', field: 'stageId', parent: 'stages', cascade: true },
  { kind: 'clusters', field: 'laneId', parent: 'lanes', cascade: true },
  { kind: 'connections', field: 'fromId', parent: 'touchpoints', cascade: true },
  { kind: 'connections', field: 'toId', parent: 'touchpoints', cascade: true },
  { kind: 'assignments', field: 'touchpointId', parent: 'touchpoints', cascade: true },
  { kind: 'requirements', field: 'touchpointId', parent: 'touchpoints', cascade: true },
  { kind: 'checklistItems', field: 'touchpointId', parent: 'touchpoints', cascade: true },
  { kind: 'comments', field: 'targetId', parent: 'touchpoints', cascade: true },
  { kind: 'votes', field: 'targetId', parent: 'touchpoints', cascade: true },
  { kind: 'assignments', field: 'roleId', parent: 'roles', cascade: true },
  { kind: 'requirements', field: 'roleId', parent: 'roles', cascade: true },
  { kind: 'touchpoints', field: 'ownerRoleId', parent: 'roles', cascade: false },
  { kind: 'requirements', field: 'competencyId', parent: 'competencies', cascade: true },
  { kind: 'comments', field: 'threadId', parent: 'comments', cascade: true },
];

/** Map-level fields only facilitators change: the map lock and the live session. */
export const FACILITATOR_META_FIELDS: ReadonlySet<string> = new Set(['locked', 'session']);
