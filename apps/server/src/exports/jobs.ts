import { randomBytes } from 'node:crypto';
import {
  checkOutputSize,
  exportDevelopmentPlans,
  exportMap,
  exportMapBatch,
  exportRole,
  exportRoleBatch,
  fillTemplate,
  renderDocument,
  type Assessment,
  type BatchOptions,
  type ExportDocument,
  type ExportFile,
  type ExportFormat,
  type MapExportOptions,
  type MapKind,
  type RoleExportOptions,
  type RoleKind,
  type TemplateExportOptions,
} from '@journeycraft/export';
import {
  ErrorCode,
  JourneycraftError,
  LimitExceededError,
  type LimitInfo,
  type ImageType,
  type MapSnapshot,
} from '@journeycraft/schema';
import { reencodeImage } from '../images/encode.js';
import { pictureForPdf, renderPicture, type PictureImage, type PictureRequest } from './picture.js';
import { sessionSummary, type RoundTally } from './summary.js';

/**
 * A map snapshot encoded once (JSON in shared memory) for the many jobs of a batch: a job then
 * carries a reference instead of a copy of the whole map (posting a job copies it, on the sync
 * thread), and each worker parses it once and keeps it for the batch's next documents.
 */
export interface SharedSnapshot {
  readonly shared: SharedArrayBuffer;
  /** Distinguishes one batch's snapshot from another's in the workers' cache. */
  readonly key: string;
}

/** Encodes a snapshot once for every job of a batch (see SharedSnapshot). */
export function shareSnapshot(map: MapSnapshot): SharedSnapshot {
  const json = Buffer.from(JSON.stringify(map), 'utf8');
  const shared = new SharedArrayBuffer(json.byteLength);
  json.copy(Buffer.from(shared));
  return { shared, key: randomBytes(12).toString('base64url') };
}

/** The snapshots this worker parsed lately, by key (a batch's documents reuse theirs). */
const parsedSnapshots = new Map<string, MapSnapshot>();
const PARSED_KEEP = 4;

function mapOf(map: MapSnapshot | SharedSnapshot): MapSnapshot {
  if (!('shared' in map && map.shared instanceof SharedArrayBuffer)) return map as MapSnapshot;
  const cached = parsedSnapshots.get(map.key);
  if (cached) return cached;
  const parsed = JSON.parse(Buffer.from(map.shared).toString('utf8')) as MapSnapshot;
  parsedSnapshots.set(map.key, parsed);
  if (parsedSnapshots.size > PARSED_KEEP) parsedSnapshots.delete(parsedSnapshots.keys().next().value!);
  return parsed;
}

/** One piece of export work, as plain data (it crosses to a worker thread). */
export type ExportJob =
  | {
      op: 'role';
      map: MapSnapshot | SharedSnapshot;
      roleId: string;
      kind: RoleKind;
      format: ExportFormat;
      options: RoleExportOptions;
    }
  | { op: 'roleBatch'; map: MapSnapshot; roleId: string; format: ExportFormat; options: BatchOptions }
  | { op: 'mapBatch'; map: MapSnapshot; kinds: RoleKind[]; format: ExportFormat; options: BatchOptions }
  | { op: 'map'; map: MapSnapshot; kind: MapKind; format: ExportFormat; options: MapExportOptions }
  | {
      op: 'developmentPlans';
      map: MapSnapshot;
      roleId: string;
      assessments: Assessment[];
      format: ExportFormat;
      options: RoleExportOptions;
    }
  | {
      op: 'template';
      map: MapSnapshot;
      roleId: string;
      template: Uint8Array;
      /** The file name without extension (the extension comes from the template). */
      filenameStem: string;
      options: TemplateExportOptions;
    }
  | { op: 'render'; document: ExportDocument; format: 'pdf' | 'md'; filename: string; mimeType: string }
  /** An uploaded picture to decode and re-encode (see images/encode.ts). */
  | { op: 'image'; bytes: Uint8Array; type: ImageType }
  /** The map as a picture (SVG, PNG or PDF), see picture.ts. */
  | ({ op: 'picture' } & PictureRequest)
  /** The session summary; its PDF shows the map as a picture. */
  | {
      op: 'summary';
      map: MapSnapshot;
      rounds: RoundTally[];
      images: PictureImage[];
      format: 'pdf' | 'md';
      filename: string;
      now: string;
    };

/** What a worker answers: the file, or the error as data (classes do not survive the thread boundary). */
export type JobResult =
  | { ok: true; file: ExportFile }
  | {
      ok: false;
      error: { code: ErrorCode; message: string; issues?: { path: string; message: string }[]; limit?: LimitInfo };
    };

/** Runs a job (in the worker). Pure of threads: the tests call it directly too. */
export async function performJob(job: ExportJob, maxOutputBytes: number): Promise<ExportFile> {
  const file = await perform(job);
  checkOutputSize(file.bytes, maxOutputBytes);
  return file;
}

async function perform(job: ExportJob): Promise<ExportFile> {
  switch (job.op) {
    case 'role':
      return exportRole(mapOf(job.map), job.roleId, job.kind, job.format, job.options);
    case 'roleBatch':
      return exportRoleBatch(job.map, job.roleId, job.format, job.options);
    case 'mapBatch':
      return exportMapBatch(job.map, job.kinds, job.format, job.options);
    case 'map':
      return exportMap(job.map, job.kind, job.format, job.options);
    case 'developmentPlans':
      return exportDevelopmentPlans(job.map, job.roleId, job.assessments, job.format, job.options);
    case 'template': {
      const out = await fillTemplate(job.map, job.roleId, job.template, job.options);
      return {
        filename: `${job.filenameStem}.${out.extension}`,
        mimeType: out.mimeType,
        bytes: out.bytes,
        ...(out.blankFields.length ? { blankFields: out.blankFields } : {}),
      };
    }
    case 'render':
      return { filename: job.filename, mimeType: job.mimeType, bytes: await renderDocument(job.document, job.format) };
    case 'image':
      return {
        filename: `image.${job.type.slice(6)}`,
        mimeType: job.type,
        bytes: await reencodeImage(job.bytes, job.type),
      };
    case 'picture':
      return renderPicture(job);
    case 'summary': {
      const picture = job.format === 'pdf' ? await pictureForPdf(job.map, job.images) : undefined;
      const document = sessionSummary(job.map, job.rounds, new Date(job.now), picture);
      return {
        filename: job.filename,
        mimeType: job.format === 'pdf' ? 'application/pdf' : 'text/markdown; charset=utf-8',
        bytes: await renderDocument(document, job.format),
      };
    }
  }
}

/** An error as data, for the trip back from the worker. */
export function errorResult(err: unknown): JobResult {
  if (err instanceof LimitExceededError) {
    return { ok: false, error: { code: err.code, message: err.message, limit: err.limit } };
  }
  if (err instanceof JourneycraftError) {
    return {
      ok: false,
      error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) },
    };
  }
  return { ok: false, error: { code: ErrorCode.Internal, message: String((err as Error)?.message ?? err) } };
}

/** The error a worker reported, as the class the HTTP layer answers with. */
export function errorFromResult(error: Extract<JobResult, { ok: false }>['error']): JourneycraftError {
  if (error.limit) {
    return new LimitExceededError(
      error.message,
      error.limit,
      error.code === ErrorCode.PayloadTooLarge ? ErrorCode.PayloadTooLarge : ErrorCode.LimitExceeded,
    );
  }
  return new JourneycraftError(error.code, error.message, error.issues);
}
