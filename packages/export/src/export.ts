import { createRequire } from 'node:module';
import { getHeapStatistics } from 'node:v8';
import { Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { ErrorCode, JourneycraftError, type MapSnapshot } from '@journeycraft/schema';
import { buildRoleProfile, buildRoleProfiles, talentPlanFit } from '@journeycraft/profiles';
import type { Role } from '@journeycraft/schema';
import type { ExportDocument } from './model.js';
import { kindContext, type DocumentOptions, type KindContext } from './common.js';
import type { Assessment } from './assessments.js';
import { assessedPeople } from './assessments.js';
import { jobAd, jobDescription } from './kinds/job.js';
import { interviewGuide, interviewGuides, scorecard } from './kinds/interview.js';
import type { InterviewOptions } from './kinds/interview-plan.js';
import { reviewForm } from './kinds/review.js';
import { observationChecklist } from './kinds/observation.js';
import { developmentPlan, onboardingPlan } from './kinds/development.js';
import { successionPlan } from './kinds/succession.js';
import { pipelinePlan } from './kinds/pipeline.js';
import { coverageDocument } from './kinds/coverage.js';
import type { SupplyAssessment } from '@journeycraft/profiles';
import { renderMarkdown } from './render/markdown.js';
import { renderHtml } from './render/html.js';
import { renderCsv } from './render/csv.js';
import { renderJson } from './render/json.js';
import { renderDocx } from './render/docx.js';
import { renderPdf } from './render/pdf.js';
import { renderXlsx } from './render/xlsx.js';
import { renderJobPosting, validJobPosting, type JobPostingOptions } from './jobposting.js';

/** Documents made for one role. */
export const ROLE_KINDS = [
  'job-description',
  'job-ad',
  'interview-guide',
  'scorecard',
  'review-form',
  'observation-checklist',
  'development-plan',
  'onboarding-plan',
  'succession-plan',
  'pipeline-plan',
] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** Documents made for a whole map. */
export const MAP_KINDS = ['coverage-matrix'] as const;
export type MapKind = (typeof MAP_KINDS)[number];
export type DocumentKind = RoleKind | MapKind;

/** Output formats. */
export const EXPORT_FORMATS = ['docx', 'pdf', 'md', 'html', 'json', 'jsonld', 'xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File type of each format. */
export const FORMAT_INFO: Record<ExportFormat, { label: string; extension: string; mimeType: string }> = {
  docx: {
    label: 'Word (DOCX)',
    extension: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  },
  pdf: { label: 'PDF', extension: 'pdf', mimeType: 'application/pdf' },
  md: { label: 'Markdown', extension: 'md', mimeType: 'text/markdown; charset=utf-8' },
  html: { label: 'HTML (printable)', extension: 'html', mimeType: 'text/html; charset=utf-8' },
  json: { label: 'JSON', extension: 'json', mimeType: 'application/json; charset=utf-8' },
  jsonld: {
    label: 'schema.org JobPosting (JSON-LD)',
    extension: 'jsonld',
    mimeType: 'application/ld+json; charset=utf-8',
  },
  xlsx: {
    label: 'Excel (XLSX)',
    extension: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  csv: { label: 'CSV', extension: 'csv', mimeType: 'text/csv; charset=utf-8' },
};

const DOCUMENT_FORMATS: ExportFormat[] = ['docx', 'pdf', 'md', 'html', 'json', 'xlsx', 'csv'];

/** What the UI and the API list about each kind. */
export interface KindInfo {
  kind: DocumentKind;
  label: string;
  description: string;
  scope: 'role' | 'map';
  formats: ExportFormat[];
  /** The table the CSV format writes. */
  csvTable: string;
}

/** Every document kind with its formats. */
export const KIND_INFO: readonly KindInfo[] = [
  {
    kind: 'job-description',
    label: 'Job description',
    description:
      'Every section of an HR template: job code, grade, pay, overtime status, reports to, location, schedule, travel, purpose, responsibilities, standards, measures, supervision, qualifications, skills and behaviours, physical demands, work environment, other duties, equal opportunity and approval.',
    scope: 'role',
    formats: [...DOCUMENT_FORMATS, 'jsonld'],
    csvTable: 'competencies',
  },
  {
    kind: 'job-ad',
    label: 'Job advertisement',
    description:
      'Candidate-facing ad in plain words: the job, what it asks, pay and benefits, where and when, how to apply, equal opportunity; also as schema.org JobPosting JSON-LD (embedded in the HTML ad).',
    scope: 'role',
    formats: [...DOCUMENT_FORMATS, 'jsonld'],
    csvTable: 'requirements',
  },
  {
    kind: 'interview-guide',
    label: 'Interview guide',
    description:
      'One sitting of 45, 60 or 90 minutes: the 4–6 competencies that matter most (or your pick), split across up to three interviewers, with scripts, a time plan, STAR notes, anchors and a weighted scorecard.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'scorecard',
  },
  {
    kind: 'scorecard',
    label: 'Candidate scorecard',
    description: 'The weighted scorecard of the interview on its own, for spreadsheets.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'scorecard',
  },
  {
    kind: 'review-form',
    label: 'Performance review form',
    description:
      'Anchored competency ratings, goals cascaded from touchpoint standards and metrics, comments and sign-off.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'ratings',
  },
  {
    kind: 'observation-checklist',
    label: 'Observation and coaching checklist',
    description:
      'Behaviours to catch done right and to correct at each touchpoint, owner checks, feedback cadence and log, climate questions.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'behaviours',
  },
  {
    kind: 'development-plan',
    label: 'Development plan',
    description: 'Gap between required and assessed levels (assessments from CSV), goals and suggested actions.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'gaps',
  },
  {
    kind: 'onboarding-plan',
    label: 'Onboarding plan',
    description:
      'The first three months: journey and standards, shadowing each touchpoint, handling with support, owning the goals.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'plan',
  },
  {
    kind: 'succession-plan',
    label: 'Succession plan',
    description:
      'For roles with a few seats: criticality, incumbent and interim cover, what a successor needs, candidates with readiness (now, 1–2, 3+ years), potential and retention risk. Confidential.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'candidates',
  },
  {
    kind: 'pipeline-plan',
    label: 'Pipeline plan',
    description:
      'For roles with many seats: the bench per competency from the assessments (ready at the level, short of the seats), training, hiring and feeder roles.',
    scope: 'role',
    formats: DOCUMENT_FORMATS,
    csvTable: 'bench',
  },
  {
    kind: 'coverage-matrix',
    label: 'Coverage matrix',
    description:
      'Roles × competencies with the level each role needs, supply (people assessed at or above it) against headcount and the shortfall, the gaps, and the critical roles.',
    scope: 'map',
    formats: DOCUMENT_FORMATS,
    csvTable: 'coverage',
  },
];

/**
 * Whether a kind fits a role: the succession plan is for roles with a few seats, the pipeline plan
 * for roles with many (`talentPlanFit`); every other kind fits every role.
 */
export function kindFits(kind: RoleKind, role: Role): boolean {
  if (kind === 'succession-plan') return talentPlanFit(role).plan === 'succession';
  if (kind === 'pipeline-plan') return talentPlanFit(role).plan === 'pipeline';
  return true;
}

/** The kind's description, or a 400 error naming the valid kinds. */
export function kindInfo(kind: string): KindInfo {
  const info = KIND_INFO.find((k) => k.kind === kind);
  if (!info) {
    throw new JourneycraftError(
      ErrorCode.BadRequest,
      `unknown document kind "${kind}"; expected one of ${KIND_INFO.map((k) => k.kind).join(', ')}`,
    );
  }
  return info;
}

/** Options of a role export. */
export interface RoleExportOptions extends DocumentOptions, JobPostingOptions, InterviewOptions {
  /** Development plan: whose plan it is. */
  person?: string;
  /** Development plan: that person's assessments. */
  assessments?: readonly Assessment[];
  /** Pipeline plan: the map's assessments (people per role), which give the bench. */
  mapAssessments?: readonly SupplyAssessment[];
}

/** A generated file. */
export interface ExportFile {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
  /** A filled custom template: fields it named that we do not have, left blank on request. */
  blankFields?: string[];
}

/** A file-name-safe slug: lower case letters, digits and dashes. */
export function slugify(text: string, fallback = 'document'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || fallback;
}

function context(map: MapSnapshot, roleId: string, options: DocumentOptions): KindContext {
  const profile = buildRoleProfile(map, roleId);
  if (!profile)
    throw new JourneycraftError(ErrorCode.NotFound, `role "${roleId}" is not on the map "${map.meta.title}"`);
  return kindContext(map, profile, options);
}

/** Finds a role by id or, failing that, by name (case-insensitive). */
export function findRole(map: MapSnapshot, ref: string): string | null {
  const byId = map.roles.find((r) => r.id === ref);
  if (byId) return byId.id;
  const lower = ref.trim().toLowerCase();
  return map.roles.find((r) => r.name.trim().toLowerCase() === lower)?.id ?? null;
}

function buildFromContext(ctx: KindContext, kind: RoleKind, options: RoleExportOptions): ExportDocument {
  switch (kind) {
    case 'job-description':
      return jobDescription(ctx);
    case 'job-ad':
      return jobAd(ctx, validJobPosting(ctx, options));
    case 'interview-guide':
      return interviewGuide(ctx, options);
    case 'scorecard':
      return scorecard(ctx, options);
    case 'review-form':
      return reviewForm(ctx);
    case 'observation-checklist':
      return observationChecklist(ctx);
    case 'development-plan':
      return developmentPlan(ctx, { person: options.person ?? '', assessments: options.assessments ?? [] });
    case 'onboarding-plan':
      return onboardingPlan(ctx);
    case 'succession-plan':
      return successionPlan(ctx);
    case 'pipeline-plan':
      return pipelinePlan(ctx, options.mapAssessments ?? []);
  }
}

/** The document tree of one kind for one role (pure). Throws a not_found JourneycraftError for an unknown role. */
export function buildRoleDocument(
  map: MapSnapshot,
  roleId: string,
  kind: RoleKind,
  options: RoleExportOptions = {},
): ExportDocument {
  return buildFromContext(context(map, roleId, options), kind, options);
}

/** Options of a map-wide document. */
export interface MapExportOptions extends DocumentOptions {
  /** Coverage matrix: the map's assessments, which give the supply per role × competency. */
  assessments?: readonly SupplyAssessment[];
}

/** The document tree of a map-wide kind (pure). */
export function buildMapDocument(map: MapSnapshot, kind: MapKind, options: MapExportOptions = {}): ExportDocument {
  const paper = options.settings?.paperSize ?? 'A4';
  switch (kind) {
    case 'coverage-matrix':
      return {
        ...coverageDocument(map, {
          ...(options.now ? { now: options.now } : {}),
          ...(options.assessments ? { assessments: options.assessments } : {}),
        }),
        audience: 'internal',
        paper,
      };
  }
}

/**
 * Loads the XLSX and DOCX-template libraries now. They load on first use otherwise, so a
 * process that imports this package and renders nothing (the sync server) never holds them; the
 * export workers call this at start, so their first job does not pay for it.
 */
export function preloadRenderers(): void {
  const require = createRequire(import.meta.url);
  for (const lib of ['exceljs', 'docxtemplater', 'pizzip']) require(lib);
}

/** The most a worker may allocate past its heap limit before Node ends the whole process (its leeway). */
const HEAP_LEEWAY = 16 * 1024 * 1024;

/**
 * UTF-8 of a rendered text. Encoding flattens the text into one new string first (up to two bytes a
 * character). In an export worker near its heap limit an allocation past Node's leeway is not an
 * out-of-memory error but a fatal one for the whole process, so a text that would not fit is refused
 * as out of memory here (the pool answers 413 naming EXPORT_MEMORY_MB).
 */
function utf8(s: string): Uint8Array {
  const need = 2 * s.length;
  if (need > HEAP_LEEWAY) {
    const heap = getHeapStatistics();
    if (heap.used_heap_size + need > heap.heap_size_limit) {
      throw new RangeError(
        `out of memory: the rendered text (${Math.ceil(need / 1048576)} MB) does not fit in the heap left (${Math.floor((heap.heap_size_limit - heap.used_heap_size) / 1048576)} MB)`,
      );
    }
  }
  return new TextEncoder().encode(s);
}

/** Renders a document tree in one of the document formats (everything but jsonld). */
export async function renderDocument(
  doc: ExportDocument,
  format: Exclude<ExportFormat, 'jsonld'>,
): Promise<Uint8Array> {
  const text = utf8;
  switch (format) {
    case 'docx':
      return renderDocx(doc);
    case 'pdf':
      return renderPdf(doc);
    case 'md':
      return text(renderMarkdown(doc));
    case 'html':
      return text(renderHtml(doc));
    case 'json':
      return text(renderJson(doc));
    case 'xlsx':
      return renderXlsx(doc);
    case 'csv':
      return text(renderCsv(doc));
  }
}

function checkFormat(info: KindInfo, format: string): ExportFormat {
  if (!(info.formats as string[]).includes(format)) {
    throw new JourneycraftError(
      ErrorCode.BadRequest,
      `format "${format}" is not available for ${info.kind}; use one of ${info.formats.join(', ')}`,
    );
  }
  return format as ExportFormat;
}

function roleFilename(ctx: KindContext, kind: string, format: ExportFormat, person?: string): string {
  const parts = [slugify(ctx.profile.role.name, ctx.profile.role.id), kind];
  if (person) parts.push(slugify(person, 'person'));
  return `${parts.join('-')}.${FORMAT_INFO[format].extension}`;
}

/**
 * True when exporting this publishes the role's JobPosting (JSON-LD, or the HTML job ad that embeds
 * a valid one): the caller then stores the opening date, so `datePosted` stays the same afterwards.
 */
export function publishesPosting(
  map: MapSnapshot,
  roleId: string,
  kind: RoleKind,
  format: ExportFormat,
  options: RoleExportOptions = {},
): boolean {
  if (format === 'jsonld') return true;
  if (kind !== 'job-ad' || format !== 'html') return false;
  return validJobPosting(context(map, roleId, options), options) !== undefined;
}

/** Generates one role document as a file. */
export async function exportRole(
  map: MapSnapshot,
  roleId: string,
  kind: RoleKind,
  format: ExportFormat,
  options: RoleExportOptions = {},
): Promise<ExportFile> {
  const info = kindInfo(kind);
  if (info.scope !== 'role') throw new JourneycraftError(ErrorCode.BadRequest, `${kind} is a map-wide document`);
  checkFormat(info, format);
  const ctx = context(map, roleId, options);
  const filename = roleFilename(ctx, kind, format, kind === 'development-plan' ? options.person : undefined);
  if (format === 'jsonld') {
    return {
      filename,
      mimeType: FORMAT_INFO.jsonld.mimeType,
      bytes: new TextEncoder().encode(renderJobPosting(ctx, options)),
    };
  }
  if (kind === 'interview-guide' && options.panelMember === undefined) {
    // A panel gets one guide per interviewer, zipped; a single interviewer gets the guide itself.
    const guides = interviewGuides(ctx, options);
    if (guides.length > 1) {
      const files: ExportFile[] = [];
      for (const [i, { interviewer, doc }] of guides.entries()) {
        files.push({
          filename: filename.replace(/(\.[^.]+)$/, `-${i + 1}-${slugify(interviewer, 'interviewer')}$1`),
          mimeType: FORMAT_INFO[format].mimeType,
          bytes: await renderDocument(doc, format),
        });
      }
      return {
        filename: filename.replace(/\.[^.]+$/, '-panel.zip'),
        mimeType: 'application/zip',
        bytes: zipFiles(files),
      };
    }
    return { filename, mimeType: FORMAT_INFO[format].mimeType, bytes: await renderDocument(guides[0]!.doc, format) };
  }
  const doc = buildFromContext(ctx, kind, options);
  return { filename, mimeType: FORMAT_INFO[format].mimeType, bytes: await renderDocument(doc, format) };
}

/** Generates a map-wide document as a file. */
export async function exportMap(
  map: MapSnapshot,
  kind: MapKind,
  format: ExportFormat,
  options: MapExportOptions = {},
): Promise<ExportFile> {
  const info = kindInfo(kind);
  if (info.scope !== 'map') throw new JourneycraftError(ErrorCode.BadRequest, `${kind} is made for one role`);
  const f = checkFormat(info, format);
  if (f === 'jsonld') throw new JourneycraftError(ErrorCode.BadRequest, 'JSON-LD is only available for job ads');
  const doc = buildMapDocument(map, kind, options);
  return {
    filename: `${slugify(map.meta.title, 'map')}-${kind}.${FORMAT_INFO[f].extension}`,
    mimeType: FORMAT_INFO[f].mimeType,
    bytes: await renderDocument(doc, f),
  };
}

/** Progress of a batch: called after each file. */
export type BatchProgress = (done: number, total: number, filename: string) => void;

/** Options of a batch export. */
export interface BatchOptions extends RoleExportOptions {
  onProgress?: BatchProgress;
}

/**
 * Lets the event loop run (timers, sockets) between the documents of a batch. Rendering awaits
 * only promises, so without a macrotask in between, a 450-document batch holds the loop, and
 * every sync connection of the server, for half a minute.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** `name`, or `name-2.ext`, `name-3.ext`… when `taken` has it; the result is added to `taken`. */
function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let i = 2; taken.has(unique); i++) unique = name.replace(/(\.[^.]+)$/, `-${i}$1`);
  taken.add(unique);
  return unique;
}

/** DOCX and XLSX are zips already: deflating them again costs time and saves nothing. */
const storedAsIs = (name: string) => /\.(docx|xlsx)$/i.test(name);
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');

/** Zips files (names made unique). */
export function zipFiles(files: readonly ExportFile[]): Uint8Array {
  const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  const taken = new Set<string>();
  for (const f of files) {
    const name = uniqueName(f.filename, taken);
    entries[name] = [f.bytes, { level: storedAsIs(name) ? 0 : 6 }];
  }
  return zipSync(entries, { level: 6, mtime: ZIP_TIME });
}

/**
 * A zip written as its files arrive (the same entries as zipFiles): `onData` gets each piece as
 * soon as it is made, `final` on the last; add files in any order, then call end().
 */
export class ZipStream {
  private readonly zip: Zip;
  private readonly taken = new Set<string>();

  constructor(onData: (chunk: Uint8Array, final: boolean) => void, onError: (err: Error) => void = () => {}) {
    this.zip = new Zip((err, chunk, final) => (err ? onError(err) : onData(chunk, final)));
  }

  /** Adds one whole file; returns the name it has in the zip. */
  add(file: ExportFile): string {
    const name = uniqueName(file.filename, this.taken);
    const entry = storedAsIs(name) ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    entry.mtime = ZIP_TIME;
    this.zip.add(entry);
    entry.push(file.bytes, true);
    return name;
  }

  end(): void {
    this.zip.end();
  }
}

/** One document of a map batch: a role and a kind, and the folder it goes in (by role, with several kinds). */
export interface BatchItem {
  roleId: string;
  kind: RoleKind;
  folder: string | null;
}

/**
 * The documents of `exportMapBatch` (every role × kind that has the format and fits the role) and
 * the zip's name, without rendering anything: a caller can render them in parallel (the server's
 * export workers) and stream the zip. Throws a 400 when none is available.
 */
export function planMapBatch(
  map: MapSnapshot,
  kinds: readonly RoleKind[],
  format: ExportFormat,
): { items: BatchItem[]; filename: string } {
  const items: BatchItem[] = [];
  for (const profile of buildRoleProfiles(map)) {
    const role = map.roles.find((r) => r.id === profile.role.id)!;
    for (const kind of kinds) {
      if (!(kindInfo(kind).formats as string[]).includes(format) || !kindFits(kind, role)) continue;
      items.push({ roleId: role.id, kind, folder: kinds.length > 1 ? slugify(role.name, role.id) : null });
    }
  }
  if (items.length === 0)
    throw new JourneycraftError(ErrorCode.BadRequest, `none of ${kinds.join(', ')} is available as ${format}`);
  return {
    items,
    filename: `${slugify(map.meta.title, 'map')}-${kinds.length === 1 ? kinds[0] : 'documents'}-${format}.zip`,
  };
}

/** A rendered batch document with its folder in the zip. */
export function inFolder(file: ExportFile, folder: string | null): ExportFile {
  return folder ? { ...file, filename: `${folder}/${file.filename}` } : file;
}

/** Every role of the map, one or more kinds, one format, as a zip (kinds that lack the format are skipped). */
export async function exportMapBatch(
  map: MapSnapshot,
  kinds: readonly RoleKind[],
  format: ExportFormat,
  options: BatchOptions = {},
): Promise<ExportFile> {
  const { items, filename } = planMapBatch(map, kinds, format);
  const files: ExportFile[] = [];
  for (const item of items) {
    if (files.length) await nextTurn();
    const file = await exportRole(map, item.roleId, item.kind, format, options);
    files.push(inFolder(file, item.folder));
    options.onProgress?.(files.length, items.length, file.filename);
  }
  return { filename, mimeType: 'application/zip', bytes: zipFiles(files) };
}

/** Every kind (that has the format) for one role, as a zip. */
export async function exportRoleBatch(
  map: MapSnapshot,
  roleId: string,
  format: ExportFormat,
  options: BatchOptions = {},
): Promise<ExportFile> {
  const ctx = context(map, roleId, options);
  const kinds = ROLE_KINDS.filter(
    (k) => (kindInfo(k).formats as string[]).includes(format) && kindFits(k, ctx.profile.role),
  );
  if (!kinds.length) throw new JourneycraftError(ErrorCode.BadRequest, `no document kind is available as ${format}`);
  const files: ExportFile[] = [];
  for (const k of kinds) {
    if (files.length) await nextTurn();
    files.push(await exportRole(map, roleId, k, format, options));
    options.onProgress?.(files.length, kinds.length, files.at(-1)!.filename);
  }
  return {
    filename: `${slugify(ctx.profile.role.name, ctx.profile.role.id)}-documents-${format}.zip`,
    mimeType: 'application/zip',
    bytes: zipFiles(files),
  };
}

/** Development plans for everyone in the assessments: one file for one person, a zip for several. */
export async function exportDevelopmentPlans(
  map: MapSnapshot,
  roleId: string,
  assessments: readonly Assessment[],
  format: ExportFormat,
  options: DocumentOptions = {},
): Promise<ExportFile> {
  const people = assessedPeople(assessments);
  if (people.length <= 1) {
    return exportRole(map, roleId, 'development-plan', format, { ...options, person: people[0] ?? '', assessments });
  }
  const files: ExportFile[] = [];
  for (const person of people) {
    if (files.length) await nextTurn();
    files.push(
      await exportRole(map, roleId, 'development-plan', format, {
        ...options,
        person,
        assessments: assessments.filter((a) => a.person === person),
      }),
    );
  }
  const ctx = context(map, roleId, options);
  return {
    filename: `${slugify(ctx.profile.role.name, roleId)}-development-plans-${format}.zip`,
    mimeType: 'application/zip',
    bytes: zipFiles(files),
  };
}
