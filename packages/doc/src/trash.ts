import * as Y from 'yjs';
import { newId, PersonaSchema, recordKinds, recordSchemas, type Persona, type RecordKind } from '@journeycraft/schema';
import { TRASH, collection, metaMap, rawRecord } from './layout.js';
import { cascadeOf } from './write.js';
import type { TxOrigin } from './origin.js';

/**
 * The doc's trash: a root Y.Map (`trash`, outside the record collections, so snapshots, exports
 * and versions never see it) of entries keyed by id. An entry holds the plain JSON of everything
 * one delete removed, so anyone on the map, not only the person who deleted, can put it back.
 */
export { TRASH };
/** How long an entry stays restorable. */
export const TRASH_KEEP_MS = 60 * 60 * 1000;
/** At most this many entries are kept (oldest dropped first). */
export const TRASH_MAX_ENTRIES = 30;

/** Something a person deletes: a record (with what cascades from it) or a persona of the map. */
export type DeleteTarget = { kind: RecordKind; id: string } | { kind: 'persona'; id: string };

/** What a delete takes with it, per record kind, so a confirm dialog can say it. */
export type DeletionCounts = Partial<Record<RecordKind, number>> & { personaScores?: number };

/** One delete, restorable by anyone on the map until it expires. */
export interface TrashEntry {
  id: string;
  /** What was deleted, for people: 'stage “Discover”', '3 touchpoints'. */
  label: string;
  /** Who deleted it (display name). */
  by: string;
  /** When (ms since epoch, the deleting browser's clock). */
  deletedAt: number;
  /** What went with the deleted things (excluding themselves). */
  counts: DeletionCounts;
  records: Array<{ kind: RecordKind; id: string; fields: Record<string, unknown> }>;
  /**
   * Fields of surviving records that pointed at a deleted role (a touchpoint's owner, a role's
   * reporting line) and were cleared: put back on restore when still empty.
   */
  owners: RoleRef[];
  /** A removed persona and where it stood in the map's list. */
  personas: Array<{ persona: Persona; index: number }>;
}

const kinds = new Set<string>(recordKinds);

/** A field of another record that names a role; cleared when that role is deleted. */
export interface RoleRef {
  kind: 'touchpoints' | 'roles';
  id: string;
  field: 'ownerRoleId' | 'reportsToRoleId';
  roleId: string;
}
const ROLE_FIELDS = [
  ['touchpoints', 'ownerRoleId'],
  ['roles', 'reportsToRoleId'],
] as const;

function trashMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(TRASH);
}

function parseEntry(id: string, raw: unknown): TrashEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const e = raw as Partial<TrashEntry>;
  if (typeof e.label !== 'string' || typeof e.deletedAt !== 'number' || !Array.isArray(e.records)) return null;
  const records = e.records.filter(
    (r): r is TrashEntry['records'][number] =>
      typeof r === 'object' &&
      r !== null &&
      kinds.has(r.kind) &&
      typeof r.id === 'string' &&
      typeof r.fields === 'object' &&
      r.fields !== null,
  );
  const personas = (Array.isArray(e.personas) ? e.personas : []).flatMap((p) => {
    const parsed = PersonaSchema.safeParse((p as { persona?: unknown })?.persona);
    const index = (p as { index?: unknown })?.index;
    return parsed.success ? [{ persona: parsed.data, index: typeof index === 'number' ? index : 0 }] : [];
  });
  const owners = (Array.isArray(e.owners) ? e.owners : []).filter((o) =>
    ROLE_FIELDS.some(
      ([kind, field]) =>
        o?.kind === kind && o.field === field && typeof o.id === 'string' && typeof o.roleId === 'string',
    ),
  );
  return {
    id,
    label: e.label,
    by: typeof e.by === 'string' ? e.by : 'Someone',
    deletedAt: e.deletedAt,
    counts: typeof e.counts === 'object' && e.counts !== null ? e.counts : {},
    records,
    owners,
    personas,
  };
}

/** The restorable entries, newest first (malformed ones skipped). */
export function readTrash(doc: Y.Doc, now = Date.now()): TrashEntry[] {
  const out: TrashEntry[] = [];
  trashMap(doc).forEach((raw, id) => {
    const e = parseEntry(id, raw);
    if (e && now - e.deletedAt < TRASH_KEEP_MS) out.push(e);
  });
  return out.sort((a, b) => b.deletedAt - a.deletedAt || a.id.localeCompare(b.id));
}

function personaCount(doc: Y.Doc, personaId: string): number {
  let n = 0;
  collection(doc, 'touchpoints').forEach((v) => {
    const scores = (rawRecord(v) as { personaEmotions?: Record<string, unknown> } | null)?.personaEmotions;
    if (scores && typeof scores === 'object' && personaId in scores) n++;
  });
  return n;
}

function personasOf(doc: Y.Doc): Persona[] {
  const raw = metaMap(doc).get('personas');
  return Array.isArray(raw) ? (raw as Persona[]) : [];
}

/**
 * What deleting `targets` would take with it (the targets themselves not counted), e.g. a
 * stage's touchpoints and their connections and comments.
 */
export function deletionImpact(doc: Y.Doc, targets: readonly DeleteTarget[]): DeletionCounts {
  const counts: DeletionCounts = {};
  const seen = new Set<string>();
  const own = new Set(targets.map((t) => `${t.kind}/${t.id}`));
  for (const t of targets) {
    if (t.kind === 'persona') {
      counts.personaScores = (counts.personaScores ?? 0) + personaCount(doc, t.id);
      continue;
    }
    for (const [k, i] of cascadeOf(doc, t.kind, t.id)) {
      const key = `${k}/${i}`;
      if (seen.has(key) || own.has(key)) continue;
      seen.add(key);
      counts[k] = (counts[k] ?? 0) + 1;
    }
  }
  return counts;
}

const nouns: Partial<Record<RecordKind | 'personaScores', [string, string]>> = {
  touchpoints: ['touchpoint', 'touchpoints'],
  connections: ['connection', 'connections'],
  comments: ['comment', 'comments'],
  notes: ['note', 'notes'],
  assignments: ['role assignment', 'role assignments'],
  requirements: ['competency requirement', 'competency requirements'],
  checklistItems: ['checklist item', 'checklist items'],
  votes: ['vote', 'votes'],
  personaScores: ['emotion score', 'emotion scores'],
};

/** "5 touchpoints, 2 connections and 1 comment" (empty string when nothing goes with it). */
export function describeCounts(counts: DeletionCounts): string {
  const parts: string[] = [];
  for (const [key, n] of Object.entries(counts)) {
    if (!n) continue;
    const [one, many] = nouns[key as keyof typeof nouns] ?? [key, key];
    parts.push(`${n} ${n === 1 ? one : many}`);
  }
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * Deletes `targets` (records with their cascade, personas from the map) in one transaction
 * and keeps what was removed in the trash, so anyone can restore it with `restoreFromTrash`.
 * Expired and surplus entries are dropped in the same transaction. Returns the entry, or null
 * when nothing existed to delete.
 */
export function deleteToTrash(
  doc: Y.Doc,
  targets: readonly DeleteTarget[],
  label: string,
  by: string,
  origin: TxOrigin,
  now = Date.now(),
): TrashEntry | null {
  const entry: TrashEntry = {
    id: newId(),
    label,
    by,
    deletedAt: now,
    counts: deletionImpact(doc, targets),
    records: [],
    owners: [],
    personas: [],
  };
  const seen = new Set<string>();
  const roleIds = new Set<string>();
  const personaIds = new Set<string>();
  for (const t of targets) {
    if (t.kind === 'persona') {
      const index = personasOf(doc).findIndex((p) => p.id === t.id);
      if (index >= 0 && !personaIds.has(t.id)) {
        personaIds.add(t.id);
        entry.personas.push({ persona: personasOf(doc)[index]!, index });
      }
      continue;
    }
    if (t.kind === 'roles') roleIds.add(t.id);
    for (const [k, i] of cascadeOf(doc, t.kind, t.id)) {
      const key = `${k}/${i}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entry.records.push({ kind: k, id: i, fields: rawRecord(collection(doc, k).get(i)) as Record<string, unknown> });
    }
  }
  if (!entry.records.length && !entry.personas.length) return null;
  for (const [kind, field] of ROLE_FIELDS) {
    collection(doc, kind).forEach((v, id) => {
      const roleId = v instanceof Y.Map ? v.get(field) : null;
      if (typeof roleId === 'string' && roleIds.has(roleId) && !seen.has(`${kind}/${id}`)) {
        entry.owners.push({ kind, id, field, roleId });
      }
    });
  }
  doc.transact(() => {
    for (const r of entry.records) collection(doc, r.kind).delete(r.id);
    for (const o of entry.owners) collection(doc, o.kind).get(o.id)?.set(o.field, null);
    if (personaIds.size)
      metaMap(doc).set(
        'personas',
        personasOf(doc).filter((p) => !personaIds.has(p.id)),
      );
    const trash = trashMap(doc);
    const keep = readTrash(doc, now).slice(0, TRASH_MAX_ENTRIES - 1);
    const kept = new Set(keep.map((e) => e.id));
    for (const id of [...trash.keys()]) if (!kept.has(id)) trash.delete(id);
    const { id, ...stored } = entry;
    trash.set(id, stored);
  }, origin);
  return entry;
}

/**
 * Puts back what a trash entry holds (records that are still absent, role references that
 * are still unset, personas that are missing) and removes the entry, in one transaction. Returns how many
 * records and personas came back, or null when the entry is gone (someone restored it already,
 * or it expired).
 */
export function restoreFromTrash(doc: Y.Doc, entryId: string, origin: TxOrigin, now = Date.now()): number | null {
  const entry = readTrash(doc, now).find((e) => e.id === entryId);
  if (!entry) return null;
  let restored = 0;
  doc.transact(() => {
    for (const r of entry.records) {
      const coll = collection(doc, r.kind);
      // Only records that are valid now come back (an entry is data anyone on the map could write).
      if (coll.has(r.id) || !recordSchemas[r.kind].safeParse({ ...r.fields, id: r.id }).success) continue;
      const fields = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ ...r.fields, id: r.id })) fields.set(k, v);
      coll.set(r.id, fields);
      restored++;
    }
    for (const o of entry.owners) {
      const target = collection(doc, o.kind).get(o.id);
      if (target instanceof Y.Map && (target.get(o.field) ?? null) === null) target.set(o.field, o.roleId);
    }
    if (entry.personas.length) {
      const personas = [...personasOf(doc)];
      for (const { persona, index } of [...entry.personas].sort((a, b) => a.index - b.index)) {
        if (personas.some((p) => p.id === persona.id)) continue;
        personas.splice(Math.min(index, personas.length), 0, persona);
        restored++;
      }
      metaMap(doc).set('personas', personas);
    }
    trashMap(doc).delete(entryId);
  }, origin);
  return restored;
}

/** Calls `listener` when the trash changes; returns the unsubscribe function. */
export function observeTrash(doc: Y.Doc, listener: () => void): () => void {
  const map = trashMap(doc);
  const on = () => listener();
  map.observe(on);
  return () => map.unobserve(on);
}
