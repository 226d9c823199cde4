import { useCallback, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { MapStore, observeTrash, readTrash, type InvalidRecordHandler, type TrashEntry } from '@journeycraft/doc';
import type { MapMeta, RecordKind, RecordOf } from '@journeycraft/schema';

const noop = () => {};
const EMPTY: readonly never[] = Object.freeze([]);

/**
 * A `MapStore` over `doc`, created after mount and destroyed on unmount or when `doc` changes.
 * Returns null until the store exists (and while `doc` is null); every hook below accepts null.
 */
export function useMapStore(doc: Y.Doc | null | undefined, onInvalid?: InvalidRecordHandler): MapStore | null {
  const [store, setStore] = useState<MapStore | null>(null);
  // Layout effect: the store exists before the first paint, and StrictMode's mount/unmount/mount
  // destroys the first store and creates a fresh one instead of reusing a destroyed one.
  useLayoutEffect(() => {
    if (!doc) return;
    const next = new MapStore(doc, onInvalid);
    setStore(next);
    return () => {
      next.destroy();
      setStore((current) => (current === next ? null : current));
    };
    // onInvalid is read once per store on purpose: a new callback identity must not rebuild the store.
  }, [doc]);
  return store !== null && store.doc === doc ? store : null;
}

/** Sorted valid records of `kind`; re-renders only when that kind changes. Empty without a store. */
export function useRecords<K extends RecordKind>(store: MapStore | null | undefined, kind: K): readonly RecordOf<K>[] {
  const subscribe = useCallback((listener: () => void) => store?.subscribe(kind, listener) ?? noop, [store, kind]);
  const getSnapshot = useCallback(() => store?.getRecords(kind) ?? (EMPTY as readonly RecordOf<K>[]), [store, kind]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** One record by id, or undefined if absent or invalid; re-renders only when that record changes. */
export function useRecord<K extends RecordKind>(
  store: MapStore | null | undefined,
  kind: K,
  id: string | null | undefined,
): RecordOf<K> | undefined {
  const subscribe = useCallback((listener: () => void) => store?.subscribe(kind, listener) ?? noop, [store, kind]);
  const getSnapshot = useCallback(() => (store && id ? store.getRecord(kind, id) : undefined), [store, kind, id]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** Map-level fields (title, description, personas); undefined without a store. */
export function useMeta(store: MapStore | null | undefined): MapMeta | undefined {
  const subscribe = useCallback((listener: () => void) => store?.subscribeMeta(listener) ?? noop, [store]);
  const getSnapshot = useCallback(() => store?.getMeta(), [store]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

const NO_TRASH: readonly TrashEntry[] = Object.freeze([]);

/**
 * The map's restorable deletes (newest first), from anyone on the map; re-renders when the
 * trash changes. Empty without a store.
 */
export function useTrash(store: MapStore | null | undefined): readonly TrashEntry[] {
  const [entries, setEntries] = useState<readonly TrashEntry[]>(NO_TRASH);
  useLayoutEffect(() => {
    if (!store) {
      setEntries(NO_TRASH);
      return;
    }
    const read = () => setEntries(readTrash(store.doc));
    read();
    return observeTrash(store.doc, read);
  }, [store]);
  return entries;
}
