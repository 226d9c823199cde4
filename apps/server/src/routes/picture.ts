import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { snapshot } from '@journeycraft/doc';
import { ErrorCode, JourneycraftError, LimitExceededError, type MapSnapshot } from '@journeycraft/schema';
import type { Auth } from '../auth.js';
import type { Access } from '../accounts/authorize.js';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import type { ImageStore } from '../images/types.js';
import type { ExportPool } from '../exports/pool.js';
import { PICTURE_LIMITS, type PictureFormat, type PictureImage } from '../exports/picture.js';
import { exportPoolOf } from './exports.js';
import { authorize } from './http.js';

export interface PictureRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
  access: Access;
  images: ImageStore;
  exportPool?: ExportPool | undefined;
}

/** Most bytes of stored pictures one picture of a map embeds (they are scaled down to thumbnails in the worker). */
export const MAX_PICTURE_IMAGE_BYTES = 64 * 1024 * 1024;
/** Bumped when the drawing changes, so cached pictures (ETags) are drawn again. */
const DRAWING_VERSION = '1';

/**
 * The stored pictures a map's cards and personas show, for drawing it. Pictures the store no
 * longer has are left out (the card is drawn without one); together they may be at most
 * MAX_PICTURE_IMAGE_BYTES, or the request is refused with 413.
 */
export async function mapImages(images: ImageStore, mapId: string, snap: MapSnapshot): Promise<PictureImage[]> {
  const ids = new Set<string>();
  for (const t of snap.touchpoints) if (t.imageId) ids.add(t.imageId);
  for (const p of snap.meta.personas) if (p.imageId) ids.add(p.imageId);
  const out: PictureImage[] = [];
  let bytes = 0;
  for (const id of ids) {
    const found = await images.get(mapId, id);
    if (!found) continue;
    bytes += found.data.byteLength;
    if (bytes > MAX_PICTURE_IMAGE_BYTES) {
      throw new LimitExceededError(
        `the pictures on this map's cards and personas come to more than ${MAX_PICTURE_IMAGE_BYTES / 1024 / 1024} MB, the most one picture of the map embeds`,
        { name: 'pictureImageBytes', max: MAX_PICTURE_IMAGE_BYTES, unit: 'bytes' },
        ErrorCode.PayloadTooLarge,
      );
    }
    out.push({ id, type: found.info.type, bytes: found.data });
  }
  return out;
}

const Query = z.object({
  width: z.coerce
    .number('width must be a number of pixels')
    .int('width must be a whole number of pixels')
    .min(PICTURE_LIMITS.minWidth, `width must be at least ${PICTURE_LIMITS.minWidth} pixels`)
    .max(PICTURE_LIMITS.maxWidth, `width must be at most ${PICTURE_LIMITS.maxWidth} pixels`)
    .optional(),
  paper: z.enum(['A4', 'Letter'], 'paper must be "A4" or "Letter"').optional(),
  download: z.enum(['0', '1'], 'download must be 0 or 1').optional(),
  /** The map's version as the caller knows it (its updatedAt): a URL that changes with the map, so it may be cached. */
  v: z.string().max(64, 'v must be at most 64 characters').optional(),
});

const MIME: Record<PictureFormat, string> = { svg: 'image/svg+xml', png: 'image/png', pdf: 'application/pdf' };

/**
 * `GET /api/maps/:id/map.svg|png|pdf`: the map as a picture (the same drawing as the browser's
 * export), for anyone who may view the map. Drawn in an export worker, never on the sync loop.
 * `?width=` (PNG: a thumbnail that many pixels wide), `?paper=A4|Letter` (PDF), `?download=1`
 * (as an attachment), `?v=` (the map's version the caller knows: the answer may be cached a day). Answers carry an ETag of what was drawn from, so an unchanged map is a 304.
 */
export function pictureRoutes(deps: PictureRoutesDeps): Hono {
  const api = new Hono();
  const handle = (format: PictureFormat) => async (c: Context) => {
    const parsed = Query.safeParse(c.req.query());
    if (!parsed.success) {
      throw new JourneycraftError(ErrorCode.BadRequest, parsed.error.issues.map((i) => i.message).join('; '));
    }
    const q = parsed.data;
    if (q.width !== undefined && format !== 'png') {
      throw new JourneycraftError(ErrorCode.BadRequest, 'width applies to map.png only');
    }
    if (q.paper !== undefined && format !== 'pdf') {
      throw new JourneycraftError(ErrorCode.BadRequest, 'paper applies to map.pdf only');
    }
    const { map } = await authorize(c, deps, 'viewer');
    const snap = await deps.rooms.withDoc(map.id, (doc) => snapshot(doc));
    const etag = `"${createHash('sha256')
      .update(`${DRAWING_VERSION}|${format}|${q.width ?? ''}|${q.paper ?? ''}|`)
      .update(JSON.stringify(snap))
      .digest('base64url')
      .slice(0, 27)}"`;
    const headers: Record<string, string> = {
      ETag: etag,
      // Private to people with access. Revalidated each time (a changed map is drawn again), unless
      // the URL names the map's version (`v`, e.g. a thumbnail in the map list): a new version is a new URL.
      'Cache-Control': q.v ? 'private, max-age=86400' : 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
      // An SVG opened on its own runs nothing (ours holds no script; this makes sure).
      'Content-Security-Policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    };
    const tags = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (tags.includes(etag)) return c.body(null, 304, headers);
    const images = await mapImages(deps.images, map.id, snap);
    const file = await exportPoolOf(deps).run({
      op: 'picture',
      map: snap,
      format,
      images,
      width: q.width,
      paper: q.paper,
    });
    const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'Content-Type': MIME[format],
      'Content-Length': String(file.bytes.byteLength),
      'Content-Disposition': `${q.download === '1' ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  };
  api.get('/maps/:id/map.svg', handle('svg'));
  api.get('/maps/:id/map.png', handle('png'));
  api.get('/maps/:id/map.pdf', handle('pdf'));
  return api;
}
