import { z } from 'zod';
import { IdSchema } from './common.js';

/** The kinds of picture a card or persona may carry: raster formats only (never SVG, which can carry script). */
export const ImageType = z.enum(['image/png', 'image/jpeg', 'image/webp']);
export type ImageType = z.infer<typeof ImageType>;

/** Largest upload in bytes (10 MiB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Most pixels an upload may decode to (40 megapixels), against decompression bombs. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Longest side an upload may have, in pixels. */
export const MAX_IMAGE_SIDE = 12_000;
/** Longest side of the stored picture: larger uploads are scaled down when they are re-encoded. */
export const STORED_IMAGE_SIDE = 2048;
/** Most pictures one map may keep. */
export const MAX_IMAGES_PER_MAP = 500;

/** An id of a stored picture, as the document keeps it on a touchpoint or persona (null: none). */
export const ImageRefSchema = IdSchema.nullable().default(null);

/** A stored picture as the API describes it (201 of an upload). The bytes are at `url`. */
export const ImageInfoSchema = z.object({
  id: IdSchema,
  mapId: IdSchema,
  type: ImageType,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  createdAt: z.string(),
});
export type ImageInfo = z.infer<typeof ImageInfoSchema>;

/** Path of a stored picture of a map (GET). */
export function imagePath(mapId: string, imageId: string): string {
  return `/api/maps/${encodeURIComponent(mapId)}/images/${encodeURIComponent(imageId)}`;
}

/** Path of the map drawn as a picture (GET; PNG takes `?width=` for a thumbnail, PDF `?paper=`). */
export function mapPicturePath(mapId: string, format: 'svg' | 'png' | 'pdf'): string {
  return `/api/maps/${encodeURIComponent(mapId)}/map.${format}`;
}

/** 2 → 3: touchpoints and personas gained `imageId` (none yet in older maps). */
export const imagesMigration = {
  from: 2,
  describe: 'touchpoints and personas may carry a picture (imageId)',
  up: (raw: Record<string, unknown>): Record<string, unknown> => {
    const withImage = (list: unknown) =>
      Array.isArray(list)
        ? list.map((r: unknown) =>
            r && typeof r === 'object' && !('imageId' in r) ? { ...(r as object), imageId: null } : r,
          )
        : list;
    const meta = raw.meta && typeof raw.meta === 'object' ? (raw.meta as Record<string, unknown>) : null;
    return {
      ...raw,
      touchpoints: withImage(raw.touchpoints),
      ...(meta ? { meta: { ...meta, personas: withImage(meta.personas) } } : {}),
    };
  },
};
