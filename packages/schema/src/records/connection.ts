import { z } from 'zod';
import { IdSchema } from './common.js';

/** sequence: next step; branch: an alternative path; subjourney: continues on another map. */
export const ConnectionKind = z.enum(['sequence', 'branch', 'subjourney']);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

/** A directed link between two touchpoints, or from a touchpoint to another map. */
export const ConnectionSchema = z
  .object({
    id: IdSchema,
    fromId: IdSchema,
    toId: IdSchema.nullable().default(null),
    kind: ConnectionKind.default('sequence'),
    label: z.string().max(200).default(''),
    targetMapId: IdSchema.nullable().default(null),
  })
  .refine((c) => (c.kind === 'subjourney' ? c.targetMapId !== null : c.toId !== null), {
    message: 'a sub-journey link needs targetMapId; other connections need toId',
    path: ['toId'],
  });
export type Connection = z.infer<typeof ConnectionSchema>;
