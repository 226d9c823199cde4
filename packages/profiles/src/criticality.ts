import { isOverCapacity, type MapSnapshot, type Role } from '@journeycraft/schema';
import { byMapOrder, indexMap, type MapIndex } from './map-index.js';
import { compareNames, compareStrings, formatNumber } from './order.js';
import type { CriticalityFactor, CriticalityReason, RankedRole, RoleCriticality, TouchpointRef } from './types.js';

/** A role scoring at or above this is critical (so is any role touching a moment of truth). */
export const CRITICAL_THRESHOLD = 50;

/** The most each factor can add; they sum to 100. */
export const CRITICALITY_WEIGHTS: Readonly<Record<CriticalityFactor, number>> = {
  moments_of_truth: 35,
  touchpoint_share: 25,
  customer_facing: 15,
  over_capacity: 15,
  bench_strength: 10,
};

/** Points for touching 0, 1, 2, 3 or more moments of truth: the first one matters most. */
export const MOMENT_OF_TRUTH_POINTS: readonly number[] = [0, 20, 30, 35];

/** Points for 0, 1, 2 or more of the role's touchpoints being over capacity. */
export const OVER_CAPACITY_POINTS: readonly number[] = [0, 10, 15];

function stepped(table: readonly number[], count: number): number {
  return table[Math.min(count, table.length - 1)]!;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function titles(refs: readonly TouchpointRef[]): string {
  return refs.map((r) => r.title).join(', ');
}

/** The seats a role has to fill: its headcount or incumbents, whichever is larger, at least 1. */
export function seatsOf(role: Role): number {
  return Math.max(role.headcount, role.incumbents, 1);
}

function benchText(role: Role): string {
  const seats = seatsOf(role);
  const ready =
    role.readySuccessors === 0
      ? 'no ready successor'
      : plural(role.readySuccessors, 'ready successor', 'ready successors');
  return `${ready} for ${plural(seats, 'seat', 'seats')} (headcount ${role.headcount}, ${plural(role.incumbents, 'incumbent', 'incumbents')})`;
}

/** Criticality of one role over an index built once. */
export function criticalityOf(index: MapIndex, role: Role): RoleCriticality {
  const links = index.linksByRole.get(role.id);
  const touchpointIds = links ? [...links.keys()].sort(byMapOrder(index)) : [];
  const touchpoints = touchpointIds.map((id) => index.touchpoints.get(id)!);
  const count = touchpoints.length;
  const total = index.orderedTouchpoints.length;
  const linked = count > 0;

  const momentsOfTruth = touchpoints.filter((t) => t.momentOfTruth).map((t) => index.refs.get(t.id)!);
  const overCapacity = touchpoints.filter((t) => isOverCapacity(t));

  const reasons: CriticalityReason[] = [];
  const add = (factor: CriticalityFactor, weight: number, detail: string): void => {
    reasons.push({ factor, weight, max: CRITICALITY_WEIGHTS[factor], detail });
  };

  const m = momentsOfTruth.length;
  add(
    'moments_of_truth',
    stepped(MOMENT_OF_TRUTH_POINTS, m),
    m === 0
      ? 'touches no moment of truth'
      : `touches ${plural(m, 'moment of truth', 'moments of truth')}: ${titles(momentsOfTruth)}`,
  );

  add(
    'touchpoint_share',
    total === 0 ? 0 : Math.round((CRITICALITY_WEIGHTS.touchpoint_share * count) / total),
    total === 0
      ? 'the map has no touchpoints yet'
      : count === 0
        ? `touches none of the ${plural(total, 'touchpoint', 'touchpoints')} on the map`
        : `touches ${count} of ${plural(total, 'touchpoint', 'touchpoints')} on the map (${Math.round((100 * count) / total)}%)`,
  );

  const frontstage = role.visibility === 'frontstage';
  add(
    'customer_facing',
    linked && frontstage ? CRITICALITY_WEIGHTS.customer_facing : 0,
    !frontstage
      ? 'backstage: not seen by the customer'
      : linked
        ? 'frontstage: seen by the customer'
        : 'frontstage, but linked to no touchpoint on this map (not counted)',
  );

  const o = overCapacity.length;
  add(
    'over_capacity',
    stepped(OVER_CAPACITY_POINTS, o),
    o === 0
      ? 'no touchpoint of this role is over capacity'
      : `demand outruns capacity at ${plural(o, 'touchpoint', 'touchpoints')}: ` +
          overCapacity
            .map((t) => {
              const dc = t.demandCapacity!;
              const ratio = dc.capacity === 0 ? 'no capacity' : `${formatNumber(dc.demand / dc.capacity)}×`;
              return `${t.title} (${dc.demand} against ${dc.capacity} per ${dc.period}, ${ratio})`;
            })
            .join(', '),
  );

  const seats = seatsOf(role);
  const cover = Math.min(role.readySuccessors, seats) / seats;
  add(
    'bench_strength',
    linked ? Math.round(CRITICALITY_WEIGHTS.bench_strength * (1 - cover)) : 0,
    linked ? benchText(role) : `${benchText(role)}; not counted: linked to no touchpoint on this map`,
  );

  const score = Math.min(
    100,
    reasons.reduce((sum, r) => sum + r.weight, 0),
  );
  const critical = score >= CRITICAL_THRESHOLD || m > 0;
  const why =
    m > 0 && score >= CRITICAL_THRESHOLD
      ? `critical (score ${score}, ${plural(m, 'moment of truth', 'moments of truth')})`
      : m > 0
        ? `critical (touches ${plural(m, 'moment of truth', 'moments of truth')})`
        : `critical (score ${score}, threshold ${CRITICAL_THRESHOLD})`;
  const successionRisk = critical && role.readySuccessors === 0;
  const successionReason = !critical
    ? null
    : successionRisk
      ? `${why} with no ready successor`
      : `${why}, covered by ${plural(role.readySuccessors, 'ready successor', 'ready successors')}`;

  return {
    roleId: role.id,
    score,
    critical,
    reasons,
    successionRisk,
    successionReason,
    touchpointCount: count,
    momentsOfTruth,
  };
}

/**
 * How critical a role is to the customer experience, as a 0..100 score with its reasons
 * (see CONTEXT.md for the formula). Null when the role is not on the map.
 */
export function roleCriticality(map: MapSnapshot, roleId: string): RoleCriticality | null {
  const index = indexMap(map);
  const role = index.roles.get(roleId);
  return role ? criticalityOf(index, role) : null;
}

/**
 * Every role on the map, most critical first; equal scores are ordered by name
 * (case-insensitive) then id and share a rank.
 */
export function rankRoles(map: MapSnapshot): RankedRole[] {
  const index = indexMap(map);
  const scored = [...index.roles.values()].map((role) => ({ role, criticality: criticalityOf(index, role) }));
  scored.sort(
    (a, b) =>
      b.criticality.score - a.criticality.score ||
      compareNames(a.role.name, b.role.name) ||
      compareStrings(a.role.id, b.role.id),
  );
  return scored.map((s) => ({
    rank: 1 + scored.filter((o) => o.criticality.score > s.criticality.score).length,
    role: s.role,
    criticality: s.criticality,
  }));
}
