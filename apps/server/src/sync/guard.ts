import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import {
  META,
  META_KIND,
  TRASH,
  checkChange,
  collection,
  mayRefuse,
  docView,
  metaMap,
  type Fields,
  type PolicyPrincipal,
  type PolicyView,
  type Refusal,
} from '@journeycraft/doc';
import { recordKinds, type RecordKind } from '@journeycraft/schema';
import type { Principal } from '../auth.js';

/**
 * The sync guard: every update a client sends is judged by the edit policy of @journeycraft/doc
 * before it is stored. In three steps:
 * 1. `inspectUpdate` reads the update without applying it: updates Yjs would keep pending
 *    (structs whose dependencies the server has not seen, delete sets naming clocks it has not
 *    seen) are refused whole, since they would take effect later, unjudged;
 * 2. `GuardedChange.capture` keeps the records the update touches as they are;
 * 3. after the update is applied, `GuardedChange.judge` asks the policy about each touched record
 *    and `restore` puts back what is refused, as a new change every client receives (the sender's
 *    Yjs history stays contiguous, and its copy comes back in step).
 */

/** The opaque key written as the author of a session's comments and notes (never the guest id). */
export function authorKeyOf(principal: Principal): string | null {
  const who = principal.accountId ? `a:${principal.accountId}` : principal.guestId ? `g:${principal.guestId}` : null;
  if (who === null) return null;
  return `k${createHash('sha256').update(`journeycraft-author:${who}`).digest('base64url').slice(0, 22)}`;
}

const policyPrincipals = new WeakMap<Principal, PolicyPrincipal>();

/** The principal as the edit policy sees it (made once per principal: the key is a hash). */
export function policyPrincipal(principal: Principal): PolicyPrincipal {
  let p = policyPrincipals.get(principal);
  if (!p) {
    p = { role: principal.role, key: authorKeyOf(principal), name: principal.name };
    policyPrincipals.set(principal, p);
  }
  return p;
}

type AnyStruct = Y.Item | Y.GC | Y.Skip;

/** Where a struct lands: root type and key in it (record id, or map-level field for `meta`). */
interface Target {
  root: string;
  key: string | null;
}

/** Index of the structs carried by an update, to resolve references to items not yet in the doc. */
class UpdateIndex {
  private readonly byClient = new Map<number, Y.Item[]>();
  constructor(structs: AnyStruct[]) {
    for (const s of structs) {
      if (!(s instanceof Y.Item)) continue;
      const list = this.byClient.get(s.id.client) ?? [];
      list.push(s);
      this.byClient.set(s.id.client, list);
    }
  }
  find(id: Y.ID): Y.Item | null {
    for (const item of this.byClient.get(id.client) ?? [])
      if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
    return null;
  }
}

/** The struct holding `id` in the doc: an item, GONE when it was garbage-collected, or null. */
function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | typeof GONE | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return null;
  let s: unknown;
  try {
    s = structs[Y.findIndexSS(structs, id.clock)];
  } catch {
    return null;
  }
  return s instanceof Y.Item ? s : s ? GONE : null;
}

/** An item whose parent was deleted and collected: Yjs integrates it as deleted, so it changes nothing. */
const GONE = Symbol('gone');

/**
 * The root and key an item belongs to, following parents (integrated items point at their parent
 * type; items in an update at an ID, or only at a neighbour). Null when it cannot tell.
 */
function targetOf(doc: Y.Doc, index: UpdateIndex, item: Y.Item, depth = 0): Target | typeof GONE | null {
  if (depth > 32) return null;
  const lookup = (id: Y.ID) => findInDoc(doc, id) ?? index.find(id);
  const parent = item.parent as unknown;
  let owner: Y.Item | typeof GONE | null = null;
  if (typeof parent === 'string') return { root: parent, key: item.parentSub };
  if (parent instanceof Y.AbstractType) {
    if (parent._item === null) return { root: Y.findRootTypeKey(parent), key: item.parentSub };
    owner = parent._item;
  } else if (parent instanceof Y.ID) owner = lookup(parent);
  else {
    // No parent info: the item sits next to a sibling and shares its parent (and map key).
    const siblingId = item.origin ?? item.rightOrigin;
    const sibling = siblingId ? lookup(siblingId) : null;
    return sibling === GONE ? GONE : sibling ? targetOf(doc, index, sibling, depth + 1) : null;
  }
  return owner === GONE ? GONE : owner ? targetOf(doc, index, owner, depth + 1) : null;
}

/** What an update would touch, or why it is refused before it is applied. */
export type Inspection =
  | { ok: true; targets: Target[] }
  | { ok: false; reason: string; metric: 'pending' | 'unknown_delete' | 'unknown_target' };

const known = (doc: Y.Doc, ends: Map<number, number>, id: Y.ID | null): boolean =>
  id === null || id.clock < Math.max(Y.getState(doc.store, id.client), ends.get(id.client) ?? 0);

/**
 * Reads an update without applying it. Refuses what Yjs would keep pending (a gap before a
 * client's structs, a reference to an item nobody has sent, a deletion of clocks the server has
 * not seen); otherwise lists the records it touches, new and deleted.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Inspection {
  const { structs, ds } = Y.decodeUpdate(update) as unknown as {
    structs: AnyStruct[];
    ds: { clients: Map<number, Array<{ clock: number; len: number }>> };
  };
  const ends = new Map<number, number>();
  for (const s of structs) {
    if (s instanceof Y.Skip)
      return { ok: false, reason: 'the update has gaps: earlier changes are missing', metric: 'pending' };
    const client = s.id.client;
    if (!ends.has(client) && s.id.clock > Y.getState(doc.store, client))
      return { ok: false, reason: 'the update builds on changes the server has not seen', metric: 'pending' };
    ends.set(client, Math.max(ends.get(client) ?? 0, s.id.clock + s.length));
  }
  const index = new UpdateIndex(structs);
  const targets: Target[] = [];
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const parentId = s.parent instanceof Y.ID ? s.parent : null;
    if (!known(doc, ends, s.origin) || !known(doc, ends, s.rightOrigin) || !known(doc, ends, parentId))
      return { ok: false, reason: 'the update builds on changes the server has not seen', metric: 'pending' };
    if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue; // already integrated
    const t = targetOf(doc, index, s);
    if (!t)
      return {
        ok: false,
        reason: 'the update changes a part of the map that cannot be told',
        metric: 'unknown_target',
      };
    if (t !== GONE) targets.push(t);
  }
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client);
    const end = Math.max(state, ends.get(client) ?? 0);
    const structsOf = doc.store.clients.get(client);
    for (const r of ranges) {
      if (r.clock + r.len > end)
        return { ok: false, reason: 'the update deletes changes the server has not seen', metric: 'unknown_delete' };
      if (!structsOf || r.clock >= state) continue; // deletes what the update itself adds
      for (let i = Y.findIndexSS(structsOf, r.clock); i < structsOf.length; i++) {
        const s = structsOf[i]!;
        if (s.id.clock >= r.clock + r.len) break;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const t = targetOf(doc, index, s);
        if (t && t !== GONE) targets.push(t);
      }
    }
  }
  return { ok: true, targets };
}

const isRecordKind = (kind: string): kind is RecordKind => (recordKinds as readonly string[]).includes(kind);

function readFields(doc: Y.Doc, kind: string, id: string): Fields | undefined {
  if (kind === META_KIND) return metaMap(doc).toJSON() as Fields;
  if (!isRecordKind(kind)) {
    const type = doc.share.get(kind);
    if (!(type instanceof Y.Map) || !type.has(id)) return undefined;
    const value = type.get(id) as unknown;
    return { value: value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value };
  }
  const value = collection(doc, kind).get(id);
  if (value instanceof Y.Map) return value.toJSON() as Fields;
  return value === undefined ? undefined : { value: value as unknown };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One update's touched records, before and after it is applied. */
export class GuardedChange {
  private readonly before = new Map<string, { kind: string; id: string; fields: Fields | undefined }>();
  /** Roots outside the map layout the update wrote to (refused for all but facilitators). */
  private readonly foreignRoots = new Set<string>();

  private constructor(private readonly doc: Y.Doc) {}

  /**
   * Keeps what the targets are now; call before applying the update. With `principal`, records of
   * kinds the policy refuses nothing of for them are not read (a facilitator moving cards).
   */
  static capture(doc: Y.Doc, targets: readonly Target[], principal?: PolicyPrincipal): GuardedChange {
    const change = new GuardedChange(doc);
    for (const { root, key } of targets) {
      const kind = root === META ? META_KIND : root;
      const id = root === META ? META_KIND : key;
      // Outside the layout: an unknown root, or list content in a record collection.
      if (id === null || (kind !== META_KIND && kind !== TRASH && !isRecordKind(kind))) {
        change.foreignRoots.add(root);
        continue;
      }
      if (principal && !mayRefuse(principal, kind)) continue;
      const k = `${kind}/${id}`;
      if (!change.before.has(k)) change.before.set(k, { kind, id, fields: readFields(doc, kind, id) });
    }
    return change;
  }

  /**
   * The map as it was before the update (captured records, the rest unchanged). Live records are
   * read once per judgement: the policy asks for the meta and a card's stage again and again.
   */
  private view(): PolicyView {
    const live = docView(this.doc);
    const captured = (kind: string, id: string) => this.before.get(`${kind}/${id}`);
    let meta: Fields | undefined;
    const read = new Map<string, Fields | undefined>();
    return {
      meta: () => captured(META_KIND, META_KIND)?.fields ?? (meta ??= live.meta()),
      get: (kind, id) => {
        const c = captured(kind, id);
        if (c) return c.fields;
        const k = `${kind}/${id}`;
        if (!read.has(k)) read.set(k, live.get(kind, id));
        return read.get(k);
      },
      list: (kind) => {
        const out: Fields[] = [];
        const seen = new Set<string>();
        for (const f of live.list(kind)) {
          const id = f.id as string;
          seen.add(id);
          const c = captured(kind, id);
          if (!c) out.push(f);
          else if (c.fields) out.push(c.fields);
        }
        for (const c of this.before.values()) if (c.kind === kind && !seen.has(c.id) && c.fields) out.push(c.fields);
        return out;
      },
    };
  }

  /** What the policy refuses of this update (call after applying it). */
  judge(principal: PolicyPrincipal): Refusal[] {
    const view = this.view();
    const refusals: Refusal[] = [];
    for (const { kind, id, fields } of this.before.values()) {
      const after = readFields(this.doc, kind, id);
      if (same(fields, after)) continue;
      refusals.push(...checkChange(principal, view, { kind, id, before: fields, after }));
    }
    if (principal.role !== 'facilitator')
      for (const root of this.foreignRoots)
        refusals.push({ kind: root, id: '', field: null, reason: 'this is not part of a map' });
    return refusals;
  }

  /**
   * Puts back what `refusals` name, as one change with `origin` (server-set fields get their
   * right value instead). Refused writes outside the map layout are deleted.
   */
  restore(refusals: readonly Refusal[], origin: unknown, update: Uint8Array): void {
    this.doc.transact((tr) => {
      for (const r of refusals) {
        if (r.id === '' && this.foreignRoots.has(r.kind)) continue;
        const captured = this.before.get(`${r.kind}/${r.id}`);
        if (r.kind === META_KIND) {
          const meta = metaMap(this.doc);
          const value = r.fix ? r.fix.value : captured?.fields?.[r.field ?? ''];
          if (r.field === null) continue;
          if (value === undefined) meta.delete(r.field);
          else meta.set(r.field, value);
          continue;
        }
        if (r.kind === TRASH) {
          const trash = this.doc.getMap(TRASH);
          if (captured?.fields === undefined) trash.delete(r.id);
          else trash.set(r.id, captured.fields.value);
          continue;
        }
        if (!isRecordKind(r.kind)) continue;
        const coll = collection(this.doc, r.kind);
        const before = captured?.fields;
        if (r.field === null) {
          if (before === undefined) coll.delete(r.id);
          else if (!(coll.get(r.id) instanceof Y.Map)) coll.set(r.id, recordMap(before));
          else restoreFields(coll.get(r.id)!, before);
          continue;
        }
        const current = coll.get(r.id);
        if (!(current instanceof Y.Map)) continue;
        const value = r.fix ? r.fix.value : before?.[r.field];
        if (value === undefined) current.delete(r.field);
        else if (!same(current.get(r.field), value)) current.set(r.field, value);
      }
      if (this.foreignRoots.size && refusals.some((r) => this.foreignRoots.has(r.kind)))
        deleteForeign(this.doc, tr, update, this.foreignRoots);
    }, origin);
  }
}

function recordMap(fields: Fields): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
}

function restoreFields(target: Y.Map<unknown>, fields: Fields): void {
  for (const [k, v] of Object.entries(fields)) if (!same(target.get(k), v)) target.set(k, v);
  for (const k of [...target.keys()]) if (!(k in fields)) target.delete(k);
}

/** Deletes the items of `update` that landed in roots outside the map layout. */
function deleteForeign(doc: Y.Doc, tr: Y.Transaction, update: Uint8Array, roots: ReadonlySet<string>): void {
  const { structs } = Y.decodeUpdate(update) as { structs: AnyStruct[] };
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const item = findInDoc(doc, s.id);
    if (!item || item === GONE || item.deleted) continue;
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType) || parent._item !== null) continue;
    const root = Y.findRootTypeKey(parent);
    const layout = root === META || root === TRASH || isRecordKind(root);
    if (roots.has(root) && (!layout || item.parentSub === null)) item.delete(tr);
  }
}

/** One sentence for the person whose change was refused (distinct reasons, in order). */
export function describeRefusals(refusals: readonly Refusal[]): string {
  const reasons = [...new Set(refusals.filter((r) => !r.fix).map((r) => r.reason))];
  const fixed = refusals.some((r) => r.fix);
  if (fixed) reasons.push('the author of a comment or note is who you are signed in as');
  return `Not saved: ${reasons.join('; ')}.`;
}
