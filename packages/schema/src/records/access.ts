import { z } from 'zod';
import { IdSchema, NameSchema } from './common.js';

/**
 * What a share link lets its holder do, strongest first. Facilitators also lock, unlock and run
 * the session; editors change unlocked content; commenters comment (through the API); viewers read.
 */
export const ShareRole = z.enum(['facilitator', 'editor', 'commenter', 'viewer']);
export type ShareRole = z.infer<typeof ShareRole>;

const rank: Record<ShareRole, number> = { viewer: 0, commenter: 1, editor: 2, facilitator: 3 };

/** True if `role` may do what `needed` may do. */
export function roleAtLeast(role: ShareRole, needed: ShareRole): boolean {
  return rank[role] >= rank[needed];
}

/** A revocable share link of one map. The token itself is never stored. */
export const ShareLinkSchema = z.object({
  id: IdSchema,
  mapId: IdSchema,
  role: ShareRole,
  label: z.string().max(200).default(''),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ShareLink = z.infer<typeof ShareLinkSchema>;

/** Body of POST /api/maps/:id/links. */
export const CreateShareLinkInputSchema = z.strictObject({
  role: ShareRole,
  label: z.string().max(200).optional(),
  /** Hours until the link stops working; absent means it works until revoked. */
  expiresInHours: z
    .number()
    .positive()
    .max(24 * 365)
    .optional(),
});
export type CreateShareLinkInput = z.infer<typeof CreateShareLinkInputSchema>;

/** Body of POST /api/join: a guest swaps a share link token and a display name for a session. */
export const JoinInputSchema = z.strictObject({
  token: z.string().min(10).max(2000),
  name: NameSchema.max(60),
});
export type JoinInput = z.infer<typeof JoinInputSchema>;

/** Body of POST /api/join/check: what a link offers, asked before the guest types a name. */
export const CheckLinkInputSchema = z.strictObject({ token: z.string().min(10).max(2000) });

/** What POST /api/join/check answers for a live link (a dead one gets the error saying why). */
export const LinkOfferSchema = z.object({
  role: ShareRole,
  mapTitle: z.string(),
  expiresAt: z.string().nullable(),
});
export type LinkOffer = z.infer<typeof LinkOfferSchema>;

/** What POST /api/join answers. */
export const JoinResultSchema = z.object({
  sessionToken: z.string(),
  mapId: IdSchema,
  role: ShareRole,
  name: z.string(),
  guestId: z.string(),
  /** The opaque key the server writes as the author of this session's comments and notes. */
  authorKey: z.string().nullable().optional(),
});
export type JoinResult = z.infer<typeof JoinResultSchema>;

/** A saved version of a map (named by a person, or automatic while it was being edited). */
export const VersionSummarySchema = z.object({
  id: IdSchema,
  mapId: IdSchema,
  name: z.string().max(200),
  auto: z.boolean(),
  createdAt: z.string(),
});
export type VersionSummary = z.infer<typeof VersionSummarySchema>;

/** Body of POST /api/maps/:id/versions. */
export const CreateVersionInputSchema = z.strictObject({ name: NameSchema });
export type CreateVersionInput = z.infer<typeof CreateVersionInputSchema>;

/** Body of POST /api/maps/:id/vote-rounds: a facilitator opens a dot-voting round. */
export const CreateVoteRoundInputSchema = z.strictObject({
  title: NameSchema,
  votesPerPerson: z.number().int().min(1).max(20).default(3),
  anonymous: z.boolean().default(true),
});
export type CreateVoteRoundInput = z.infer<typeof CreateVoteRoundInputSchema>;

/** Body of POST /api/maps/:id/vote-rounds/:roundId/ballots. */
export const CastVoteInputSchema = z.strictObject({
  /** What the dot goes on. The voter and their name come from the session, never from the body. */
  targetId: IdSchema,
});
export type CastVoteInput = z.infer<typeof CastVoteInputSchema>;

/** Body of POST /api/maps/:id/notes: an anonymous note is stored without any author. */
export const CreateNoteInputSchema = z.strictObject({
  text: z.string().trim().min(1, 'a note needs text').max(2000),
  stageId: IdSchema.nullable().optional(),
  laneId: IdSchema.nullable().optional(),
  anonymous: z.boolean().default(true),
});
export type CreateNoteInput = z.infer<typeof CreateNoteInputSchema>;
