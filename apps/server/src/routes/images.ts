import { Hono, type Context } from 'hono';
import {
  ErrorCode,
  IdSchema,
  ImageType,
  JourneycraftError,
  LimitExceededError,
  MAX_IMAGES_PER_MAP,
  imagePath,
  newId,
  type ImageInfo,
} from '@journeycraft/schema';
import type { Storage } from '../storage/types.js';
import type { Auth } from '../auth.js';
import type { Access } from '../accounts/authorize.js';
import type { ImageStore } from '../images/types.js';
import { sniffImage } from '../images/sniff.js';
import { exportPoolOf } from './exports.js';
import type { ExportPool } from '../exports/pool.js';
import { authorize } from './http.js';

export interface ImageRoutesDeps {
  storage: Storage;
  images: ImageStore;
  auth: Auth;
  access: Access;
  exportPool?: ExportPool | undefined;
}

/** Declared types that may carry a picture: ours, and what a client sends when it does not know. */
const NEUTRAL_TYPES = new Set(['', 'application/octet-stream']);

/** Reads an upload: the raw body, or a multipart form's field `file` (or `image`). */
async function uploadOf(c: Context): Promise<{ bytes: Uint8Array; declared: string }> {
  const header = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (header === 'multipart/form-data') {
    const body = await c.req.parseBody();
    const file = body.file ?? body.image;
    if (!(file instanceof File)) {
      throw new JourneycraftError(ErrorCode.BadRequest, 'send the picture as a file in the form field "file"');
    }
    return { bytes: new Uint8Array(await file.arrayBuffer()), declared: file.type.toLowerCase() };
  }
  return { bytes: new Uint8Array(await c.req.arrayBuffer()), declared: header };
}

/**
 * Pictures of a map (touchpoint and persona images). Upload: POST /api/maps/:id/images with the
 * file as the body (or a multipart field `file`), by anyone who may edit the map; the bytes decide
 * what it is (PNG, JPEG or WebP; an SVG or anything else is refused with 415), it is fully decoded
 * and re-encoded in an export worker, stored durably, then answered 201 with its id. The document
 * keeps only that id. Read: GET /api/maps/:id/images/:imageId, by anyone who may open the map
 * (a share-link guest included), with its stored type, nosniff and a long private cache (a
 * picture never changes; a new upload gets a new id).
 */
export function imageRoutes(deps: ImageRoutesDeps): Hono {
  const api = new Hono();

  api.post('/maps/:id/images', async (c) => {
    const { map } = await authorize(c, deps, 'editor');
    const { bytes, declared } = await uploadOf(c);
    if (!NEUTRAL_TYPES.has(declared) && !ImageType.safeParse(declared).success) {
      throw new JourneycraftError(
        ErrorCode.UnsupportedMediaType,
        `a file sent as ${declared} cannot be used as a picture: upload a PNG, JPEG or WebP image (SVG is not accepted)`,
      );
    }
    const sniffed = sniffImage(bytes);
    const usage = await deps.images.usage(map.id);
    if (usage.count >= MAX_IMAGES_PER_MAP) {
      throw new LimitExceededError(
        `this map already keeps ${usage.count} pictures, the most one map may have`,
        { name: 'imagesPerMap', max: MAX_IMAGES_PER_MAP, unit: 'count' },
        ErrorCode.PayloadTooLarge,
      );
    }
    const stored = await exportPoolOf(deps).processImage(bytes, sniffed.type);
    const out = sniffImage(stored);
    const info: ImageInfo = {
      id: newId(),
      mapId: map.id,
      type: out.type,
      width: out.width,
      height: out.height,
      bytes: stored.byteLength,
      createdAt: new Date().toISOString(),
    };
    await deps.images.put(info, stored);
    return c.json({ ...info, url: imagePath(map.id, info.id) }, 201);
  });

  api.get('/maps/:id/images/:imageId', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    const imageId = c.req.param('imageId');
    if (!IdSchema.safeParse(imageId).success) {
      throw new JourneycraftError(ErrorCode.BadRequest, 'image id must be 1-64 letters, digits, "_" or "-"');
    }
    const headers = {
      'X-Content-Type-Options': 'nosniff',
      // Pictures never change (a new upload gets a new id); private: only people with access to the map.
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${imageId}"`,
      // Opened on its own, the file runs nothing and is not embedded by other sites.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    const found = await deps.images.get(map.id, imageId);
    if (!found) throw new JourneycraftError(ErrorCode.NotFound, `this map has no picture "${imageId}"`);
    const tags = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (tags.includes(headers.ETag)) return c.body(null, 304, headers);
    return c.body(found.data as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Type': found.info.type,
      'Content-Length': String(found.data.byteLength),
      'Content-Disposition': `inline; filename="${imageId}.${found.info.type.slice(6)}"`,
    });
  });

  return api;
}
