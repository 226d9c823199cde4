import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const loadedSharp = () =>
  Object.keys(createRequire(import.meta.url).cache).filter((file) => /[\\/]sharp[\\/]/.test(file));

describe('what a sync server loads at start', () => {
  it('not sharp (libvips, about 25 MB of RSS): pictures and exports load it on first use', async () => {
    await import('../src/server.js');
    expect(loadedSharp()).toEqual([]);
    const { loadSharp } = await import('../src/images/sharp.js');
    loadSharp();
    expect(loadedSharp().length).toBeGreaterThan(0);
  });
});
