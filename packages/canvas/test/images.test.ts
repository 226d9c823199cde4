import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '@journeycraft/schema';
import { ImageCache, imageFileProblem, type ImageTransport } from '../src/index.js';

/** A transport that answers when the test says so, counting loads. */
function fakeTransport() {
  const loads: string[] = [];
  const waiting = new Map<string, { resolve: (b: Blob) => void; reject: (e: Error) => void }>();
  const transport: ImageTransport = {
    load: (id) => {
      loads.push(id);
      return new Promise<Blob>((resolve, reject) => waiting.set(id, { resolve, reject }));
    },
    upload: async () => ({ id: 'new-image' }),
  };
  return { transport, loads, waiting };
}

function fakeUrls() {
  let n = 0;
  const live = new Set<string>();
  return {
    live,
    urls: {
      create: () => {
        const url = `blob:test/${++n}`;
        live.add(url);
        return url;
      },
      revoke: (url: string) => void live.delete(url),
    },
  };
}

describe('ImageCache: the pictures of a map, fetched once and shared', () => {
  it('fetches a picture once however often it is asked for, and tells subscribers when it is there', async () => {
    const { transport, loads, waiting } = fakeTransport();
    const { urls, live } = fakeUrls();
    const cache = new ImageCache(transport, urls);
    let told = 0;
    cache.subscribe(() => told++);
    expect(cache.peek('a')).toEqual({ status: 'loading' });
    const first = cache.request('a');
    const second = cache.request('a');
    expect(loads).toEqual(['a']);
    waiting.get('a')!.resolve(new Blob(['x']));
    await Promise.all([first, second]);
    expect(cache.peek('a')).toEqual({ status: 'ready', url: 'blob:test/1' });
    expect(told).toBe(1);
    await cache.request('a');
    expect(loads).toEqual(['a']);
    cache.destroy();
    expect(live.size).toBe(0);
  });

  it('keeps the server’s reason when a picture cannot be loaded; preload waits for all of them', async () => {
    const { transport, waiting } = fakeTransport();
    const cache = new ImageCache(transport, fakeUrls().urls);
    const all = cache.preload(['a', null, 'b', 'a', undefined]);
    waiting.get('a')!.resolve(new Blob(['x']));
    waiting.get('b')!.reject(new Error('this map has no picture "b"'));
    await all;
    expect(cache.peek('a').status).toBe('ready');
    expect(cache.peek('b')).toEqual({ status: 'failed', message: 'this map has no picture "b"' });
  });

  it('an upload is checked first, and shows at once from the file itself', async () => {
    const { transport, loads } = fakeTransport();
    const cache = new ImageCache(transport, fakeUrls().urls);
    await expect(cache.upload(new Blob([]))).rejects.toThrow(/empty/);
    expect(await cache.upload(new Blob(['png bytes'], { type: 'image/png' }))).toBe('new-image');
    expect(cache.peek('new-image').status).toBe('ready');
    await cache.request('new-image');
    expect(loads).toEqual([]);
  });

  it('says a file is too large before sending it, in the server’s words', () => {
    expect(imageFileProblem({ size: MAX_IMAGE_BYTES + 1, type: 'image/png' })).toMatch(
      /^The picture is larger than 10 MB, the most a picture may be/,
    );
    expect(imageFileProblem({ size: 1000, type: 'image/svg+xml' })).toBeNull();
  });
});
