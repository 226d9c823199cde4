import { useSyncExternalStore } from 'react';
import { JoinResultSchema, type JoinResult } from '@journeycraft/schema';

/**
 * The share-link sessions of this browser, one per map (kept in localStorage, so a guest who
 * reloads or comes back tomorrow is still in). Workspace members have none.
 */

const PREFIX = 'journeycraft.join.';
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; value: JoinResult | null }>();

function store(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The session a guest joined this map with, or null. */
export function joinedSession(mapId: string): JoinResult | null {
  const raw = store()?.getItem(PREFIX + mapId) ?? null;
  const hit = cache.get(mapId);
  if (hit && hit.raw === raw) return hit.value;
  let value: JoinResult | null = null;
  if (raw) {
    try {
      const parsed = JoinResultSchema.safeParse(JSON.parse(raw));
      value = parsed.success ? parsed.data : null;
    } catch {
      value = null;
    }
  }
  cache.set(mapId, { raw, value });
  return value;
}

function emit(): void {
  for (const l of [...listeners]) l();
}

export function rememberSession(result: JoinResult): void {
  store()?.setItem(PREFIX + result.mapId, JSON.stringify(result));
  emit();
}

export function forgetSession(mapId: string): void {
  store()?.removeItem(PREFIX + mapId);
  emit();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith(PREFIX)) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/**
 * The session token a request about `/api/maps/<id>/…` must carry in this browser (the map's
 * share-link session), or null for a workspace member / any other path.
 */
export function sessionTokenForPath(path: string): string | null {
  const id = /^\/api\/maps\/([^/?#]+)/.exec(path)?.[1];
  return id ? (joinedSession(decodeURIComponent(id))?.sessionToken ?? null) : null;
}

/** The share-link session of this map, live. */
export function useJoinedSession(mapId: string): JoinResult | null {
  return useSyncExternalStore(
    subscribe,
    () => joinedSession(mapId),
    () => null,
  );
}
