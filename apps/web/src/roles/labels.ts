import type { Cadence, Involvement, Touchpoint } from '@journeycraft/schema';

export const involvementHints: Record<Involvement, string> = {
  owner: 'Answers for this moment and keeps its checklist',
  performs: 'Does the work the customer meets',
  supports: 'Makes it possible from behind the scenes',
};

export const INVOLVEMENTS: readonly Involvement[] = ['owner', 'performs', 'supports'];

export const cadenceLabels: Record<Cadence, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' };
export const CADENCES: readonly Cadence[] = ['daily', 'weekly', 'monthly'];

export const periodLabels: Record<NonNullable<Touchpoint['demandCapacity']>['period'], string> = {
  hour: 'per hour',
  day: 'per day',
  week: 'per week',
  month: 'per month',
};
