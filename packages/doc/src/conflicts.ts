import * as Y from 'yjs';
import { recordKinds, type RecordKind } from '@journeycraft/schema';
import { META } from './layout.js';

/**
 * Two people changed the same field without seeing each other's change (one of them offline, or
 * both at the same instant). Yjs keeps one value (the same one everywhere); the other is gone.
 * Reported to both of them, each with the other person's value.
 */
export interface FieldConflict {
  /** The record kind, or 'meta' for a map-level field (title, description, ...). */
  kind: RecordKind | 'meta';
  /** The record id ('' for meta). */
  id: string;
  field: string;
  /** What this client wrote. */
  mine: unknown;
  /**
   * What the other client wrote; undefined when it is not in this copy (their value lost
   * elsewhere first, and the server keeps no content of overwritten values; see `theirsKnown`).
   */
  theirs: unknown;
  /** False when only the fact of the collision is known here, not the other value. */
  theirsKnown: boolean;
  /** Which of the two the document kept. */
  kept: 'mine' | 'theirs';
  /** Yjs client id of the other writer (look it up in awareness for a name). */
  otherClient: number;
}

const KINDS = new Set<string>(recordKinds);

/** The record kind and id a changed Y.Map is the field map of, or meta; null for anything else. */
function locate(doc: Y.Doc, type: unknown): { kind: RecordKind | 'meta'; id: string } | null {
  if (!(type instanceof Y.Map)) return null;
  if ((type as unknown) === doc.share.get(META)) return { kind: 'meta', id: '' };
  const item = type._item;
  const parent: unknown = item?.parent;
  if (!item || !(parent instanceof Y.Map) || parent._item !== null || typeof item.parentSub !== 'string') return null;
  for (const [name, shared] of doc.share) {
    if ((shared as unknown) === parent && KINDS.has(name)) return { kind: name as RecordKind, id: item.parentSub };
  }
  return null;
}

function valueOf(item: Y.Item): { value: unknown } | null {
  if (item.content instanceof Y.ContentAny || item.content instanceof Y.ContentString) {
    const content = item.content.getContent();
    return { value: content[content.length - 1] };
  }
  return null;
}

function sameOrigin(a: Y.Item, b: Y.Item): boolean {
  // Both null: two first writes of a key neither had seen (e.g. a map title set on two replicas).
  return Y.compareIDs(a.origin, b.origin);
}

function isNew(tr: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

/** The last item of `start`'s writer in the key's chain that is new in `tr` (their latest value). */
function latestOf(tr: Y.Transaction, items: readonly Y.Item[], client: number): Y.Item | null {
  let latest: Y.Item | null = null;
  for (const item of items) if (item.id.client === client && isNew(tr, item)) latest = item;
  return latest;
}

/**
 * Calls `onConflict` whenever a change that arrives from elsewhere (not a local transaction)
 * overwrote, or was overwritten by, this client's own concurrent change of the same field of a
 * record or of the map's meta. Concurrency is read from Yjs itself: both writes replaced the same
 * earlier value (same left origin), so neither writer had seen the other. Returns a function that
 * stops watching.
 */
export function watchConflicts(doc: Y.Doc, onConflict: (conflicts: FieldConflict[]) => void): () => void {
  const handler = (tr: Y.Transaction) => {
    if (tr.local) return;
    const found: FieldConflict[] = [];
    for (const [type, keys] of tr.changed) {
      const where = locate(doc, type);
      if (!where) continue;
      const map = type as unknown as Y.Map<unknown>;
      for (const key of keys) {
        if (key === null) continue;
        const current = map._map.get(key);
        if (!current) continue;
        // Every value this key ever had, oldest first (deleted ones are kept as items).
        const items: Y.Item[] = [];
        for (let it: Y.Item | null = current; it !== null; it = it.left) items.unshift(it);
        const mineItems = items.filter((it) => it.id.client === doc.clientID && !isNew(tr, it));
        const incoming = items.filter((it) => it.id.client !== doc.clientID && isNew(tr, it));
        const clash = incoming.find((theirs) => mineItems.some((mine) => sameOrigin(mine, theirs)));
        if (!clash) continue;
        const mineItem = mineItems[mineItems.length - 1]!;
        const theirsItem = latestOf(tr, items, clash.id.client) ?? clash;
        const mine = valueOf(mineItem);
        const theirs = valueOf(theirsItem);
        if (!mine || (theirs && JSON.stringify(mine.value) === JSON.stringify(theirs.value))) continue;
        found.push({
          kind: where.kind,
          id: where.id,
          field: key,
          mine: mine.value,
          theirs: theirs?.value,
          theirsKnown: theirs !== null,
          kept: current.id.client === doc.clientID ? 'mine' : 'theirs',
          otherClient: clash.id.client,
        });
      }
    }
    if (found.length) onConflict(found);
  };
  doc.on('afterTransaction', handler);
  return () => doc.off('afterTransaction', handler);
}
