import type { Level, MapSnapshot } from '@journeycraft/schema';
import { byMapOrder, indexMap } from './map-index.js';
import { compareNames, compareStrings, kindRank } from './order.js';
import type { CoverageCell, CoverageGaps, CoverageMatrix, MissingCompetency } from './types.js';

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
