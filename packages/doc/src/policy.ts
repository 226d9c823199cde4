import { recordKinds, roleAtLeast, type RecordKind, type ShareRole } from '@journeycraft/schema';
import { FACILITATOR_META_FIELDS, RELATIONS, TRASH } from './layout.js';

/**
 * The edit policy of a map: who may make which change, for every record kind and field. Pure:
 * it sees the map through a `PolicyView` (a doc, a snapshot, the server's pre-image of an
 * update) and a `PolicyPrincipal` (the role and session the server gives). The server's sync
 * guard, the canvas and every page ask it, so a button is disabled for the same reason the
 * server would refuse the change.
 *
 * Rules:
 * - viewer: nothing;
 * - commenter: comments (own body, anyone's `resolved`), own notes (stickies: add, edit, move,
 *   colour, put into or take out of a cluster); nothing else;
 * - editor: content that is not locked, anyone's notes and the clusters they sit in; never
 *   locks, the live session or votes;
 * - facilitator: everything;
 * - a locked map protects all content (not comments, notes, clusters or votes); a locked stage protects
 *   its cards; a locked card protects itself and its connections, assignments, requirements,
 *   checklist items and comments (new comments may still be added);
 * - deleting a record is refused when anything deleted with it is refused;
 * - authorship (`authorName`, `authorKey`) comes from the session and never changes.
 */

/** One record's fields as plain data. */
export type Fields = Readonly<Record<string, unknown>>;

/** Who asks, as the server established it. */
export interface PolicyPrincipal {
  readonly role: ShareRole;
  /** Opaque key of the session (owns notes and comments); null for workspace members. */
  readonly key: string | null;
  /** The name the session is fixed to; null when the person names themselves. */
  readonly name: string | null;
}

/** The map as the policy reads it: the state before the change being judged. */
export interface PolicyView {
  meta(): Fields;
  get(kind: RecordKind, id: string): Fields | undefined;
  list(kind: RecordKind): Iterable<Fields>;
}

/** One record before and after a change (`kind` "meta" and id "meta" for map-level fields). */
export interface RecordChange {
  readonly kind: string;
  readonly id: string;
  readonly before: Fields | undefined;
  readonly after: Fields | undefined;
}

/** A part of a change the policy refuses. */
export interface Refusal {
  readonly kind: string;
  readonly id: string;
  /** The refused field; null when creating or deleting the whole record is refused. */
  readonly field: string | null;
  readonly reason: string;
  /** For fields the server sets (authorship): the value the field must have instead. */
  readonly fix?: { readonly value: unknown };
}

/** The answer for one action a UI offers. */
export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const META_KIND = 'meta';

/** Kinds a map lock freezes for everyone but facilitators. */
const CONTENT_KINDS: ReadonlySet<string> = new Set([
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

/** Kinds that share the lock of the card (or stage) they hang on. */
const LOCKED_WITH_PARENT: ReadonlySet<string> = new Set([
  'touchpoints',
  'connections',
  'assignments',
  'requirements',
  'checklistItems',
  'comments',
]);

/** Fields the server sets from the session; nobody changes them afterwards. */
const AUTHOR_FIELDS: ReadonlySet<string> = new Set(['authorName', 'authorKey']);

/** Comment fields only the comment's author (or a facilitator) changes. */
const COMMENT_AUTHOR_ONLY: ReadonlySet<string> = new Set(['body', 'mentions', 'targetId', 'threadId', 'createdAt']);

export const Reasons = {
  viewer: 'viewers can look at the map but not change it',
  commenter: 'commenters can add comments and notes, not change the map',
  lockField: 'only facilitators lock or unlock',
  session: 'only facilitators run the session (timer, spotlight, follow, voting)',
  votes: 'votes are cast in the voting round; only facilitators change results',
  author: 'the author is set from who you are signed in as and cannot be changed',
  othersComment: 'only its author can change a comment',
  othersNote: 'commenters can change only their own notes',
  clusters: 'commenters can add and move their own stickies; grouping stickies into clusters is for editors',
  mapLocked: 'the map is locked by a facilitator',
  unknownKind: 'this is not part of a map',
  trashEntry: 'what a delete took is kept as it was until someone restores it',
} as const;

const isFacilitator = (p: PolicyPrincipal) => p.role === 'facilitator';

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function changedFields(before: Fields, after: Fields): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !same(before[k], after[k]));
}

function title(rec: Fields | undefined, fallback: string): string {
  const t = rec?.title ?? rec?.name;
  return typeof t === 'string' && t.trim() ? `"${t.trim().slice(0, 60)}"` : fallback;
}

const isKind = (kind: string): kind is RecordKind => (recordKinds as readonly string[]).includes(kind);

/**
 * Why `rec` (a record of `kind`) is protected by a lock, or null. Follows the references of
 * RELATIONS up to the stage: a connection is locked with either of its cards.
 */
export function lockReason(view: PolicyView, kind: string, rec: Fields | undefined, depth = 0): string | null {
  if (!rec || depth > 4) return null;
  // The map lock is the record's own (comments on a card of a locked map stay open).
  if (depth === 0 && CONTENT_KINDS.has(kind) && view.meta().locked === true) return Reasons.mapLocked;
  if (kind === 'stages' && rec.locked === true) return `the stage ${title(rec, '')} is locked by a facilitator`;
  if (kind === 'touchpoints' && rec.locked === true) return `${title(rec, 'this card')} is locked by a facilitator`;
  if (!LOCKED_WITH_PARENT.has(kind)) return null;
  for (const r of RELATIONS) {
    if (r.kind !== kind || !r.cascade || (r.parent !== 'stages' && r.parent !== 'touchpoints')) continue;
    const ref = rec[r.field];
    if (typeof ref !== 'string') continue;
    const reason = lockReason(view, r.parent, view.get(r.parent, ref), depth + 1);
    if (reason) return reason;
  }
  return null;
}

function refuseWhole(change: RecordChange, reason: string): Refusal[] {
  return [{ kind: change.kind, id: change.id, field: null, reason }];
}

function refuseFields(change: RecordChange, fields: string[], reason: string): Refusal[] {
  return fields.map((field) => ({ kind: change.kind, id: change.id, field, reason }));
}

/** Authorship of a created comment or note must be the session's; refusals carry the right value. */
function authorshipOnCreate(p: PolicyPrincipal, change: RecordChange, after: Fields): Refusal[] {
  const out: Refusal[] = [];
  const fix = (field: string, value: unknown) =>
    out.push({ kind: change.kind, id: change.id, field, reason: Reasons.author, fix: { value } });
  // A workspace member (no session name or key) names themselves, and puts back others' deleted words.
  if (p.key === null && p.name === null) return out;
  if ((after.authorKey ?? null) !== p.key) fix('authorKey', p.key);
  if (p.name !== null) {
    const name = after.authorName ?? null;
    const allowed = change.kind === 'notes' ? name === null || name === p.name : name === p.name;
    if (!allowed) fix('authorName', p.name);
  }
  return out;
}

function authorshipOnUpdate(change: RecordChange, fields: string[]): Refusal[] {
  return refuseFields(
    change,
    fields.filter((f) => AUTHOR_FIELDS.has(f)),
    Reasons.author,
  );
}

const ownedBy = (p: PolicyPrincipal, rec: Fields | undefined) =>
  p.key !== null && rec !== undefined && rec.authorKey === p.key;

/** What deleting `kind`/`id` takes with it (RELATIONS with cascade), as changes to judge. */
function cascadeOf(view: PolicyView, kind: string, id: string): RecordChange[] {
  const out: RecordChange[] = [];
  for (const r of RELATIONS) {
    if (r.parent !== kind || !r.cascade) continue;
    for (const child of view.list(r.kind)) {
      if (child[r.field] === id && typeof child.id === 'string' && !(r.kind === kind && child.id === id))
        out.push({ kind: r.kind, id: child.id, before: child, after: undefined });
    }
  }
  return out;
}

function checkDelete(p: PolicyPrincipal, view: PolicyView, change: RecordChange, seen: Set<string>): Refusal[] {
  const own = checkOne(p, view, change);
  if (own.length) return own;
  seen.add(`${change.kind}/${change.id}`);
  for (const child of cascadeOf(view, change.kind, change.id)) {
    if (seen.has(`${child.kind}/${child.id}`)) continue;
    const refused = checkDelete(p, view, child, seen);
    if (refused.length) {
      const what = title(child.before, `a ${child.kind.replace(/s$/, '')}`);
      return refuseWhole(change, `deleting it would also delete ${what}: ${refused[0]!.reason}`);
    }
  }
  return [];
}

function checkMeta(p: PolicyPrincipal, view: PolicyView, change: RecordChange): Refusal[] {
  const fields = changedFields(change.before ?? {}, change.after ?? {});
  if (!fields.length || isFacilitator(p)) return [];
  if (p.role === 'viewer') return refuseFields(change, fields, Reasons.viewer);
  if (p.role === 'commenter') return refuseFields(change, fields, Reasons.commenter);
  const out: Refusal[] = [];
  for (const f of fields) {
    if (FACILITATOR_META_FIELDS.has(f)) {
      out.push(...refuseFields(change, [f], f === 'locked' ? Reasons.lockField : Reasons.session));
    } else if (view.meta().locked === true) out.push(...refuseFields(change, [f], Reasons.mapLocked));
  }
  return out;
}

function checkComment(p: PolicyPrincipal, view: PolicyView, change: RecordChange): Refusal[] {
  const { before, after } = change;
  if (!before) return after ? authorshipOnCreate(p, change, after) : [];
  if (isFacilitator(p)) return after ? authorshipOnUpdate(change, changedFields(before, after)) : [];
  const locked = lockReason(view, 'comments', before);
  if (!after) {
    if (locked) return refuseWhole(change, locked);
    return ownedBy(p, before) || roleAtLeast(p.role, 'editor') ? [] : refuseWhole(change, Reasons.othersComment);
  }
  const fields = changedFields(before, after);
  const out = authorshipOnUpdate(change, fields);
  const rest = fields.filter((f) => !AUTHOR_FIELDS.has(f));
  if (locked) return [...out, ...refuseFields(change, rest, locked)];
  if (!ownedBy(p, before)) {
    out.push(
      ...refuseFields(
        change,
        fields.filter((f) => COMMENT_AUTHOR_ONLY.has(f)),
        Reasons.othersComment,
      ),
    );
  }
  return out;
}

function checkNote(p: PolicyPrincipal, change: RecordChange): Refusal[] {
  const { before, after } = change;
  if (!before) return after ? authorshipOnCreate(p, change, after) : [];
  const mayTouch = roleAtLeast(p.role, 'editor') || ownedBy(p, before);
  if (!after) return mayTouch ? [] : refuseWhole(change, Reasons.othersNote);
  const fields = changedFields(before, after);
  const out = authorshipOnUpdate(change, fields);
  if (!mayTouch)
    out.push(
      ...refuseFields(
        change,
        fields.filter((f) => !AUTHOR_FIELDS.has(f)),
        Reasons.othersNote,
      ),
    );
  return out;
}

/**
 * The trash (what a delete took, so anyone can undo it): whoever may delete content adds an
 * entry with the delete and removes it when restoring; nobody but a facilitator rewrites one.
 * The records a restore puts back are judged as records on their own.
 */
function checkTrash(p: PolicyPrincipal, change: RecordChange): Refusal[] {
  if (p.role === 'viewer') return refuseWhole(change, Reasons.viewer);
  if (p.role === 'commenter') return refuseWhole(change, Reasons.commenter);
  if (isFacilitator(p) || !change.before || !change.after) return [];
  return refuseWhole(change, Reasons.trashEntry);
}

/** One record's change, without following what a deletion takes with it. */
function checkOne(p: PolicyPrincipal, view: PolicyView, change: RecordChange): Refusal[] {
  const { kind, before, after } = change;
  if (!before && !after) return [];
  if (kind === META_KIND) return checkMeta(p, view, change);
  if (kind === TRASH) return checkTrash(p, change);
  if (!isKind(kind)) return isFacilitator(p) ? [] : refuseWhole(change, Reasons.unknownKind);
  if (p.role === 'viewer') {
    if (before && after) return refuseFields(change, changedFields(before, after), Reasons.viewer);
    return refuseWhole(change, Reasons.viewer);
  }
  if (kind === 'comments') return checkComment(p, view, change);
  if (kind === 'notes') return checkNote(p, change);
  if (isFacilitator(p)) return [];
  if (kind === 'clusters') {
    if (p.role !== 'commenter') return [];
    return before && after
      ? refuseFields(change, changedFields(before, after), Reasons.clusters)
      : refuseWhole(change, Reasons.clusters);
  }
  if (kind === 'votes')
    return before && after
      ? refuseFields(change, changedFields(before, after), Reasons.votes)
      : refuseWhole(change, Reasons.votes);
  if (p.role === 'commenter') {
    if (before && after) return refuseFields(change, changedFields(before, after), Reasons.commenter);
    return refuseWhole(change, Reasons.commenter);
  }
  // An editor on content: locks before and after (moving a card into a locked stage is a change to it).
  // The record's own `locked` flag in `after` is judged as a field, not as a lock already in force.
  const afterRefs = after && { ...after, locked: before?.locked ?? false };
  const locked = lockReason(view, kind, before) ?? lockReason(view, kind, afterRefs);
  if (!before || !after) {
    if (locked) return refuseWhole(change, locked);
    if (after && after.locked === true && (kind === 'stages' || kind === 'touchpoints'))
      return refuseFields(change, ['locked'], Reasons.lockField);
    return [];
  }
  const fields = changedFields(before, after);
  if (locked) return refuseFields(change, fields, locked);
  if (kind === 'stages' || kind === 'touchpoints')
    return refuseFields(
      change,
      fields.filter((f) => f === 'locked'),
      Reasons.lockField,
    );
  return [];
}

/**
 * Whether `checkChange` may refuse anything `p` does to records of `kind` (false: a caller need
 * not read those records to judge them). Facilitators may do everything but rewrite authorship,
 * which only comments and notes carry; everyone else is judged on every kind.
 */
export function mayRefuse(p: PolicyPrincipal, kind: string): boolean {
  return !isFacilitator(p) || kind === 'comments' || kind === 'notes';
}

/**
 * Judges one record's change by `p` against the map as it was before (`view`). Returns what is
 * refused (empty when the change is allowed). A deletion is refused when anything that goes
 * with it (RELATIONS) may not be deleted by `p`.
 */
export function checkChange(p: PolicyPrincipal, view: PolicyView, change: RecordChange): Refusal[] {
  if (change.before && !change.after && change.kind !== META_KIND) return checkDelete(p, view, change, new Set());
  return checkOne(p, view, change);
}

function verdict(refusals: Refusal[]): Verdict {
  const first = refusals[0];
  return first ? { ok: false, reason: first.reason } : { ok: true };
}

/** May `p` create `record` of `kind`? (Authorship must already be the session's.) */
export function mayCreate(p: PolicyPrincipal, view: PolicyView, kind: RecordKind, record: Fields): Verdict {
  const id = typeof record.id === 'string' ? record.id : '';
  return verdict(checkChange(p, view, { kind, id, before: undefined, after: record }));
}

/** May `p` change these fields of `kind`/`id`? Unknown records: not allowed. */
export function mayUpdate(p: PolicyPrincipal, view: PolicyView, kind: RecordKind, id: string, patch: Fields): Verdict {
  const before = view.get(kind, id);
  if (!before) return { ok: false, reason: 'it no longer exists' };
  return verdict(checkChange(p, view, { kind, id, before, after: { ...before, ...patch } }));
}

/** May `p` delete `kind`/`id` with everything that goes with it? */
export function mayDelete(p: PolicyPrincipal, view: PolicyView, kind: RecordKind, id: string): Verdict {
  const before = view.get(kind, id);
  if (!before) return { ok: true };
  return verdict(checkChange(p, view, { kind, id, before, after: undefined }));
}

/** May `p` change these map-level fields? */
export function mayChangeMeta(p: PolicyPrincipal, view: PolicyView, patch: Fields): Verdict {
  const before = view.meta();
  return verdict(checkChange(p, view, { kind: META_KIND, id: META_KIND, before, after: { ...before, ...patch } }));
}
