import {
  recordKinds,
  type Competency,
  type Involvement,
  type MapSnapshot,
  type RecordKind,
  type Requirement,
  type Role,
  type Stage,
  type Touchpoint,
} from '@journeycraft/schema';
import { compareStrings, strongerInvolvement } from './order.js';
import type { LinkSource, Problem, TouchpointRef } from './types.js';

/** How one role is linked to one touchpoint. */
export interface Link {
  involvement: Involvement;
  linkedBy: LinkSource[];
}

/**
 * Lookups built once per call over a snapshot: records by id (first one wins on duplicate ids),
 * touchpoints in map order, the role ↔ touchpoint links, the requirements that can be used, and
 * every problem found on the way. Internal to this package.
 */
export interface MapIndex {
  map: MapSnapshot;
  roles: Map<string, Role>;
  stages: Map<string, Stage>;
  touchpoints: Map<string, Touchpoint>;
  competencies: Map<string, Competency>;
  /** Touchpoints in map order: stage, then lane, then touchpoint order, then id. */
  orderedTouchpoints: Touchpoint[];
  /** Position of each touchpoint in map order. */
  position: Map<string, number>;
  refs: Map<string, TouchpointRef>;
  /** roleId → touchpointId → link. */
  linksByRole: Map<string, Map<string, Link>>;
  /** touchpointId → roleId → link. */
  linksByTouchpoint: Map<string, Map<string, Link>>;
  /** Requirements whose role, touchpoint and competency all exist, by role id. */
  requirementsByRole: Map<string, Requirement[]>;
  /** Every problem on the map, sorted by record kind, record id, then what is missing. */
  problems: Problem[];
}

const linkSourceOrder: LinkSource[] = ['assignment', 'owner', 'requirement'];

function byId<T extends { id: string }>(records: readonly T[]): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of records) if (!out.has(r.id)) out.set(r.id, r);
  return out;
}

/** Position of ordered records (`order`, then id); unknown ids sort last. */
function positions(records: readonly { id: string; order: number }[]): Map<string, number> {
  const sorted = [...records].sort((a, b) => a.order - b.order || compareStrings(a.id, b.id));
  const out = new Map<string, number>();
  sorted.forEach((r, i) => {
    if (!out.has(r.id)) out.set(r.id, i);
  });
  return out;
}

const singular: Partial<Record<RecordKind, string>> = {
  roles: 'role',
  stages: 'stage',
  touchpoints: 'touchpoint',
  competencies: 'competency',
  requirements: 'requirement',
  assignments: 'assignment',
  checklistItems: 'checklist item',
};

function name(kind: RecordKind): string {
  return singular[kind] ?? kind;
}

/** Builds the index of a snapshot. Never throws on dangling references: they become problems. */
export function indexMap(map: MapSnapshot): MapIndex {
  const roles = byId(map.roles);
  const stages = byId(map.stages);
  const touchpoints = byId(map.touchpoints);
  const competencies = byId(map.competencies);
  const problems: Problem[] = [];

  const dangling = (
    record: { kind: RecordKind; id: string },
    missing: { kind: RecordKind; id: string },
    roleId: string | null,
    skipped: boolean,
  ): void => {
    problems.push({
      code: 'dangling_reference',
      record,
      missing,
      roleId: roleId !== null && roles.has(roleId) ? roleId : null,
      skipped,
      message:
        `${name(record.kind)} "${record.id}" points at ${name(missing.kind)} "${missing.id}", ` +
        `which is not on this map; ${skipped ? 'it is skipped' : 'the reference is ignored'}`,
    });
  };

  // Map order of touchpoints.
  const stagePos = positions(map.stages);
  const lanePos = positions(map.lanes);
  const orderedTouchpoints = [...touchpoints.values()].sort(
    (a, b) =>
      (stagePos.get(a.stageId) ?? Infinity) - (stagePos.get(b.stageId) ?? Infinity) ||
      (lanePos.get(a.laneId) ?? Infinity) - (lanePos.get(b.laneId) ?? Infinity) ||
      a.order - b.order ||
      compareStrings(a.id, b.id),
  );
  // Infinity − Infinity is NaN, which `||` passes over: touchpoints of missing stages fall through to the next key.
  const position = new Map<string, number>();
  orderedTouchpoints.forEach((t, i) => position.set(t.id, i));

  const refs = new Map<string, TouchpointRef>();
  for (const t of orderedTouchpoints) {
    const stage = stages.get(t.stageId);
    if (!stage) dangling({ kind: 'touchpoints', id: t.id }, { kind: 'stages', id: t.stageId }, null, false);
    refs.set(t.id, {
      id: t.id,
      title: t.title,
      stageId: t.stageId,
      stageTitle: stage?.title ?? '',
      momentOfTruth: t.momentOfTruth,
    });
  }

  // Role ↔ touchpoint links, kept as sets of sources until the end.
  const links = new Map<string, Map<string, { involvement: Involvement; sources: Set<LinkSource> }>>();
  const link = (roleId: string, touchpointId: string, involvement: Involvement, source: LinkSource): void => {
    let perRole = links.get(roleId);
    if (!perRole) links.set(roleId, (perRole = new Map()));
    const existing = perRole.get(touchpointId);
    if (existing) {
      // A requirement adds evidence of a link; it never overrides the involvement an assignment or owner set.
      if (source !== 'requirement') existing.involvement = strongerInvolvement(existing.involvement, involvement);
      existing.sources.add(source);
    } else {
      perRole.set(touchpointId, { involvement, sources: new Set([source]) });
    }
  };
  const linked = (roleId: string, touchpointId: string): boolean => links.get(roleId)?.has(touchpointId) ?? false;

  const assigned = new Set<string>();
  const sortedById = <T extends { id: string }>(records: readonly T[]): T[] =>
    [...records].sort((a, b) => compareStrings(a.id, b.id));

  // Sorted by id so that which record a problem names does not depend on array order.
  for (const a of sortedById(map.assignments)) {
    const record = { kind: 'assignments' as const, id: a.id };
    const roleOk = roles.has(a.roleId);
    const touchpointOk = touchpoints.has(a.touchpointId);
    if (!roleOk) dangling(record, { kind: 'roles', id: a.roleId }, null, true);
    if (!touchpointOk) dangling(record, { kind: 'touchpoints', id: a.touchpointId }, a.roleId, true);
    if (!roleOk || !touchpointOk) continue;
    const key = `${a.roleId}\u0000${a.touchpointId}`;
    if (assigned.has(key)) {
      problems.push({
        code: 'duplicate_assignment',
        record,
        missing: null,
        roleId: a.roleId,
        skipped: false,
        message:
          `assignment "${a.id}" attaches role "${a.roleId}" to touchpoint "${a.touchpointId}" again; ` +
          `the strongest involvement is used`,
      });
    }
    assigned.add(key);
    link(a.roleId, a.touchpointId, a.involvement, 'assignment');
  }

  for (const t of touchpoints.values()) {
    if (t.ownerRoleId === null) continue;
    if (!roles.has(t.ownerRoleId)) {
      dangling({ kind: 'touchpoints', id: t.id }, { kind: 'roles', id: t.ownerRoleId }, null, false);
      continue;
    }
    link(t.ownerRoleId, t.id, 'owner', 'owner');
  }

  const requirementsByRole = new Map<string, Requirement[]>();
  for (const r of sortedById(map.requirements)) {
    const record = { kind: 'requirements' as const, id: r.id };
    const roleOk = roles.has(r.roleId);
    const touchpointOk = touchpoints.has(r.touchpointId);
    const competencyOk = competencies.has(r.competencyId);
    if (!roleOk) dangling(record, { kind: 'roles', id: r.roleId }, null, true);
    if (!touchpointOk) dangling(record, { kind: 'touchpoints', id: r.touchpointId }, r.roleId, true);
    if (!competencyOk) dangling(record, { kind: 'competencies', id: r.competencyId }, r.roleId, true);
    if (!roleOk || !touchpointOk || !competencyOk) continue;
    // Warned once per (role, touchpoint): the first such requirement links them.
    if (!linked(r.roleId, r.touchpointId)) {
      problems.push({
        code: 'unassigned_requirement',
        record,
        missing: null,
        roleId: r.roleId,
        skipped: false,
        message:
          `requirement "${r.id}" names role "${r.roleId}" at touchpoint "${r.touchpointId}", ` +
          `where the role is not assigned; it is counted as "performs"`,
      });
    }
    link(r.roleId, r.touchpointId, 'performs', 'requirement');
    let list = requirementsByRole.get(r.roleId);
    if (!list) requirementsByRole.set(r.roleId, (list = []));
    list.push(r);
  }

  for (const c of map.checklistItems) {
    if (!touchpoints.has(c.touchpointId)) {
      dangling({ kind: 'checklistItems', id: c.id }, { kind: 'touchpoints', id: c.touchpointId }, null, true);
    }
  }

  const linksByRole = new Map<string, Map<string, Link>>();
  const linksByTouchpoint = new Map<string, Map<string, Link>>();
  for (const [roleId, perRole] of links) {
    const out = new Map<string, Link>();
    for (const [touchpointId, l] of perRole) {
      const frozen: Link = {
        involvement: l.involvement,
        linkedBy: linkSourceOrder.filter((s) => l.sources.has(s)),
      };
      out.set(touchpointId, frozen);
      let perTouchpoint = linksByTouchpoint.get(touchpointId);
      if (!perTouchpoint) linksByTouchpoint.set(touchpointId, (perTouchpoint = new Map()));
      perTouchpoint.set(roleId, frozen);
    }
    linksByRole.set(roleId, out);
  }

  const kindPos = (k: RecordKind): number => recordKinds.indexOf(k);
  problems.sort(
    (a, b) =>
      kindPos(a.record.kind) - kindPos(b.record.kind) ||
      compareStrings(a.record.id, b.record.id) ||
      compareStrings(a.code, b.code) ||
      (a.missing ? kindPos(a.missing.kind) : -1) - (b.missing ? kindPos(b.missing.kind) : -1),
  );

  return {
    map,
    roles,
    stages,
    touchpoints,
    competencies,
    orderedTouchpoints,
    position,
    refs,
    linksByRole,
    linksByTouchpoint,
    requirementsByRole,
    problems,
  };
}

/** Compares touchpoint ids by map order. */
export function byMapOrder(index: MapIndex): (a: string, b: string) => number {
  return (a, b) => (index.position.get(a) ?? Infinity) - (index.position.get(b) ?? Infinity) || compareStrings(a, b);
}
