import { useCallback, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** What each client publishes under the `user` field of its awareness state. */
export interface PresenceUser {
  name: string;
  color: string;
}

/** One client present on the map. */
export interface Presence extends PresenceUser {
  clientId: number;
  /** True for this tab's own client. */
  isLocal: boolean;
}

const NONE: readonly Presence[] = Object.freeze([]);
const FALLBACK_COLOR = '#8a8f98';
const COLOR = /^#[0-9a-fA-F]{3,8}$/;

function toPresence(clientId: number, state: Record<string, unknown>, localId: number): Presence | null {
  const user = state.user as Partial<PresenceUser> | undefined;
  if (!user || typeof user !== 'object') return null;
  const name =
    typeof user.name === 'string' && user.name.trim() ? user.name.trim().slice(0, 80) : `Guest ${clientId % 10000}`;
  const color = typeof user.color === 'string' && COLOR.test(user.color) ? user.color : FALLBACK_COLOR;
  return { clientId, name, color, isLocal: clientId === localId };
}

function samePresence(a: readonly Presence[], b: readonly Presence[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((p, i) => {
    const q = b[i]!;
    return p.clientId === q.clientId && p.name === q.name && p.color === q.color && p.isLocal === q.isLocal;
  });
}

interface Cache {
  list: readonly Presence[];
}

const caches = new WeakMap<Awareness, Cache>();

function compute(awareness: Awareness): readonly Presence[] {
  const out: Presence[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const p = toPresence(clientId, state, awareness.clientID);
    if (p) out.push(p);
  });
  // The local user first, then everyone else by name (stable for equal names).
  out.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.name.localeCompare(b.name) || a.clientId - b.clientId);
  return out;
}

function snapshot(awareness: Awareness): readonly Presence[] {
  let cache = caches.get(awareness);
  if (!cache) {
    cache = { list: NONE };
    caches.set(awareness, cache);
  }
  const next = compute(awareness);
  if (!samePresence(cache.list, next)) cache.list = next.length ? Object.freeze(next) : NONE;
  return cache.list;
}

/**
 * Everyone present on the map, from awareness states that carry a `user: { name, color }`
 * field: the local user first, then the others by name. A new array only when someone joins,
 * leaves, or changes name or colour (heartbeats do not re-render).
 */
export function usePresence(awareness: Awareness | null | undefined): readonly Presence[] {
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!awareness) return () => {};
      awareness.on('change', listener);
      return () => awareness.off('change', listener);
    },
    [awareness],
  );
  const getSnapshot = useCallback(() => (awareness ? snapshot(awareness) : NONE), [awareness]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
