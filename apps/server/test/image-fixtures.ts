import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A real picture of `width`×`height` in a format, drawn by libvips (a gradient, so it compresses like a photo). */
export async function picture(
  format: 'png' | 'jpeg' | 'webp',
  width = 64,
  height = 48,
): Promise<Uint8Array<ArrayBuffer>> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = 128;
    }
  const img = sharp(raw, { raw: { width, height, channels: 3 } });
  const out = format === 'png' ? img.png() : format === 'jpeg' ? img.jpeg() : img.webp();
  return new Uint8Array(await out.toBuffer());
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A well-formed PNG that declares `width`×`height` (greyscale, 8 bit) with `rows` rows of zeros
 * compressed: a decompression bomb when the size is huge (a few KB that would decode to gigabytes).
 */
export function declaredPng(width: number, height: number, rows = 1): Uint8Array<ArrayBuffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const scanlines = deflateSync(Buffer.alloc(Math.min(rows, height) * (width + 1)));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', scanlines),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

/** An SVG that would run script if it were ever served as image/svg+xml. */
export const SVG = new TextEncoder().encode(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);

/** Some HTML that a browser sniffing content would run. */
export const HTML_PAYLOAD = '<html><script>alert(document.cookie)</script></html>';
