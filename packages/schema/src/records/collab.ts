import { z } from 'zod';
import { IdSchema, NameSchema, TextSchema, TimestampSchema } from './common.js';
import type { Migration } from '../snapshot.js';

export const Cadence = z.enum(['daily', 'weekly', 'monthly']);
export type Cadence = z.infer<typeof Cadence>;

/** A touchpoint owner's control item, checked at a cadence and tied to what is measured. */
export const ChecklistItemSchema = z.object({
  id: IdSchema,
  touchpointId: IdSchema,
  text: NameSchema.max(500),
  cadence: Cadence.default('weekly'),
  measuredBy: z.string().max(200).default(''),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

/** A comment on any record; replies point at their thread's first comment. */
export const CommentSchema = z.object({
  id: IdSchema,
  targetId: IdSchema,
  threadId: IdSchema.nullable().default(null),
  authorName: NameSchema,
  /** Opaque key of the session that wrote it (set by the server; null for workspace members). */
  authorKey: z.string().max(100).nullable().default(null),
  body: TextSchema.min(1, 'a comment needs text'),
  mentions: z.array(z.string().max(200)).max(50).default([]),
  resolved: z.boolean().default(false),
  createdAt: TimestampSchema,
});
export type Comment = z.infer<typeof CommentSchema>;

/** A coordinate on the board (flow units, pixels at zoom 1), within reach of the map. */
const BoardCoordinate = z.number().finite().min(-100_000).max(100_000);

/**
 * A sticky note on the board. Where it sits, in this order:
 * - in a cluster (`clusterId`): with its cluster, wherever that is (a `clusterId` naming no
 *   cluster, say one whose creation the server refused, counts as none);
 * - in a cell (`stageId` and `laneId`): laid out in that stage × lane cell;
 * - free (`x` and `y`): at that point of the board;
 * - otherwise (an older note, or one posted for a stage or the whole journey): parked under the
 *   grid, below its stage.
 * Anonymous notes carry no author at all.
 */
export const NoteSchema = z.object({
  id: IdSchema,
  stageId: IdSchema.nullable().default(null),
  laneId: IdSchema.nullable().default(null),
  x: BoardCoordinate.nullable().default(null),
  y: BoardCoordinate.nullable().default(null),
  clusterId: IdSchema.nullable().default(null),
  text: TextSchema.min(1, 'a note needs text'),
  authorName: NameSchema.nullable().default(null),
  /** Opaque key of the session that wrote it, set by the server; null for anonymous notes. */
  authorKey: z.string().max(100).nullable().default(null),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#ffe58a'),
  createdAt: TimestampSchema,
});
export type Note = z.infer<typeof NoteSchema>;

/** A named group of stickies, made by dragging one sticky onto another; placed like a sticky. */
export const ClusterSchema = z.object({
  id: IdSchema,
  name: z.string().trim().max(200, 'at most 200 characters').default(''),
  stageId: IdSchema.nullable().default(null),
  laneId: IdSchema.nullable().default(null),
  x: BoardCoordinate.nullable().default(null),
  y: BoardCoordinate.nullable().default(null),
  createdAt: TimestampSchema,
});
export type Cluster = z.infer<typeof ClusterSchema>;

/**
 * Version 1 → 2: notes move onto the board. Notes gain a free position and a cluster (none:
 * they stay where they were, in their stage or cell), and the map gains its clusters.
 */
export const stickiesMigration: Migration = {
  from: 1,
  describe: 'notes get x, y and clusterId; the map gets clusters',
  up: (raw) => ({
    ...raw,
    notes: (Array.isArray(raw.notes) ? raw.notes : []).map((n: unknown) =>
      typeof n === 'object' && n !== null ? { x: null, y: null, clusterId: null, ...n } : n,
    ),
    clusters: Array.isArray(raw.clusters) ? raw.clusters : [],
  }),
};

/** A dot vote on a touchpoint or pain point. voterKey is opaque (hashed for anonymous votes). */
export const VoteSchema = z.object({
  id: IdSchema,
  targetId: IdSchema,
  voterKey: z.string().min(1).max(200),
  sessionId: IdSchema.nullable().default(null),
  createdAt: TimestampSchema,
});
export type Vote = z.infer<typeof VoteSchema>;
