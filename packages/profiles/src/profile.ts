import {
  isOverCapacity,
  type Competency,
  type Involvement,
  type Level,
  type MapSnapshot,
  type Requirement,
  type Role,
} from '@journeycraft/schema';
import { criticalityOf } from './criticality.js';
import { byMapOrder, indexMap, type MapIndex } from './map-index.js';
import { cadenceRank, compareNames, compareStrings } from './order.js';
import type {
  CompetenciesByKind,
  Goal,
  MetricGoal,
  OwnedChecklistItem,
  RequiredCompetency,
  RoleProfile,
  RoleTouchpoint,
  StandardGoal,
} from './types.js';

/** The role's touchpoints in map order. */
function touchpointsOf(index: MapIndex, role: Role): RoleTouchpoint[] {
  const links = index.linksByRole.get(role.id);
  if (!links) return [];
  return [...links.keys()].sort(byMapOrder(index)).map((id) => {
    const t = index.touchpoints.get(id)!;
    const link = links.get(id)!;
    return {
      ...index.refs.get(id)!,
      laneId: t.laneId,
      channel: t.channel,
      involvement: link.involvement,
      linkedBy: link.linkedBy,
      emotion: t.emotion,
      demandCapacity: t.demandCapacity,
      overCapacity: isOverCapacity(t),
    };
  });
}

/** Sorts required competencies: highest level first, then name (case-insensitive), then id. */
function compareRequired(a: RequiredCompetency, b: RequiredCompetency): number {
  return (
    b.level - a.level ||
    compareNames(a.competency.name, b.competency.name) ||
    compareStrings(a.competency.id, b.competency.id)
  );
}

/** Aggregates requirements by competency: the highest level wins, every requirement is evidence. */
export function aggregateRequirements(index: MapIndex, requirements: readonly Requirement[]): RequiredCompetency[] {
  const groups = new Map<string, Requirement[]>();
  for (const r of requirements) {
    let list = groups.get(r.competencyId);
    if (!list) groups.set(r.competencyId, (list = []));
    list.push(r);
  }
  const order = byMapOrder(index);
  const out: RequiredCompetency[] = [];
  for (const [competencyId, list] of groups) {
    const competency: Competency = index.competencies.get(competencyId)!;
    const level = Math.max(...list.map((r) => r.level)) as Level;
    const anchor = competency.levels.find((l) => l.level === level);
    const levelsRequired = [...new Set(list.map((r) => r.level))].sort((a, b) => b - a) as Level[];
    const evidence = [...list]
      .sort((a, b) => order(a.touchpointId, b.touchpointId) || b.level - a.level || compareStrings(a.id, b.id))
      .map((r) => ({
        requirementId: r.id,
        touchpoint: index.refs.get(r.touchpointId)!,
        level: r.level as Level,
        behaviour: r.behaviour,
      }));
    out.push({
      competency,
      level,
      levelName: anchor?.name ?? '',
      levelBehaviours: anchor ? [...anchor.behaviours] : [],
      levelsRequired,
      evidence,
    });
  }
  return out.sort(compareRequired);
}

function splitByKind(list: readonly RequiredCompetency[]): CompetenciesByKind {
  return {
    what: list.filter((c) => c.competency.kind === 'what'),
    how: list.filter((c) => c.competency.kind === 'how'),
    org: list.filter((c) => c.competency.kind === 'org'),
  };
}

/** "Hold time: < 2 min" from a metric named "Hold time" with target "< 2" and unit "min" (or target "< 2 min"). */
export function metricGoalText(name: string, target: string, unit: string): string {
  const t = target.trim();
  if (t === '') return name;
  const u = unit.trim();
  return u === '' || t.endsWith(u) ? `${name}: ${t}` : `${name}: ${t} ${u}`;
}

function goalsOf(index: MapIndex, touchpoints: readonly RoleTouchpoint[]): Goal[] {
  const nonNegotiable: StandardGoal[] = [];
  const standards: StandardGoal[] = [];
  const metrics: MetricGoal[] = [];
  for (const rt of touchpoints) {
    const t = index.touchpoints.get(rt.id)!;
    const touchpoint = index.refs.get(rt.id)!;
    const involvement: Involvement = rt.involvement;
    for (const s of t.experienceStandards) {
      const goal: StandardGoal = {
        kind: 'standard',
        id: `${t.id}:${s.id}`,
        text: s.text,
        touchpoint,
        involvement,
        standardId: s.id,
        nonNegotiable: s.nonNegotiable,
      };
      (s.nonNegotiable ? nonNegotiable : standards).push(goal);
    }
    for (const m of t.metrics) {
      metrics.push({
        kind: 'metric',
        id: `${t.id}:${m.id}`,
        text: metricGoalText(m.name, m.target, m.unit),
        touchpoint,
        involvement,
        metricId: m.id,
        name: m.name,
        target: m.target,
        unit: m.unit,
        source: m.source,
        hasTarget: m.target.trim() !== '',
      });
    }
  }
  return [...nonNegotiable, ...standards, ...metrics];
}

function checklistOf(index: MapIndex, touchpoints: readonly RoleTouchpoint[]): OwnedChecklistItem[] {
  const owned = new Set(touchpoints.filter((t) => t.involvement === 'owner').map((t) => t.id));
  const order = byMapOrder(index);
  return index.map.checklistItems
    .filter((c) => owned.has(c.touchpointId))
    .sort(
      (a, b) =>
        order(a.touchpointId, b.touchpointId) ||
        cadenceRank[a.cadence] - cadenceRank[b.cadence] ||
        compareNames(a.text, b.text) ||
        compareStrings(a.id, b.id),
    )
    .map((item) => ({ item, touchpoint: index.refs.get(item.touchpointId)! }));
}

/** A role profile over an index built once. */
export function profileOf(index: MapIndex, role: Role): RoleProfile {
  const touchpoints = touchpointsOf(index, role);
  return {
    mapTitle: index.map.meta.title,
    role,
    touchpoints,
    competencies: splitByKind(aggregateRequirements(index, index.requirementsByRole.get(role.id) ?? [])),
    goals: goalsOf(index, touchpoints),
    checklist: checklistOf(index, touchpoints),
    criticality: criticalityOf(index, role),
    problems: index.problems.filter((p) => p.roleId === role.id),
  };
}

/**
 * Everything the map says about one role: its touchpoints, the competencies it needs there
 * (highest level wins, with evidence), the goals its touchpoints set, the checklist it owns and
 * its criticality. Null when the role is not on the map. Never throws on dangling references.
 */
export function buildRoleProfile(map: MapSnapshot, roleId: string): RoleProfile | null {
  const index = indexMap(map);
  const role = index.roles.get(roleId);
  return role ? profileOf(index, role) : null;
}

/** Profiles of every role on the map, ordered by name (case-insensitive) then id: for batch exports. */
export function buildRoleProfiles(map: MapSnapshot): RoleProfile[] {
  const index = indexMap(map);
  return [...index.roles.values()]
    .sort((a, b) => compareNames(a.name, b.name) || compareStrings(a.id, b.id))
    .map((role) => profileOf(index, role));
}
