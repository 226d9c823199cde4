import { ROLE_KINDS, exportMapBatch, exportRole, sampleSupportMap } from '@journeycraft/export';
import type { MapSnapshot } from '@journeycraft/schema';
import type { ExportResult, NotMeasured } from './report.js';
import { median } from './stats.js';

/**
 * The sample support map grown to `roles` roles: each extra role copies one of the three sample
 * roles (name, purpose, assignments and requirements), so every role has real content to export.
 */
export function mapWithRoles(roles: number): MapSnapshot {
  const base = sampleSupportMap();
  const map: MapSnapshot = structuredClone(base);
  map.meta = { ...map.meta, title: `Support map with ${roles} roles` };
  for (let k = base.roles.length; k < roles; k++) {
    const source = base.roles[k % base.roles.length]!;
    const id = `${source.id}-${k}`;
    map.roles.push({ ...source, id, name: `${source.name} ${k + 1}` });
    for (const a of base.assignments.filter((x) => x.roleId === source.id))
      map.assignments.push({ ...a, id: `${a.id}-${k}`, roleId: id });
    for (const q of base.requirements.filter((x) => x.roleId === source.id))
      map.requirements.push({ ...q, id: `${q.id}-${k}`, roleId: id });
  }
  return map;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Runs `fn` while a 5 ms timer ticks, and returns the longest time the event loop could not run
 * a timer: on the server, that is how long every other request and every sync message waits.
 */
async function longestStall(fn: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  const ticks: number[] = [];
  const timer = setInterval(() => ticks.push(performance.now()), 5);
  const t0 = performance.now();
  await fn();
  const t1 = performance.now();
  clearInterval(timer);
  const points = [t0, ...ticks, t1];
  const stallMs = Math.max(...points.slice(1).map((t, i) => t - points[i]!));
  return { ms: t1 - t0, stallMs };
}

/**
 * Export timings: one interview guide DOCX (first call and warm median), and a zip of every
 * document of 50 roles (5 with --quick) per format (DOCX; PDF too with --export-pdf).
 */
export async function runExports(
  quick: boolean,
  formats: ReadonlyArray<'docx' | 'pdf'> = ['docx'],
): Promise<{ results: ExportResult[]; notMeasured: NotMeasured[] }> {
  const results: ExportResult[] = [];
  const sample = sampleSupportMap();
  const role = sample.roles[0]!.id;
  let bytes = 0;
  const first = await time(async () => {
    bytes = (await exportRole(sample, role, 'interview-guide', 'docx')).bytes.length;
  });
  results.push({
    what: 'one interview guide DOCX (first call in the process)',
    ms: first,
    note: `${(bytes / 1024).toFixed(0)} KiB`,
  });
  const warm: number[] = [];
  for (let i = 0; i < (quick ? 3 : 10); i++)
    warm.push(await time(() => exportRole(sample, role, 'interview-guide', 'docx')));
  results.push({ what: 'one interview guide DOCX (warm)', ms: median(warm), note: `median of ${warm.length}` });

  const roles = quick ? 5 : 50;
  const big = mapWithRoles(roles);
  for (const format of formats) {
    let files = 0;
    let size = 0;
    const { ms, stallMs } = await longestStall(async () => {
      const zip = await exportMapBatch(big, ROLE_KINDS, format, { onProgress: (done) => (files = done) });
      size = zip.bytes.length;
    });
    results.push({
      what: `zip of all documents of ${roles} roles (${format.toUpperCase()})`,
      ms,
      note:
        `${files} documents, ${(size / 1024 / 1024).toFixed(1)} MiB zip; ` +
        `longest event-loop stall ${(stallMs / 1000).toFixed(1)} s (the server runs this in-process)`,
    });
  }
  return { results, notMeasured: [] };
}
