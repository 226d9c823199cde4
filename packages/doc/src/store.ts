import * as Y from 'yjs';
import { recordKinds, type MapMeta, type RecordKind, type RecordOf } from '@journeycraft/schema';
import { collection, metaMap, rawRecord } from './layout.js';
import { compareRecords, parseRecord, readMeta, type InvalidRecordHandler } from './read.js';

type Listener = () => void;

interface KindCache {
  byId: Map<string, unknown>;
  list: readonly unknown[];
  listeners: Set<Listener>;
}

/**
 * A framework-free, cached view of a map doc for UIs. Each kind's list keeps the identity of
 * unchanged records across changes, so a one-record edit re-renders one card, not all of them.
 * Subscribe per kind; `getRecords` returns the same array until that kind changes.
 */
export class MapStore {
  private readonly caches = new Map<RecordKind, KindCache>();
  private meta: MapMeta;
  private readonly metaListeners = new Set<Listener>();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    readonly doc: Y.Doc,
    private readonly onInvalid?: InvalidRecordHandler,
  ) {
    this.meta = readMeta(doc, onInvalid);
    const onMeta = () => {
      this.meta = readMeta(doc, onInvalid);
      for (const l of [...this.metaListeners]) l();
    };
    metaMap(doc).observe(onMeta);
    this.cleanups.push(() => metaMap(doc).unobserve(onMeta));
    for (const kind of recordKinds) {
      const cache: KindCache = { byId: new Map(), list: [], listeners: new Set() };
      this.caches.set(kind, cache);
      const coll = collection(doc, kind);
      coll.forEach((_, id) => this.refresh(kind, cache, id));
      cache.list = this.sorted(cache);
      const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
        const changed = new Set<string>();
        for (const event of events) {
          if (event.target === coll) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) changed.add(key);
          else if (typeof event.path[0] === 'string') changed.add(event.path[0]);
        }
        for (const id of changed) this.refresh(kind, cache, id);
        cache.list = this.sorted(cache);
        for (const l of [...cache.listeners]) l();
      };
      coll.observeDeep(onDeep);
      this.cleanups.push(() => coll.unobserveDeep(onDeep));
    }
  }

  private refresh(kind: RecordKind, cache: KindCache, id: string): void {
    const value = collection(this.doc, kind).get(id);
    const record = value === undefined ? undefined : parseRecord(kind, id, rawRecord(value), this.onInvalid);
    if (record === undefined) cache.byId.delete(id);
    else cache.byId.set(id, record);
  }

  private sorted(cache: KindCache): readonly unknown[] {
    return Object.freeze([...cache.byId.values()].sort((a, b) => compareRecords(a as object, b as object)));
  }

  private cache(kind: RecordKind): KindCache {
    return this.caches.get(kind)!;
  }

  /** Sorted valid records of a kind; the same array until that kind changes. */
  getRecords<K extends RecordKind>(kind: K): readonly RecordOf<K>[] {
    return this.cache(kind).list as readonly RecordOf<K>[];
  }

  /** One record by id (same object until that record changes). */
  getRecord<K extends RecordKind>(kind: K, id: string): RecordOf<K> | undefined {
    return this.cache(kind).byId.get(id) as RecordOf<K> | undefined;
  }

  /** Calls `listener` whenever records of `kind` change; returns the unsubscribe function. */
  subscribe(kind: RecordKind, listener: Listener): () => void {
    const set = this.cache(kind).listeners;
    set.add(listener);
    return () => set.delete(listener);
  }

  getMeta(): MapMeta {
    return this.meta;
  }

  subscribeMeta(listener: Listener): () => void {
    this.metaListeners.add(listener);
    return () => this.metaListeners.delete(listener);
  }

  destroy(): void {
    for (const c of this.cleanups) c();
    this.cleanups.length = 0;
  }
}
