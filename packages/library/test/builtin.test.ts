import { describe, expect, it } from 'vitest';
import { CompetencySchema } from '@journeycraft/schema';
import {
  BUILTIN_SOURCE,
  LEVEL_NAMES,
  builtinByKind,
  builtinLibrary,
  cloneBuiltinLibrary,
  getBuiltinCompetency,
} from '../src/index.js';

describe('built-in library', () => {
  it('has at least 36 competencies with every kind present', () => {
    expect(builtinLibrary.length).toBeGreaterThanOrEqual(36);
    for (const kind of ['what', 'how', 'org'] as const) expect(builtinByKind(kind).length).toBeGreaterThan(0);
  });

  it.each(builtinLibrary.map((c) => [c.id, c] as const))('%s parses with CompetencySchema unchanged', (_id, c) => {
    const parsed = CompetencySchema.safeParse(c);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(parsed.data).toEqual(c);
  });

  it('has unique kebab-case ids', () => {
    const ids = builtinLibrary.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('anchors every level with 2-4 observable behaviours and the standard level names', () => {
    for (const c of builtinLibrary) {
      expect(c.source).toBe(BUILTIN_SOURCE);
      expect(c.category).not.toBe('');
      expect(c.definition.length).toBeGreaterThan(40);
      expect(c.levels.map((l) => l.name)).toEqual([...LEVEL_NAMES[c.kind]]);
      for (const level of c.levels) {
        expect(level.behaviours.length, `${c.id} level ${level.level}`).toBeGreaterThanOrEqual(2);
        expect(level.behaviours.length, `${c.id} level ${level.level}`).toBeLessThanOrEqual(4);
        for (const b of level.behaviours) {
          expect(b, `${c.id} level ${level.level}`).toMatch(/^[A-Z].*[.)]$/);
          expect(b).not.toContain('|');
        }
      }
      const all = c.levels.flatMap((l) => l.behaviours);
      expect(new Set(all).size, `${c.id} repeats a behaviour`).toBe(all.length);
    }
  });

  it('covers the competencies the product brief names', () => {
    for (const id of [
      'product-service-knowledge',
      'order-billing-systems',
      'policy-compliance-knowledge',
      'case-documentation',
      'technical-troubleshooting',
      'data-privacy-handling',
      'listening-carefully',
      'warmth',
      'taking-immediate-action',
      'empathy',
      'defusing-anger',
      'problem-solving',
      'clear-explanation',
      'ownership-follow-through',
      'composure-under-pressure',
      'adapting-to-the-customer',
      'frontstage-backstage-teamwork',
      'purposeful-leadership',
      'living-the-brand-promise',
      'customer-connectedness',
      'employee-engagement',
    ]) {
      expect(getBuiltinCompetency(id), id).toBeDefined();
    }
  });

  it('is frozen, and clones are independent', () => {
    expect(Object.isFrozen(builtinLibrary)).toBe(true);
    expect(Object.isFrozen(builtinLibrary[0]!.levels[0]!.behaviours)).toBe(true);
    const copy = cloneBuiltinLibrary();
    copy[0]!.levels[0]!.behaviours.push('Extra.');
    expect(builtinLibrary[0]!.levels[0]!.behaviours).not.toContain('Extra.');
  });
});
