import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Competency } from '@journeycraft/schema';
import {
  CASE_ITEM_TYPES,
  builtinLibrary,
  caseDocumentIdentifier,
  exportCase,
  importCase,
  isUuid,
  mapLevelsOntoFive,
  previewCase,
  toCasePackage,
} from '../src/index.js';
import type { CfPackage } from '../src/index.js';

const WHEN = '2026-01-15T09:30:00.000Z';
const pkg = toCasePackage(builtinLibrary, { lastChangeDateTime: WHEN, title: 'Service competencies' });

function errorsOf(result: ReturnType<typeof importCase>) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

function expectFields(obj: object, fields: string[], where: string) {
  for (const f of fields) {
    const value = (obj as Record<string, unknown>)[f];
    expect(value, `${where}.${f}`).toBeDefined();
    expect(value, `${where}.${f}`).not.toBe('');
  }
}

describe('CASE 1.1 export', () => {
  it('writes a CFDocument with the required fields', () => {
    expectFields(pkg.CFDocument, ['identifier', 'uri', 'creator', 'title', 'lastChangeDateTime'], 'CFDocument');
    expect(pkg.CFDocument.caseVersion).toBe('1.1');
    expect(pkg.CFDocument.identifier).toBe(caseDocumentIdentifier('Service competencies'));
    expect(pkg.CFDocument.lastChangeDateTime).toBe(WHEN);
  });

  it('writes one Competency CFItem per competency, with the required fields', () => {
    const competencies = pkg.CFItems.filter((i) => i.CFItemType === CASE_ITEM_TYPES.competency);
    expect(competencies).toHaveLength(builtinLibrary.length);
    competencies.forEach((item, i) => {
      const c = builtinLibrary[i]!;
      expectFields(item, ['identifier', 'uri', 'fullStatement', 'lastChangeDateTime'], `CFItems(${c.id})`);
      expect(item).toMatchObject({
        humanCodingScheme: c.id,
        abbreviatedStatement: c.name,
        fullStatement: c.definition,
        CFItemTypeURI: { title: 'Competency' },
      });
      expect('CFDocumentURI' in item).toBe(false); // package form (CFPckgItem) has none
    });
    // Grouping items: one domain per kind and one item per category.
    const domains = pkg.CFItems.filter((i) => i.CFItemType === CASE_ITEM_TYPES.domain);
    expect(domains.map((d) => d.humanCodingScheme)).toEqual(['WHAT', 'HOW', 'ORG']);
    const categories = new Set(builtinLibrary.map((c) => `${c.kind}/${c.category}`));
    expect(pkg.CFItems.filter((i) => i.CFItemType === CASE_ITEM_TYPES.category)).toHaveLength(categories.size);
  });

  it('links every item into one tree with isChildOf associations', () => {
    const items = new Set(pkg.CFItems.map((i) => i.identifier));
    for (const a of pkg.CFAssociations) {
      expectFields(
        a,
        ['identifier', 'uri', 'associationType', 'originNodeURI', 'destinationNodeURI', 'lastChangeDateTime'],
        'CFAssociation',
      );
      expect(a.associationType).toBe('isChildOf');
      expect(items.has(a.originNodeURI.identifier)).toBe(true);
      expect(
        items.has(a.destinationNodeURI.identifier) || a.destinationNodeURI.identifier === pkg.CFDocument.identifier,
      ).toBe(true);
      for (const link of [a.originNodeURI, a.destinationNodeURI])
        expectFields(link, ['title', 'identifier', 'uri'], 'link');
    }
    expect(pkg.CFAssociations).toHaveLength(pkg.CFItems.length);
  });

  it('writes a rubric per competency with five criterion levels holding the behaviours', () => {
    expect(pkg.CFRubrics).toHaveLength(builtinLibrary.length);
    pkg.CFRubrics.forEach((rubric, i) => {
      const c = builtinLibrary[i]!;
      expectFields(rubric, ['identifier', 'uri', 'lastChangeDateTime', 'title'], 'CFRubric');
      const [criterion, ...rest] = rubric.CFRubricCriteria!;
      expect(rest).toHaveLength(0);
      expectFields(
        criterion!,
        ['identifier', 'uri', 'lastChangeDateTime', 'CFItemURI', 'rubricId'],
        'CFRubricCriterion',
      );
      expect(criterion!.rubricId).toBe(rubric.identifier);
      expect(criterion!.CFItemURI!.identifier).toBe(
        pkg.CFItems.find((item) => item.humanCodingScheme === c.id)!.identifier,
      );
      const levels = criterion!.CFRubricCriterionLevels!;
      expect(levels).toHaveLength(5);
      levels.forEach((level, n) => {
        expectFields(
          level,
          ['identifier', 'uri', 'lastChangeDateTime', 'quality', 'description'],
          'CFRubricCriterionLevel',
        );
        expect(level).toMatchObject({
          score: n + 1,
          position: n + 1,
          quality: c.levels[n]!.name,
          description: c.levels[n]!.behaviours.join('\n'),
          rubricCriterionId: criterion!.identifier,
        });
      });
    });
  });

  it('uses unique, valid and stable UUIDs', () => {
    const ids: string[] = [
      pkg.CFDocument.identifier,
      ...pkg.CFItems.map((i) => i.identifier),
      ...pkg.CFAssociations.map((a) => a.identifier),
      ...pkg.CFDefinitions.CFItemTypes.map((t) => t.identifier),
      ...pkg.CFRubrics.flatMap((r) => [
        r.identifier,
        ...r.CFRubricCriteria!.flatMap((c) => [c.identifier, ...c.CFRubricCriterionLevels!.map((l) => l.identifier)]),
      ]),
    ];
    for (const id of ids) expect(isUuid(id), id).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // The same input gives the same package; a competency keeps its identifier when others change.
    expect(toCasePackage(builtinLibrary, { lastChangeDateTime: WHEN, title: 'Service competencies' })).toEqual(pkg);
    const smaller = toCasePackage(builtinLibrary.slice(5), { lastChangeDateTime: WHEN, title: 'Service competencies' });
    const idOf = (p: CfPackage, code: string) => p.CFItems.find((i) => i.humanCodingScheme === code)!.identifier;
    expect(idOf(smaller, builtinLibrary[7]!.id)).toBe(idOf(pkg, builtinLibrary[7]!.id));
    // A different key gives a different document.
    expect(toCasePackage(builtinLibrary, { key: 'other' }).CFDocument.identifier).not.toBe(pkg.CFDocument.identifier);
  });

  it('uses urn:uuid URIs by default and the base URI when given', () => {
    expect(pkg.CFDocument.uri).toBe(`urn:uuid:${pkg.CFDocument.identifier}`);
    const withBase = toCasePackage(builtinLibrary.slice(0, 1), { baseUri: 'https://case.example/ims/case/v1p1/' });
    expect(withBase.CFItems[0]!.uri).toBe(
      `https://case.example/ims/case/v1p1/CFItems/${withBase.CFItems[0]!.identifier}`,
    );
  });
});

describe('CASE 1.1 import', () => {
  it('round-trips the built-in library', () => {
    expect(importCase(exportCase(builtinLibrary))).toEqual({ ok: true, competencies: builtinLibrary });
    expect(importCase({ CFPackage: pkg })).toEqual({ ok: true, competencies: builtinLibrary });
  });

  it('reads kind, category and source from the tree and the document when extensions are absent', () => {
    const foreign = structuredClone(pkg);
    for (const item of foreign.CFItems) delete item.extensions;
    const result = importCase(foreign);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.competencies.map((c) => [c.id, c.kind, c.category])).toEqual(
      builtinLibrary.map((c) => [c.id, c.kind, c.category]),
    );
    expect(result.competencies.every((c) => c.source === 'Service competencies')).toBe(true);
  });

  it('reads a minimal foreign package: items found through rubric criteria, levels ordered by score', () => {
    const item = (identifier: string, code: string, statement: string) => ({
      identifier,
      uri: `urn:uuid:${identifier}`,
      humanCodingScheme: code,
      fullStatement: statement,
      lastChangeDateTime: WHEN,
    });
    const levels = [3, 1, 5, 2, 4].map((score) => ({
      identifier: `00000000-0000-4000-8000-00000000000${score}`,
      uri: 'urn:x',
      lastChangeDateTime: WHEN,
      score,
      quality: `Q${score}`,
      description: `- First at ${score}\n- Second at ${score}\n`,
    }));
    const foreign = {
      CFDocument: { identifier: 'd', uri: 'urn:d', title: 'Acme skills', creator: 'Acme', lastChangeDateTime: WHEN },
      CFItems: [item('i1', 'COMM.1', 'Writes clearly to customers.')],
      CFRubrics: [
        {
          identifier: 'r',
          uri: 'urn:r',
          lastChangeDateTime: WHEN,
          CFRubricCriteria: [
            {
              identifier: 'c',
              uri: 'urn:c',
              lastChangeDateTime: WHEN,
              CFItemURI: { identifier: 'i1', title: 'x', uri: 'urn:i1' },
              CFRubricCriterionLevels: levels,
            },
          ],
        },
      ],
    };
    const result = importCase(JSON.stringify(foreign), { defaultKind: 'how' });
    expect(result).toEqual({
      ok: true,
      competencies: [
        {
          id: 'COMM-1',
          kind: 'how',
          name: 'Writes clearly to customers.',
          category: '',
          definition: 'Writes clearly to customers.',
          levels: [1, 2, 3, 4, 5].map((n) => ({
            level: n,
            name: `Q${n}`,
            behaviours: [`First at ${n}`, `Second at ${n}`],
          })),
          source: 'Acme skills',
        },
      ],
    });
  });

  it('maps a rubric of any length onto five levels and shows the mapping', () => {
    const changed = structuredClone(pkg);
    const levels = changed.CFRubrics[2]!.CFRubricCriteria![0]!.CFRubricCriterionLevels!;
    levels.pop(); // four levels: 1, 2, 3, 4
    const result = previewCase(changed);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = builtinLibrary[2]!;
    const entry = result.preview.entries.find((e) => e.id === c.id)!;
    expect(entry).toMatchObject({ levelsFrom: 'rubric', sourceLevels: 4 });
    const names = c.levels.map((l) => l.name);
    expect(entry.mapping).toEqual([
      { level: 1, from: [names[0]] },
      { level: 2, from: [names[1]] },
      { level: 3, from: [], between: true },
      { level: 4, from: [names[2]] },
      { level: 5, from: [names[3]] },
    ]);
    const imported = result.preview.competencies.find((x) => x.id === c.id)!;
    expect(imported.levels[3]!.behaviours).toEqual(c.levels[2]!.behaviours);
    expect(imported.levels[2]!.name).toBe(`Between ${names[1]} and ${names[2]}`);
    expect(result.preview.competencies).toHaveLength(builtinLibrary.length);
  });

  it('merges seven levels and spreads three, lowest to 1 and highest to 5', () => {
    const seven = mapLevelsOntoFive(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => ({ name: n, behaviours: [`does ${n}`] })),
    );
    expect(seven.mapping.map((m) => m.from)).toEqual([['a', 'b'], ['c'], ['d', 'e'], ['f'], ['g']]);
    expect(seven.levels[0]).toEqual({ level: 1, name: 'a / b', behaviours: ['does a', 'does b'] });
    const three = mapLevelsOntoFive(['low', 'mid', 'high'].map((n) => ({ name: n, behaviours: [`is ${n}`] })));
    expect(three.mapping).toEqual([
      { level: 1, from: ['low'] },
      { level: 2, from: [], between: true },
      { level: 3, from: ['mid'] },
      { level: 4, from: [], between: true },
      { level: 5, from: ['high'] },
    ]);
    expect(three.levels.every((l) => l.behaviours.length > 0)).toBe(true);
  });

  it('takes numbers written as strings and orders levels by score', () => {
    const changed = structuredClone(pkg) as unknown as {
      CFAssociations: Record<string, unknown>[];
      CFRubrics: { CFRubricCriteria: { CFRubricCriterionLevels: Record<string, unknown>[] }[] }[];
    };
    for (const a of changed.CFAssociations) a.sequenceNumber = String(a.sequenceNumber);
    const levels = changed.CFRubrics[0]!.CFRubricCriteria[0]!.CFRubricCriterionLevels;
    for (const l of levels) {
      l.score = String(l.score);
      l.position = String(l.position);
    }
    levels.reverse();
    expect(importCase(changed)).toEqual({ ok: true, competencies: builtinLibrary });
  });

  it('reads levels from hasSkillLevel associations, ordered by their sequence numbers', () => {
    const link = (identifier: string) => ({ identifier, title: identifier, uri: `urn:${identifier}` });
    const item = (identifier: string, fullStatement: string, extra: object = {}) => ({
      identifier,
      uri: `urn:${identifier}`,
      fullStatement,
      lastChangeDateTime: WHEN,
      ...extra,
    });
    const foreign = {
      CFDocument: {
        identifier: 'doc',
        uri: 'urn:doc',
        title: 'Skills',
        creator: 'x',
        lastChangeDateTime: WHEN,
        caseVersion: '1.1',
      },
      CFItems: [
        item('skill', 'Resolves billing disputes.', { CFItemType: 'Skill', humanCodingScheme: 'BILL.1' }),
        item('l-hi', 'Resolves the hardest disputes alone.', {
          abbreviatedStatement: 'Advanced',
          CFItemType: 'Skill Level',
        }),
        item('l-lo', 'Resolves simple disputes with help.', {
          abbreviatedStatement: 'Basic',
          CFItemType: 'Skill Level',
        }),
      ],
      CFAssociations: [
        {
          identifier: 'a1',
          uri: 'urn:a1',
          lastChangeDateTime: WHEN,
          associationType: 'hasSkillLevel',
          originNodeURI: link('skill'),
          destinationNodeURI: link('l-hi'),
          sequenceNumber: '2',
        },
        {
          identifier: 'a2',
          uri: 'urn:a2',
          lastChangeDateTime: WHEN,
          associationType: 'hasSkillLevel',
          originNodeURI: link('skill'),
          destinationNodeURI: link('l-lo'),
          sequenceNumber: '1',
        },
      ],
    };
    const result = previewCase(foreign);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.preview.caseVersion).toBe('1.1');
    expect(result.preview.competencies).toHaveLength(1); // the level items are not competencies
    const [c] = result.preview.competencies;
    expect(c).toMatchObject({ id: 'BILL-1', itemType: 'Skill', name: 'Resolves billing disputes.' });
    expect(c!.levels[0]).toEqual({ level: 1, name: 'Basic', behaviours: ['Resolves simple disputes with help.'] });
    expect(c!.levels[4]).toEqual({ level: 5, name: 'Advanced', behaviours: ['Resolves the hardest disputes alone.'] });
    expect(result.preview.entries[0]).toMatchObject({ levelsFrom: 'skill-levels', sourceLevels: 2 });
  });

  it('imports what is valid and says what it drops, with paths and reasons', () => {
    const broken = structuredClone(pkg) as unknown as {
      CFItems: Record<string, unknown>[];
      CFRubrics: { CFRubricCriteria: { CFRubricCriterionLevels: Record<string, unknown>[] }[] }[];
    };
    const compIndex = (n: number) => broken.CFItems.findIndex((i) => i.humanCodingScheme === builtinLibrary[n]!.id);
    delete broken.CFItems[compIndex(0)]!.fullStatement;
    broken.CFRubrics[4]!.CFRubricCriteria[0]!.CFRubricCriterionLevels[1]!.description = '  \n ';
    const result = importCase(broken);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.competencies.map((c) => c.id)).toEqual(
      builtinLibrary.filter((_, i) => i !== 0 && i !== 4).map((c) => c.id),
    );
    expect(result.dropped).toEqual([
      { path: `CFItems[${compIndex(0)}].fullStatement`, message: expect.stringContaining('no fullStatement') },
      { path: 'CFRubrics[0].CFRubricCriteria[0]', message: expect.stringContaining('is dropped') },
      {
        path: 'CFRubrics[4].CFRubricCriteria[0].CFRubricCriterionLevels[1]',
        message: expect.stringContaining('describes no behaviour'),
      },
    ]);
  });

  it('gives an item without levels five generic levels, and a duplicate code its identifier', () => {
    const changed = structuredClone(pkg);
    changed.CFRubrics.splice(0, 1);
    const items = changed.CFItems.filter((i) => i.CFItemType === 'Competency');
    items[3]!.humanCodingScheme = items[1]!.humanCodingScheme!;
    const result = previewCase(changed);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const first = result.preview.entries.find((e) => e.id === builtinLibrary[0]!.id)!;
    expect(first).toMatchObject({ levelsFrom: 'generic', sourceLevels: 0 });
    const generic = result.preview.competencies.find((c) => c.id === builtinLibrary[0]!.id)!;
    expect(generic.levels.map((l) => l.name)).toEqual(['Developing', 'Capable', 'Proficient', 'Advanced', 'Expert']);
    expect(result.preview.competencies.map((c) => c.id)).toContain(items[3]!.identifier);
  });

  it('reports what is not a package and bad JSON', () => {
    expect(errorsOf(importCase({ CFItems: [] }))[0]!.path).toBe('CFDocument');
    expect(errorsOf(importCase({ CFDocument: {} }))[0]!.path).toBe('CFItems');
    expect(errorsOf(importCase('{"CFDocument": '))[0]!.message).toMatch(/not valid JSON/);
    const empty = { ...structuredClone(pkg), CFItems: [], CFRubrics: [] };
    expect(errorsOf(importCase(empty))[0]!.message).toMatch(/no competencies found/);
    const allBad = { CFDocument: { title: 't' }, CFItems: [{ identifier: 'x' }, 7] };
    const errors = errorsOf(importCase(allBad));
    expect(errors.map((e) => e.path)).toEqual(['CFItems', 'CFItems[0].fullStatement', 'CFItems[1]']);
  });

  it('keeps the item type through our own export and back', () => {
    const typed = builtinLibrary.slice(0, 2).map((c) => ({ ...c, itemType: 'Standard' }));
    expect(importCase(exportCase(typed))).toEqual({ ok: true, competencies: typed });
  });
});

/** Packages published by real CASE servers, kept in test/fixtures (sources in its README). */
describe('CASE packages from standards servers', () => {
  const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
  const typesOf = (competencies: readonly Competency[]) => {
    const out: Record<string, number> = {};
    for (const c of competencies) out[c.itemType ?? '(none)'] = (out[c.itemType ?? '(none)'] ?? 0) + 1;
    return out;
  };

  it('OpenSALT sample framework (CASE 1.0, string sequence numbers, Standard/Component items)', () => {
    const text = fixture('opensalt-sample-framework.json');
    expect(text).toContain('"sequenceNumber": "1"');
    const result = previewCase(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.preview).toMatchObject({ caseVersion: '1.0', title: 'What Standards Could Be', groups: 4 });
    expect(result.preview.competencies).toHaveLength(12);
    expect(typesOf(result.preview.competencies)).toEqual({ Standard: 4, Component: 8 });
    expect(result.preview.entries.every((e) => e.levelsFrom === 'generic')).toBe(true);
    expect(result.preview.dropped.map((d) => d.label).sort()).toEqual([
      'exactMatchOf',
      'exemplar',
      'isRelatedTo',
      'precedes',
    ]);
    // Standards sit under their cluster, which becomes the category.
    expect(result.preview.competencies.every((c) => c.category.length > 0)).toBe(true);
  });

  it('Smarter Balanced item specification (CASE 1.0, thirteen item types)', () => {
    const result = previewCase(fixture('smarter-balanced-math-claim.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.preview.caseVersion).toBe('1.0');
    expect(result.preview.competencies).toHaveLength(36);
    expect(result.preview.groups).toBe(12);
    expect(typesOf(result.preview.competencies)).toEqual({
      Clarification: 1,
      'General Requirements': 6,
      Accessibility: 4,
      'Range ALD': 4,
      'Evidence Required': 3,
      'Task Description': 3,
      Example: 7,
      Stimulus: 3,
      'Allowable Tools': 3,
      'Measured Skill': 2,
    });
  });

  it('OpenSALT item-type and sequence-number test frameworks', () => {
    const typed = importCase(fixture('opensalt-item-type-test.json'));
    expect(typed).toMatchObject({ ok: true, competencies: [{ itemType: 'Standard', name: 'Item 1' }] });
    const sequenced = importCase(fixture('opensalt-sequence-number-test.json'));
    expect(sequenced.ok && sequenced.competencies.map((c) => c.id)).toEqual(['SNT-1', 'SNT-2']);
  });
});
