import { loadSharp } from '../images/sharp.js';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  outlineText,
  renderDocument,
  slugify,
  type ExportDocument,
  type ExportFile,
} from '@journeycraft/export';
import { boldTextElement, renderMapPicture, textElement, type MapPicture } from '@journeycraft/picture';
import { ErrorCode, LimitExceededError, type ImageType, type MapSnapshot } from '@journeycraft/schema';

/** The formats the map picture comes in. */
export type PictureFormat = 'svg' | 'png' | 'pdf';

/** A stored picture of the map, as the job carries it to the worker. */
export interface PictureImage {
  id: string;
  type: ImageType;
  bytes: Uint8Array;
}

/** The map as a picture: what to draw and how (crosses to a worker thread as plain data). */
export interface PictureRequest {
  map: MapSnapshot;
  format: PictureFormat;
  images: PictureImage[];
  /** PNG only: the width wanted in pixels (a thumbnail); default: the picture's own size × DEFAULT_SCALE. */
  width?: number | undefined;
  /** PDF only. */
  paper?: 'A4' | 'Letter' | undefined;
}

/** Limits of the map picture. */
export const PICTURE_LIMITS = {
  /** Most pixels of a PNG (25 megapixels: 100 MB decoded). */
  maxPixels: 25_000_000,
  /** Longest side of a PNG. */
  maxSide: 16_384,
  /** Smallest scale a full-size PNG is made at; a map that would need less gets 413 (the PDF splits it). */
  minScale: 0.25,
  /** Thumbnail widths a request may ask for. */
  minWidth: 64,
  maxWidth: 4096,
  /** Longest side a card or persona picture is embedded at (they are drawn at most 60 px). */
  embedSide: 240,
} as const;

/** PNGs are drawn at 1.5 pixels per picture unit unless a width is asked for: sharp enough to read. */
export const DEFAULT_SCALE = 1.5;

/**
 * The scale a PNG of a `width` × `height` picture is made at: the width asked for, or the default
 * scale, brought down to the pixel and side limits. A full-size PNG that would have to be smaller
 * than `minScale` to fit is refused (413) with the size and what to do instead.
 */
export function pngScale(width: number, height: number, requested?: number): number {
  let scale = requested ? requested / width : DEFAULT_SCALE;
  scale = Math.min(
    scale,
    Math.sqrt(PICTURE_LIMITS.maxPixels / (width * height)),
    PICTURE_LIMITS.maxSide / Math.max(width, height),
  );
  if (!requested && scale < PICTURE_LIMITS.minScale) {
    throw new LimitExceededError(
      `the map is ${width} × ${height} px as a picture, too large for a PNG of at most ${PICTURE_LIMITS.maxPixels / 1e6} megapixels at a readable size: download the PDF, which splits a large map over pages, or ask for a smaller width`,
      { name: 'picturePixels', max: PICTURE_LIMITS.maxPixels, unit: 'count' },
      ErrorCode.PayloadTooLarge,
    );
  }
  return scale;
}

/** Card and persona pictures as small PNG or JPEG data URIs (what librsvg and PDFKit both draw). */
async function embeddable(images: readonly PictureImage[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const img of images) {
    const pipeline = loadSharp()(img.bytes, { limitInputPixels: 50_000_000 }).rotate().resize({
      width: PICTURE_LIMITS.embedSide,
      height: PICTURE_LIMITS.embedSide,
      fit: 'inside',
      withoutEnlargement: true,
    });
    const { hasAlpha } = await loadSharp()(img.bytes).metadata();
    const bytes = hasAlpha ? await pipeline.png().toBuffer() : await pipeline.jpeg({ quality: 82 }).toBuffer();
    out.set(img.id, `data:image/${hasAlpha ? 'png' : 'jpeg'};base64,${bytes.toString('base64')}`);
  }
  return out;
}

/** The picture of a map for a document page (no title band: the page prints the title). */
export async function pictureForPdf(map: MapSnapshot, images: readonly PictureImage[]): Promise<MapPicture> {
  const hrefs = await embeddable(images);
  return renderMapPicture(map, { images: (id) => hrefs.get(id), paintText: boldTextElement, title: false });
}

/** Words for what the picture shows (alt text). */
export function pictureAlt(map: MapSnapshot): string {
  return `The journey map “${map.meta.title}”: ${map.stages.length} stages by ${map.lanes.length} lanes, ${map.touchpoints.length} touchpoints, the emotion curve and a legend`;
}

/** Draws the map as SVG, PNG (librsvg through sharp, text as Roboto outlines) or PDF (vectors, real text). */
export async function renderPicture(req: PictureRequest): Promise<ExportFile> {
  const base = slugify(req.map.meta.title, 'map');
  if (req.format === 'pdf') {
    const pic = await pictureForPdf(req.map, req.images);
    const doc: ExportDocument = {
      format: DOCUMENT_FORMAT,
      version: DOCUMENT_VERSION,
      kind: 'map-picture',
      title: req.map.meta.title,
      subtitle: 'Journey map',
      orientation: 'landscape',
      paper: req.paper ?? 'A4',
      meta: { mapTitle: req.map.meta.title, roleId: null, roleName: null, generatedAt: new Date().toISOString() },
      properties: [],
      blocks: [
        {
          type: 'figure',
          svg: pic.svg,
          width: pic.width,
          height: pic.height,
          alt: pictureAlt(req.map),
          grid: pic.grid,
        },
      ],
      primaryTable: 'map',
    };
    return { filename: `${base}.pdf`, mimeType: 'application/pdf', bytes: await renderDocument(doc, 'pdf') };
  }
  const hrefs = await embeddable(req.images);
  const images = (id: string) => hrefs.get(id);
  if (req.format === 'svg') {
    const { svg } = renderMapPicture(req.map, { images, paintText: textElement });
    return { filename: `${base}.svg`, mimeType: 'image/svg+xml', bytes: new TextEncoder().encode(svg) };
  }
  const pic = renderMapPicture(req.map, { images, paintText: outlineText });
  const scale = pngScale(pic.width, pic.height, req.width);
  // librsvg draws at a density of at least 1 dpi (1/72 of the picture's size); smaller is scaled after.
  const density = Math.max(1, 72 * scale);
  const width = Math.max(1, Math.round(pic.width * scale));
  let raster = loadSharp()(Buffer.from(pic.svg), {
    density,
    limitInputPixels: Math.ceil(PICTURE_LIMITS.maxPixels * 1.1),
  });
  if (density === 1) raster = raster.resize({ width });
  const png = await raster.png({ compressionLevel: 7 }).toBuffer();
  return { filename: `${base}.png`, mimeType: 'image/png', bytes: new Uint8Array(png) };
}
