import { isOverCapacity, type MapSnapshot } from '@journeycraft/schema';
import { indexMap } from './map-index.js';
import { compareNames, compareStrings, formatNumber, involvementRank } from './order.js';
import type { AffectedRole, CapacityWarning } from './types.js';

/**
 * Touchpoints where demand outruns capacity, worst first (highest demand/capacity ratio; no
 * capacity at all is worst), then in map order; each with the roles linked there.
 */
export function capacityWarnings(map: MapSnapshot): CapacityWarning[] {
  const index = indexMap(map);
  const warnings: CapacityWarning[] = [];
  for (const t of index.orderedTouchpoints) {
    if (!isOverCapacity(t)) continue;
    const { demand, capacity, period } = t.demandCapacity!;
    const ratio = capacity === 0 ? null : demand / capacity;
    const roles: AffectedRole[] = [...(index.linksByTouchpoint.get(t.id)?.entries() ?? [])]
      .map(([roleId, link]) => ({ roleId, name: index.roles.get(roleId)!.name, involvement: link.involvement }))
      .sort(
        (a, b) =>
          involvementRank[a.involvement] - involvementRank[b.involvement] ||
          compareNames(a.name, b.name) ||
          compareStrings(a.roleId, b.roleId),
      );
    warnings.push({
      touchpoint: index.refs.get(t.id)!,
      demand,
      capacity,
      period,
      ratio,
      excess: demand - capacity,
      roles,
      message:
        `${t.title}: demand ${demand} per ${period} against capacity ${capacity}` +
        (ratio === null ? ' (no capacity at all)' : ` (${formatNumber(ratio)}×)`),
    });
  }
  // Stable sort keeps map order among equal ratios.
  return warnings.sort((a, b) => (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || 0);
}
