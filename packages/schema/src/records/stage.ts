import { z } from 'zod';
import { IdSchema, NameSchema, OrderSchema, TextSchema } from './common.js';

/** A journey stage: one column of the map, ordered left to right. */
export const StageSchema = z.object({
  id: IdSchema,
  title: NameSchema,
  description: TextSchema.default(''),
  order: OrderSchema,
  /** Locked by a facilitator: only facilitators may change it or anything in it. */
  locked: z.boolean().default(false),
});
export type Stage = z.infer<typeof StageSchema>;
