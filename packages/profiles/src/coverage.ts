import type { Level, MapSnapshot } from '@journeycraft/schema';
import { byMapOrder, indexMap } from './map-index.js';
import { compareNames, compareStrings, kindRank } from './order.js';
import type {
  CoverageCell,
  CoverageGaps,
  CoverageMatrix,
  CoverageSupply,
  MissingCompetency,
  SupplyAssessment,
  SupplyCell,
} from './types.js';

/**
 * Roles × competencies with the level each role needs (the highest over its touchpoints) and the
 * touchpoints behind it, plus the gaps: touchpoints nobody covers, roles with no competencies,
 * competencies nobody needs and competencies requirements name that are not on the map.
 */
export function coverageMatrix(map: MapSnapshot): CoverageMatrix {
  const index = indexMap(map);
  const order = byMapOrder(index);
  const roles = [...index.roles.values()].sort((a, b) => compareNames(a.name, b.name) || compareStrings(a.id, b.id));
  const competencies = [...index.competencies.values()].sort(
    (a, b) => kindRank[a.kind] - kindRank[b.kind] || compareNames(a.name, b.name) || compareStrings(a.id, b.id),
  );
  const column = new Map(competencies.map((c, i) => [c.id, i]));

  const required = new Set<string>();
  const cells: (CoverageCell | null)[][] = roles.map((role) => {
    const row: (CoverageCell | null)[] = competencies.map(() => null);
    for (const r of index.requirementsByRole.get(role.id) ?? []) {
      required.add(r.competencyId);
      const c = column.get(r.competencyId)!;
      const cell = row[c];
      if (cell) {
        if (r.level > cell.level) cell.level = r.level as Level;
        if (!cell.touchpointIds.includes(r.touchpointId)) cell.touchpointIds.push(r.touchpointId);
      } else {
        row[c] = {
          roleId: role.id,
          competencyId: r.competencyId,
          level: r.level as Level,
          touchpointIds: [r.touchpointId],
        };
      }
    }
    for (const cell of row) cell?.touchpointIds.sort(order);
    return row;
  });

  const missing = new Map<string, { requirementIds: Set<string>; roleIds: Set<string>; touchpointIds: Set<string> }>();
  for (const r of map.requirements) {
    if (index.competencies.has(r.competencyId)) continue;
    let m = missing.get(r.competencyId);
    if (!m)
      missing.set(r.competencyId, (m = { requirementIds: new Set(), roleIds: new Set(), touchpointIds: new Set() }));
    m.requirementIds.add(r.id);
    m.roleIds.add(r.roleId);
    m.touchpointIds.add(r.touchpointId);
  }
  const sorted = (s: Set<string>): string[] => [...s].sort(compareStrings);
  const missingCompetencies: MissingCompetency[] = [...missing.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([competencyId, m]) => ({
      competencyId,
      requirementIds: sorted(m.requirementIds),
      roleIds: sorted(m.roleIds),
      touchpointIds: sorted(m.touchpointIds),
    }));

  const gaps: CoverageGaps = {
    touchpointsWithoutRoles: index.orderedTouchpoints
      .filter((t) => !index.linksByTouchpoint.has(t.id))
      .map((t) => index.refs.get(t.id)!),
    touchpointsWithoutOwner: index.orderedTouchpoints
      .filter((t) => {
        const links = index.linksByTouchpoint.get(t.id);
        return links !== undefined && ![...links.values()].some((l) => l.involvement === 'owner');
      })
      .map((t) => index.refs.get(t.id)!),
    rolesWithoutCompetencies: roles.filter((r) => (index.requirementsByRole.get(r.id) ?? []).length === 0),
    competenciesNotRequired: competencies.filter((c) => !required.has(c.id)),
    missingCompetencies,
  };

  return { roles, competencies, cells, gaps, problems: index.problems };
}

/**
 * Supply against the matrix: per role × required competency, how many people assessed in that
 * role are at or above the required level (a person's last assessment of a competency in a role
 * counts), the role's headcount as the number required, and the shortfall between them.
 */
export function coverageSupply(matrix: CoverageMatrix, assessments: readonly SupplyAssessment[]): CoverageSupply {
  const rowOf = new Map(matrix.roles.map((r, i) => [r.id, i]));
  const columnOf = new Map(matrix.competencies.map((c, i) => [c.id, i]));
  const ignored = { unknownRole: 0, unknownCompetency: 0, notRequired: 0 };
  // person × role × competency -> last level given
  const latest = new Map<string, { row: number; column: number; person: string; level: number }>();
  const people = new Map<string, Set<string>>();
  for (const a of assessments) {
    const row = rowOf.get(a.roleId);
    const column = columnOf.get(a.competencyId);
    if (row === undefined) {
      ignored.unknownRole++;
      continue;
    }
    if (column === undefined) {
      ignored.unknownCompetency++;
      continue;
    }
    let set = people.get(a.roleId);
    if (!set) people.set(a.roleId, (set = new Set()));
    set.add(a.person);
    if (!matrix.cells[row]![column]) {
      ignored.notRequired++;
      continue;
    }
    latest.set(JSON.stringify([a.person, a.roleId, a.competencyId]), { row, column, person: a.person, level: a.level });
  }
  const cells: (SupplyCell | null)[][] = matrix.cells.map((row, r) =>
    row.map((cell) =>
      cell
        ? {
            roleId: cell.roleId,
            competencyId: cell.competencyId,
            requiredLevel: cell.level,
            required: matrix.roles[r]!.headcount,
            supply: 0,
            assessed: 0,
            shortfall: 0,
          }
        : null,
    ),
  );
  for (const { row, column, level } of latest.values()) {
    const cell = cells[row]![column]!;
    cell.assessed++;
    if (level >= cell.requiredLevel) cell.supply++;
  }
  let totalShortfall = 0;
  let maxShortfall = 0;
  for (const row of cells) {
    for (const cell of row) {
      if (!cell) continue;
      cell.shortfall = Math.max(0, cell.required - cell.supply);
      totalShortfall += cell.shortfall;
      maxShortfall = Math.max(maxShortfall, cell.shortfall);
    }
  }
  const peopleByRole: Record<string, number> = {};
  for (const role of matrix.roles) peopleByRole[role.id] = people.get(role.id)?.size ?? 0;
  return { cells, peopleByRole, totalShortfall, maxShortfall, ignored };
}
