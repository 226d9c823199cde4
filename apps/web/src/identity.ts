import { useSyncExternalStore } from 'react';
import { userOrigin } from '@journeycraft/doc';
import { newId } from '@journeycraft/schema';
import type { PresenceUser } from '@journeycraft/doc-react';

/** Who is using this browser: a stable id, a display name and a colour, kept in localStorage. */

const KEY_ID = 'journeycraft.userId';
const KEY_NAME = 'journeycraft.name';
const KEY_COLOR = 'journeycraft.color';

/** Avatar colours: distinct, readable with white initials. */
export const PALETTE = [
  '#4f46e5',
  '#0e7490',
  '#047857',
  '#b45309',
  '#dc2626',
  '#be185d',
  '#7c3aed',
  '#2563eb',
  '#4d7c0f',
  '#c2410c',
];

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: fall back to per-tab values
  }
}

function readOrCreate(key: string, make: () => string): string {
  const s = storage();
  const existing = s?.getItem(key);
  if (existing) return existing;
  const value = make();
  s?.setItem(key, value);
  return value;
}

const userId = readOrCreate(KEY_ID, newId);
const color = readOrCreate(KEY_COLOR, () => PALETTE[Math.floor(Math.random() * PALETTE.length)]!);
const guestName = `Guest ${String(Math.floor(1000 + Math.random() * 9000))}`;

/**
 * The transaction origin of every edit made in this tab: one object for the tab's lifetime,
 * so the undo manager (which compares origins by identity) tracks exactly this tab's edits.
 */
export const tabOrigin = userOrigin(userId);

const listeners = new Set<() => void>();
let cached: { user: PresenceUser; chosen: boolean } | null = null;

function current(): { user: PresenceUser; chosen: boolean } {
  const stored = storage()?.getItem(KEY_NAME)?.trim() ?? '';
  if (!cached || cached.user.name !== (stored || guestName) || cached.chosen !== Boolean(stored)) {
    cached = { user: { name: stored || guestName, color }, chosen: Boolean(stored) };
  }
  return cached;
}

/** Saves the display name (trimmed, at most 60 characters) and tells every listener. */
export function setDisplayName(name: string): void {
  const clean = name.trim().slice(0, 60) || guestName;
  storage()?.setItem(KEY_NAME, clean);
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY_NAME) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The local user as shown to others, and whether they have chosen their name yet. */
export function useLocalUser(): { user: PresenceUser; chosen: boolean } {
  return useSyncExternalStore(subscribe, current, current);
}
