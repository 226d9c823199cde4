import { describe, expect, it } from 'vitest';
import { buildRoleProfile, capacityWarnings, coverageMatrix, coverageSupply, mapProblems } from '../src/index.js';
import { competency, makeMap, reversed, supportLine } from './fixtures.js';

describe('coverageMatrix', () => {
  it('has every role as a row and every competency as a column, in a stable order', () => {
    const m = coverageMatrix(supportLine());
    expect(m.roles.map((r) => r.id)).toEqual(['r1', 'r4', 'r2', 'r3']); // Agent, Analyst, Billing specialist, Trainer
    // WHAT (Billing systems, Product knowledge), HOW (Defusing anger, Empathy, Warmth), ORG (Brand promise).
    expect(m.competencies.map((c) => c.id)).toEqual(['c5', 'c1', 'c3', 'c2', 'c6', 'c4']);
    expect(coverageMatrix(reversed(supportLine()))).toEqual(m);
  });

  it('puts the highest required level in each cell with the touchpoints as evidence', () => {
    const { cells } = coverageMatrix(supportLine());
    const levels = cells.map((row) => row.map((cell) => cell?.level ?? 0));
    expect(levels).toEqual([
      [0, 3, 4, 4, 0, 2], // Agent
      [0, 0, 0, 0, 0, 0], // Analyst
      [4, 0, 0, 0, 0, 0], // Billing specialist
      [0, 0, 0, 0, 0, 0], // Trainer
    ]);
    expect(cells[0]![3]).toEqual({ roleId: 'r1', competencyId: 'c2', level: 4, touchpointIds: ['t1', 't2'] });
    expect(cells[0]![1]).toEqual({ roleId: 'r1', competencyId: 'c1', level: 3, touchpointIds: ['t1', 't2'] });
    expect(cells[2]![0]).toEqual({ roleId: 'r2', competencyId: 'c5', level: 4, touchpointIds: ['t2', 't3'] });
  });

  it('reports the gaps', () => {
    const { gaps } = coverageMatrix(supportLine());
    expect(gaps.touchpointsWithoutRoles).toEqual([
      { id: 't4', title: 'Satisfaction survey', stageId: 's3', stageTitle: 'Follow-up', momentOfTruth: true },
    ]);
    expect(gaps.touchpointsWithoutOwner.map((t) => t.id)).toEqual(['t2']);
    expect(gaps.rolesWithoutCompetencies.map((r) => r.name)).toEqual(['Analyst', 'Trainer']);
    expect(gaps.competenciesNotRequired.map((c) => c.name)).toEqual(['Warmth']);
    expect(gaps.missingCompetencies).toEqual([
      { competencyId: 'c99', requirementIds: ['q8'], roleIds: ['r1'], touchpointIds: ['t2'] },
    ]);
  });

  it('works on an empty map', () => {
    const m = coverageMatrix(makeMap({}));
    expect(m).toEqual({
      roles: [],
      competencies: [],
      cells: [],
      gaps: {
        touchpointsWithoutRoles: [],
        touchpointsWithoutOwner: [],
        rolesWithoutCompetencies: [],
        competenciesNotRequired: [],
        missingCompetencies: [],
      },
      problems: [],
    });
  });
});

describe('capacityWarnings', () => {
  it('lists over-capacity touchpoints, worst ratio first, with the roles affected', () => {
    expect(capacityWarnings(supportLine())).toEqual([
      {
        touchpoint: {
          id: 't2',
          title: 'Billing dispute call',
          stageId: 's2',
          stageTitle: 'Resolve',
          momentOfTruth: true,
        },
        demand: 30,
        capacity: 20,
        period: 'day',
        ratio: 1.5,
        excess: 10,
        roles: [
          { roleId: 'r1', name: 'Agent', involvement: 'performs' },
          { roleId: 'r2', name: 'Billing specialist', involvement: 'supports' },
        ],
        message: 'Billing dispute call: demand 30 per day against capacity 20 (1.5×)',
      },
      {
        touchpoint: { id: 't1', title: 'Call answered', stageId: 's1', stageTitle: 'Contact', momentOfTruth: false },
        demand: 120,
        capacity: 100,
        period: 'hour',
        ratio: 1.2,
        excess: 20,
        roles: [{ roleId: 'r1', name: 'Agent', involvement: 'owner' }],
        message: 'Call answered: demand 120 per hour against capacity 100 (1.2×)',
      },
    ]);
  });

  it('puts no capacity at all first, keeps map order on equal ratios, ignores demand equal to capacity', () => {
    const map = makeMap({
      stages: [{ id: 's', title: 'S', order: 0 }],
      touchpoints: [
        { id: 'b', stageId: 's', laneId: 'l', title: 'B', order: 2, demandCapacity: { demand: 4, capacity: 2 } },
        { id: 'a', stageId: 's', laneId: 'l', title: 'A', order: 1, demandCapacity: { demand: 2, capacity: 1 } },
        { id: 'z', stageId: 's', laneId: 'l', title: 'Z', order: 3, demandCapacity: { demand: 1, capacity: 0 } },
        { id: 'e', stageId: 's', laneId: 'l', title: 'E', order: 4, demandCapacity: { demand: 3, capacity: 3 } },
        { id: 'n', stageId: 's', laneId: 'l', title: 'N', order: 5 },
      ],
    });
    const warnings = capacityWarnings(map);
    expect(warnings.map((w) => [w.touchpoint.id, w.ratio, w.roles])).toEqual([
      ['z', null, []],
      ['a', 2, []],
      ['b', 2, []],
    ]);
    expect(warnings[0]!.message).toBe('Z: demand 1 per day against capacity 0 (no capacity at all)');
  });
});

describe('problems', () => {
  it('reports dangling references across the map, sorted, without throwing', () => {
    expect(mapProblems(supportLine())).toEqual([
      {
        code: 'dangling_reference',
        record: { kind: 'requirements', id: 'q10' },
        missing: { kind: 'roles', id: 'rX' },
        roleId: null,
        skipped: true,
        message: 'requirement "q10" points at role "rX", which is not on this map; it is skipped',
      },
      {
        code: 'dangling_reference',
        record: { kind: 'requirements', id: 'q8' },
        missing: { kind: 'competencies', id: 'c99' },
        roleId: 'r1',
        skipped: true,
        message: 'requirement "q8" points at competency "c99", which is not on this map; it is skipped',
      },
      {
        code: 'dangling_reference',
        record: { kind: 'requirements', id: 'q9' },
        missing: { kind: 'touchpoints', id: 't9' },
        roleId: 'r1',
        skipped: true,
        message: 'requirement "q9" points at touchpoint "t9", which is not on this map; it is skipped',
      },
      {
        code: 'dangling_reference',
        record: { kind: 'checklistItems', id: 'k5' },
        missing: { kind: 'touchpoints', id: 't9' },
        roleId: null,
        skipped: true,
        message: 'checklist item "k5" points at touchpoint "t9", which is not on this map; it is skipped',
      },
    ]);
    expect(coverageMatrix(supportLine()).problems).toEqual(mapProblems(supportLine()));
  });

  it('survives a map of broken links and reports each one', () => {
    const map = makeMap({
      stages: [{ id: 's', title: 'S', order: 0 }],
      touchpoints: [
        { id: 't', stageId: 's', laneId: 'l', title: 'T', ownerRoleId: 'ghost' },
        { id: 'u', stageId: 'gone', laneId: 'l', title: 'U' },
      ],
      roles: [{ id: 'r', name: 'R' }],
      assignments: [
        { id: 'a1', touchpointId: 'nowhere', roleId: 'r' },
        { id: 'a2', touchpointId: 't', roleId: 'ghost' },
        { id: 'a3', touchpointId: 't', roleId: 'r', involvement: 'supports' },
        { id: 'a4', touchpointId: 't', roleId: 'r', involvement: 'owner' },
      ],
      competencies: [],
      requirements: [
        { id: 'q1', touchpointId: 'nowhere', roleId: 'ghost', competencyId: 'none', level: 3 },
        { id: 'q2', touchpointId: 'u', roleId: 'r', competencyId: 'none', level: 3 },
      ],
    });
    expect(mapProblems(map).map((p) => [p.code, p.record.id, p.missing?.kind ?? null, p.roleId, p.skipped])).toEqual([
      ['dangling_reference', 't', 'roles', null, false],
      ['dangling_reference', 'u', 'stages', null, false],
      ['dangling_reference', 'a1', 'touchpoints', 'r', true],
      ['dangling_reference', 'a2', 'roles', null, true],
      ['duplicate_assignment', 'a4', null, 'r', false],
      ['dangling_reference', 'q1', 'touchpoints', null, true],
      ['dangling_reference', 'q1', 'roles', null, true],
      ['dangling_reference', 'q1', 'competencies', null, true],
      ['dangling_reference', 'q2', 'competencies', 'r', true],
    ]);
    const m = coverageMatrix(map);
    expect(m.gaps.touchpointsWithoutRoles.map((t) => [t.id, t.stageTitle])).toEqual([['u', '']]);
    expect(m.gaps.missingCompetencies).toEqual([
      { competencyId: 'none', requirementIds: ['q1', 'q2'], roleIds: ['ghost', 'r'], touchpointIds: ['nowhere', 'u'] },
    ]);
    // The duplicate assignment keeps the strongest involvement.
    expect(buildRoleProfile(map, 'r')!.touchpoints.map((t) => [t.id, t.involvement, t.linkedBy])).toEqual([
      ['t', 'owner', ['assignment']],
    ]);
  });

  it('counts a requirement for an unassigned role, as performs, and warns once per touchpoint', () => {
    const map = makeMap({
      stages: [{ id: 's', title: 'S', order: 0 }],
      touchpoints: [{ id: 't', stageId: 's', laneId: 'l', title: 'T', demandCapacity: { demand: 2, capacity: 1 } }],
      roles: [{ id: 'r', name: 'R' }],
      competencies: [competency('c', 'how', 'Empathy'), competency('d', 'what', 'Tools')],
      requirements: [
        { id: 'q2', touchpointId: 't', roleId: 'r', competencyId: 'd', level: 2 },
        { id: 'q1', touchpointId: 't', roleId: 'r', competencyId: 'c', level: 3 },
      ],
    });
    expect(mapProblems(map)).toEqual([
      {
        code: 'unassigned_requirement',
        record: { kind: 'requirements', id: 'q1' },
        missing: null,
        roleId: 'r',
        skipped: false,
        message:
          'requirement "q1" names role "r" at touchpoint "t", where the role is not assigned; it is counted as "performs"',
      },
    ]);
    const p = buildRoleProfile(map, 'r')!;
    expect(p.touchpoints.map((t) => [t.id, t.involvement, t.linkedBy])).toEqual([['t', 'performs', ['requirement']]]);
    expect(p.problems.map((x) => x.code)).toEqual(['unassigned_requirement']);
    expect(capacityWarnings(map)[0]!.roles).toEqual([{ roleId: 'r', name: 'R', involvement: 'performs' }]);
    expect(coverageMatrix(map).gaps.touchpointsWithoutRoles).toEqual([]);
    expect(coverageMatrix(map).gaps.touchpointsWithoutOwner.map((t) => t.id)).toEqual(['t']);
  });
});

describe('coverageSupply', () => {
  // Agent (r1, headcount 10): c1 at 3, c3 at 4, c2 at 4, c4 at 2. Billing specialist (r2, headcount 2): c5 at 4.
  const matrix = coverageMatrix(supportLine());
  const a = (person: string, roleId: string, competencyId: string, level: number) => ({
    person,
    roleId,
    competencyId,
    level,
  });

  it('counts the people at or above the required level and the shortfall against headcount', () => {
    const supply = coverageSupply(matrix, [
      a('Ana', 'r1', 'c2', 4), // meets 4
      a('Ben', 'r1', 'c2', 5), // above
      a('Cleo', 'r1', 'c2', 3), // below
      a('Ana', 'r1', 'c1', 3), // meets 3
      a('Dev', 'r2', 'c5', 4),
      a('Eli', 'r2', 'c5', 4),
      a('Eli', 'r2', 'c5', 1), // Eli's later assessment wins: below
    ]);
    expect(supply.cells[0]![3]).toEqual({
      roleId: 'r1',
      competencyId: 'c2',
      requiredLevel: 4,
      required: 10,
      supply: 2,
      assessed: 3,
      shortfall: 8,
    });
    expect(supply.cells[0]![1]).toMatchObject({ requiredLevel: 3, supply: 1, assessed: 1, shortfall: 9 });
    expect(supply.cells[0]![2]).toMatchObject({ requiredLevel: 4, supply: 0, assessed: 0, shortfall: 10 });
    expect(supply.cells[2]![0]).toMatchObject({ required: 2, supply: 1, assessed: 2, shortfall: 1 });
    // Cells the matrix leaves empty stay empty.
    expect(supply.cells[1]!.every((c) => c === null)).toBe(true);
    expect(supply.cells[0]![0]).toBeNull();
    expect(supply.peopleByRole).toEqual({ r1: 3, r2: 2, r3: 0, r4: 0 });
    expect(supply.totalShortfall).toBe(8 + 9 + 10 + 10 + 1);
    expect(supply.maxShortfall).toBe(10);
  });

  it('never goes below zero and ignores what the map does not require', () => {
    const many = Array.from({ length: 3 }, (_, i) => a(`P${i}`, 'r2', 'c5', 5));
    const supply = coverageSupply(matrix, [
      ...many,
      a('X', 'rX', 'c5', 5), // unknown role
      a('Y', 'r2', 'c404', 5), // unknown competency
      a('Z', 'r2', 'c1', 5), // on the map, not required of r2
    ]);
    expect(supply.cells[2]![0]).toMatchObject({ required: 2, supply: 3, shortfall: 0 });
    expect(supply.ignored).toEqual({ unknownRole: 1, unknownCompetency: 1, notRequired: 1 });
    expect(supply.peopleByRole.r2).toBe(4);
  });

  it('with no assessments the shortfall is the headcount of every required cell', () => {
    const supply = coverageSupply(matrix, []);
    expect(
      supply.cells
        .flat()
        .filter((c) => c !== null)
        .map((c) => c!.shortfall),
    ).toEqual([10, 10, 10, 10, 2]);
  });
});
