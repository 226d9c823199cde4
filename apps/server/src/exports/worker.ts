import type { MessagePort } from 'node:worker_threads';
import { preloadRenderers } from '@journeycraft/export';
import { errorResult, performJob, type ExportJob, type JobResult } from './jobs.js';

// The renderers' libraries load with the worker (the sync process never loads them).
preloadRenderers();

/** A task as the pool sends it: the job, the output limit, and a port to say when work starts. */
export interface WorkerTask {
  job: ExportJob;
  maxOutputBytes: number;
  started: MessagePort;
}

/**
 * The export worker (a piscina task file): tells the pool it has started (its time limit counts
 * from here, not from the queue), runs the job, and answers the file or the error as data.
 */
export default async function runExportTask(task: WorkerTask): Promise<JobResult> {
  task.started.postMessage('started');
  task.started.close();
  try {
    return { ok: true, file: await performJob(task.job, task.maxOutputBytes) };
  } catch (err) {
    return errorResult(err);
  }
}
