import { beforeEach, describe, expect, it } from 'vitest';
import type { ImageInfo } from '@journeycraft/schema';
import type { ImageStore } from '../src/index.js';

/** The contract every ImageStore implementation must pass (run per implementation). */
export function imageStoreContract(name: string, open: () => Promise<ImageStore>): void {
  describe(`ImageStore contract: ${name}`, () => {
    let store: ImageStore;
    beforeEach(async () => {
      store = await open();
      return () => store.close();
    });

    const info = (mapId: string, id: string, bytes: number): ImageInfo => ({
      id,
      mapId,
      type: 'image/png',
      width: 3,
      height: 2,
      bytes,
      createdAt: '2026-12-04T10:00:00.000Z',
    });
    const data = (n: number, fill: number) => new Uint8Array(n).fill(fill);

    it('stores a picture and gives back its bytes and description, per map', async () => {
      expect(await store.get('m1', 'a')).toBeNull();
      await store.put(info('m1', 'a', 5), data(5, 7));
      await store.put(info('m2', 'a', 3), data(3, 9));
      const got = await store.get('m1', 'a');
      expect(got?.info).toEqual(info('m1', 'a', 5));
      expect([...got!.data]).toEqual([7, 7, 7, 7, 7]);
      expect([...(await store.get('m2', 'a'))!.data]).toEqual([9, 9, 9]);
      // An id is looked up within its map only.
      expect(await store.get('m3', 'a')).toBeNull();
      expect(await store.usage('m1')).toEqual({ count: 1, bytes: 5 });
      expect(await store.usage('none')).toEqual({ count: 0, bytes: 0 });
    });

    it('never replaces a stored picture (ids are unique within a map)', async () => {
      await store.put(info('m1', 'a', 2), data(2, 1));
      await expect(store.put(info('m1', 'a', 2), data(2, 2))).rejects.toThrow();
      expect([...(await store.get('m1', 'a'))!.data]).toEqual([1, 1]);
    });

    it('keeps bytes exactly, including a large picture', async () => {
      const big = new Uint8Array(3 * 1024 * 1024);
      for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
      await store.put(info('m1', 'big', big.length), big);
      expect(Buffer.from((await store.get('m1', 'big'))!.data).equals(Buffer.from(big))).toBe(true);
    });

    it('copies a map’s pictures under the same ids, and deletes a map’s pictures and nothing else', async () => {
      await store.put(info('src', 'a', 2), data(2, 1));
      await store.put(info('src', 'b', 2), data(2, 2));
      await store.put(info('other', 'c', 2), data(2, 3));
      expect(await store.count()).toBe(3);
      expect(await store.copyMap('src', 'copy')).toBe(2);
      expect(await store.copyMap('src', 'src')).toBe(0);
      expect(await store.count()).toBe(5);
      expect((await store.get('copy', 'b'))?.info).toEqual(info('copy', 'b', 2));
      expect(await store.deleteMap('src')).toBe(2);
      expect(await store.get('src', 'a')).toBeNull();
      // The copy is its own: deleting the source leaves it.
      expect([...(await store.get('copy', 'a'))!.data]).toEqual([1, 1]);
      expect(await store.count()).toBe(3);
      expect(await store.deleteMap('src')).toBe(0);
      expect(await store.deleteMap('copy')).toBe(2);
      expect(await store.deleteMap('other')).toBe(1);
      expect(await store.count()).toBe(0);
    });
  });
}
