import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { type RunningServer } from '../src/index.js';
import { contentAtFirstSync, createMap, rawSyncClient, startTestServer } from './helpers.js';

const RATE = 200;
const BURST = 20;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startTestServer({ roomIdleMs: 60_000, updateRate: RATE, updateBurst: BURST }));
});
afterAll(async () => {
  await server.close();
});

/** N one-key updates, each its own y-websocket update frame. */
function tinyUpdates(n: number): { frames: Uint8Array[] } {
  const doc = new Y.Doc();
  const frames: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeUpdate(e, u);
    frames.push(encoding.toUint8Array(e));
  });
  for (let i = 0; i < n; i++) doc.getMap('flood').set(`k${i}`, i);
  return { frames };
}

describe('UPDATE_RATE holds per connection', () => {
  it('a client sending updates as fast as it can is served at the rate (plus burst), and every update is stored', async () => {
    const N = 600;
    const mapId = await createMap(base);
    const { frames } = tinyUpdates(N);
    const client = await rawSyncClient(base, mapId);
    let answered: (() => void) | null = null;
    const step2 = new Promise<void>((resolve) => (answered = resolve));
    let sentStep1 = false;
    client.ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (sentStep1 && decoding.readVarUint(d) === 0 && decoding.readVarUint(d) === syncProtocol.messageYjsSyncStep2)
        answered!();
    });
    const started = performance.now();
    for (const frame of frames) client.send(frame);
    // The server answers a sync step 1 only after every earlier frame of this connection is stored.
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, new Y.Doc());
    sentStep1 = true;
    client.send(encoding.toUint8Array(e));
    await step2;
    const elapsedS = (performance.now() - started) / 1000;
    expect(elapsedS).toBeGreaterThanOrEqual(((N - BURST) / RATE) * 0.8);
    const throttled = await server.metrics.rejected.get();
    expect(throttled.values.find((v) => v.labels.reason === 'update_throttled')?.value ?? 0).toBeGreaterThan(0);
    await client.close();
    expect(await contentAtFirstSync(base, mapId, (d) => d.getMap('flood').size)).toBe(N);
  }, 30_000);
});
