import { createRequire } from 'node:module';
import type Sharp from 'sharp';

let loaded: typeof Sharp | null = null;

/**
 * sharp (libvips, about 25 MB of RSS), loaded on first use: the sync process imports the picture
 * and export code that uses it but never decodes or draws a picture itself (the export workers do).
 */
export function loadSharp(): typeof Sharp {
  if (!loaded) {
    loaded = createRequire(import.meta.url)('sharp') as typeof Sharp;
    // One libvips thread per picture and no operation cache: a worker holds one picture at a time.
    loaded.concurrency(1);
    loaded.cache(false);
  }
  return loaded;
}
