import * as Y from 'yjs';
import { recordKinds, type MapSnapshot, type RecordKind } from '@journeycraft/schema';
import { collection, metaMap } from './layout.js';
import type { TxOrigin } from './origin.js';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Makes the doc hold `snap` again, as one new change with `origin` (so the user who restores can
 * undo it): records missing from the snapshot are deleted, changed fields are written back,
 * records the snapshot has are recreated. Nothing is rewritten that is already equal.
 */
export function restoreSnapshot(doc: Y.Doc, snap: MapSnapshot, origin: TxOrigin): void {
  doc.transact(() => {
    const meta = metaMap(doc);
    for (const [key, value] of Object.entries(snap.meta)) if (!same(meta.get(key), value)) meta.set(key, value);
    for (const kind of recordKinds) {
      const coll = collection(doc, kind);
      const wanted = new Map((snap[kind] as Array<{ id: string }>).map((r) => [r.id, r as Record<string, unknown>]));
      for (const id of [...coll.keys()]) if (!wanted.has(id)) coll.delete(id);
      for (const [id, record] of wanted) {
        const current = coll.get(id);
        if (current instanceof Y.Map) {
          for (const [field, value] of Object.entries(record)) {
            if (!same(current.get(field), value)) current.set(field, value);
          }
          for (const field of [...current.keys()]) if (!(field in record)) current.delete(field);
        } else {
          const fields = new Y.Map<unknown>();
          for (const [field, value] of Object.entries(record)) fields.set(field, value);
          coll.set(id, fields);
        }
      }
    }
  }, origin);
}

/** Per record kind, which ids were added, changed and removed going from `from` to `to`. */
export type SnapshotDiff = Record<RecordKind, { added: string[]; changed: string[]; removed: string[] }> & {
  meta: { changed: string[] };
  /** Total records added, changed and removed. */
  totals: { added: number; changed: number; removed: number };
};

/** Diff summary between two versions of a map (pure; no Yjs). */
export function diffSnapshots(from: MapSnapshot, to: MapSnapshot): SnapshotDiff {
  const totals = { added: 0, changed: 0, removed: 0 };
  const out = { meta: { changed: [] as string[] }, totals } as SnapshotDiff;
  for (const key of new Set([...Object.keys(from.meta), ...Object.keys(to.meta)])) {
    if (!same((from.meta as Record<string, unknown>)[key], (to.meta as Record<string, unknown>)[key])) {
      out.meta.changed.push(key);
    }
  }
  for (const kind of recordKinds) {
    const before = new Map((from[kind] as Array<{ id: string }>).map((r) => [r.id, r]));
    const after = new Map((to[kind] as Array<{ id: string }>).map((r) => [r.id, r]));
    const entry = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
    for (const [id, record] of after) {
      if (!before.has(id)) entry.added.push(id);
      else if (!same(before.get(id), record)) entry.changed.push(id);
    }
    for (const id of before.keys()) if (!after.has(id)) entry.removed.push(id);
    totals.added += entry.added.length;
    totals.changed += entry.changed.length;
    totals.removed += entry.removed.length;
    out[kind] = entry;
  }
  return out;
}
