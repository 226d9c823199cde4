import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { EmploymentType, ErrorCode, JourneycraftError, toIssues, type MapSnapshot } from '@journeycraft/schema';
import { snapshot } from '@journeycraft/doc';
import { buildRoleProfile, type RequiredCompetency } from '@journeycraft/profiles';
import {
  ASSESSMENT_CSV_COLUMNS,
  EXPORT_FORMATS,
  FORMAT_INFO,
  INTERVIEW_LENGTHS,
  KIND_INFO,
  MAX_INTERVIEW_COMPETENCIES,
  MIN_INTERVIEW_COMPETENCIES,
  MAX_PANEL,
  planInterview,
  MAP_KINDS,
  MAX_TEMPLATE_BYTES,
  ROLE_KINDS,
  TEMPLATE_FIELDS,
  TEXT_TEMPLATE_EXTENSIONS,
  sampleSupportMap,
  sampleTemplateData,
  slugify,
  publishesPosting,
  findRole,
  planMapBatch,
  parseAssessmentsCsv,
  assessedPeople,
  type ExportFile,
  type InterviewOptions,
} from '@journeycraft/export';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import type { Auth } from '../auth.js';
import { authorize, mapIdParam } from './http.js';
import { hrSettingsOf, openPostingOnce } from './hr.js';
import { ExportPool } from '../exports/pool.js';
import { ExportBatch, ExportBatches } from '../exports/batch.js';

export interface ExportRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
  /** Where documents are rendered (worker threads with limits); a default pool when absent. */
  exportPool?: ExportPool | undefined;
}

let sharedPool: ExportPool | undefined;

/** The export pool of these deps, or one default pool per process (its idle workers exit). */
export function exportPoolOf(deps: { exportPool?: ExportPool | undefined }): ExportPool {
  if (deps.exportPool) return deps.exportPool;
  sharedPool ??= new ExportPool();
  return sharedPool;
}

/** Largest assessments CSV accepted (bytes). */
export const MAX_ASSESSMENTS_BYTES = 512 * 1024;

const Format = z.enum(EXPORT_FORMATS);
/** Paper of the DOCX, PDF and HTML print layout for this export (the workspace setting otherwise). */
const PaperQuery = z.enum(['A4', 'Letter']).optional();
const Options = {
  paperSize: PaperQuery,
  organization: z.string().trim().max(200).optional(),
  employmentType: z
    .string()
    .max(200)
    .refine((v) => v.split(',').every((t) => (EmploymentType.options as readonly string[]).includes(t.trim())), {
      message: `comma-separated schema.org values: ${EmploymentType.options.join(', ')}`,
    })
    .optional(),
  validThrough: z.iso.date().optional(),
};
/** A comma-separated list of short names or ids (empty items dropped). */
const list = (max: number, what: string) =>
  z
    .string()
    .max(2000)
    .transform((v) =>
      v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((v) => v.length <= max, `at most ${max} ${what}`)
    .refine((v) => v.every((x) => x.length <= 200), `each of the ${what} is at most 200 characters`);
/** Interview guide and scorecard: length, the user's pick of competencies, the panel. */
const InterviewQuery = {
  length: z.enum(INTERVIEW_LENGTHS.map(String) as [string, ...string[]]).optional(),
  competencies: list(MAX_INTERVIEW_COMPETENCIES, 'competencies').optional(),
  panel: z.coerce.number().int().min(1).max(MAX_PANEL).optional(),
  interviewers: list(MAX_PANEL, 'interviewers').optional(),
  member: z.coerce.number().int().min(1).max(MAX_PANEL).optional(),
};
const InterviewPlanQuery = z.object(InterviewQuery).strict();
const RoleExportQuery = z
  .object({
    kind: z.enum(ROLE_KINDS),
    format: Format,
    person: z.string().max(200).optional(),
    ...Options,
    ...InterviewQuery,
  })
  .strict();
const MapExportQuery = z.object({ kind: z.enum(MAP_KINDS), format: Format, paperSize: PaperQuery }).strict();
const BatchQuery = z
  .object({
    format: Format,
    /** Comma-separated kinds; every role kind when absent. */
    kinds: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return [...ROLE_KINDS];
        const list = v.split(',').map((k) => k.trim());
        const bad = list.filter((k) => !(ROLE_KINDS as readonly string[]).includes(k));
        if (bad.length) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown kind ${bad.map((b) => `"${b}"`).join(', ')}; expected ${ROLE_KINDS.join(', ')}`,
          });
          return z.NEVER;
        }
        return list as (typeof ROLE_KINDS)[number][];
      }),
    /** The id the client will ask progress of (export-batches/:batchId); a random one when absent. */
    batch: z
      .string()
      .regex(/^[\w-]{16,64}$/, '16-64 letters, digits, - or _')
      .optional(),
    ...Options,
  })
  .strict();
const PlanQuery = z.object({ format: Format, paperSize: PaperQuery }).strict();
const TemplateQuery = z
  .object({
    organization: Options.organization,
    /** A field the template names that we do not have: refuse (default) or fill it blank. */
    unknownFields: z.enum(['refuse', 'blank']).optional(),
    /** Extension of a text template's output (md, html, txt…); taken from the uploaded file name when absent. */
    extension: z
      .string()
      .regex(/^[a-z0-9]{1,8}$/, '1-8 lower-case letters or digits')
      .optional(),
  })
  .strict();

/** Reads an uploaded template: multipart (field `template` or `file`) or the raw body. */
async function templateUpload(c: Context): Promise<{ bytes: Uint8Array; name: string }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody();
    const file = body.template ?? body.file;
    if (!(file instanceof File)) {
      throw new JourneycraftError(ErrorCode.BadRequest, 'send the template as a file in the form field "template"');
    }
    if (file.size > MAX_TEMPLATE_BYTES) {
      throw new JourneycraftError(ErrorCode.PayloadTooLarge, `the template is larger than ${MAX_TEMPLATE_BYTES} bytes`);
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_TEMPLATE_BYTES) {
    throw new JourneycraftError(ErrorCode.PayloadTooLarge, `the template is larger than ${MAX_TEMPLATE_BYTES} bytes`);
  }
  if (bytes.byteLength === 0) throw new JourneycraftError(ErrorCode.BadRequest, 'the template is empty');
  return { bytes, name: '' };
}

/** The output extension asked for, else the upload's (`letter.md.liquid` gives md). */
function extensionOf(q: { extension?: string | undefined }, name: string): string | undefined {
  return q.extension ?? /\.([a-z0-9]{1,8})(?:\.liquid)?$/i.exec(name)?.[1]?.toLowerCase();
}

/** Validates the query string; unknown parameters and bad values are a 400 naming the parameter. */
function query<T>(c: Context, schema: z.ZodType<T>): T {
  const result = schema.safeParse(c.req.query());
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new JourneycraftError(
      ErrorCode.ValidationFailed,
      `invalid query: ${issues.map((i) => `${i.path || 'query'}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return result.data;
}

function interviewOptions(q: {
  length?: string | undefined;
  competencies?: string[] | undefined;
  panel?: number | undefined;
  interviewers?: string[] | undefined;
  member?: number | undefined;
}): InterviewOptions {
  return {
    ...(q.length ? { interviewMinutes: Number(q.length) } : {}),
    ...(q.competencies ? { interviewCompetencies: q.competencies } : {}),
    ...(q.panel ? { panel: q.panel } : {}),
    ...(q.interviewers?.length ? { interviewers: q.interviewers } : {}),
    ...(q.member ? { panelMember: q.member } : {}),
  };
}

function exportOptions(q: {
  organization?: string | undefined;
  employmentType?: string | undefined;
  validThrough?: string | undefined;
}) {
  return {
    ...(q.organization ? { organization: q.organization } : {}),
    ...(q.employmentType ? { employmentType: q.employmentType.split(',').map((t) => t.trim()) } : {}),
    ...(q.validThrough ? { validThrough: q.validThrough } : {}),
  };
}

/** Names the fields a template asked for that were filled blank (`X-Blank-Fields`, comma-separated), so the UI can say so. */
function withBlanks(res: Response, fields: readonly string[]): Response {
  if (fields.length) res.headers.set('x-blank-fields', fields.join(','));
  return res;
}

/** Sends a generated file as a download. */
export function sendFile(c: Context, file: ExportFile): Response {
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
    ...downloadHeaders(file.filename, file.mimeType),
    'content-length': String(file.bytes.byteLength),
  });
}

/** Headers of a file download (the name in ASCII and in UTF-8). */
function downloadHeaders(filename: string, mimeType: string): Record<string, string> {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'content-type': mimeType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
}

async function mapSnapshot(c: Context, deps: ExportRoutesDeps): Promise<MapSnapshot> {
  const { map } = await authorize(c, deps, 'viewer');
  return deps.rooms.withDoc(map.id, (doc) => snapshot(doc));
}

function roleIdOf(c: Context, snap: MapSnapshot): string {
  // The router has decoded the parameter already (decoding again made `%25` a 500).
  const ref = c.req.param('roleId') ?? '';
  if (ref.length > 200)
    throw new JourneycraftError(ErrorCode.BadRequest, 'a role id or name has at most 200 characters');
  const id = findRole(snap, ref);
  if (!id) throw new JourneycraftError(ErrorCode.NotFound, `role "${ref}" is not on the map "${snap.meta.title}"`);
  const name = snap.roles.find((r) => r.id === id)?.name;
  if (name) c.set('exportedRole', name);
  return id;
}

/**
 * HR document exports (REST, for the UI and HRIS scripts): one document of a role, every kind for a
 * role, one or more kinds for every role of a map (zip), map-wide documents, development plans from an
 * assessments CSV, and the catalogue of kinds and formats. Viewers of a map may export it.
 */
export function exportRoutes(deps: ExportRoutesDeps): Hono {
  const api = new Hono();
  const pool = exportPoolOf(deps);
  const batches = new ExportBatches();

  api.get('/export/kinds', (c) =>
    c.json({
      kinds: KIND_INFO,
      formats: EXPORT_FORMATS.map((f) => ({ format: f, ...FORMAT_INFO[f] })),
      assessmentColumns: ASSESSMENT_CSV_COLUMNS,
      templateFields: TEMPLATE_FIELDS,
      maxTemplateBytes: MAX_TEMPLATE_BYTES,
      textTemplateExtensions: TEXT_TEMPLATE_EXTENSIONS,
    }),
  );

  /** The fields templates can use, with the sample map's values for a preview. */
  api.get('/export/template-fields', (c) => c.json({ fields: TEMPLATE_FIELDS, sample: sampleTemplateData() }));

  /** Fills an uploaded template with the sample map (preview before using it on a real map). */
  api.post('/export/template/preview', async (c) => {
    const q = query(c, TemplateQuery);
    const upload = await templateUpload(c);
    const ext = extensionOf(q, upload.name);
    const options = {
      ...(await base()),
      organization: q.organization ?? 'Northwind Energy',
      ...(q.unknownFields ? { unknownFields: q.unknownFields } : {}),
      ...(ext ? { extension: ext } : {}),
    };
    const map = sampleSupportMap();
    const job = { op: 'template', map, roleId: 'r-agent', template: upload.bytes, options } as const;
    const file = await pool.run({ ...job, filenameStem: 'template-preview' });
    return withBlanks(sendFile(c, file), file.blankFields ?? []);
  });

  api.post('/maps/:id/roles/:roleId/export/template', async (c) => {
    const q = query(c, TemplateQuery);
    const upload = await templateUpload(c);
    const snap = await mapSnapshot(c, deps);
    const roleId = roleIdOf(c, snap);
    const ext = extensionOf(q, upload.name);
    const options = {
      ...(await base()),
      ...(q.organization ? { organization: q.organization } : {}),
      ...(q.unknownFields ? { unknownFields: q.unknownFields } : {}),
      ...(ext ? { extension: ext } : {}),
    };
    const role = snap.roles.find((r) => r.id === roleId)!;
    const filenameStem = `${slugify(role.name, role.id)}-custom`;
    const file = await pool.run({ op: 'template', map: snap, roleId, template: upload.bytes, filenameStem, options });
    return withBlanks(sendFile(c, file), file.blankFields ?? []);
  });

  /** The workspace HR settings and one clock for the export (its day is the posting's opening day). */
  const base = async (q: { paperSize?: 'A4' | 'Letter' | undefined } = {}) => {
    const settings = await hrSettingsOf(deps.storage);
    // `paperSize` in the query overrides the workspace's paper for this export.
    return { settings: q.paperSize ? { ...settings, paperSize: q.paperSize } : settings, now: new Date() };
  };
  /** After a successful export that published JobPostings, stores their opening day where none is stored. */
  const openPostings = async (c: Context, snap: MapSnapshot, published: readonly string[], now: Date) => {
    const unopened = published.filter((id) => !snap.roles.find((r) => r.id === id)?.postingOpenedOn);
    if (unopened.length) await openPostingOnce(deps, mapIdParam(c), unopened, now.toISOString().slice(0, 10));
  };

  api.get('/maps/:id/roles/:roleId/export', async (c) => {
    const q = query(c, RoleExportQuery);
    const snap = await mapSnapshot(c, deps);
    const roleId = roleIdOf(c, snap);
    // The pipeline plan's bench comes from the map's assessments (same reader rule as the export).
    const mapAssessments = q.kind === 'pipeline-plan' ? await deps.storage.getAssessments(mapIdParam(c)) : [];
    const options = {
      ...(await base(q)),
      mapAssessments,
      ...exportOptions(q),
      ...interviewOptions(q),
      ...(q.person ? { person: q.person } : {}),
    };
    const file = await pool.run({ op: 'role', map: snap, roleId, kind: q.kind, format: q.format, options });
    if (publishesPosting(snap, roleId, q.kind, q.format, options)) await openPostings(c, snap, [roleId], options.now);
    return sendFile(c, file);
  });

  /**
   * The interview a guide would plan (length, pick, panel), without rendering it: the UI shows the
   * pick to change, the time per competency and what is not covered. Same query and errors as the export.
   */
  api.get('/maps/:id/roles/:roleId/interview-plan', async (c) => {
    const q = query(c, InterviewPlanQuery);
    const snap = await mapSnapshot(c, deps);
    const profile = buildRoleProfile(snap, roleIdOf(c, snap))!;
    const plan = planInterview(profile, interviewOptions(q));
    const brief = (rc: RequiredCompetency) => ({
      id: rc.competency.id,
      name: rc.competency.name,
      kind: rc.competency.kind,
      level: rc.level,
    });
    c.header('cache-control', 'no-store');
    return c.json({
      minutes: plan.minutes,
      interviewers: plan.interviewers,
      chosen: plan.chosen,
      opening: plan.opening,
      closing: plan.closing,
      competencies: plan.competencies.map((pc) => ({
        ...brief(pc.rc),
        member: pc.member,
        start: pc.start,
        minutes: pc.minutes,
        weight: pc.weight,
        points: pc.priority.points,
      })),
      notCovered: plan.notCovered.map((n) => ({ ...brief(n.rc), reason: n.reason })),
      /** Every competency an interview can cover (WHAT and HOW), for the user's pick. */
      candidates: [...profile.competencies.how, ...profile.competencies.what].map(brief),
      limits: {
        lengths: INTERVIEW_LENGTHS,
        maxPanel: MAX_PANEL,
        minCompetencies: MIN_INTERVIEW_COMPETENCIES,
        maxCompetencies: MAX_INTERVIEW_COMPETENCIES,
      },
    });
  });

  api.get('/maps/:id/roles/:roleId/export.zip', async (c) => {
    const q = query(c, BatchQuery.omit({ kinds: true, batch: true }));
    const snap = await mapSnapshot(c, deps);
    const roleId = roleIdOf(c, snap);
    const mapAssessments = await deps.storage.getAssessments(mapIdParam(c));
    const options = { ...(await base(q)), ...exportOptions(q), mapAssessments };
    const file = await pool.run({ op: 'roleBatch', map: snap, roleId, format: q.format, options }, ROLE_KINDS.length);
    if (q.format === 'jsonld') await openPostings(c, snap, [roleId], options.now);
    return sendFile(c, file);
  });

  api.post('/maps/:id/roles/:roleId/development-plan', async (c) => {
    const q = query(c, PlanQuery);
    const text = await c.req.text();
    if (new TextEncoder().encode(text).byteLength > MAX_ASSESSMENTS_BYTES) {
      throw new JourneycraftError(
        ErrorCode.PayloadTooLarge,
        `assessments CSV is larger than ${MAX_ASSESSMENTS_BYTES} bytes`,
      );
    }
    const snap = await mapSnapshot(c, deps);
    const roleId = roleIdOf(c, snap);
    const parsed = parseAssessmentsCsv(text, snap.competencies);
    if (!parsed.ok) {
      throw new JourneycraftError(
        ErrorCode.ValidationFailed,
        `the assessments CSV has errors: ${parsed.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`,
        parsed.errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
      );
    }
    const job = {
      op: 'developmentPlans',
      map: snap,
      roleId,
      assessments: parsed.assessments,
      format: q.format,
      options: await base(q),
    } as const;
    return sendFile(c, await pool.run(job, assessedPeople(parsed.assessments).length));
  });

  api.get('/maps/:id/export', async (c) => {
    const q = query(c, MapExportQuery);
    const snap = await mapSnapshot(c, deps);
    // The coverage matrix counts supply from the map's assessments (same reader rule as the export).
    const assessments = q.kind === 'coverage-matrix' ? await deps.storage.getAssessments(mapIdParam(c)) : [];
    const options = { ...(await base(q)), assessments };
    return sendFile(c, await pool.run({ op: 'map', map: snap, kind: q.kind, format: q.format, options }));
  });

  /**
   * Documents of every role as one zip, streamed as they finish: each document is rendered in an
   * export worker, as many at once as there are workers. `X-Export-Batch` names the batch whose
   * per-document progress `GET /maps/:id/export-batches/:batchId` tells meanwhile.
   */
  api.get('/maps/:id/export.zip', async (c) => {
    const q = query(c, BatchQuery);
    const snap = await mapSnapshot(c, deps);
    if (snap.roles.length === 0) throw new JourneycraftError(ErrorCode.BadRequest, 'the map has no roles to export');
    const mapAssessments = q.kinds.includes('pipeline-plan') ? await deps.storage.getAssessments(mapIdParam(c)) : [];
    const options = { ...(await base(q)), ...exportOptions(q), mapAssessments };
    const plan = planMapBatch(snap, q.kinds, q.format);
    const id = batches.newId(q.batch);
    const batch = new ExportBatch(id, pool, mapIdParam(c), snap, plan.items, q.format, options);
    batches.add(batch);
    if (q.format === 'jsonld')
      batch.completed().then(
        () =>
          openPostings(
            c,
            snap,
            snap.roles.map((r) => r.id),
            options.now,
          ),
        () => {},
      );
    return new Response(batch.stream, {
      status: 200,
      headers: {
        ...downloadHeaders(plan.filename, 'application/zip'),
        'x-export-batch': batch.id,
        'x-export-documents': String(plan.items.length),
      },
    });
  });

  /** Per-document progress of a batch zip (see export.zip); 404 once it is long finished. */
  api.get('/maps/:id/export-batches/:batchId', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    const batch = batches.get(map.id, c.req.param('batchId'));
    if (!batch) throw new JourneycraftError(ErrorCode.NotFound, 'no such export batch (they are kept 5 minutes)');
    c.header('cache-control', 'no-store');
    return c.json(batch.progress());
  });

  return api;
}
