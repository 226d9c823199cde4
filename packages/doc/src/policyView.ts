import type * as Y from 'yjs';
import type { MapSnapshot, RecordKind } from '@journeycraft/schema';
import { collection, metaMap, rawRecord } from './layout.js';
import type { Fields, PolicyView } from './policy.js';

const asFields = (v: unknown): Fields | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Fields) : undefined;

/** The policy's view of a live doc (reads on demand; nothing is cached). */
export function docView(doc: Y.Doc): PolicyView {
  return {
    meta: () => metaMap(doc).toJSON() as Fields,
    get: (kind, id) => asFields(rawRecord(collection(doc, kind).get(id))),
    *list(kind) {
      for (const v of collection(doc, kind).values()) {
        const f = asFields(rawRecord(v));
        if (f) yield f;
      }
    },
  };
}

/** The policy's view of a snapshot (what UIs hold as plain records). */
export function snapshotView(snap: Pick<MapSnapshot, 'meta'> & Partial<Omit<MapSnapshot, 'meta'>>): PolicyView {
  const index = new Map<RecordKind, Map<string, Fields>>();
  const byId = (kind: RecordKind) => {
    let m = index.get(kind);
    if (!m) {
      m = new Map(((snap[kind] ?? []) as Fields[]).map((r) => [r.id as string, r]));
      index.set(kind, m);
    }
    return m;
  };
  return {
    meta: () => snap.meta as Fields,
    get: (kind, id) => byId(kind).get(id),
    list: (kind) => (snap[kind] ?? []) as Fields[],
  };
}
