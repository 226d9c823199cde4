import * as Y from 'yjs';
import type { RecordKind } from '@journeycraft/schema';

/**
 * Document layout of one map:
 * - `meta`: Y.Map of map-level fields (title, description, personas as JSON, schemaVersion);
 * - one Y.Map per record kind (`stages`, `touchpoints`, ...), keyed by record id, each value a
 *   Y.Map of the record's fields (field-level merging of concurrent edits).
 */
export const META = 'meta';

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
