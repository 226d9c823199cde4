import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * One person's assessed level of one competency, in one role of a map. Personal data: the server
 * stores these per map (not in the shared document), shows them only to people who may export
 * the map's HR documents, and deletes them with the map.
 */
export const MapAssessmentSchema = z.strictObject({
  person: z.string().trim().min(1, 'person is empty').max(200),
  roleId: IdSchema,
  competencyId: IdSchema,
  /** 0 (not yet shown) to 5. */
  level: z.number().int().min(0, 'level goes from 0 to 5').max(5, 'level goes from 0 to 5'),
  assessedOn: z.string().max(40).default(''),
  assessor: z.string().max(200).default(''),
  note: z.string().max(2000).default(''),
});
export type MapAssessment = z.infer<typeof MapAssessmentSchema>;

/** Most assessments one map holds. */
export const MAX_MAP_ASSESSMENTS = 20_000;

/** The body of `PUT /api/maps/:id/assessments` and the answer of GET. */
export const MapAssessmentsSchema = z.strictObject({
  assessments: z.array(MapAssessmentSchema).max(MAX_MAP_ASSESSMENTS),
});
