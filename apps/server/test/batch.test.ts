import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { applySnapshot, serverOrigin } from '@journeycraft/doc';
import { sampleSupportMap } from '@journeycraft/export';
import { readConfig, type RunningServer } from '../src/index.js';
import { ownerHeaders } from './auth-helpers.js';
import { acknowledged, connectProvider, createMap, nextSynced, startTestServer } from './helpers.js';

interface Progress {
  status: string;
  total: number;
  done: number;
  last: string | null;
  error: string | null;
}

describe('a zip of every role: rendered in the export workers, streamed as documents finish', () => {
  let server: RunningServer;
  let base: string;
  let mapId: string;
  beforeAll(async () => {
    ({ server, base } = await startTestServer({ exports: { ...readConfig({}).exports, workers: 2 } }));
    mapId = await createMap(base, 'Batch map');
    await server.rooms.withDoc(mapId, (doc) => applySnapshot(doc, sampleSupportMap(), serverOrigin('template')));
  });
  afterAll(async () => {
    await server?.close();
  });

  const progress = async (batch: string) => {
    const res = await fetch(`${base}/api/maps/${mapId}/export-batches/${batch}`, { headers: ownerHeaders() });
    expect(res.status).toBe(200);
    return (await res.json()) as Progress;
  };

  it('streams a complete zip (no length up front), with per-document progress, while a second client keeps syncing', async () => {
    const other = await createMap(base, 'Second client');
    const provider = connectProvider(base, other);
    await nextSynced(provider);
    try {
      const res = await fetch(`${base}/api/maps/${mapId}/export.zip?format=docx`, { headers: ownerHeaders() });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-length')).toBeNull();
      const batch = res.headers.get('x-export-batch')!;
      const total = Number(res.headers.get('x-export-documents'));
      expect(batch).toMatch(/^[\w-]{20,}$/);
      expect(total).toBeGreaterThan(5);

      // Read the stream; meanwhile the second client's edits are stored and acknowledged.
      const chunks: Uint8Array[] = [];
      const seen: Progress[] = [];
      let reading = true;
      let roundTrips = 0;
      const syncing = (async () => {
        while (reading) {
          provider.doc.getMap('m').set('n', roundTrips);
          await acknowledged(provider);
          roundTrips++;
        }
      })();
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        seen.push(await progress(batch));
      }
      reading = false;
      await syncing;
      expect(roundTrips).toBeGreaterThan(0);
      // Progress only grows, and the zip came in more than one piece (documents as they finished).
      expect(chunks.length).toBeGreaterThan(1);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);

      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.byteLength;
      }
      const entries = unzipSync(bytes);
      const names = Object.keys(entries);
      expect(names).toHaveLength(total);
      expect(names.some((n) => /^contact-centre-agent\/.+\.docx$/.test(n))).toBe(true);
      for (const name of names) expect(Object.keys(unzipSync(entries[name]!))).toContain('word/document.xml');

      const final = await progress(batch);
      expect(final).toMatchObject({ status: 'done', total, done: total, error: null });
      expect(names).toContain(final.last);
    } finally {
      provider.destroy();
    }
  });

  it('a batch is found only through its own map; unknown ones are a 404 with a JSON error', async () => {
    // The client may name the batch (to ask for progress before the answer arrives); a taken name is a 409.
    const chosen = `client-chosen-${Date.now()}`;
    const res = await fetch(`${base}/api/maps/${mapId}/export.zip?format=md&batch=${chosen}`, {
      headers: ownerHeaders(),
    });
    const batch = res.headers.get('x-export-batch')!;
    expect(batch).toBe(chosen);
    await res.arrayBuffer();
    const again = await fetch(`${base}/api/maps/${mapId}/export.zip?format=md&batch=${chosen}`, {
      headers: ownerHeaders(),
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/is taken/);
    const bad = await fetch(`${base}/api/maps/${mapId}/export.zip?format=md&batch=short`, { headers: ownerHeaders() });
    expect(bad.status).toBe(400);
    const other = await createMap(base, 'Elsewhere');
    const wrong = await fetch(`${base}/api/maps/${other}/export-batches/${batch}`, { headers: ownerHeaders() });
    expect(wrong.status).toBe(404);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toMatch(/no such export batch/);
    const stranger = await fetch(`${base}/api/maps/${mapId}/export-batches/${batch}`);
    expect(stranger.status).toBe(401);
  });
});
