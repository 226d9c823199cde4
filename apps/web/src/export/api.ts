import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import { download, RawBody, request, unreadable, type DownloadedFile, type DownloadOptions } from '../client';

/**
 * HR document exports over REST (`apps/server/src/routes/exports.ts`): the catalogue of kinds and
 * formats, the fields custom templates can use, and every download (role documents, zips, development
 * plans, filled templates), over the one client (`client.ts`). Files are fetched, not navigated to, so
 * a 4xx answer becomes a JourneycraftError carrying the server's message and issues.
 */

/** A document kind the server can make, with the formats it comes in. */
export interface ExportKind {
  kind: string;
  label: string;
  description: string;
  /** `role`: made for one role; `map`: made for the whole map (the coverage matrix). */
  scope: 'role' | 'map';
  formats: string[];
}

/** An output format: its label ("Word (DOCX)") and file extension. */
export interface ExportFormatInfo {
  format: string;
  label: string;
  extension: string;
}

/** What `/api/export/kinds` says the server offers. */
export interface ExportCatalogue {
  kinds: ExportKind[];
  formats: ExportFormatInfo[];
  /** Columns of the assessments CSV a development plan is made from. */
  assessmentColumns: string[];
  /** Largest custom template accepted, in bytes. */
  maxTemplateBytes: number;
}

/** A field a custom template can use; lists and groups have `fields`. */
export interface TemplateField {
  name: string;
  type: string;
  description: string;
  fields?: TemplateField[];
}

/** The documented template fields and the sample map's values for them. */
export interface TemplateFieldList {
  fields: TemplateField[];
  sample: Record<string, unknown>;
}

/** Options of the interview guide and scorecard (ignored by the other kinds). */
export interface InterviewQuery {
  /** 45, 60 or 90 (minutes). */
  length?: string;
  /** Comma-separated competency ids: the user's pick, in order. */
  competencies?: string;
  /** Comma-separated interviewer names (one guide each). */
  interviewers?: string;
}

/** A competency as the interview plan names it. */
export interface PlannedItem {
  id: string;
  name: string;
  kind: string;
  level: number;
}

/** What `GET …/interview-plan` answers: the pick, the time per competency, what is not covered. */
export interface InterviewPlanInfo {
  minutes: number;
  interviewers: string[];
  chosen: boolean;
  competencies: (PlannedItem & { member: number; start: number; minutes: number; weight: number })[];
  notCovered: (PlannedItem & { reason: string })[];
  candidates: PlannedItem[];
  limits: { lengths: number[]; maxPanel: number; minCompetencies: number; maxCompetencies: number };
}

function itemOf(raw: unknown): PlannedItem | null {
  if (!isRecord(raw) || typeof raw.id !== 'string' || typeof raw.name !== 'string') return null;
  return {
    id: raw.id,
    name: raw.name,
    kind: typeof raw.kind === 'string' ? raw.kind : '',
    level: typeof raw.level === 'number' ? raw.level : 0,
  };
}
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** The interview a guide would plan for these options (`GET …/roles/:roleId/interview-plan`). */
export async function getInterviewPlan(
  mapId: string,
  roleId: string,
  query: InterviewQuery,
): Promise<InterviewPlanInfo> {
  const json = await getJson(withQuery(`${rolePath(mapId, roleId)}/interview-plan`, { ...query }));
  if (!isRecord(json) || !Array.isArray(json.competencies) || !Array.isArray(json.candidates)) {
    throw unreadable('an interview plan');
  }
  const limits = isRecord(json.limits) ? json.limits : {};
  return {
    minutes: num(json.minutes, 60),
    interviewers: strings(json.interviewers),
    chosen: json.chosen === true,
    competencies: json.competencies.flatMap((raw) => {
      const item = itemOf(raw);
      if (!item || !isRecord(raw)) return [];
      return [
        {
          ...item,
          member: num(raw.member, 1),
          start: num(raw.start),
          minutes: num(raw.minutes),
          weight: num(raw.weight),
        },
      ];
    }),
    notCovered: (Array.isArray(json.notCovered) ? json.notCovered : []).flatMap((raw) => {
      const item = itemOf(raw);
      return item && isRecord(raw) ? [{ ...item, reason: typeof raw.reason === 'string' ? raw.reason : '' }] : [];
    }),
    candidates: json.candidates.map(itemOf).filter((c): c is PlannedItem => !!c),
    limits: {
      lengths: Array.isArray(limits.lengths)
        ? limits.lengths.filter((x): x is number => typeof x === 'number')
        : [45, 60, 90],
      maxPanel: num(limits.maxPanel, 3),
      minCompetencies: num(limits.minCompetencies, 1),
      maxCompetencies: num(limits.maxCompetencies, 6),
    },
  };
}

/** Options of job ads and their JSON-LD (ignored by the other kinds). */
/** Paper of the DOCX, PDF and printed HTML of one export; the workspace's HR setting when absent. */
export type PaperSize = 'A4' | 'Letter';
export interface PaperOption {
  paperSize?: PaperSize | undefined;
}

/** The workspace's paper (`GET /api/settings/hr`), what an export uses unless another is chosen. */
export async function getWorkspacePaper(): Promise<PaperSize> {
  const json = await getJson('/api/settings/hr');
  const paper = isRecord(json) && isRecord(json.settings) ? json.settings.paperSize : undefined;
  return paper === 'Letter' ? 'Letter' : 'A4';
}

export interface JobAdOptions {
  organization?: string;
  /** schema.org employment types, e.g. FULL_TIME. */
  employmentType?: string;
  /** yyyy-mm-dd */
  validThrough?: string;
}

const getJson = (path: string) => request('GET', path);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function kindOf(raw: unknown): ExportKind | null {
  if (!isRecord(raw) || typeof raw.kind !== 'string' || typeof raw.label !== 'string') return null;
  if (raw.scope !== 'role' && raw.scope !== 'map') return null;
  return {
    kind: raw.kind,
    label: raw.label,
    description: typeof raw.description === 'string' ? raw.description : '',
    scope: raw.scope,
    formats: strings(raw.formats),
  };
}

function formatOf(raw: unknown): ExportFormatInfo | null {
  if (!isRecord(raw) || typeof raw.format !== 'string') return null;
  return {
    format: raw.format,
    label: typeof raw.label === 'string' ? raw.label : raw.format.toUpperCase(),
    extension: typeof raw.extension === 'string' ? raw.extension : raw.format,
  };
}

function fieldOf(raw: unknown): TemplateField | null {
  if (!isRecord(raw) || typeof raw.name !== 'string') return null;
  const nested = Array.isArray(raw.fields) ? raw.fields.map(fieldOf).filter((f): f is TemplateField => !!f) : [];
  return {
    name: raw.name,
    type: typeof raw.type === 'string' ? raw.type : 'text',
    description: typeof raw.description === 'string' ? raw.description : '',
    ...(nested.length ? { fields: nested } : {}),
  };
}

/** The document kinds and formats the server offers (`GET /api/export/kinds`). */
export async function getExportCatalogue(): Promise<ExportCatalogue> {
  const json = await getJson('/api/export/kinds');
  if (!isRecord(json) || !Array.isArray(json.kinds) || !Array.isArray(json.formats)) {
    throw unreadable('a list of document kinds');
  }
  return {
    kinds: json.kinds.map(kindOf).filter((k): k is ExportKind => !!k),
    formats: json.formats.map(formatOf).filter((f): f is ExportFormatInfo => !!f),
    assessmentColumns: strings(json.assessmentColumns),
    maxTemplateBytes: typeof json.maxTemplateBytes === 'number' ? json.maxTemplateBytes : 2 * 1024 * 1024,
  };
}

/** The fields custom templates can use, with sample values (`GET /api/export/template-fields`). */
export async function getTemplateFields(): Promise<TemplateFieldList> {
  const json = await getJson('/api/export/template-fields');
  if (!isRecord(json) || !Array.isArray(json.fields)) throw unreadable('a list of template fields');
  return {
    fields: json.fields.map(fieldOf).filter((f): f is TemplateField => !!f),
    sample: isRecord(json.sample) ? json.sample : {},
  };
}

const enc = encodeURIComponent;
const rolePath = (mapId: string, roleId: string) => `/api/maps/${enc(mapId)}/roles/${enc(roleId)}`;

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string' && v) q.set(k, v); // callbacks in the spread options (onDocuments) are not query
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

type Progress = Pick<DownloadOptions, 'onProgress' | 'signal'>;

/** One document of a role (`GET …/roles/:roleId/export?kind&format`). */
export function exportRoleDocument(
  mapId: string,
  roleId: string,
  kind: string,
  format: string,
  options: JobAdOptions & InterviewQuery & PaperOption & Progress = {},
): Promise<DownloadedFile> {
  const { onProgress, signal, ...job } = options;
  return download(withQuery(`${rolePath(mapId, roleId)}/export`, { kind, format, ...job }), {
    fallbackName: `${roleId}-${kind}.${format}`,
    onProgress,
    signal,
  });
}

/** Every document of a role in one format, zipped (`GET …/roles/:roleId/export.zip`). */
export function exportRoleZip(
  mapId: string,
  roleId: string,
  format: string,
  options: JobAdOptions & PaperOption & Progress = {},
): Promise<DownloadedFile> {
  const { onProgress, signal, ...job } = options;
  return download(withQuery(`${rolePath(mapId, roleId)}/export.zip`, { format, ...job }), {
    fallbackName: `${roleId}-documents-${format}.zip`,
    onProgress,
    signal,
  });
}

/**
 * Development plans from an assessments CSV (`POST …/roles/:roleId/development-plan?format`): one
 * file for one person, a zip for several. A bad CSV throws with one issue per line (`path: "line 3"`).
 */
export function developmentPlan(
  mapId: string,
  roleId: string,
  csv: string,
  format: string,
  options: Progress = {},
): Promise<DownloadedFile> {
  return download(withQuery(`${rolePath(mapId, roleId)}/development-plan`, { format }), {
    method: 'POST',
    body: new RawBody(csv, 'text/csv; charset=utf-8'),
    fallbackName: `${roleId}-development-plan.${format}`,
    ...options,
  });
}

/** Options of a custom template: the employer's name, and whether fields we do not have are filled blank. */
export interface TemplateOptions {
  organization?: string | undefined;
  /** Fill a field the template names that we do not have with nothing, instead of refusing the template. */
  fillBlank?: boolean | undefined;
}

const blankQuery = (fillBlank: boolean | undefined) => (fillBlank ? { unknownFields: 'blank' } : {});

function templateForm(file: File): FormData {
  const form = new FormData();
  form.append('template', file, file.name);
  return form;
}

/** Fills a custom DOCX or text (Liquid) template for a role (`POST …/roles/:roleId/export/template`). */
export function fillRoleTemplate(
  mapId: string,
  roleId: string,
  template: File,
  options: TemplateOptions & Progress = {},
): Promise<DownloadedFile> {
  const { onProgress, signal, organization, fillBlank } = options;
  return download(withQuery(`${rolePath(mapId, roleId)}/export/template`, { organization, ...blankQuery(fillBlank) }), {
    method: 'POST',
    body: new RawBody(templateForm(template)),
    fallbackName: `${roleId}-custom`,
    onProgress,
    signal,
  });
}

/** Fills a custom template with the sample map, to check it before using it (`POST /api/export/template/preview`). */
export function previewTemplate(template: File, options: TemplateOptions = {}): Promise<DownloadedFile> {
  const query = { organization: options.organization, ...blankQuery(options.fillBlank) };
  return download(withQuery('/api/export/template/preview', query), {
    method: 'POST',
    body: new RawBody(templateForm(template)),
    fallbackName: 'template-preview',
  });
}

/** A map-wide document such as the coverage matrix (`GET /api/maps/:id/export?kind&format`). */
export function exportMapDocument(
  mapId: string,
  kind: string,
  format: string,
  options: Progress = {},
): Promise<DownloadedFile> {
  return download(withQuery(`/api/maps/${enc(mapId)}/export`, { kind, format }), {
    fallbackName: `${mapId}-${kind}.${format}`,
    ...options,
  });
}

/** How far a batch zip is: documents rendered of all (from the server's batch progress). */
export interface DocumentProgress {
  done: number;
  total: number;
  /** The last document finished (its name in the zip). */
  last: string | null;
}

/**
 * Documents of every role of the map, zipped (`GET /api/maps/:id/export.zip?format&kinds&batch`).
 * The server renders them in parallel and streams the zip as they finish; this names the batch
 * and asks its progress (`GET …/export-batches/:batch`) every half second, for `onDocuments`.
 */
export async function exportMapZip(
  mapId: string,
  format: string,
  kinds: readonly string[],
  options: Progress & { onDocuments?: (p: DocumentProgress) => void } = {},
): Promise<DownloadedFile> {
  const { onDocuments, ...rest } = options;
  const batch = `b-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 14)}`;
  const progressPath = `/api/maps/${enc(mapId)}/export-batches/${batch}`;
  const ask = async (): Promise<(DocumentProgress & { error: string | null }) | null> => {
    const json = await request('GET', progressPath, undefined, { signal: rest.signal }).catch(() => null);
    if (!isRecord(json) || typeof json.done !== 'number' || typeof json.total !== 'number') return null;
    return {
      done: json.done,
      total: json.total,
      last: typeof json.last === 'string' ? json.last : null,
      error: typeof json.error === 'string' ? json.error : null,
    };
  };
  let polling = true;
  const poll = async () => {
    while (polling && !rest.signal?.aborted) {
      await new Promise((r) => setTimeout(r, 500));
      if (!polling) break;
      const p = await ask();
      if (p && polling) onDocuments?.(p);
    }
  };
  const polled = poll();
  try {
    return await download(withQuery(`/api/maps/${enc(mapId)}/export.zip`, { format, kinds: kinds.join(','), batch }), {
      fallbackName: `${mapId}-documents-${format}.zip`,
      ...rest,
    });
  } catch (err) {
    // A zip broken off midway: say which document stopped it, when the server told us.
    const stopped = rest.signal?.aborted ? null : await ask();
    if (stopped?.error)
      throw new JourneycraftError(
        ErrorCode.Internal,
        `The zip stopped after ${stopped.done} of ${stopped.total} documents: ${stopped.error}`,
      );
    throw err;
  } finally {
    polling = false;
    await polled;
  }
}
