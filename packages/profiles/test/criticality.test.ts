import { describe, expect, it } from 'vitest';
import type { MapSnapshot } from '@journeycraft/schema';
import { CRITICALITY_WEIGHTS, CRITICAL_THRESHOLD, rankRoles, roleCriticality } from '../src/index.js';
import { makeMap, reversed, supportLine } from './fixtures.js';

function withRole(map: MapSnapshot, id: string, patch: Partial<MapSnapshot['roles'][number]>): MapSnapshot {
  return { ...map, roles: map.roles.map((r) => (r.id === id ? { ...r, ...patch } : r)) };
}

describe('roleCriticality', () => {
  it('weights sum to 100 and the threshold is 50', () => {
    expect(Object.values(CRITICALITY_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(CRITICAL_THRESHOLD).toBe(50);
  });

  it('scores the Agent with every reason spelled out', () => {
    const c = roleCriticality(supportLine(), 'r1')!;
    expect(c.reasons).toEqual([
      {
        factor: 'moments_of_truth',
        weight: 20,
        max: 35,
        detail: 'touches 1 moment of truth: Billing dispute call',
      },
      { factor: 'touchpoint_share', weight: 13, max: 25, detail: 'touches 2 of 4 touchpoints on the map (50%)' },
      { factor: 'customer_facing', weight: 15, max: 15, detail: 'frontstage: seen by the customer' },
      {
        factor: 'over_capacity',
        weight: 15,
        max: 15,
        detail:
          'demand outruns capacity at 2 touchpoints: Call answered (120 against 100 per hour, 1.2×), ' +
          'Billing dispute call (30 against 20 per day, 1.5×)',
      },
      {
        factor: 'bench_strength',
        weight: 10,
        max: 10,
        detail: 'no ready successor for 10 seats (headcount 10, 8 incumbents)',
      },
    ]);
    expect(c.score).toBe(73);
    expect(c.critical).toBe(true);
    expect(c.touchpointCount).toBe(2);
    expect(c.momentsOfTruth.map((t) => t.id)).toEqual(['t2']);
  });

  it('flags succession risk for a critical role with no ready successor', () => {
    const c = roleCriticality(supportLine(), 'r1')!;
    expect(c.successionRisk).toBe(true);
    expect(c.successionReason).toBe('critical (score 73, 1 moment of truth) with no ready successor');
  });

  it('does not flag it once the role has ready successors (and the bench factor drops)', () => {
    const c = roleCriticality(withRole(supportLine(), 'r1', { readySuccessors: 2 }), 'r1')!;
    expect(c.reasons[4]).toEqual({
      factor: 'bench_strength',
      weight: 8,
      max: 10,
      detail: '2 ready successors for 10 seats (headcount 10, 8 incumbents)',
    });
    expect(c.score).toBe(71);
    expect(c.critical).toBe(true);
    expect(c.successionRisk).toBe(false);
    expect(c.successionReason).toBe('critical (score 71, 1 moment of truth), covered by 2 ready successors');
  });

  it('counts a role touching a moment of truth as critical even under the threshold', () => {
    // Billing specialist: MoT 20 + share round(25·2/4)=13 + backstage 0 + 1 over capacity 10 + bench round(10·(1−1/2))=5.
    const c = roleCriticality(supportLine(), 'r2')!;
    expect(c.reasons.map((r) => r.weight)).toEqual([20, 13, 0, 10, 5]);
    expect(c.score).toBe(48);
    expect(c.critical).toBe(true);
    expect(c.successionRisk).toBe(false);
    expect(c.successionReason).toBe('critical (touches 1 moment of truth), covered by 1 ready successor');

    const bare = roleCriticality(withRole(supportLine(), 'r2', { readySuccessors: 0 }), 'r2')!;
    expect(bare.score).toBe(53);
    expect(bare.successionRisk).toBe(true);
    expect(bare.successionReason).toBe('critical (score 53, 1 moment of truth) with no ready successor');
  });

  it('flags a role critical by score alone, without a moment of truth', () => {
    // 3 touchpoints, all this role's: share 25, frontstage 15, 2 over capacity 15, no successor 10 = 65.
    const map = makeMap({
      stages: [{ id: 's', title: 'S', order: 0 }],
      touchpoints: ['a', 'b', 'c'].map((id, i) => ({
        id,
        stageId: 's',
        laneId: 'l',
        title: id.toUpperCase(),
        order: i,
        demandCapacity: id === 'c' ? null : { demand: 5, capacity: 4, period: 'week' as const },
      })),
      roles: [{ id: 'r', name: 'Clerk', headcount: 1, incumbents: 1, readySuccessors: 0 }],
      assignments: ['a', 'b', 'c'].map((t) => ({ id: `x${t}`, touchpointId: t, roleId: 'r' })),
    });
    const c = roleCriticality(map, 'r')!;
    expect(c.reasons.map((r) => r.weight)).toEqual([0, 25, 15, 15, 10]);
    expect(c.score).toBe(65);
    expect(c.successionReason).toBe('critical (score 65, threshold 50) with no ready successor');
  });

  it('scores a role with no touchpoints 0 and says why', () => {
    const c = roleCriticality(supportLine(), 'r3')!;
    expect(c.reasons).toEqual([
      { factor: 'moments_of_truth', weight: 0, max: 35, detail: 'touches no moment of truth' },
      { factor: 'touchpoint_share', weight: 0, max: 25, detail: 'touches none of the 4 touchpoints on the map' },
      {
        factor: 'customer_facing',
        weight: 0,
        max: 15,
        detail: 'frontstage, but linked to no touchpoint on this map (not counted)',
      },
      { factor: 'over_capacity', weight: 0, max: 15, detail: 'no touchpoint of this role is over capacity' },
      {
        factor: 'bench_strength',
        weight: 0,
        max: 10,
        detail:
          'no ready successor for 1 seat (headcount 1, 1 incumbent); not counted: linked to no touchpoint on this map',
      },
    ]);
    expect(c).toMatchObject({ score: 0, critical: false, successionRisk: false, successionReason: null });
  });

  it('uses the larger of headcount and incumbents as seats, at least one', () => {
    const base = makeMap({
      stages: [{ id: 's', title: 'S', order: 0 }],
      touchpoints: [{ id: 't', stageId: 's', laneId: 'l', title: 'T' }],
      roles: [{ id: 'r', name: 'R', visibility: 'backstage', headcount: 0, incumbents: 0, readySuccessors: 0 }],
      assignments: [{ id: 'x', touchpointId: 't', roleId: 'r' }],
    });
    const bench = (patch: Partial<MapSnapshot['roles'][number]>) =>
      roleCriticality(withRole(base, 'r', patch), 'r')!.reasons[4]!;
    expect(bench({}).weight).toBe(10);
    expect(bench({}).detail).toBe('no ready successor for 1 seat (headcount 0, 0 incumbents)');
    expect(bench({ readySuccessors: 1 }).weight).toBe(0);
    expect(bench({ headcount: 4, incumbents: 3, readySuccessors: 1 }).weight).toBe(8); // round(10·3/4)=7.5→8
    expect(bench({ headcount: 2, incumbents: 5, readySuccessors: 1 }).weight).toBe(8); // 5 seats
    expect(bench({ headcount: 2, readySuccessors: 9 }).weight).toBe(0);
  });

  it('caps moments of truth at 3 and over-capacity at 2', () => {
    const map = makeMap({
      stages: [{ id: 's', title: 'S', order: 0 }],
      touchpoints: ['a', 'b', 'c', 'd'].map((id, i) => ({
        id,
        stageId: 's',
        laneId: 'l',
        title: id,
        order: i,
        momentOfTruth: true,
        demandCapacity: { demand: 2, capacity: 1, period: 'day' as const },
      })),
      roles: [{ id: 'r', name: 'R', readySuccessors: 1 }],
      assignments: ['a', 'b', 'c', 'd'].map((t) => ({ id: `x${t}`, touchpointId: t, roleId: 'r' })),
    });
    const c = roleCriticality(map, 'r')!;
    expect(c.reasons.map((r) => r.weight)).toEqual([35, 25, 15, 15, 0]);
    expect(c.score).toBe(90);
    expect(c.reasons[0]!.detail).toBe('touches 4 moments of truth: a, b, c, d');
  });

  it('returns null for an unknown role and handles a map without touchpoints', () => {
    expect(roleCriticality(supportLine(), 'nobody')).toBeNull();
    const empty = makeMap({ roles: [{ id: 'r', name: 'R' }] });
    expect(roleCriticality(empty, 'r')!.reasons[1]!.detail).toBe('the map has no touchpoints yet');
    expect(roleCriticality(empty, 'r')!.score).toBe(0);
  });
});

describe('rankRoles', () => {
  it('sorts by score, then name, then id, including roles without touchpoints; equal scores share a rank', () => {
    expect(rankRoles(supportLine()).map((r) => [r.rank, r.role.name, r.criticality.score])).toEqual([
      [1, 'Agent', 73],
      [2, 'Billing specialist', 48],
      [3, 'Analyst', 0],
      [3, 'Trainer', 0],
    ]);
  });

  it('breaks ties by name (case-insensitive) then id', () => {
    const map = makeMap({
      stages: [{ id: 's', title: 'S', order: 0 }],
      touchpoints: [
        { id: 'a', stageId: 's', laneId: 'l', title: 'A', momentOfTruth: true },
        { id: 'b', stageId: 's', laneId: 'l', title: 'B' },
      ],
      roles: [
        { id: 'z1', name: 'bravo' },
        { id: 'y2', name: 'Alpha' },
        { id: 'y1', name: 'Alpha' },
        { id: 'x', name: 'alpha' },
        { id: 'top', name: 'Zulu' },
      ],
      assignments: [
        { id: 'q1', touchpointId: 'b', roleId: 'z1' },
        { id: 'q2', touchpointId: 'b', roleId: 'y2' },
        { id: 'q3', touchpointId: 'b', roleId: 'y1' },
        { id: 'q4', touchpointId: 'b', roleId: 'x' },
        { id: 'q5', touchpointId: 'a', roleId: 'top' },
      ],
    });
    const ranked = rankRoles(map);
    expect(ranked.map((r) => [r.rank, r.role.id, r.criticality.score])).toEqual([
      [1, 'top', 58], // MoT 20 + share round(12.5)=13 + frontstage 15 + no successor 10
      [2, 'y1', 38], // share 13 + frontstage 15 + no successor 10
      [2, 'y2', 38],
      [2, 'x', 38],
      [2, 'z1', 38],
    ]);
    expect(rankRoles(reversed(map))).toEqual(ranked);
  });
});
