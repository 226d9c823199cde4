import { z } from 'zod';
import { IdSchema, NameSchema, TextSchema } from './common.js';
import { RoleHrFactsSchema } from './hr.js';

/** Where a role works relative to the customer. */
export const Visibility = z.enum(['frontstage', 'backstage']);
export type Visibility = z.infer<typeof Visibility>;

/** A role that shapes the customer's experience, with its HR facts (records/hr.ts). */
export const RoleSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  team: z.string().max(200).default(''),
  purpose: TextSchema.default(''),
  visibility: Visibility.default('frontstage'),
  headcount: z.number('enter a number').int('must be a whole number').nonnegative('must be 0 or more').default(1),
  incumbents: z.number('enter a number').int('must be a whole number').nonnegative('must be 0 or more').default(0),
  readySuccessors: z.number('enter a number').int('must be a whole number').nonnegative('must be 0 or more').default(0),
  ...RoleHrFactsSchema.shape,
});
export type Role = z.infer<typeof RoleSchema>;

/** How a role takes part in a touchpoint. */
export const Involvement = z.enum(['owner', 'performs', 'supports']);
export type Involvement = z.infer<typeof Involvement>;

/** What people read for each involvement. */
export const involvementLabels: Record<Involvement, string> = {
  owner: 'Owner',
  performs: 'Performs',
  supports: 'Supports',
};

/** A role attached to a touchpoint. One per (touchpoint, role). */
export const AssignmentSchema = z.object({
  id: IdSchema,
  touchpointId: IdSchema,
  roleId: IdSchema,
  involvement: Involvement.default('performs'),
});
export type Assignment = z.infer<typeof AssignmentSchema>;
