import type { MapSnapshot } from '@journeycraft/schema';
import { indexMap } from './map-index.js';
import type { Problem } from './types.js';

/**
 * Every problem this package finds on a map (dangling references, requirements for unassigned
 * roles, duplicate assignments), sorted by record kind, record id, then what is missing.
 */
export function mapProblems(map: MapSnapshot): Problem[] {
  return indexMap(map).problems;
}
