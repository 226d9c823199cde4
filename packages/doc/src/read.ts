import type * as Y from 'yjs';
import {
  MapMetaSchema,
  SCHEMA_VERSION,
  recordKinds,
  recordSchemas,
  toIssues,
  type Issue,
  type MapMeta,
  type MapSnapshot,
  type RecordKind,
  type RecordOf,
} from '@journeycraft/schema';
import { collection, metaMap, rawRecord } from './layout.js';

/** A stored record that failed validation: reported, then skipped by every reader. */
export interface InvalidRecord {
  kind: RecordKind | 'meta';
  id: string;
  issues: Issue[];
}
export type InvalidRecordHandler = (invalid: InvalidRecord) => void;

const ignore: InvalidRecordHandler = () => {};

/** Parses one raw stored value as a record of `kind`, or reports it. */
export function parseRecord<K extends RecordKind>(
  kind: K,
  id: string,
  raw: unknown,
  onInvalid: InvalidRecordHandler = ignore,
): RecordOf<K> | undefined {
  const schema = recordSchemas[kind];
  const result = schema.safeParse(raw);
  if (!result.success) {
    onInvalid({ kind, id, issues: toIssues(result.error) });
    return undefined;
  }
  const record = result.data as RecordOf<K>;
  if ((record as { id: string }).id !== id) {
    onInvalid({
      kind,
      id,
      issues: [{ path: 'id', message: `stored under key "${id}" but says "${(record as { id: string }).id}"` }],
    });
    return undefined;
  }
  return record;
}

/** One record by id, or undefined if absent or invalid. */
export function readRecord<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  id: string,
  onInvalid?: InvalidRecordHandler,
): RecordOf<K> | undefined {
  const value = collection(doc, kind).get(id);
  return value === undefined ? undefined : parseRecord(kind, id, rawRecord(value), onInvalid);
}

/** Sort order of ordered kinds (`order`, then id) and of the rest (by id, stable). */
export function compareRecords(a: object, b: object): number {
  const oa = (a as { order?: number }).order ?? 0;
  const ob = (b as { order?: number }).order ?? 0;
  if (oa !== ob) return oa - ob;
  const ia = (a as { id: string }).id;
  const ib = (b as { id: string }).id;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** All valid records of a kind, sorted; invalid ones are reported and skipped. */
export function readRecords<K extends RecordKind>(
  doc: Y.Doc,
  kind: K,
  onInvalid?: InvalidRecordHandler,
): RecordOf<K>[] {
  const out: RecordOf<K>[] = [];
  collection(doc, kind).forEach((value, id) => {
    const record = parseRecord(kind, id, rawRecord(value), onInvalid);
    if (record) out.push(record);
  });
  return out.sort(compareRecords);
}

/** Map-level fields; a missing or invalid title falls back to "Untitled map". */
export function readMeta(doc: Y.Doc, onInvalid: InvalidRecordHandler = ignore): MapMeta {
  const raw = metaMap(doc).toJSON();
  const result = MapMetaSchema.safeParse({ title: 'Untitled map', ...raw });
  if (result.success) return result.data;
  onInvalid({ kind: 'meta', id: 'meta', issues: toIssues(result.error) });
  const fallback = MapMetaSchema.safeParse({
    title: typeof raw.title === 'string' && raw.title.trim() ? raw.title : 'Untitled map',
  });
  return fallback.success
    ? fallback.data
    : { title: 'Untitled map', description: '', personas: [], locked: false, session: null };
}

/** The whole map as plain data that parses with MapSnapshotSchema. */
export function snapshot(doc: Y.Doc, onInvalid?: InvalidRecordHandler): MapSnapshot {
  const snap = { schemaVersion: SCHEMA_VERSION, meta: readMeta(doc, onInvalid) } as Record<string, unknown>;
  for (const kind of recordKinds) snap[kind] = readRecords(doc, kind, onInvalid);
  return snap as MapSnapshot;
}
