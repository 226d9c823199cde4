import { randomBytes } from 'node:crypto';
import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import { ZipStream, inFolder, type BatchItem, type ExportFormat, type RoleExportOptions } from '@journeycraft/export';
import type { MapSnapshot } from '@journeycraft/schema';
import type { ExportPool } from './pool.js';
import { shareSnapshot } from './jobs.js';

/** What a batch's progress endpoint answers. */
export interface BatchProgress {
  id: string;
  status: 'running' | 'done' | 'failed';
  /** Documents in the zip when it is complete. */
  total: number;
  /** Documents rendered and written to the zip so far. */
  done: number;
  /** The last document finished (its name in the zip). */
  last: string | null;
  /** Why the batch stopped (the zip is then incomplete and its download is broken off). */
  error: string | null;
}

/**
 * A map's batch of documents rendered in the export workers, several at once (one per worker),
 * and written to a zip that streams out as documents finish (completion order). The zip is read
 * once; progress can be asked for meanwhile by the batch id.
 */
export class ExportBatch {
  readonly stream: ReadableStream<Uint8Array>;
  readonly total: number;
  private status: BatchProgress['status'] = 'running';
  private done = 0;
  private last: string | null = null;
  private error: string | null = null;
  private readonly finished: Promise<void>;

  constructor(
    /** Unguessable (the client may choose it, to ask for progress before the answer arrives). */
    readonly id: string,
    pool: ExportPool,
    readonly mapId: string,
    map: MapSnapshot,
    items: readonly BatchItem[],
    format: ExportFormat,
    options: RoleExportOptions,
  ) {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    this.stream = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
    });
    const zip = new ZipStream(
      (chunk, final) => {
        controller.enqueue(chunk);
        if (final) controller.close();
      },
      (err) => controller.error(err),
    );
    this.total = items.length;
    let next = 0;
    // Encoded once for every document (not copied into each job on this, the sync, thread).
    const shared = shareSnapshot(map);
    const lane = async (): Promise<void> => {
      while (next < items.length && this.status === 'running') {
        const item = items[next++]!;
        const file = await pool.run({ op: 'role', map: shared, roleId: item.roleId, kind: item.kind, format, options });
        if (this.status !== 'running') return;
        this.last = zip.add(inFolder(file, item.folder));
        this.done++;
      }
    };
    const lanes = Math.max(1, Math.min(pool.options.workers, items.length));
    this.finished = Promise.all(Array.from({ length: lanes }, lane)).then(
      () => {
        this.status = 'done';
        zip.end();
      },
      (err: unknown) => {
        this.status = 'failed';
        this.error = (err as Error)?.message ?? String(err);
        controller.error(err);
      },
    );
  }

  /** Resolves when every document is in the zip; rejects with the first failure. */
  completed(): Promise<void> {
    return this.finished.then(() => {
      if (this.status === 'failed') throw new Error(this.error ?? 'the export failed');
    });
  }

  progress(): BatchProgress {
    return { id: this.id, status: this.status, total: this.total, done: this.done, last: this.last, error: this.error };
  }
}

/** The batches of this process, by id, kept a while after they finish so their progress can be read. */
export class ExportBatches {
  private readonly batches = new Map<string, ExportBatch>();

  constructor(private readonly keepMs = 5 * 60_000) {}

  /** A new batch id: the client's (refused when taken) or a random one. */
  newId(wanted: string | undefined): string {
    if (wanted && this.batches.has(wanted))
      throw new JourneycraftError(ErrorCode.Conflict, `the export batch id "${wanted}" is taken; choose another`);
    return wanted ?? randomBytes(16).toString('base64url');
  }

  add(batch: ExportBatch): void {
    this.batches.set(batch.id, batch);
    const forget = () => setTimeout(() => this.batches.delete(batch.id), this.keepMs).unref();
    batch.completed().then(forget, forget);
  }

  /** The batch `id` of map `mapId` (a batch is only found through its own map). */
  get(mapId: string, id: string): ExportBatch | undefined {
    const batch = this.batches.get(id);
    return batch?.mapId === mapId ? batch : undefined;
  }
}
