import { ROLE_KINDS, exportMapBatch, exportRole, sampleSupportMap } from '@journeycraft/export';
import type { MapSnapshot } from '@journeycraft/schema';
import type { ExportResult, NotMeasured } from './report.js';
import * as Y from 'yjs';
import { applySnapshot, userOrigin } from '@journeycraft/doc';
import { median, percentiles } from './stats.js';
import { BENCH_ADMIN_TOKEN, startOurs } from './servers.js';
import { close, connect, nextSynced, roundTrip } from './client.js';

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
  results.push(...(await batchThroughServer(roles)));
  return { results, notMeasured: [] };
}

/**
 * The same zip as our server makes it (`GET /api/maps/:id/export.zip?format=docx`, rendered in its
 * export workers and streamed), while a second client on another map edits and waits for its own
 * sync round-trip (an acknowledgement: stored) back to back: its latency before and during the batch.
 */
async function batchThroughServer(roles: number): Promise<ExportResult[]> {
  const server = await startOurs();
  const providers = [];
  try {
    const room = await server.newRoom(`Export ${roles} roles`);
    const writer = connect(server.wsBase, room, new Y.Doc(), server.wsParams);
    providers.push(writer);
    await nextSynced(writer);
    applySnapshot(writer.doc, mapWithRoles(roles), userOrigin('bench'));
    await roundTrip(writer);

    const other = connect(server.wsBase, await server.newRoom('Second client'), new Y.Doc(), server.wsParams);
    providers.push(other);
    await nextSynced(other);
    const edit = async () => {
      const t0 = performance.now();
      other.doc.getMap('bench').set('n', t0);
      await roundTrip(other);
      return performance.now() - t0;
    };
    const idle: number[] = [];
    for (let i = 0; i < 100; i++) {
      idle.push(await edit());
      await new Promise((r) => setTimeout(r, 50));
    }

    const during: number[] = [];
    let busy = true;
    // The second client edits 20 times a second (a person dragging a card), each edit waiting for
    // its acknowledgement.
    const sampling = (async () => {
      while (busy) {
        during.push(await edit());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${server.port}/api/maps/${room}/export.zip?format=docx`, {
      headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}` },
    });
    if (res.status !== 200) throw new Error(`export.zip answered ${res.status}: ${await res.text()}`);
    const documents = Number(res.headers.get('x-export-documents'));
    const size = (await res.arrayBuffer()).byteLength;
    const ms = performance.now() - t0;
    busy = false;
    await sampling;
    const i = percentiles(idle);
    const d = percentiles(during);
    return [
      {
        what: `zip of all documents of ${roles} roles (DOCX) through our server`,
        ms,
        note:
          `${documents} documents, ${(size / 1024 / 1024).toFixed(1)} MiB, rendered in the export workers and streamed; ` +
          `a second client's sync round-trip meanwhile p50 ${d.p50.toFixed(1)} / p99 ${d.p99.toFixed(1)} / max ${d.max.toFixed(1)} ms ` +
          `(${during.length} round-trips, one per 50 ms; before the batch p50 ${i.p50.toFixed(1)} / p99 ${i.p99.toFixed(1)} ms)`,
      },
    ];
  } finally {
    for (const p of providers) close(p);
    await server.stop();
    server.cleanup();
  }
}
