import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Principal } from '../auth.js';
import { MalformedMessageError } from './protocol.js';

interface Entry {
  clientId: number;
  clock: number;
  state: unknown;
}

function decodeEntries(update: Uint8Array): Entry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const n = decoding.readVarUint(decoder);
    const entries: Entry[] = [];
    for (let i = 0; i < n; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as unknown });
    }
    return entries;
  } catch (err) {
    throw new MalformedMessageError(`cannot decode awareness update: ${(err as Error).message}`);
  }
}

function encodeEntries(entries: Entry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Rewrites a client's awareness update so presence cannot lie: entries for client ids another
 * connection controls are dropped, and each state's `user` carries the role (and, for guests, the
 * name and guest id) that the server granted. Returns null when nothing is left.
 */
export function stampAwareness(
  update: Uint8Array,
  principal: Principal,
  mayControl: (clientId: number) => boolean,
): Uint8Array | null {
  const entries = decodeEntries(update).filter((e) => mayControl(e.clientId));
  if (!entries.length) return null;
  for (const e of entries) {
    if (e.state === null || typeof e.state !== 'object' || Array.isArray(e.state)) {
      if (e.state !== null) e.state = {};
      if (e.state === null) continue;
    }
    const state = e.state as Record<string, unknown>;
    const claimed = state.user && typeof state.user === 'object' ? (state.user as Record<string, unknown>) : {};
    state.user = {
      ...claimed,
      role: principal.role,
      ...(principal.name !== null ? { name: principal.name } : {}),
      guestId: principal.guestId,
    };
  }
  return encodeEntries(entries);
}
