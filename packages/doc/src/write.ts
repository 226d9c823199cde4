import * as Y from 'yjs';
import {
  ErrorCode,
  JourneycraftError,
  MapMetaSchema,
  SCHEMA_VERSION,
  newId,
  recordKinds,
  recordSchemas,
  toIssues,
  type MapMeta,
  type MapSnapshot,
  type RecordInput,
  type RecordKind,
  type RecordOf,
} from '@journeycraft/schema';
import { RELATIONS, collection, metaMap, rawRecord } from './layout.js';
import type { TxOrigin } from './origin.js';

function validate<K extends RecordKind>(kind: K, raw: unknown): RecordOf<K> {
  const result = recordSchemas[kind].safeParse(raw);
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new JourneycraftError(
      ErrorCode.ValidationFailed,
      `invalid ${kind} record: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return result.data as RecordOf<K>;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function writeFields(target: Y.Map<unknown>, record: object, previous?: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(record)) {
    if (previous && sameJson(previous[key], value)) continue;
    target.set(key, value);
  }
  if (previous) {
    for (const key of Object.keys(previous)) if (!(key in record)) target.delete(key);
  }
}

/** Creates a record (defaults filled in, id generated if missing) and returns it. Throws on invalid input. */
export function createRecord<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  input: Omit<RecordInput<K>, 'id'> & { id?: string },
  origin: TxOrigin,
): RecordOf<K> {
  const record = validate(kind, { ...input, id: input.id ?? newId() });
  const id = (record as { id: string }).id;
  const coll = collection(doc, kind);
  if (coll.has(id)) throw new JourneycraftError(ErrorCode.Conflict, `${kind} record "${id}" already exists`);
  doc.transact(() => {
    const fields = new Y.Map<unknown>();
    writeFields(fields, record);
    coll.set(id, fields);
  }, origin);
  return record;
}

/** Changes some fields of a record; only fields whose value changed are written. Throws if absent or invalid. */
export function updateRecord<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  id: string,
  patch: Partial<Omit<RecordInput<K>, 'id'>>,
  origin: TxOrigin,
): RecordOf<K> {
  const coll = collection(doc, kind);
  const current = coll.get(id);
  if (current === undefined) throw new JourneycraftError(ErrorCode.NotFound, `${kind} record "${id}" does not exist`);
  const previous = rawRecord(current) as Record<string, unknown>;
  const record = validate(kind, { ...previous, ...patch, id });
  doc.transact(() => {
    if (current instanceof Y.Map) {
      writeFields(current, record, previous);
    } else {
      const fields = new Y.Map<unknown>();
      writeFields(fields, record);
      coll.set(id, fields);
    }
  }, origin);
  return record;
}

function dependentsOf(doc: Y.Doc, kind: RecordKind, id: string, out: Array<[RecordKind, string]>): void {
  for (const r of RELATIONS) {
    if (r.parent !== kind || !r.cascade) continue;
    collection(doc, r.kind).forEach((v, childId) => {
      const raw = rawRecord(v) as Record<string, unknown> | null;
      if (raw && raw[r.field] === id) out.push([r.kind, childId]);
    });
  }
}

/**
 * Deletes a record and everything that only makes sense with it (a stage's touchpoints, a
 * touchpoint's connections and requirements, a role's assignments, ...), in one transaction.
 * Touchpoints owned by a deleted role lose their owner, roles reporting to it their reporting
 * line. Returns how many records were removed.
 */
export function deleteRecord(doc: Y.Doc, kind: RecordKind, id: string, origin: TxOrigin): number {
  if (!collection(doc, kind).has(id)) return 0;
  const toDelete = cascadeOf(doc, kind, id);
  doc.transact(() => {
    for (const [k, i] of toDelete) collection(doc, k).delete(i);
    if (kind === 'roles') {
      collection(doc, 'touchpoints').forEach((v) => {
        if (v instanceof Y.Map && v.get('ownerRoleId') === id) v.set('ownerRoleId', null);
      });
      // Roles that reported to it keep their other facts and lose the reporting line.
      collection(doc, 'roles').forEach((v) => {
        if (v instanceof Y.Map && v.get('reportsToRoleId') === id) v.set('reportsToRoleId', null);
      });
    }
  }, origin);
  return toDelete.length;
}

/**
 * The record itself and everything `deleteRecord` would remove with it, in deletion order
 * (empty when the record does not exist).
 */
export function cascadeOf(doc: Y.Doc, kind: RecordKind, id: string): Array<[RecordKind, string]> {
  if (!collection(doc, kind).has(id)) return [];
  const toDelete: Array<[RecordKind, string]> = [];
  const seen = new Set<string>();
  const queue: Array<[RecordKind, string]> = [[kind, id]];
  while (queue.length) {
    const [k, i] = queue.shift()!;
    const key = `${k}/${i}`;
    if (seen.has(key)) continue;
    seen.add(key);
    toDelete.push([k, i]);
    const more: Array<[RecordKind, string]> = [];
    dependentsOf(doc, k, i, more);
    queue.push(...more);
  }
  return toDelete;
}

/** Changes map-level fields. Throws on invalid input. */
export function updateMeta(doc: Y.Doc, patch: Partial<MapMeta>, origin: TxOrigin): MapMeta {
  const meta = metaMap(doc);
  const previous = meta.toJSON() as Record<string, unknown>;
  const result = MapMetaSchema.safeParse({ title: 'Untitled map', ...previous, ...patch });
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new JourneycraftError(
      ErrorCode.ValidationFailed,
      `invalid map fields: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  doc.transact(() => {
    for (const [key, value] of Object.entries(result.data)) {
      if (!sameJson(previous[key], value)) meta.set(key, value);
    }
    if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
  }, origin);
  return result.data;
}

/** Order value that puts a new record after all existing ones of its kind. */
export function nextOrder(doc: Y.Doc, kind: 'stages' | 'lanes' | 'touchpoints'): number {
  let max = 0;
  collection(doc, kind).forEach((v) => {
    const order = (rawRecord(v) as { order?: unknown } | null)?.order;
    if (typeof order === 'number' && order > max) max = order;
  });
  return max + 1;
}

/** Writes a whole snapshot into a doc (templates, imports, duplicates) in one transaction. */
export function applySnapshot(doc: Y.Doc, snap: MapSnapshot, origin: TxOrigin): void {
  doc.transact(() => {
    updateMeta(doc, snap.meta, origin);
    for (const kind of recordKinds) {
      const coll = collection(doc, kind);
      for (const record of snap[kind] as Array<{ id: string }>) {
        const fields = new Y.Map<unknown>();
        writeFields(fields, validate(kind, record));
        coll.set(record.id, fields);
      }
    }
  }, origin);
}
