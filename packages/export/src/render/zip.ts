import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A file of a package (DOCX) compressed ahead of writing: the parts that never change are
 * compressed once per process and reused by every document.
 */
export interface ZipPart {
  readonly name: Uint8Array;
  readonly crc: number;
  readonly size: number;
  readonly deflated: Uint8Array;
}

const utf8 = new TextEncoder();

/** Compresses one part (DEFLATE, level 6). */
export function zipPart(name: string, content: string | Uint8Array): ZipPart {
  const data = typeof content === 'string' ? utf8.encode(content) : content;
  return {
    name: utf8.encode(name),
    crc: crc32(data) >>> 0,
    size: data.length,
    deflated: deflateRawSync(data, { level: 6 }),
  };
}

// 2000-01-01 00:00 as MS-DOS time and date (the package's files carry no real time: same tree, same bytes).
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;

/** The fields a local header and its central directory entry share, from "version needed" to the name's length. */
function entryFields(view: DataView, at: number, p: ZipPart): void {
  view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  view.setUint16(at + 2, 0, true); // flags
  view.setUint16(at + 4, 8, true); // method: deflate
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, p.crc, true);
  view.setUint32(at + 14, p.deflated.length, true);
  view.setUint32(at + 18, p.size, true);
  view.setUint16(at + 22, p.name.length, true);
}

/** Writes a zip of already compressed parts, in the order given. */
export function zipParts(parts: readonly ZipPart[]): Uint8Array {
  let size = 22;
  for (const p of parts) size += 30 + 46 + 2 * p.name.length + p.deflated.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const p of parts) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    entryFields(view, at + 4, p);
    out.set(p.name, at + 30);
    at += 30 + p.name.length;
    out.set(p.deflated, at);
    at += p.deflated.length;
  }
  const directory = at;
  parts.forEach((p, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: 2.0, MS-DOS attributes
    entryFields(view, at + 6, p);
    // extra, comment, disk, internal and external attributes: 0
    view.setUint32(at + 42, offsets[i]!, true);
    out.set(p.name, at + 46);
    at += 46 + p.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, parts.length, true);
  view.setUint16(at + 10, parts.length, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
