import type { CriticalityFactor } from '@journeycraft/profiles';

export const factorLabels: Record<CriticalityFactor, string> = {
  moments_of_truth: 'Moments of truth',
  touchpoint_share: 'Share of touchpoints',
  customer_facing: 'Customer-facing',
  over_capacity: 'Demand over capacity',
  bench_strength: 'Bench strength',
};

/** "Needed at Billing dispute call, a moment of truth". */
export function neededAt(title: string, momentOfTruth: boolean): string {
  return `Needed at ${title}${momentOfTruth ? ', a moment of truth' : ''}`;
}
