import { createHash } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Principal } from '../auth.js';
import { MalformedMessageError, MessageType } from './protocol.js';

/** Bounds of presence (awareness) per connection. */
export const PRESENCE_LIMITS = {
  /** Awareness client ids one connection may introduce (a tab has one; a few for reloads). */
  clientIdsPerConn: 3,
  /** Largest awareness state, as JSON bytes after stamping. */
  stateBytes: 16 * 1024,
  /** How long a client id stays reserved for its session after its connection is gone. */
  ownerGraceMs: 10 * 60_000,
} as const;

/** Fields that identify a session or a ballot: never shown to other people in presence. */
const PRIVATE_FIELDS = ['guestId', 'voterKey', 'linkId', 'token', 'sessionToken'] as const;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

export function decodeEntries(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const n = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
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

export function encodeEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/** A y-websocket awareness frame carrying `entries`. */
export function encodeAwarenessFrame(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, encodeEntries(entries));
  return encoding.toUint8Array(encoder);
}

/**
 * Who a connection is for presence: its guest session (or, lacking one, its share link);
 * workspace members on open maps share one identity (they are trusted alike). Hashed, so the
 * key can travel between instances without carrying the guest id itself.
 */
export function presenceOwnerKey(principal: Principal): string {
  const who = principal.guestId
    ? `guest:${principal.guestId}`
    : principal.linkId
      ? `link:${principal.linkId}`
      : 'member';
  return createHash('sha256').update(who).digest('base64url').slice(0, 22);
}

function withoutPrivate(value: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...value };
  for (const field of PRIVATE_FIELDS) delete copy[field];
  return copy;
}

/** Why an awareness entry was not accepted. */
export type PresenceRefusal = 'foreign' | 'excess' | 'too_big';
/** An entry dropped without a word: a stock client echoing a state it received (not newer). */
export const ECHO = 'echo';

export interface StampedAwareness {
  /** The update to apply, or null when nothing is left. */
  update: Uint8Array | null;
  /** Ids whose (non-null) state is accepted: the connection now controls them. */
  claimed: number[];
  refused: Record<PresenceRefusal, number>;
}

/**
 * Rewrites a client's awareness update so presence cannot lie or leak: entries `decide` refuses
 * (client ids someone else controls, more ids than a connection may introduce) are dropped, each
 * state's `user` carries the role (and, for guests, the name) the server granted, session and
 * ballot ids are stripped, and states over `PRESENCE_LIMITS.stateBytes` are refused. `decide` may
 * adjust the entry's clock.
 */
export function stampAwareness(
  update: Uint8Array,
  principal: Principal,
  decide: (entry: AwarenessEntry) => PresenceRefusal | typeof ECHO | null,
): StampedAwareness {
  const refused: Record<PresenceRefusal, number> = { foreign: 0, excess: 0, too_big: 0 };
  const kept: AwarenessEntry[] = [];
  const claimed: number[] = [];
  for (const e of decodeEntries(update)) {
    if (e.state !== null) {
      const base = typeof e.state === 'object' && !Array.isArray(e.state) ? (e.state as Record<string, unknown>) : {};
      const state = withoutPrivate(base);
      const claimedUser = state.user && typeof state.user === 'object' ? (state.user as Record<string, unknown>) : {};
      state.user = {
        ...withoutPrivate(claimedUser),
        role: principal.role,
        ...(principal.name !== null ? { name: principal.name } : {}),
      };
      e.state = state;
      if (Buffer.byteLength(JSON.stringify(state)) > PRESENCE_LIMITS.stateBytes) {
        refused.too_big++;
        continue;
      }
    }
    const refusal = decide(e);
    if (refusal) {
      if (refusal !== ECHO) refused[refusal]++;
      continue;
    }
    kept.push(e);
    if (e.state !== null) claimed.push(e.clientId);
  }
  return { update: kept.length ? encodeEntries(kept) : null, claimed, refused };
}

/** What the refused sender is told (shown by y-websocket as a permission-denied message). */
export function describeRefusal(refused: Record<PresenceRefusal, number>): string | null {
  const parts: string[] = [];
  if (refused.foreign) parts.push(`${refused.foreign} client id(s) belong to another person`);
  if (refused.excess)
    parts.push(`${refused.excess} client id(s) over the limit of ${PRESENCE_LIMITS.clientIdsPerConn} per connection`);
  if (refused.too_big) parts.push(`${refused.too_big} state(s) over ${PRESENCE_LIMITS.stateBytes / 1024} KB of JSON`);
  return parts.length ? `presence refused: ${parts.join('; ')}` : null;
}

interface Owner {
  key: string;
  /** When the session first claimed the id (ms since epoch); the earlier claim wins between instances. */
  since: number;
  /** When its last connection let go of it (null while in use). */
  releasedAt: number | null;
}

/**
 * Which session controls each awareness client id of a room, on this instance and (through the
 * relay) on the others. An id stays reserved for its session after a disconnect, so the same
 * session can take it back on reconnect and nobody else can.
 */
export class PresenceOwners {
  private readonly owners = new Map<number, Owner>();

  constructor(private readonly graceMs: number = PRESENCE_LIMITS.ownerGraceMs) {}

  /** The session controlling `clientId`, if any. */
  get(clientId: number): Readonly<Owner> | undefined {
    const owner = this.owners.get(clientId);
    if (!owner) return undefined;
    if (owner.releasedAt !== null && Date.now() - owner.releasedAt > this.graceMs) {
      this.owners.delete(clientId);
      return undefined;
    }
    return owner;
  }

  /** The session key controlling `clientId`, if any. */
  ownerOf(clientId: number): string | undefined {
    return this.get(clientId)?.key;
  }

  /** Whether `key` may set or remove the state of `clientId`. */
  mayUse(clientId: number, key: string): boolean {
    const owner = this.ownerOf(clientId);
    return owner === undefined || owner === key;
  }

  /**
   * Whether a claim relayed from another instance beats this instance's owner of the id: the
   * earlier claim wins (then the lower key), so every instance settles on the same owner.
   */
  remoteWins(clientId: number, key: string, since: number): boolean {
    const owner = this.get(clientId);
    if (!owner || owner.key === key) return true;
    return since < owner.since || (since === owner.since && key < owner.key);
  }

  claim(clientId: number, key: string, since: number = Date.now()): void {
    if (this.owners.size > 1000) this.sweep();
    const owner = this.owners.get(clientId);
    const kept = owner && owner.key === key ? Math.min(owner.since, since) : since;
    this.owners.set(clientId, { key, since: kept, releasedAt: null });
  }

  /** The id's state is gone; it stays reserved for its session for the grace period. */
  release(clientId: number): void {
    const owner = this.owners.get(clientId);
    if (owner && owner.releasedAt === null) owner.releasedAt = Date.now();
  }

  private sweep(): void {
    for (const id of [...this.owners.keys()]) this.get(id);
  }
}

export interface RelayedPresence {
  key: string;
  since: number;
  entries: AwarenessEntry[];
}

/**
 * Awareness between instances: groups of (owner session key, time of its claim, awareness
 * update), so the receiving instance checks who controls what, as for its own connections.
 */
export function encodeRelayedAwareness(
  groups: ReadonlyArray<{ key: string; since: number; update: Uint8Array }>,
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, groups.length);
  for (const g of groups) {
    encoding.writeVarString(encoder, g.key);
    encoding.writeVarUint(encoder, g.since);
    encoding.writeVarUint8Array(encoder, g.update);
  }
  return encoding.toUint8Array(encoder);
}

export function decodeRelayedAwareness(data: Uint8Array): RelayedPresence[] {
  const decoder = decoding.createDecoder(data);
  const n = decoding.readVarUint(decoder);
  const groups: RelayedPresence[] = [];
  for (let i = 0; i < n; i++) {
    const key = decoding.readVarString(decoder);
    const since = decoding.readVarUint(decoder);
    groups.push({ key, since, entries: decodeEntries(decoding.readVarUint8Array(decoder)) });
  }
  return groups;
}
