import * as Y from 'yjs';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { batch, collection, createRecord, importOrigin, updateMeta } from '@journeycraft/doc';
import { startServer, type BenchServer, type ServerKind } from './servers.js';
import { close, connect, now, sleep } from './client.js';
import { median } from './stats.js';

const CHUNK = 1000;

/**
 * A map doc built with the real record API, as one update per 1,000 touchpoints; the first
 * `n / 1000` updates are a map of `n` touchpoints (stages, lanes and meta are in the first one).
 */
export interface MapUpdates {
  updates: Uint8Array[];
  /** The doc's state vector after each update (for a sync step 1 whose answer is nearly empty). */
  stateVectors: Uint8Array[];
}

export function buildMapUpdates(touchpoints: number): MapUpdates {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  const stateVectors: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.on('afterTransaction', () => stateVectors.push(Y.encodeStateVector(doc)));
  const origin = importOrigin('bench');
  const stages = Array.from({ length: 8 }, (_, i) => `stage-${i}`);
  const laneKinds = ['customer_actions', 'frontstage', 'backstage', 'support_processes', 'pain_points'] as const;
  const lanes = laneKinds.map((kind) => `lane-${kind}`);
  const channels = ['in_person', 'phone', 'email', 'chat', 'web', 'mobile_app'] as const;
  for (let start = 0; start < touchpoints; start += CHUNK) {
    batch(doc, origin, () => {
      if (start === 0) {
        updateMeta(doc, { title: `Cold load ${touchpoints}` }, origin);
        stages.forEach((id, i) => createRecord(doc, 'stages', { id, title: `Stage ${i + 1}`, order: i }, origin));
        laneKinds.forEach((kind, i) =>
          createRecord(doc, 'lanes', { id: lanes[i]!, kind, title: `Lane ${i + 1}`, order: i }, origin),
        );
      }
      for (let i = start; i < Math.min(touchpoints, start + CHUNK); i++) {
        createRecord(
          doc,
          'touchpoints',
          {
            id: `tp-${i}`,
            stageId: stages[i % stages.length]!,
            laneId: lanes[Math.floor(i / stages.length) % lanes.length]!,
            title: `Touchpoint ${i}: customer checks the order status`,
            channel: channels[i % channels.length]!,
            customerGoal: 'Know when the parcel arrives without calling anyone.',
            description: `Step ${i} of the journey. The customer opens the tracking page and reads the estimate.`,
            emotion: (i % 5) - 2,
            momentOfTruth: i % 17 === 0,
            painPoints: i % 3 === 0 ? ['Estimate changes without explanation', 'No way to pick a slot'] : [],
            order: i,
          },
          origin,
        );
      }
    });
  }
  doc.destroy();
  return { updates, stateVectors };
}

/**
 * Pushes the first `chunks` updates of a map through a plain y-websocket protocol client (no
 * local Y.Doc, so the bench process does not integrate the map itself), then does the sync
 * round-trip. Returns the open socket: the room stays loaded until it is closed.
 */
export async function pushMap(server: BenchServer, room: string, map: MapUpdates, chunks: number): Promise<WebSocket> {
  const ws = new WebSocket(`${server.wsBase}/${room}?${new URLSearchParams(server.wsParams)}`);
  ws.binaryType = 'arraybuffer';
  let answered: (() => void) | null = null;
  ws.on('message', (data: ArrayBuffer) => {
    const bytes = new Uint8Array(data);
    // Sync step 2 (0, 1): the answer to our step 1, sent after everything before it.
    if (bytes[0] === 0 && bytes[1] === 1) answered?.();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const frame = (sub: number, payload: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, sub);
    encoding.writeVarUint8Array(e, payload);
    return encoding.toUint8Array(e);
  };
  for (const u of map.updates.slice(0, chunks)) ws.send(frame(2, u));
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to the sync round-trip in 300 s')), 300_000);
    const onClose = (code: number, reason: Buffer) => {
      clearTimeout(timer);
      reject(
        new Error(`the server closed the pushing connection (${code} ${reason.toString()}) before its round-trip`),
      );
    };
    ws.once('close', onClose);
    answered = () => {
      clearTimeout(timer);
      ws.off('close', onClose);
      resolve();
    };
  });
  ws.send(frame(0, map.stateVectors[chunks - 1]!));
  await done;
  return ws;
}

export interface ColdSample {
  /** Connect → first `synced` event. */
  syncedMs: number;
  /** Connect → the doc holds every touchpoint (NaN if it never did within the timeout). */
  fullMs: number;
  /** Touchpoints present when the first `synced` fired. */
  atSynced: number;
}

export interface ColdResult {
  server: ServerKind;
  touchpoints: number;
  phase: 'in-memory' | 'after restart';
  /** Time to push the map through one client and get the round-trip answer. */
  pushMs: number;
  samples: ColdSample[];
  syncedMs: number;
  fullMs: number;
  /** Every sample had all content at its first `synced`. */
  completeAtSynced: boolean;
  /** Fewest touchpoints seen at a first `synced`. */
  minAtSynced: number;
  note?: string;
}

/** A new client's view of a map: when it got `synced`, what it had then, and when it had everything. */
export async function measureLoad(server: BenchServer, room: string, expected: number): Promise<ColdSample> {
  const doc = new Y.Doc();
  const tps = collection(doc, 'touchpoints');
  const t0 = now();
  let fullAt = NaN;
  let syncedAt = NaN;
  let atSynced = -1;
  const full = new Promise<void>((resolve) => {
    const check = () => {
      if (Number.isNaN(fullAt) && tps.size >= expected) {
        fullAt = now();
        resolve();
      }
    };
    doc.on('update', check);
  });
  const provider = connect(server.wsBase, room, doc, server.wsParams);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no synced event in 120 s')), 120_000);
      const handler = (synced: boolean) => {
        if (!synced) return;
        clearTimeout(timer);
        provider.off('sync', handler);
        syncedAt = now();
        atSynced = tps.size;
        resolve();
      };
      provider.on('sync', handler);
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([full, new Promise<void>((resolve) => (timer = setTimeout(resolve, 60_000)))]);
    clearTimeout(timer);
    return { syncedMs: syncedAt - t0, fullMs: fullAt - t0, atSynced };
  } finally {
    close(provider);
  }
}

function summarize(
  server: ServerKind,
  touchpoints: number,
  phase: ColdResult['phase'],
  pushMs: number,
  samples: ColdSample[],
): ColdResult {
  return {
    server,
    touchpoints,
    phase,
    pushMs,
    samples,
    syncedMs: median(samples.map((s) => s.syncedMs)),
    fullMs: samples.some((s) => Number.isNaN(s.fullMs)) ? NaN : median(samples.map((s) => s.fullMs)),
    completeAtSynced: samples.every((s) => s.atSynced >= touchpoints),
    minAtSynced: Math.min(...samples.map((s) => s.atSynced)),
  };
}

/**
 * Pushes maps of each size through a client (waits for the round-trip), measures a new client
 * while the room is loaded (`reps` times), then restarts the server and measures the first
 * client of each map (the room loads from storage).
 */
export async function runColdLoad(
  kind: ServerKind,
  map: MapUpdates,
  sizes: number[],
  /** New clients measured per size while the room is loaded. */
  reps: (size: number) => number,
  restarts: number,
): Promise<ColdResult[]> {
  let server = await startServer(kind);
  const results: ColdResult[] = [];
  const rooms: Array<{ size: number; room: string; pushMs: number }> = [];
  try {
    const pushers: WebSocket[] = [];
    for (const size of sizes) {
      const room = await server.newRoom(`cold ${size}`);
      const t0 = now();
      pushers.push(await pushMap(server, room, map, Math.ceil(size / CHUNK)));
      const pushMs = now() - t0;
      rooms.push({ size, room, pushMs });
      const samples: ColdSample[] = [];
      for (let i = 0; i < reps(size); i++) samples.push(await measureLoad(server, room, size));
      results.push(summarize(kind, size, 'in-memory', pushMs, samples));
    }
    for (const p of pushers) p.close();
    if (kind === 'ref-mem') {
      for (const { size } of rooms)
        results.push({
          ...summarize(kind, size, 'after restart', NaN, [{ syncedMs: NaN, fullMs: NaN, atSynced: 0 }]),
          note: 'no persistence: a restart loses the map',
        });
      return results;
    }
    // Let the reference's LevelDB writes (fire-and-forget) land before stopping it.
    if (kind === 'ref-leveldb') await sleep(2000);
    const after = new Map<number, ColdSample[]>();
    for (let r = 0; r < restarts; r++) {
      await server.stop();
      server = await server.restart();
      for (const { size, room } of rooms) {
        const list = after.get(size) ?? [];
        list.push(await measureLoad(server, room, size));
        after.set(size, list);
      }
    }
    for (const { size, pushMs } of rooms)
      results.push(summarize(kind, size, 'after restart', pushMs, after.get(size)!));
    return results;
  } finally {
    await server.kill9();
    server.cleanup();
  }
}
