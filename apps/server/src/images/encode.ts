import type { Metadata } from 'sharp';
import { loadSharp } from './sharp.js';
import {
  ErrorCode,
  JourneycraftError,
  LimitExceededError,
  MAX_IMAGE_PIXELS,
  STORED_IMAGE_SIDE,
  type ImageType,
} from '@journeycraft/schema';

/** Time the decoder may take on one picture before libvips stops it (below the pool's own limit). */
export const IMAGE_DECODE_SECONDS = 10;

const FORMAT: Record<ImageType, 'png' | 'jpeg' | 'webp'> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
};

/**
 * Decodes an upload completely and encodes it again in its own format (run in an export worker,
 * never on the sync loop): what is stored is pixels we produced, not the bytes we were sent, so
 * appended payloads (polyglots), metadata (EXIF with GPS positions) and malformed chunks are gone.
 * Turned upright by its EXIF orientation and scaled down to STORED_IMAGE_SIDE. `type` is what the
 * file's signature said; the decoder must agree. A damaged or truncated file is refused (422).
 */
export async function reencodeImage(input: Uint8Array, type: ImageType): Promise<Uint8Array> {
  const format = FORMAT[type];
  const open = () =>
    loadSharp()(input, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'warning', animated: false }).timeout({
      seconds: IMAGE_DECODE_SECONDS,
    });
  let meta: Metadata;
  try {
    meta = await open().metadata();
  } catch (err) {
    throw refused(type, err);
  }
  if (meta.format !== format) {
    throw new JourneycraftError(
      ErrorCode.UnsupportedMediaType,
      `the file starts like ${format.toUpperCase()} but decodes as ${String(meta.format ?? 'nothing')}`,
    );
  }
  let pipeline = open()
    .rotate()
    .resize({ width: STORED_IMAGE_SIDE, height: STORED_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
  pipeline =
    format === 'png'
      ? pipeline.png({ compressionLevel: 7 })
      : format === 'jpeg'
        ? pipeline.jpeg({ quality: 85 })
        : pipeline.webp({ quality: 85 });
  try {
    return new Uint8Array(await pipeline.toBuffer());
  } catch (err) {
    throw refused(type, err);
  }
}

function refused(type: ImageType, err: unknown): JourneycraftError {
  const message = String((err as Error)?.message ?? err);
  if (/pixel limit/i.test(message)) {
    return new LimitExceededError(
      `the picture has more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
      { name: 'imagePixels', max: MAX_IMAGE_PIXELS, unit: 'count' },
      ErrorCode.PayloadTooLarge,
    );
  }
  if (/timeout/i.test(message)) {
    return new LimitExceededError(`decoding the picture took longer than ${IMAGE_DECODE_SECONDS} s`, {
      name: 'imageDecodeSeconds',
      max: IMAGE_DECODE_SECONDS * 1000,
      unit: 'ms',
    });
  }
  const name = type.slice(6).toUpperCase();
  const why = message
    .split('\n')[0]!
    .replace(/^vips\w*:\s*/, '')
    .slice(0, 200);
  return new JourneycraftError(
    ErrorCode.Unprocessable,
    `this ${name} file is damaged or incomplete and cannot be read (${why})`,
  );
}
