import { z } from 'zod';
import { IdSchema, LevelSchema, NameSchema, TextSchema } from './common.js';

/**
 * WHAT: tasks, knowledge, technical skill. HOW: interpersonal behaviours.
 * ORG: organisational competencies assessed at map or organisation level.
 */
export const CompetencyKind = z.enum(['what', 'how', 'org']);
export type CompetencyKind = z.infer<typeof CompetencyKind>;

/** One proficiency level with the behaviours an observer can see at that level. */
export const ProficiencyLevelSchema = z.object({
  level: LevelSchema,
  name: NameSchema,
  behaviours: z
    .array(z.string().trim().min(1).max(500))
    .min(1, 'each level needs at least one observable behaviour')
    .max(20),
});
export type ProficiencyLevel = z.infer<typeof ProficiencyLevelSchema>;

/** A competency with behaviourally anchored levels 1..5. */
export const CompetencySchema = z
  .object({
    id: IdSchema,
    kind: CompetencyKind,
    name: NameSchema,
    category: z.string().max(100).default(''),
    definition: TextSchema.min(1, 'a competency needs a definition'),
    levels: z.array(ProficiencyLevelSchema).length(5, 'a competency has exactly five levels'),
    source: z.string().max(500).default(''),
    /** The item type the competency had in the framework it was imported from (e.g. a CASE CFItemType "Standard"). */
    itemType: z.string().trim().min(1).max(100).optional(),
  })
  .refine((c) => c.levels.every((l, i) => l.level === i + 1), {
    message: 'levels must be listed 1, 2, 3, 4, 5 in order',
    path: ['levels'],
  });
export type Competency = z.infer<typeof CompetencySchema>;

/** A role needs a competency at a touchpoint, at a level, shown by a behaviour expected there. */
export const RequirementSchema = z.object({
  id: IdSchema,
  touchpointId: IdSchema,
  roleId: IdSchema,
  competencyId: IdSchema,
  level: LevelSchema,
  behaviour: TextSchema.default(''),
});
export type Requirement = z.infer<typeof RequirementSchema>;
