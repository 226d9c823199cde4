import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  ErrorCode,
  JourneycraftError,
  MAX_MAP_ASSESSMENTS,
  MapAssessmentsSchema,
  type MapAssessment,
  type MapSnapshot,
} from '@journeycraft/schema';
import { snapshot } from '@journeycraft/doc';
import { findRole, parseAssessmentsCsv } from '@journeycraft/export';
import { coverageMatrix, coverageSupply } from '@journeycraft/profiles';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import type { Auth } from '../auth.js';
import { authorize, jsonBody } from './http.js';
import { MAX_ASSESSMENTS_BYTES } from './exports.js';

export interface AssessmentRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
}

const ImportQuery = z.object({ role: z.string().min(1).max(200).optional() }).strict();

const key = (a: MapAssessment) => JSON.stringify([a.person, a.roleId, a.competencyId]);

/**
 * The assessments of a map: who in which role is at which level of which competency. Personal
 * data, kept by the server beside the map (never in the shared document): read by the people who
 * may export the map's HR documents (the export rule: viewers and up), written by editors and
 * up, deleted with the map. Answers carry `cache-control: no-store`.
 */
export function assessmentRoutes(deps: AssessmentRoutesDeps): Hono {
  const api = new Hono();

  const withSnapshot = async (c: Context, needed: 'viewer' | 'editor') => {
    const { map } = await authorize(c, deps, needed);
    const snap: MapSnapshot = await deps.rooms.withDoc(map.id, (doc) => snapshot(doc));
    return { mapId: map.id, snap };
  };
  const answer = async (c: Context, mapId: string, snap: MapSnapshot, extra: object = {}) => {
    const assessments = await deps.storage.getAssessments(mapId);
    const matrix = coverageMatrix(snap);
    const supply = coverageSupply(matrix, assessments);
    c.header('cache-control', 'no-store');
    return c.json({
      assessments,
      coverage: {
        roles: matrix.roles.map((r) => ({ id: r.id, name: r.name, headcount: r.headcount })),
        competencies: matrix.competencies.map((x) => ({ id: x.id, name: x.name, kind: x.kind })),
        ...supply,
      },
      ...extra,
    });
  };
  const checkRefs = (snap: MapSnapshot, rows: readonly MapAssessment[]) => {
    const roles = new Set(snap.roles.map((r) => r.id));
    const competencies = new Set(snap.competencies.map((x) => x.id));
    const issues = rows.flatMap((a, i) => [
      ...(roles.has(a.roleId)
        ? []
        : [{ path: `assessments[${i}].roleId`, message: `role "${a.roleId}" is not on this map` }]),
      ...(competencies.has(a.competencyId)
        ? []
        : [{ path: `assessments[${i}].competencyId`, message: `competency "${a.competencyId}" is not on this map` }]),
    ]);
    if (issues.length) {
      throw new JourneycraftError(
        ErrorCode.ValidationFailed,
        `${issues.length} assessment${issues.length === 1 ? '' : 's'} name${issues.length === 1 ? 's' : ''} what is not on the map; first: ${issues[0]!.path}: ${issues[0]!.message}; nothing was saved`,
        issues.slice(0, 200),
      );
    }
  };

  /** The assessments and the coverage with supply they give. */
  api.get('/maps/:id/assessments', async (c) => {
    const { mapId, snap } = await withSnapshot(c, 'viewer');
    return answer(c, mapId, snap);
  });

  /** Replaces every assessment of the map (an empty list clears them). */
  api.put('/maps/:id/assessments', async (c) => {
    const { mapId, snap } = await withSnapshot(c, 'editor');
    const { assessments } = await jsonBody(c, MapAssessmentsSchema);
    checkRefs(snap, assessments);
    await deps.storage.putAssessments(mapId, assessments);
    return answer(c, mapId, snap);
  });

  /**
   * Imports the assessments CSV the development plan reads (person, competency, level,
   * assessed_on, assessor, note) plus a `role` column (id or name), or `?role=` for a file of one
   * role. All or nothing, with line-numbered errors. Rows replace earlier ones of the same
   * person, role and competency; the rest are kept.
   */
  api.post('/maps/:id/assessments/import', async (c) => {
    const q = ImportQuery.safeParse(c.req.query());
    if (!q.success) throw new JourneycraftError(ErrorCode.BadRequest, 'the only query parameter is role');
    const text = await c.req.text();
    if (new TextEncoder().encode(text).byteLength > MAX_ASSESSMENTS_BYTES) {
      throw new JourneycraftError(
        ErrorCode.PayloadTooLarge,
        `assessments CSV is larger than ${MAX_ASSESSMENTS_BYTES} bytes`,
      );
    }
    if (!text.trim()) throw new JourneycraftError(ErrorCode.BadRequest, 'the uploaded file is empty');
    const { mapId, snap } = await withSnapshot(c, 'editor');
    let defaultRoleId: string | undefined;
    if (q.data.role) {
      defaultRoleId = findRole(snap, q.data.role) ?? undefined;
      if (!defaultRoleId) throw new JourneycraftError(ErrorCode.NotFound, `role "${q.data.role}" is not on the map`);
    }
    const parsed = parseAssessmentsCsv(text, snap.competencies, {
      roles: snap.roles,
      ...(defaultRoleId ? { defaultRoleId } : {}),
    });
    if (!parsed.ok) {
      throw new JourneycraftError(
        ErrorCode.ValidationFailed,
        `the assessments CSV was not imported (${parsed.errors.length} problem${parsed.errors.length === 1 ? '' : 's'}; first: line ${parsed.errors[0]!.line}: ${parsed.errors[0]!.message}); nothing was saved`,
        parsed.errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
      );
    }
    const incoming: MapAssessment[] = parsed.assessments.map((a) => ({
      person: a.person,
      roleId: a.roleId!,
      competencyId: a.competencyId,
      level: a.level,
      assessedOn: a.assessedOn,
      assessor: a.assessor,
      note: a.note,
    }));
    const replaced = new Set(incoming.map(key));
    const kept = (await deps.storage.getAssessments(mapId)).filter((a) => !replaced.has(key(a)));
    const merged = MapAssessmentsSchema.safeParse({ assessments: [...kept, ...incoming] });
    if (!merged.success) {
      const first = merged.error.issues[0]!;
      const at = typeof first.path[1] === 'number' ? first.path[1] - kept.length : -1;
      const line = at >= 0 ? ` (row ${at + 1} of the file)` : '';
      throw new JourneycraftError(
        ErrorCode.ValidationFailed,
        first.code === 'too_big' && first.path.length === 1
          ? `a map holds at most ${MAX_MAP_ASSESSMENTS} assessments; nothing was saved`
          : `an assessment is not valid${line}: ${first.message}; nothing was saved`,
      );
    }
    await deps.storage.putAssessments(mapId, merged.data.assessments);
    return answer(c, mapId, snap, { imported: incoming.length });
  });

  return api;
}
