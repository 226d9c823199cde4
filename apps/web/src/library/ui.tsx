import type { CompetencyKind } from '@journeycraft/schema';
import type { LibraryOrigin } from './api';

/** WHAT / HOW / ORG as people read them. */
export const kindLabels: Record<CompetencyKind, string> = { what: 'WHAT', how: 'HOW', org: 'ORG' };

/** What each kind covers, for section headings and hints. */
export const kindDescriptions: Record<CompetencyKind, string> = {
  what: 'Tasks, knowledge and technical skill',
  how: 'Interpersonal behaviours with the customer and the team',
  org: 'Organisational competencies, assessed for the map or the organisation',
};

export const KINDS: readonly CompetencyKind[] = ['what', 'how', 'org'];

export const originLabels: Record<LibraryOrigin, string> = {
  builtin: 'Built-in',
  modified: 'Built-in, edited',
  workspace: "Team's own",
};

/** A small WHAT / HOW / ORG badge. */
export function KindBadge({ kind }: { kind: CompetencyKind }) {
  return <span className={`kind-badge kind-${kind}`}>{kindLabels[kind]}</span>;
}

/** "L3" in a chip whose colour deepens with the level. */
export function LevelChip({ level, name }: { level: number; name?: string }) {
  return (
    <span className={`level-chip level-${level}`} title={name ? `Level ${level}: ${name}` : `Level ${level}`}>
      L{level}
      {name ? <span className="level-chip-name">· {name}</span> : null}
    </span>
  );
}
