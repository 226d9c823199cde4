import type { MapStore } from '@journeycraft/doc';
import type { MapSnapshot } from '@journeycraft/schema';
import type { VersionDiff } from './api';

/** One named change between a version and the live map. */
export interface DiffLine {
  change: 'added' | 'changed' | 'removed';
  kind: string;
  name: string;
}

const KINDS: ReadonlyArray<[keyof MapSnapshot, string]> = [
  ['stages', 'Stage'],
  ['lanes', 'Lane'],
  ['touchpoints', 'Touchpoint'],
  ['roles', 'Role'],
  ['competencies', 'Competency'],
  ['notes', 'Note'],
];

function nameOf(record: unknown): string | null {
  if (!record || typeof record !== 'object') return null;
  const r = record as { title?: unknown; name?: unknown; text?: unknown };
  const value = r.title ?? r.name ?? r.text;
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 80) : null;
}

/**
 * Names what a diff added, changed and removed (the kinds people recognise by name): added and
 * changed records are looked up on the live map, removed ones in the old version.
 */
export function describeDiff(diff: VersionDiff, old: MapSnapshot, store: MapStore): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const [kind, label] of KINDS) {
    const entry = diff.kinds[kind];
    if (!entry) continue;
    const before = new Map((old[kind] as Array<{ id: string }>).map((r) => [r.id, r]));
    const now = (id: string) => store.getRecord(kind as 'stages', id);
    for (const id of entry.added) lines.push({ change: 'added', kind: label, name: nameOf(now(id)) ?? id });
    for (const id of entry.changed) {
      lines.push({ change: 'changed', kind: label, name: nameOf(now(id)) ?? nameOf(before.get(id)) ?? id });
    }
    for (const id of entry.removed) lines.push({ change: 'removed', kind: label, name: nameOf(before.get(id)) ?? id });
  }
  return lines;
}
