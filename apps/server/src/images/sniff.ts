import {
  ErrorCode,
  JourneycraftError,
  LimitExceededError,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  type ImageType,
} from '@journeycraft/schema';

/** What the first bytes of a file say it is, with the size its header claims. */
export interface Sniffed {
  type: ImageType;
  width: number;
  height: number;
}

const ACCEPTED = 'PNG, JPEG or WebP';

const unsupported = (what: string) =>
  new JourneycraftError(
    ErrorCode.UnsupportedMediaType,
    `${what} cannot be used as a picture: upload a ${ACCEPTED} image (SVG and other formats are not accepted)`,
  );
const broken = (type: string, why: string) =>
  new JourneycraftError(ErrorCode.Unprocessable, `this ${type} file is damaged or incomplete (${why})`);

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));
const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const be32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const le16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const le24 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Names what a refused file looks like, so the person is told what they sent. */
function describeOther(b: Uint8Array): string {
  let i = 0;
  if (startsWith(b, [0xef, 0xbb, 0xbf])) i = 3;
  while (i < b.length && i < 1024 && /\s/.test(String.fromCharCode(b[i]!))) i++;
  const head = ascii(b, i, Math.min(512, b.length - i)).toLowerCase();
  if (head.startsWith('<'))
    return head.includes('<svg') || head.includes('svg') ? 'An SVG file' : 'A text (XML/HTML) file';
  if (ascii(b, 0, 4) === 'GIF8') return 'A GIF file';
  if (ascii(b, 0, 2) === 'BM') return 'A BMP file';
  if (ascii(b, 0, 4) === '%PDF') return 'A PDF file';
  if (ascii(b, 4, 4) === 'ftyp') return 'An AVIF/HEIC file';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'A TIFF file';
  return 'This file';
}

function pngSize(b: Uint8Array): { width: number; height: number } {
  // The first chunk of a PNG must be IHDR, 13 bytes long.
  if (b.length < 33) throw broken('PNG', 'it ends before its header');
  if (be32(b, 8) !== 13 || ascii(b, 12, 4) !== 'IHDR') throw broken('PNG', 'its first chunk is not IHDR');
  return { width: be32(b, 16), height: be32(b, 20) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) throw broken('JPEG', `no marker at byte ${i}`);
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image / start of scan before any frame header
    const len = be16(b, i + 2);
    if (len < 2) throw broken('JPEG', 'a segment has an impossible length');
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (i + 9 > b.length) break;
      return { width: be16(b, i + 7), height: be16(b, i + 5) };
    }
    i += 2 + len;
  }
  throw broken('JPEG', 'it has no frame header');
}

function webpSize(b: Uint8Array): { width: number; height: number } {
  if (b.length < 30) throw broken('WebP', 'it ends before its header');
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) throw broken('WebP', 'its lossless header has no signature');
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ') {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) throw broken('WebP', 'its frame has no start code');
    return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  }
  throw broken('WebP', `unknown first chunk "${chunk.replace(/[^\x20-\x7e]/g, '?')}"`);
}

/**
 * Reads what a file is from its bytes (never from its name or declared type): PNG, JPEG or WebP by
 * signature, and the pixel size its header claims, refused before any decoding when it is over the
 * limits (a decompression bomb declares its size up front). Throws a 4xx JourneycraftError saying
 * what is wrong: 413 too large, 415 not an accepted format (SVG, GIF…), 422 damaged.
 */
export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.byteLength === 0) throw new JourneycraftError(ErrorCode.BadRequest, 'the file is empty');
  if (bytes.byteLength > MAX_IMAGE_BYTES) {
    throw new LimitExceededError(
      `the picture is larger than ${mb(MAX_IMAGE_BYTES)}, the most a picture may be (it is ${(bytes.byteLength / (1024 * 1024)).toFixed(2)} MB)`,
      { name: 'imageBytes', max: MAX_IMAGE_BYTES, unit: 'bytes' },
      ErrorCode.PayloadTooLarge,
    );
  }
  let type: ImageType;
  let size: { width: number; height: number };
  if (startsWith(bytes, PNG_SIG)) {
    type = 'image/png';
    size = pngSize(bytes);
  } else if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    type = 'image/jpeg';
    size = jpegSize(bytes);
  } else if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    type = 'image/webp';
    size = webpSize(bytes);
  } else {
    throw unsupported(describeOther(bytes));
  }
  const { width, height } = size;
  const name = type.slice(6).toUpperCase();
  if (width < 1 || height < 1) throw broken(name, `it claims ${width}×${height} pixels`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new LimitExceededError(
      `the picture is ${width}×${height} pixels; the most is ${MAX_IMAGE_SIDE} pixels a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
      { name: 'imagePixels', max: MAX_IMAGE_PIXELS, unit: 'count' },
      ErrorCode.PayloadTooLarge,
    );
  }
  return { type, width, height };
}

function mb(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}
