import { useSyncExternalStore } from 'react';
import { messageOf } from '../client';
import { fetchAuthState, type AuthState } from './api';

/** The sign-in state of this browser, shared by every page (one request, refreshed after sign-in and out). */
export type AuthSnapshot =
  { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & AuthState);

let snapshot: AuthSnapshot = { status: 'loading' };
const listeners = new Set<() => void>();
let inflight: Promise<void> | null = null;

function set(next: AuthSnapshot): void {
  snapshot = next;
  for (const l of listeners) l();
}

/** Reloads the sign-in state from the server. */
export function refreshAuth(): Promise<void> {
  inflight ??= fetchAuthState()
    .then(
      (state) => set({ status: 'ready', ...state }),
      (err: unknown) => set({ status: 'error', message: messageOf(err) }),
    )
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (snapshot.status === 'loading' && !inflight) void refreshAuth();
  return () => listeners.delete(listener);
}

/** The current sign-in state (loads it on first use). */
export function useAuth(): AuthSnapshot {
  return useSyncExternalStore(
    subscribe,
    () => snapshot,
    () => snapshot,
  );
}
