import { describe, expect, it } from 'vitest';
import { buildRoleProfile, buildRoleProfiles, metricGoalText, type RoleProfile } from '../src/index.js';
import { competency, makeMap, reversed, supportLine } from './fixtures.js';

const t1 = { id: 't1', title: 'Call answered', stageId: 's1', stageTitle: 'Contact', momentOfTruth: false };
const t2 = { id: 't2', title: 'Billing dispute call', stageId: 's2', stageTitle: 'Resolve', momentOfTruth: true };
const t3 = { id: 't3', title: 'Refund processed', stageId: 's2', stageTitle: 'Resolve', momentOfTruth: false };

function agent(): RoleProfile {
  const profile = buildRoleProfile(supportLine(), 'r1');
  if (!profile) throw new Error('Agent profile missing');
  return profile;
}

describe('buildRoleProfile: touchpoints', () => {
  it('lists the role touchpoints in map order with involvement, stage, moment of truth, emotion and capacity', () => {
    const p = agent();
    expect(p.mapTitle).toBe('Support line');
    expect(p.role.name).toBe('Agent');
    expect(p.touchpoints).toEqual([
      {
        ...t1,
        laneId: 'l1',
        channel: 'phone',
        involvement: 'owner',
        linkedBy: ['assignment', 'requirement'],
        emotion: 0,
        demandCapacity: { demand: 120, capacity: 100, period: 'hour' },
        overCapacity: true,
      },
      {
        ...t2,
        laneId: 'l1',
        channel: 'phone',
        involvement: 'performs',
        linkedBy: ['assignment', 'requirement'],
        emotion: -2,
        demandCapacity: { demand: 30, capacity: 20, period: 'day' },
        overCapacity: true,
      },
    ]);
  });

  it('links a touchpoint through ownerRoleId alone, as owner', () => {
    const p = buildRoleProfile(supportLine(), 'r2')!;
    expect(p.touchpoints.map((t) => [t.id, t.involvement, t.linkedBy, t.overCapacity])).toEqual([
      ['t2', 'supports', ['assignment', 'requirement'], true],
      ['t3', 'owner', ['owner', 'requirement'], false],
    ]);
  });

  it('returns null for a role that is not on the map', () => {
    expect(buildRoleProfile(supportLine(), 'nobody')).toBeNull();
  });
});

describe('buildRoleProfile: competencies', () => {
  it('aggregates by competency: the highest level wins and every requirement is evidence', () => {
    const { competencies } = agent();
    const summary = (list: typeof competencies.what) =>
      list.map((c) => ({ id: c.competency.id, level: c.level, levelsRequired: c.levelsRequired }));
    expect(summary(competencies.what)).toEqual([{ id: 'c1', level: 3, levelsRequired: [3, 2] }]);
    // Both HOW competencies at level 4: ordered by name.
    expect(summary(competencies.how)).toEqual([
      { id: 'c3', level: 4, levelsRequired: [4] },
      { id: 'c2', level: 4, levelsRequired: [4, 3] },
    ]);
    expect(summary(competencies.org)).toEqual([{ id: 'c4', level: 2, levelsRequired: [2] }]);
  });

  it('keeps the level and behaviour expected at each touchpoint, in map order', () => {
    const empathy = agent().competencies.how.find((c) => c.competency.id === 'c2')!;
    expect(empathy.evidence).toEqual([
      { requirementId: 'q1', touchpoint: t1, level: 3, behaviour: 'greets by name' },
      { requirementId: 'q2', touchpoint: t2, level: 4, behaviour: 'acknowledges frustration before facts' },
    ]);
    expect(empathy.levelName).toBe('Level 4');
    expect(empathy.levelBehaviours).toEqual(['Empathy behaviour at 4']);
    expect(empathy.competency.name).toBe('Empathy');
  });

  it('handles a competency required at several levels on the same touchpoint', () => {
    const map = makeMap({
      stages: [{ id: 's', title: 'Stage', order: 0 }],
      touchpoints: [
        { id: 'a', stageId: 's', laneId: 'l', title: 'A', order: 1 },
        { id: 'b', stageId: 's', laneId: 'l', title: 'B', order: 2 },
      ],
      roles: [{ id: 'r', name: 'Role' }],
      assignments: [
        { id: 'x1', touchpointId: 'a', roleId: 'r' },
        { id: 'x2', touchpointId: 'b', roleId: 'r' },
      ],
      competencies: [competency('c', 'how', 'Listening'), competency('d', 'what', 'Systems')],
      requirements: [
        { id: 'q1', touchpointId: 'b', roleId: 'r', competencyId: 'c', level: 2, behaviour: 'b low' },
        { id: 'q2', touchpointId: 'a', roleId: 'r', competencyId: 'c', level: 1, behaviour: 'a low' },
        { id: 'q3', touchpointId: 'b', roleId: 'r', competencyId: 'c', level: 5, behaviour: 'b high' },
        { id: 'q4', touchpointId: 'a', roleId: 'r', competencyId: 'd', level: 5 },
      ],
    });
    const p = buildRoleProfile(map, 'r')!;
    const listening = p.competencies.how[0]!;
    expect(listening.level).toBe(5);
    expect(listening.levelsRequired).toEqual([5, 2, 1]);
    expect(listening.evidence.map((e) => [e.touchpoint.id, e.level, e.behaviour])).toEqual([
      ['a', 1, 'a low'],
      ['b', 5, 'b high'],
      ['b', 2, 'b low'],
    ]);
    expect(p.competencies.what.map((c) => [c.competency.id, c.level])).toEqual([['d', 5]]);
    expect(p.competencies.org).toEqual([]);
  });
});

describe('buildRoleProfile: goals and checklist', () => {
  it('turns standards and metrics into goals: non-negotiable standards first, each naming its touchpoint', () => {
    const goals = agent().goals;
    expect(goals.map((g) => [g.kind, g.id, g.text, g.touchpoint.title, g.involvement])).toEqual([
      ['standard', 't2:std1', 'Never transfer an angry customer twice', 'Billing dispute call', 'performs'],
      ['standard', 't1:std0', 'Answer within three rings', 'Call answered', 'owner'],
      ['standard', 't2:std2', "Use the customer's name", 'Billing dispute call', 'performs'],
      ['metric', 't1:m0', 'Abandon rate', 'Call answered', 'owner'],
      ['metric', 't2:m1', 'Hold time: < 2 min', 'Billing dispute call', 'performs'],
    ]);
    expect(goals[0]).toMatchObject({ kind: 'standard', standardId: 'std1', nonNegotiable: true });
    expect(goals[4]).toEqual({
      kind: 'metric',
      id: 't2:m1',
      text: 'Hold time: < 2 min',
      touchpoint: t2,
      involvement: 'performs',
      metricId: 'm1',
      name: 'Hold time',
      target: '< 2',
      unit: 'min',
      source: 'ACD',
      hasTarget: true,
    });
    expect(goals[3]).toMatchObject({ hasTarget: false, target: '' });
  });

  it('writes metric goals without repeating the unit', () => {
    expect(metricGoalText('Hold time', '< 2 min', '')).toBe('Hold time: < 2 min');
    expect(metricGoalText('Hold time', '< 2 min', 'min')).toBe('Hold time: < 2 min');
    expect(metricGoalText('Hold time', '< 2', 'min')).toBe('Hold time: < 2 min');
    expect(metricGoalText('CSAT', '  ', '%')).toBe('CSAT');
  });

  it('gives the checklist items of owned touchpoints only, daily before weekly', () => {
    const p = agent();
    expect(p.checklist.map((c) => [c.item.id, c.item.cadence, c.touchpoint.id])).toEqual([
      ['k1', 'daily', 't1'],
      ['k2', 'weekly', 't1'],
    ]);
    expect(p.checklist[0]!.item.measuredBy).toBe('queue report');
    // Owner via touchpoint.ownerRoleId.
    expect(buildRoleProfile(supportLine(), 'r2')!.checklist).toEqual([
      {
        item: { id: 'k3', touchpointId: 't3', text: 'Audit refunds', cadence: 'monthly', measuredBy: '' },
        touchpoint: t3,
      },
    ]);
  });
});

describe('buildRoleProfile: a role with no touchpoints', () => {
  it('is empty but complete', () => {
    const p = buildRoleProfile(supportLine(), 'r3')!;
    expect(p.touchpoints).toEqual([]);
    expect(p.competencies).toEqual({ what: [], how: [], org: [] });
    expect(p.goals).toEqual([]);
    expect(p.checklist).toEqual([]);
    expect(p.problems).toEqual([]);
    expect(p.criticality.score).toBe(0);
    expect(p.criticality.critical).toBe(false);
    expect(p.criticality.successionRisk).toBe(false);
  });
});

describe('buildRoleProfile: problems and determinism', () => {
  it('reports the dangling requirements of this role and skips them', () => {
    const p = agent();
    expect(p.problems.map((x) => [x.code, x.record.id, x.missing, x.skipped])).toEqual([
      ['dangling_reference', 'q8', { kind: 'competencies', id: 'c99' }, true],
      ['dangling_reference', 'q9', { kind: 'touchpoints', id: 't9' }, true],
    ]);
    // q8 (level 5) and q9 (level 5) changed nothing: Product knowledge stays at 3.
    expect(p.competencies.what[0]!.level).toBe(3);
  });

  it('gives the same profile whatever the order of the collections', () => {
    const map = supportLine();
    for (const id of ['r1', 'r2', 'r3', 'r4']) {
      expect(buildRoleProfile(reversed(map), id)).toEqual(buildRoleProfile(map, id));
    }
  });

  it('builds every profile, ordered by name', () => {
    expect(buildRoleProfiles(supportLine()).map((p) => p.role.name)).toEqual([
      'Agent',
      'Analyst',
      'Billing specialist',
      'Trainer',
    ]);
  });
});
