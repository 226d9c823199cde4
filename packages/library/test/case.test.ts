import { describe, expect, it } from 'vitest';
import {
  CASE_ITEM_TYPES,
  builtinLibrary,
  caseDocumentIdentifier,
  exportCase,
  importCase,
  isUuid,
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

  it('rejects a competency without five levels, naming it and the JSON path', () => {
    const broken = structuredClone(pkg);
    broken.CFRubrics[2]!.CFRubricCriteria![0]!.CFRubricCriterionLevels!.pop();
    const errors = errorsOf(importCase(broken));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('CFRubrics[2].CFRubricCriteria[0].CFRubricCriterionLevels');
    expect(errors[0]!.message).toContain(`competency "${builtinLibrary[2]!.id}" has 4 levels`);
  });

  it('rejects a competency with no rubric, duplicate ids and empty behaviours, with paths', () => {
    const broken = structuredClone(pkg);
    broken.CFRubrics.splice(0, 1);
    const items = broken.CFItems.filter((i) => i.CFItemType === 'Competency');
    items[3]!.humanCodingScheme = items[1]!.humanCodingScheme!;
    broken.CFRubrics[4]!.CFRubricCriteria![0]!.CFRubricCriterionLevels![1]!.description = '  \n ';
    const errors = errorsOf(importCase(broken));
    const firstIndex = broken.CFItems.indexOf(items[0]!);
    expect(errors).toEqual([
      { path: `CFItems[${firstIndex}]`, message: expect.stringContaining('has no rubric criterion') },
      {
        path: `CFItems[${firstIndex + 3}].humanCodingScheme`,
        message: expect.stringContaining('duplicate competency id'),
      },
      {
        path: 'CFRubrics[4].CFRubricCriteria[0].CFRubricCriterionLevels[1].description',
        message: expect.stringContaining('level 2, behaviours'),
      },
    ]);
  });

  it('reports structural problems and bad JSON', () => {
    expect(errorsOf(importCase({ CFItems: [] }))[0]!.path).toBe('CFDocument');
    const noStatement = structuredClone(pkg) as unknown as { CFItems: Record<string, unknown>[] };
    delete noStatement.CFItems[4]!.fullStatement;
    expect(errorsOf(importCase(noStatement))[0]!.path).toBe('CFItems[4].fullStatement');
    expect(errorsOf(importCase('{"CFDocument": '))[0]!.message).toMatch(/not valid JSON/);
    const empty = { ...structuredClone(pkg), CFItems: [], CFRubrics: [] };
    expect(errorsOf(importCase(empty))[0]!.message).toMatch(/no competencies found/);
  });
});
