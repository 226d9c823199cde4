import { z } from 'zod';
import { IdSchema, NameSchema, TextSchema } from './common.js';
import { ImageRefSchema } from './image.js';

/** A persona: who walks the journey. Several per map, each with custom attributes. */
export const PersonaSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  description: TextSchema.default(''),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a #rrggbb colour')
    .default('#6b5bd6'),
  attributes: z.record(z.string().max(100), z.string().max(1000)).default({}),
  /** A photo of the persona (a stored image of the map, by id). */
  imageId: ImageRefSchema,
});
export type Persona = z.infer<typeof PersonaSchema>;

/** A dot-voting round as everyone on the map sees it (ballots stay on the server until revealed). */
export const VotingStateSchema = z.object({
  roundId: IdSchema,
  title: z.string().max(200),
  votesPerPerson: z.number().int().min(1).max(20),
  anonymous: z.boolean(),
  status: z.enum(['open', 'revealed', 'closed']),
});
export type VotingState = z.infer<typeof VotingStateSchema>;

/** A presentation: the stage on show, who presents, and when it started (a new start asks everyone again). */
export const PresentationStateSchema = z.object({
  stageId: IdSchema,
  /** Awareness client id of the facilitator presenting; null when unknown. */
  presenterClientId: z.number().int().nullable().default(null),
  startedAt: z.number().finite(),
});
export type PresentationState = z.infer<typeof PresentationStateSchema>;

/** The live workshop state; only facilitators (and the server) change it. */
export const SessionStateSchema = z.object({
  /** Timer: running when `pausedRemainingMs` is null; ends at startedAt + durationMs. */
  timer: z
    .object({
      startedAt: z.number(),
      durationMs: z.number().int().positive(),
      pausedRemainingMs: z.number().nullable(),
    })
    .nullable()
    .default(null),
  spotlightStageId: IdSchema.nullable().default(null),
  /** Participants follow this facilitator's viewport (awareness client id). */
  followClientId: z.number().int().nullable().default(null),
  participantMode: z.boolean().default(false),
  voting: VotingStateSchema.nullable().default(null),
  /**
   * A presentation stepping through the stages: everyone following it sees `stageId`. Null when
   * none runs (and in sessions stored before presentations existed: the default fills it in).
   */
  presentation: PresentationStateSchema.nullable().default(null),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

/** Map-level fields (one per map). */
export const MapMetaSchema = z.object({
  title: NameSchema,
  description: TextSchema.default(''),
  personas: z.array(PersonaSchema).max(50).default([]),
  /** Locked by a facilitator: participants may still comment, vote and add notes. */
  locked: z.boolean().default(false),
  session: SessionStateSchema.nullable().default(null),
});
export type MapMeta = z.infer<typeof MapMetaSchema>;

/** What the REST API lists: a map's identity and timestamps. */
/** open: anyone who reaches the workspace edits; links: only holders of a share link get in. */
export const MapAccess = z.enum(['open', 'links']);
export type MapAccess = z.infer<typeof MapAccess>;

export const MapSummarySchema = z.object({
  id: IdSchema,
  title: NameSchema,
  access: MapAccess.default('open'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MapSummary = z.infer<typeof MapSummarySchema>;

/** Body of POST /api/maps. */
export const CreateMapInputSchema = z.strictObject({
  title: NameSchema,
  description: TextSchema.optional(),
});
export type CreateMapInput = z.infer<typeof CreateMapInputSchema>;

/** Body of PATCH /api/maps/:id. */
export const RenameMapInputSchema = z
  .strictObject({ title: NameSchema.optional(), access: MapAccess.optional() })
  .refine((v) => v.title !== undefined || v.access !== undefined, { message: 'give a title or an access mode' });
export type RenameMapInput = z.infer<typeof RenameMapInputSchema>;

/** Body of POST /api/maps/:id/duplicate (optional title for the copy). */
export const DuplicateMapInputSchema = z.strictObject({ title: NameSchema.optional() });
export type DuplicateMapInput = z.infer<typeof DuplicateMapInputSchema>;
