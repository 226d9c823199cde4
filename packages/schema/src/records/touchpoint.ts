import { z } from 'zod';
import { IdSchema, NameSchema, OrderSchema, TextSchema } from './common.js';
import { ImageRefSchema } from './image.js';

/** Channels a touchpoint happens through. */
export const Channel = z.enum([
  'in_person',
  'phone',
  'email',
  'chat',
  'web',
  'mobile_app',
  'social',
  'mail',
  'self_service',
  'other',
]);
export type Channel = z.infer<typeof Channel>;

/** What people read for each channel (the UI, CSV and documents use these words). */
export const channelLabels: Record<Channel, string> = {
  in_person: 'In person',
  phone: 'Phone',
  email: 'Email',
  chat: 'Chat',
  web: 'Website',
  mobile_app: 'Mobile app',
  social: 'Social media',
  mail: 'Post',
  self_service: 'Self-service',
  other: 'Other',
};

/** Emotion score on the −2..+2 scale. */
export const EmotionSchema = z.number().int().min(-2, 'emotion goes from -2 to 2').max(2, 'emotion goes from -2 to 2');

/** A standard of experience kept at this touchpoint; non-negotiable ones are never waived under pressure. */
export const ExperienceStandardSchema = z.object({
  id: IdSchema,
  text: NameSchema.max(500),
  nonNegotiable: z.boolean().default(false),
});
export type ExperienceStandard = z.infer<typeof ExperienceStandardSchema>;

/** A metric measured at this touchpoint, with its target. */
export const MetricSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  target: z.string().max(200).default(''),
  unit: z.string().max(50).default(''),
  source: z.string().max(200).default(''),
});
export type Metric = z.infer<typeof MetricSchema>;

export const Period = z.enum(['hour', 'day', 'week', 'month']);
export type Period = z.infer<typeof Period>;

/** Demand versus capacity per period (e.g. 120 calls/hour against 100 handled/hour). */
export const DemandCapacitySchema = z.object({
  demand: z.number('enter a number').nonnegative('must be 0 or more'),
  capacity: z.number('enter a number').nonnegative('must be 0 or more'),
  period: Period.default('day'),
});
export type DemandCapacity = z.infer<typeof DemandCapacitySchema>;

/** A touchpoint: a moment where the customer meets the organisation, in one stage × lane cell. */
export const TouchpointSchema = z.object({
  id: IdSchema,
  stageId: IdSchema,
  laneId: IdSchema,
  title: NameSchema,
  channel: Channel.default('other'),
  customerGoal: TextSchema.default(''),
  description: TextSchema.default(''),
  emotion: EmotionSchema.default(0),
  /** Emotion per persona id, where a persona feels this moment differently from `emotion`. */
  personaEmotions: z.record(IdSchema, EmotionSchema).default({}),
  momentOfTruth: z.boolean().default(false),
  painPoints: z.array(z.string().max(500)).max(50).default([]),
  experienceStandards: z.array(ExperienceStandardSchema).max(50).default([]),
  metrics: z.array(MetricSchema).max(50).default([]),
  demandCapacity: DemandCapacitySchema.nullable().default(null),
  ownerRoleId: IdSchema.nullable().default(null),
  order: OrderSchema.default(0),
  /** Locked by a facilitator: only facilitators may change it. */
  locked: z.boolean().default(false),
  /** A picture of this moment (a stored image of the map, by id), shown on the card and in exports. */
  imageId: ImageRefSchema,
});
export type Touchpoint = z.infer<typeof TouchpointSchema>;

/** True when demand outruns capacity: the map warns that empathy and personalisation erode first here. */
export function isOverCapacity(t: Pick<Touchpoint, 'demandCapacity'>): boolean {
  return t.demandCapacity !== null && t.demandCapacity.demand > t.demandCapacity.capacity;
}
