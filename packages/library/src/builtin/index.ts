import type { Competency, CompetencyKind } from '@journeycraft/schema';
import { howCompetencies } from './how.js';
import { orgCompetencies } from './org.js';
import { whatCompetencies } from './what.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The whole built-in library, WHAT then HOW then ORG. Frozen: clone before editing. */
export const builtinLibrary: readonly Competency[] = deepFreeze([
  ...whatCompetencies,
  ...howCompetencies,
  ...orgCompetencies,
]);

const byId = new Map(builtinLibrary.map((c) => [c.id, c]));

/** A built-in competency by id, or undefined. */
export function getBuiltinCompetency(id: string): Competency | undefined {
  return byId.get(id);
}

/** The built-in competencies of one kind. */
export function builtinByKind(kind: CompetencyKind): readonly Competency[] {
  return builtinLibrary.filter((c) => c.kind === kind);
}

/** A mutable deep copy of the built-in library, e.g. to seed a workspace library. */
export function cloneBuiltinLibrary(): Competency[] {
  return builtinLibrary.map((c) => structuredClone(c));
}
