import * as Y from 'yjs';

/** Collections a map-level lock freezes for non-facilitators (comments, notes and votes stay open). */
const LOCKABLE = new Set([
  'meta',
  'stages',
  'lanes',
  'touchpoints',
  'connections',
  'roles',
  'assignments',
  'competencies',
  'requirements',
  'checklistItems',
]);

/** Where a change lands: root type (collection), record id (key in it) and field (key in the record). */
interface Target {
  root: string;
  key: string | null;
  field: string | null;
}

type AnyStruct = Y.Item | Y.GC | { id: Y.ID; length: number };

function isItem(s: unknown): s is Y.Item {
  return s instanceof Y.Item;
}

/** Index of the structs carried by an update, to resolve references to items not yet in the doc. */
class UpdateIndex {
  private readonly byClient = new Map<number, Y.Item[]>();
  constructor(structs: AnyStruct[]) {
    for (const s of structs) {
      if (!isItem(s)) continue;
      const list = this.byClient.get(s.id.client) ?? [];
      list.push(s);
      this.byClient.set(s.id.client, list);
    }
  }
  find(id: Y.ID): Y.Item | null {
    const list = this.byClient.get(id.client);
    if (!list) return null;
    for (const item of list) if (id.clock >= item.id.clock && id.clock < item.id.clock + item.length) return item;
    return null;
  }
}

function findInDoc(doc: Y.Doc, id: Y.ID): Y.Item | null {
  const structs = doc.store.clients.get(id.client);
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return null;
  try {
    const s = structs[Y.findIndexSS(structs, id.clock)];
    return isItem(s) ? s : null;
  } catch {
    return null;
  }
}

/**
 * Works out which root collection, record and field an item belongs to, following parents
 * (integrated items point at their parent type; items in an update point at an ID, or only at a
 * left/right neighbour). Returns null when it cannot tell.
 */
function targetOf(doc: Y.Doc, index: UpdateIndex, item: Y.Item, depth = 0): Target | null {
  if (depth > 32) return null;
  const lookup = (id: Y.ID) => findInDoc(doc, id) ?? index.find(id);
  const parent = item.parent as unknown;
  if (typeof parent === 'string') return { root: parent, key: item.parentSub, field: null };
  if (parent instanceof Y.AbstractType) {
    const owner = parent._item;
    if (owner === null) {
      const root = Y.findRootTypeKey(parent);
      return { root, key: item.parentSub, field: null };
    }
    const up = targetOf(doc, index, owner, depth + 1);
    return up && (up.field === null ? { ...up, field: item.parentSub } : up);
  }
  if (parent instanceof Y.ID) {
    const owner = lookup(parent);
    if (!owner) return null;
    const up = targetOf(doc, index, owner, depth + 1);
    return up && (up.field === null ? { ...up, field: item.parentSub } : up);
  }
  // No parent info: the item sits next to a sibling and shares its parent (and map key).
  const siblingId = item.origin ?? item.rightOrigin;
  const sibling = siblingId ? lookup(siblingId) : null;
  return sibling ? targetOf(doc, index, sibling, depth + 1) : null;
}

/** True when an editor's update may touch something only facilitators may change. */
export function mayTouchLocks(doc: Y.Doc, update: Uint8Array): boolean {
  if (hasLocks(doc)) return true;
  const { structs } = Y.decodeUpdate(update);
  const index = new UpdateIndex(structs as AnyStruct[]);
  for (const s of structs as AnyStruct[]) {
    if (!isItem(s)) continue;
    const t = targetOf(doc, index, s);
    if (!t) return true;
    if (t.field === 'locked' || (t.root === 'meta' && FACILITATOR_META.has(t.key ?? ''))) return true;
    if (t.root === 'votes') return true;
  }
  return false;
}

/** Map fields only facilitators set: the lock and the live session (timer, spotlight, voting). */
const FACILITATOR_META = new Set(['locked', 'session']);

function hasLocks(doc: Y.Doc): boolean {
  if (doc.getMap('meta').get('locked') === true) return true;
  for (const kind of ['stages', 'touchpoints']) {
    for (const r of doc.getMap(kind).values()) if (r instanceof Y.Map && r.get('locked') === true) return true;
  }
  return false;
}

type Fields = Record<string, unknown>;

/** What facilitator locks protect, captured before an editor's update is applied. */
export interface Protected {
  mapLocked: boolean;
  meta: Fields;
  /** `${collection}/${id}` -> fields of every protected record. */
  records: Map<string, Fields>;
  /** Published vote results (only the server and facilitators write them). */
  votes: Map<string, Fields>;
  /** Stage of every touchpoint and lock flag of every stage/touchpoint. */
  stageOf: Map<string, unknown>;
  lockFlags: Map<string, boolean>;
  lockedStages: Set<string>;
}

const fieldsOf = (v: unknown): Fields | null => (v instanceof Y.Map ? (v.toJSON() as Fields) : null);

/** Captures the protected part of the doc (cheap when nothing is locked). */
export function captureProtected(doc: Y.Doc): Protected {
  const meta = doc.getMap('meta').toJSON() as Fields;
  const mapLocked = meta.locked === true;
  const records = new Map<string, Fields>();
  const stageOf = new Map<string, unknown>();
  const lockFlags = new Map<string, boolean>();
  const lockedStages = new Set<string>();
  doc.getMap('stages').forEach((v, id) => {
    const f = fieldsOf(v);
    lockFlags.set(`stages/${id}`, f?.locked === true);
    if (f?.locked === true) {
      lockedStages.add(id);
      records.set(`stages/${id}`, f);
    }
  });
  doc.getMap('touchpoints').forEach((v, id) => {
    const f = fieldsOf(v);
    stageOf.set(id, f?.stageId);
    lockFlags.set(`touchpoints/${id}`, f?.locked === true);
    if (f && (f.locked === true || lockedStages.has(f.stageId as string))) records.set(`touchpoints/${id}`, f);
  });
  if (mapLocked) {
    for (const root of LOCKABLE) {
      if (root === 'meta') continue;
      doc.getMap(root).forEach((v, id) => {
        const f = fieldsOf(v);
        if (f) records.set(`${root}/${id}`, f);
      });
    }
  }
  const votes = new Map<string, Fields>();
  doc.getMap('votes').forEach((v, id) => {
    const f = fieldsOf(v);
    if (f) votes.set(id, f);
  });
  return { mapLocked, meta, records, votes, stageOf, lockFlags, lockedStages };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function setFields(target: Y.Map<unknown>, fields: Fields): boolean {
  let changed = false;
  for (const [k, v] of Object.entries(fields)) {
    if (!same(target.get(k), v)) {
      target.set(k, v);
      changed = true;
    }
  }
  for (const k of [...target.keys()]) {
    if (!(k in fields)) {
      target.delete(k);
      changed = true;
    }
  }
  return changed;
}

/**
 * Puts back whatever an editor's update changed under a facilitator lock (as a new change with
 * `origin`, so every client, the editor's included, converges on the locked state). Returns what
 * was undone, or null if nothing was. Accepting then reverting keeps the editor's Yjs history
 * contiguous: dropping the update instead would strand all of that client's later edits.
 */
export function restoreProtected(doc: Y.Doc, before: Protected, origin: unknown): string | null {
  const reasons = new Set<string>();
  doc.transact(() => {
    const meta = doc.getMap('meta');
    if (before.mapLocked) {
      if (setFields(meta as Y.Map<unknown>, before.meta)) reasons.add('the map is locked by a facilitator');
    } else if ((meta.get('locked') === true) !== (before.meta.locked === true)) {
      meta.set('locked', before.meta.locked === true);
      reasons.add('only facilitators lock or unlock');
    }
    if (!before.mapLocked && !same(meta.get('session'), before.meta.session)) {
      if (before.meta.session === undefined) meta.delete('session');
      else meta.set('session', before.meta.session);
      reasons.add('only facilitators run the session');
    }
    const votes = doc.getMap('votes');
    for (const id of [...votes.keys()]) {
      if (!before.votes.has(id)) {
        votes.delete(id);
        reasons.add('votes are cast through the voting round');
      }
    }
    for (const [id, fields] of before.votes) {
      const current = votes.get(id);
      if (current instanceof Y.Map) {
        if (setFields(current, fields)) reasons.add('votes are cast through the voting round');
      } else {
        const fresh = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(fields)) fresh.set(k, v);
        votes.set(id, fresh);
        reasons.add('votes are cast through the voting round');
      }
    }
    for (const [key, fields] of before.records) {
      const [root, id] = key.split('/') as [string, string];
      const coll = doc.getMap(root);
      const current = coll.get(id);
      if (current instanceof Y.Map) {
        if (setFields(current, fields))
          reasons.add(`this ${root === 'stages' ? 'stage' : 'item'} is locked by a facilitator`);
      } else {
        const fresh = new Y.Map<unknown>();
        for (const [k, v] of Object.entries(fields)) fresh.set(k, v);
        coll.set(id, fresh);
        reasons.add('a locked item cannot be deleted');
      }
    }
    for (const root of ['stages', 'touchpoints']) {
      doc.getMap(root).forEach((v, id) => {
        if (!(v instanceof Y.Map)) return;
        const key = `${root}/${id}`;
        const was = before.lockFlags.get(key);
        const now = v.get('locked') === true;
        if (was === undefined ? now : now !== was) {
          v.set('locked', was ?? false);
          reasons.add('only facilitators lock or unlock');
        }
        if (root !== 'touchpoints' || before.records.has(key)) return;
        const stageId = v.get('stageId');
        if (typeof stageId === 'string' && before.lockedStages.has(stageId)) {
          if (before.stageOf.has(id)) v.set('stageId', before.stageOf.get(id));
          else doc.getMap('touchpoints').delete(id);
          reasons.add('this stage is locked by a facilitator');
        }
      });
    }
    if (before.mapLocked) {
      for (const root of LOCKABLE) {
        if (root === 'meta') continue;
        const coll = doc.getMap(root);
        for (const id of [...coll.keys()]) {
          if (!before.records.has(`${root}/${id}`)) {
            coll.delete(id);
            reasons.add('the map is locked by a facilitator');
          }
        }
      }
    }
  }, origin);
  return reasons.size ? [...reasons].join('; ') : null;
}
