import { snapshot } from '@journeycraft/doc';
import type { MapStore } from '@journeycraft/doc';
import { renderMapPicture } from '@journeycraft/picture';
import { touchpointsCsv } from '../core/csv.js';
import type { ImageCache } from '../core/images.js';

/** A file name from the map title: letters, digits and dashes. */
export function fileBase(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 80)
      .toLowerCase() || 'journey-map'
  );
}

function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  download(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function dataUri(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The picture could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The map's pictures (cards, personas) as data URIs, so the SVG holds them: fetched once through
 * the canvas's picture cache; a picture that cannot be had is left out of the file.
 */
async function embeddedImages(store: MapStore, images: ImageCache | null): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!images) return out;
  const snap = snapshot(store.doc);
  const ids = [...snap.touchpoints.map((t) => t.imageId), ...snap.meta.personas.map((p) => p.imageId)];
  await images.preload(ids);
  for (const id of new Set(ids)) {
    if (!id) continue;
    const state = images.peek(id);
    if (state.status !== 'ready') continue;
    out.set(id, await dataUri(await (await fetch(state.url)).blob()));
  }
  return out;
}

/**
 * Downloads the map as SVG of shapes, drawn from the live document by the same renderer the
 * server draws its PNG and PDF with (@journeycraft/picture), pictures embedded.
 */
export async function exportSvg(store: MapStore, images: ImageCache | null, title: string): Promise<void> {
  const hrefs = await embeddedImages(store, images);
  const { svg } = renderMapPicture(snapshot(store.doc), { images: (id) => hrefs.get(id) });
  saveBlob(new Blob([svg], { type: 'image/svg+xml' }), `${fileBase(title)}.svg`);
}

/** Downloads the map's touchpoints as a CSV file (UTF-8 with BOM so spreadsheets read accents). */
export function exportCsv(store: MapStore, title: string): void {
  const csv = touchpointsCsv(snapshot(store.doc));
  saveBlob(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }), `${fileBase(title)}-touchpoints.csv`);
}
