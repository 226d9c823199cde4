import { z } from 'zod';
import { IdSchema, NameSchema, OrderSchema } from './common.js';

/** The kinds of rows a map has; `custom` is any row the team names itself. */
export const LaneKind = z.enum([
  'customer_actions',
  'touchpoints',
  'frontstage',
  'backstage',
  'support_processes',
  'emotions',
  'pain_points',
  'opportunities',
  'custom',
]);
export type LaneKind = z.infer<typeof LaneKind>;

/** Human labels for lane kinds. */
export const laneKindLabels: Record<LaneKind, string> = {
  customer_actions: 'Customer actions',
  touchpoints: 'Touchpoints',
  frontstage: 'Frontstage',
  backstage: 'Backstage',
  support_processes: 'Support processes',
  emotions: 'Emotions',
  pain_points: 'Pain points',
  opportunities: 'Opportunities',
  custom: 'Custom',
};

/** A lane: one row of the map, ordered top to bottom. */
export const LaneSchema = z.object({
  id: IdSchema,
  kind: LaneKind,
  title: NameSchema,
  order: OrderSchema,
});
export type Lane = z.infer<typeof LaneSchema>;
