import type { Competency, CompetencyKind } from '@journeycraft/schema';

/** The `source` of every competency in the built-in library. */
export const BUILTIN_SOURCE = 'Journeycraft built-in library v1';

type Five<T> = readonly [T, T, T, T, T];

/**
 * Names of the five proficiency levels, per kind. Individual competencies (WHAT, HOW) run from
 * "Developing" to "Expert" / "Role model"; organisational ones describe maturity.
 */
export const LEVEL_NAMES: Record<CompetencyKind, Five<string>> = {
  what: ['Developing', 'Capable', 'Proficient', 'Advanced', 'Expert'],
  how: ['Developing', 'Capable', 'Proficient', 'Advanced', 'Role model'],
  org: ['Emerging', 'Developing', 'Established', 'Advanced', 'Leading'],
};

/** The authoring shape of a built-in competency: behaviours for levels 1..5. */
export interface CompetencySpec {
  id: string;
  name: string;
  category: string;
  definition: string;
  levels: Five<readonly string[]>;
}

/** Builds a built-in competency of the given kind with the standard level names. */
export function define(kind: CompetencyKind, spec: CompetencySpec): Competency {
  return {
    id: spec.id,
    kind,
    name: spec.name,
    category: spec.category,
    definition: spec.definition,
    levels: spec.levels.map((behaviours, i) => ({
      level: i + 1,
      name: LEVEL_NAMES[kind][i]!,
      behaviours: [...behaviours],
    })),
    source: BUILTIN_SOURCE,
  };
}
