import { z } from 'zod';
import { IdSchema, NameSchema, TextSchema, TimestampSchema } from './common.js';

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

/** A sticky note placed in a stage (or loose). Anonymous notes carry no author at all. */
export const NoteSchema = z.object({
  id: IdSchema,
  stageId: IdSchema.nullable().default(null),
  laneId: IdSchema.nullable().default(null),
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

/** A dot vote on a touchpoint or pain point. voterKey is opaque (hashed for anonymous votes). */
export const VoteSchema = z.object({
  id: IdSchema,
  targetId: IdSchema,
  voterKey: z.string().min(1).max(200),
  sessionId: IdSchema.nullable().default(null),
  createdAt: TimestampSchema,
});
export type Vote = z.infer<typeof VoteSchema>;
