import * as Y from 'yjs';
import { collection, createRecord, userOrigin } from '@journeycraft/doc';
import { startServer, type BenchServer, type ServerKind } from './servers.js';
import { close, connect, nextSynced, now, roundTrip, sleep } from './client.js';

export interface DurabilityResult {
  server: ServerKind;
  burst: number;
  /** ms between the acknowledgement (the client's own sync round-trip) and kill -9. */
  killDelayMs: number;
  /** First update sent → round-trip answered. */
  ackMs: number;
  /** Touchpoints a fresh client had after the restart (waited until stable). */
  recovered: number;
  lost: number;
  /** Touchpoints present at the fresh client's first `synced` after the restart. */
  atFirstSynced: number;
  error?: string;
}

/** Connects a fresh client and waits until it has `expected` touchpoints or the count stops changing for 2 s. */
async function recoveredCount(
  server: BenchServer,
  room: string,
  expected: number,
): Promise<{ count: number; atSynced: number }> {
  const doc = new Y.Doc();
  const tps = collection(doc, 'touchpoints');
  const provider = connect(server.wsBase, room, doc, server.wsParams);
  try {
    await nextSynced(provider, 60_000);
    const atSynced = tps.size;
    let last = tps.size;
    let stableSince = now();
    const deadline = now() + 20_000;
    while (tps.size < expected && now() - stableSince < 2000 && now() < deadline) {
      await sleep(25);
      if (tps.size !== last) {
        last = tps.size;
        stableSince = now();
      }
    }
    return { count: tps.size, atSynced };
  } finally {
    close(provider);
  }
}

/**
 * Sends a burst of `burst` updates (one touchpoint created per update, each its own message),
 * waits for the client's own sync round-trip, waits `delays[i]` ms, kills the server with
 * SIGKILL, restarts it on the same data and counts what a fresh client gets.
 */
export async function runDurability(kind: ServerKind, burst: number, delays: number[]): Promise<DurabilityResult[]> {
  let server = await startServer(kind);
  const results: DurabilityResult[] = [];
  const origin = userOrigin('bench-burst');
  try {
    for (const killDelayMs of delays) {
      const room = await server.newRoom(`durability ${killDelayMs}`);
      const provider = connect(server.wsBase, room, undefined, server.wsParams);
      await nextSynced(provider);
      const t0 = now();
      for (let i = 0; i < burst; i++) {
        createRecord(
          provider.doc,
          'touchpoints',
          { id: `tp-${i}`, stageId: 'stage-1', laneId: 'lane-1', title: `Burst touchpoint ${i}`, order: i },
          origin,
        );
      }
      await roundTrip(provider);
      const ackMs = now() - t0;
      if (killDelayMs > 0) await sleep(killDelayMs);
      await server.kill9();
      close(provider);
      server = await server.restart();
      const { count, atSynced } = await recoveredCount(server, room, burst);
      results.push({
        server: kind,
        burst,
        killDelayMs,
        ackMs,
        recovered: count,
        lost: burst - count,
        atFirstSynced: atSynced,
      });
    }
    return results;
  } finally {
    await server.kill9();
    server.cleanup();
  }
}
