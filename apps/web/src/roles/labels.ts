import type { Cadence, Involvement, Touchpoint } from '@journeycraft/schema';

export const involvementLabels: Record<Involvement, string> = {
  owner: 'Owner',
  performs: 'Performs',
  supports: 'Supports',
};

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

export const channelLabels: Record<Touchpoint['channel'], string> = {
  in_person: 'In person',
  phone: 'Phone',
  email: 'Email',
  chat: 'Chat',
  web: 'Web',
  mobile_app: 'Mobile app',
  social: 'Social',
  mail: 'Mail',
  self_service: 'Self-service',
  other: '',
};
