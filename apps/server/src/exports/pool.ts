import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { HTTPException } from 'hono/http-exception';
import { ErrorCode, LimitExceededError, type ImageType } from '@journeycraft/schema';
import { DEFAULT_TEMPLATE_LIMITS, type ExportFile } from '@journeycraft/export';
import { errorFromResult, type ExportJob, type JobResult } from './jobs.js';
import { loadSharp } from '../images/sharp.js';
import type { WorkerTask } from './worker.js';
import { jsonLogger, type Logger } from '../log.js';

/** Limits of the export workers; every field has a default (see `exportPoolOptions`). */
export interface ExportPoolOptions {
  /**
   * Worker threads (EXPORT_WORKERS, default: one per core). They run at nice +10, so the sync loop
   * takes a core whenever it needs one, and a batch zip uses every core otherwise.
   */
  workers: number;
  /** Time one document may take once a worker runs it, in ms (EXPORT_TIME_MS, default 20 s). */
  timeMs: number;
  /** Heap of each worker in MB (EXPORT_MEMORY_MB, default 256, at least 64 to start); a worker over it is replaced. */
  memoryMb: number;
  /** Largest generated file in bytes (EXPORT_MAX_OUTPUT_BYTES, default 64 MiB: a whole-map zip). */
  maxOutputBytes: number;
  /** Largest filled custom template in bytes (default 8 MiB). */
  maxTemplateOutputBytes: number;
  /** Most bytes a DOCX template may unzip to (TEMPLATE_MAX_INFLATED_BYTES, default 32 MiB). */
  maxInflatedBytes: number;
  /** Most fields a DOCX template may fill, loop iterations counted (TEMPLATE_MAX_EXPANSIONS, default 100,000). */
  maxExpansions: number;
  /** Jobs waiting for a worker beyond which requests get 503 (default 16 per worker). */
  maxQueue: number;
}

/** The default limits, for `workers` cores of this machine. */
export function defaultExportPoolOptions(): ExportPoolOptions {
  const workers = Math.max(1, os.availableParallelism());
  return {
    workers,
    timeMs: 20_000,
    memoryMb: 256,
    maxOutputBytes: 64 * 1024 * 1024,
    maxTemplateOutputBytes: DEFAULT_TEMPLATE_LIMITS.maxOutputBytes,
    maxInflatedBytes: DEFAULT_TEMPLATE_LIMITS.maxInflatedBytes,
    maxExpansions: DEFAULT_TEMPLATE_LIMITS.maxExpansions,
    maxQueue: 16 * workers,
  };
}

const require = createRequire(import.meta.url);

/**
 * The worker file and how to start it: from the TypeScript sources (through tsx, with the `source`
 * condition) when this module itself runs from source (dev, tests), from `dist` in production.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  if (import.meta.url.endsWith('.ts')) {
    return {
      filename: new URL('./worker.ts', import.meta.url).href,
      execArgv: ['--conditions=source', '--import', pathToFileURL(require.resolve('tsx')).href],
    };
  }
  return { filename: new URL('./worker.js', import.meta.url).href, execArgv: [] };
}

function isOutOfMemory(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory/i.test(e?.message ?? '');
}

/**
 * Document rendering and custom templates, off the sync event loop: a piscina pool of worker
 * threads, each with a heap limit, a time limit per document (counted from when a worker starts
 * the job; the worker is terminated and replaced past it) and an output-size limit. Over a limit
 * the caller gets a LimitExceededError (413 for sizes and memory, 422 for time and loops) naming it.
 */
export class ExportPool {
  readonly options: ExportPoolOptions;
  private readonly pool: Piscina<WorkerTask, JobResult>;
  /** Jobs no worker has started yet: refused together when the workers cannot start at all. */
  private readonly waiting = new Set<AbortController>();
  private readonly unavailable = new WeakSet<AbortController>();

  constructor(options: Partial<ExportPoolOptions> = {}, log: Logger = jsonLogger) {
    this.options = { ...defaultExportPoolOptions(), ...options };
    const entry = workerEntry();
    this.pool = new Piscina<WorkerTask, JobResult>({
      filename: entry.filename,
      execArgv: entry.execArgv,
      minThreads: 0,
      maxThreads: this.options.workers,
      idleTimeout: 30_000,
      maxQueue: this.options.maxQueue,
      // Workers run at a lower CPU priority than the sync loop (Linux nice +10 per worker thread),
      // so a busy export never delays a sync round-trip for the cores' sake.
      niceIncrement: 10,
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.memoryMb,
        maxYoungGenerationSizeMb: Math.max(8, Math.min(32, Math.floor(this.options.memoryMb / 8))),
      },
      env: {},
    });
    // A worker that dies between jobs (e.g. out of memory after its answer) must not take the
    // server down: piscina reports it as an 'error' event and starts another.
    this.pool.on('error', (err: Error) => {
      log('error', 'export worker failed', { error: String(err) });
      // No worker alive (one died while starting, e.g. a heap too small to load the renderers):
      // the waiting jobs would wait forever, so they are refused now, saying why.
      if (this.pool.threads.length === 0) {
        for (const job of this.waiting) {
          this.unavailable.add(job);
          job.abort();
        }
      }
    });
  }

  /**
   * Runs a job in a worker. `documents` is how many documents it makes (a batch's time limit is
   * the per-document limit times that).
   */
  async run(job: ExportJob, documents = 1): Promise<ExportFile> {
    // The workers re-encode and draw pictures with sharp: the main thread must hold libvips loaded
    // too, or a worker that exits (the pool replaces one over its memory limit) unloads it under the
    // others (sharp issue 2263). Loaded before the first job goes to a worker, not at start.
    loadSharp();
    const { timeMs, memoryMb } = this.options;
    const budget = timeMs * Math.max(1, documents);
    const prepared = this.prepare(job);
    const channel = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.waiting.add(abort);
    channel.port1.once('message', () => {
      this.waiting.delete(abort);
      timer = setTimeout(() => abort.abort(), budget);
    });
    try {
      const result = await this.pool.run(
        { job: prepared, maxOutputBytes: this.options.maxOutputBytes, started: channel.port2 },
        { transferList: [channel.port2], signal: abort.signal },
      );
      if (!result.ok) throw errorFromResult(result.error);
      return result.file;
    } catch (err) {
      if (this.unavailable.has(abort)) {
        throw new HTTPException(503, {
          message: 'the export workers could not start (see the server log; EXPORT_MEMORY_MB may be too small)',
        });
      }
      if (abort.signal.aborted) {
        throw new LimitExceededError(
          `the export took longer than ${budget} ms${documents > 1 ? ` (${documents} documents)` : ''} and was stopped (limit EXPORT_TIME_MS per document)`,
          { name: 'timeMs', max: budget, unit: 'ms', setting: 'EXPORT_TIME_MS' },
        );
      }
      if (isOutOfMemory(err)) {
        throw new LimitExceededError(
          `the export needed more than ${memoryMb} MB of memory and was stopped (limit EXPORT_MEMORY_MB)`,
          { name: 'memoryMb', max: memoryMb, unit: 'MB', setting: 'EXPORT_MEMORY_MB' },
          ErrorCode.PayloadTooLarge,
        );
      }
      if (/queue is at limit/i.test((err as Error)?.message ?? '')) {
        throw new HTTPException(503, {
          message: 'every export worker is busy and the queue is full; try again shortly',
        });
      }
      throw err;
    } finally {
      this.waiting.delete(abort);
      clearTimeout(timer);
      channel.port1.close();
    }
  }

  /**
   * Decodes and re-encodes an uploaded picture in a worker (see images/encode.ts), within the
   * pool's time, memory and queue limits; the limits are named as a picture's when it runs into one.
   */
  async processImage(bytes: Uint8Array, type: ImageType): Promise<Uint8Array> {
    try {
      return (await this.run({ op: 'image', bytes, type })).bytes;
    } catch (err) {
      if (err instanceof LimitExceededError && (err.limit.name === 'timeMs' || err.limit.name === 'memoryMb')) {
        const what = err.limit.name === 'timeMs' ? `longer than ${err.limit.max} ms` : `more than ${err.limit.max} MB`;
        throw new LimitExceededError(
          `reading the picture took ${what} and was stopped`,
          err.limit,
          err.code === ErrorCode.PayloadTooLarge ? ErrorCode.PayloadTooLarge : ErrorCode.LimitExceeded,
        );
      }
      throw err;
    }
  }

  /** Template jobs carry this pool's template limits. */
  private prepare(job: ExportJob): ExportJob {
    if (job.op !== 'template') return job;
    return {
      ...job,
      options: {
        ...job.options,
        maxInflatedBytes: this.options.maxInflatedBytes,
        maxExpansions: this.options.maxExpansions,
        maxOutputBytes: this.options.maxTemplateOutputBytes,
        timeMs: this.options.timeMs,
      },
    };
  }

  /** Stops the workers (waiting for running jobs). */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
