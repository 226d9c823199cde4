import type { Cadence, CompetencyKind, Involvement } from '@journeycraft/schema';

/** Plain code-unit comparison: the same answer on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names compared case-insensitively first, then exactly, so the order is total and locale-free. */
export function compareNames(a: string, b: string): number {
  return compareStrings(a.toLowerCase(), b.toLowerCase()) || compareStrings(a, b);
}

/** Strongest first. */
export const involvementRank: Record<Involvement, number> = { owner: 0, performs: 1, supports: 2 };

/** The stronger of two involvements. */
export function strongerInvolvement(a: Involvement, b: Involvement): Involvement {
  return involvementRank[a] <= involvementRank[b] ? a : b;
}

/** Columns of the coverage matrix and sections of a profile: WHAT, HOW, ORG. */
export const kindRank: Record<CompetencyKind, number> = { what: 0, how: 1, org: 2 };

/** Daily before weekly before monthly. */
export const cadenceRank: Record<Cadence, number> = { daily: 0, weekly: 1, monthly: 2 };

/** A ratio or share as text with at most two decimals ("1.2", "0.33"). */
export function formatNumber(n: number): string {
  return String(Number(n.toFixed(2)));
}
