import { toPng, toSvg } from 'html-to-image';
import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';
import { snapshot } from '@journeycraft/doc';
import type { MapStore } from '@journeycraft/doc';
import { touchpointsCsv } from '../core/csv.js';

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

const MAX_SIDE = 8000;

/** Leaves out the canvas chrome (minimap, controls, panels, remote cursors) from images. */
const filter = (node: HTMLElement) =>
  !(
    node.classList &&
    [
      'react-flow__minimap',
      'react-flow__controls',
      'react-flow__panel',
      'jc-cursors',
      'jc-ghost',
      'jc-cell-add',
      'jc-handle',
    ].some((c) => node.classList.contains(c))
  );

/**
 * Exports the canvas as PNG or SVG: `visible` is what is on screen now; `full` fits every
 * stage, lane and card into the image.
 */
export async function exportImage(
  flow: ReactFlowInstance,
  container: HTMLElement,
  format: 'png' | 'svg',
  area: 'visible' | 'full',
  title: string,
): Promise<void> {
  const viewportEl = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportEl) throw new Error('The canvas is not ready yet.');
  // Pictures on cards and personas are in the image only once decoded (a broken one is left out).
  await Promise.all([...viewportEl.querySelectorAll('img')].map((img) => img.decode().catch(() => {})));
  let width: number;
  let height: number;
  let transform: string;
  if (area === 'visible') {
    const rect = container.querySelector<HTMLElement>('.react-flow')!.getBoundingClientRect();
    width = Math.round(rect.width);
    height = Math.round(rect.height);
    const v = flow.getViewport();
    transform = `translate(${v.x}px, ${v.y}px) scale(${v.zoom})`;
  } else {
    const bounds = getNodesBounds(flow.getNodes());
    const scale = Math.min(1, MAX_SIDE / Math.max(bounds.width, bounds.height));
    width = Math.round(bounds.width * scale + 64);
    height = Math.round(bounds.height * scale + 64);
    const v = getViewportForBounds(bounds, width, height, 0.01, 2, 0.02);
    transform = `translate(${v.x}px, ${v.y}px) scale(${v.zoom})`;
  }
  const options = {
    backgroundColor: '#f6f7fb',
    width,
    height,
    filter,
    style: { width: `${width}px`, height: `${height}px`, transform },
  };
  const url =
    format === 'png'
      ? await toPng(viewportEl, { ...options, pixelRatio: area === 'full' ? 1 : 2 })
      : await toSvg(viewportEl, options);
  download(url, `${fileBase(title)}${area === 'visible' ? '-view' : ''}.${format}`);
}

/** Downloads the map's touchpoints as a CSV file (UTF-8 with BOM so spreadsheets read accents). */
export function exportCsv(store: MapStore, title: string): void {
  const csv = touchpointsCsv(snapshot(store.doc));
  const url = URL.createObjectURL(new Blob(['\ufeff', csv], { type: 'text/csv;charset=utf-8' }));
  download(url, `${fileBase(title)}-touchpoints.csv`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
