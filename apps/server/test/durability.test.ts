import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  acknowledged,
  connectProvider,
  contentAtFirstSync,
  createMap,
  nextSynced,
  spawnServer,
  tempDir,
  type ChildServer,
} from './helpers.js';

const servers: ChildServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop().catch(() => {});
});

async function start(dataDir: string): Promise<ChildServer> {
  const s = await spawnServer(dataDir, { COMPACT_EVERY: '700' });
  servers.push(s);
  return s;
}

const countEntries = (doc: Y.Doc) => doc.getMap('burst').size;

describe('durability: an acknowledged update survives kill -9', () => {
  it('keeps all 2,000 updates written as fast as possible', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const mapId = await createMap(first.url);
    const provider = connectProvider(first.url, mapId);
    await nextSynced(provider);
    const burst = provider.doc.getMap('burst');
    for (let i = 0; i < 2000; i++) burst.set(`k${i}`, i); // 2,000 transactions = 2,000 update messages
    await acknowledged(provider);
    await first.kill9();
    provider.destroy();

    const second = await start(dir);
    expect(await contentAtFirstSync(second.url, mapId, countEntries)).toBe(2000);
  });

  it('keeps all 300 updates written at 100/s, killed right after the acknowledgement', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const mapId = await createMap(first.url);
    const provider = connectProvider(first.url, mapId);
    await nextSynced(provider);
    const burst = provider.doc.getMap('burst');
    for (let i = 0; i < 300; i++) {
      burst.set(`k${i}`, i);
      await new Promise((r) => setTimeout(r, 10));
    }
    await acknowledged(provider);
    await first.kill9();
    provider.destroy();

    const second = await start(dir);
    expect(await contentAtFirstSync(second.url, mapId, countEntries)).toBe(300);
  });

  it('after a restart, a new client’s first synced event already has all content', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const mapId = await createMap(first.url);
    const provider = connectProvider(first.url, mapId);
    await nextSynced(provider);
    const text = provider.doc.getText('notes');
    for (let i = 0; i < 1500; i++) provider.doc.getMap('burst').set(`k${i}`, 'x'.repeat(50));
    text.insert(0, 'hello world');
    await acknowledged(provider);
    provider.destroy();
    await first.stop(); // graceful this time: compacts on the way out

    const second = await start(dir);
    const seen = await contentAtFirstSync(second.url, mapId, (doc) => ({
      entries: countEntries(doc),
      text: doc.getText('notes').toString(),
      title: doc.getMap('meta').get('title'),
    }));
    expect(seen).toEqual({ entries: 1500, text: 'hello world', title: 'Test map' });
  });
});
