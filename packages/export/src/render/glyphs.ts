import { createRequire } from 'node:module';
import type { ExportDocument } from '../model.js';

const require = createRequire(import.meta.url);

/** The part of fontkit's font this module reads (fontkit ships no types). */
interface Font {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

let fonts: Font[] | null = null;

/** The faces the PDF renderer prints with (pdfmake's bundled Roboto, regular and medium). */
function pdfFonts(): Font[] {
  if (fonts) return fonts;
  const fontkit = require('fontkit') as { create(data: Buffer): Font };
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  fonts = ['Roboto-Regular.ttf', 'Roboto-Medium.ttf'].map((name) => fontkit.create(Buffer.from(vfs[name]!, 'base64')));
  return fonts;
}

function strings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

/**
 * The characters of a document that the PDF's font cannot draw (they would print as an empty
 * box), each once. Whitespace and control characters are not drawn and never count.
 */
export function missingGlyphs(doc: ExportDocument): string[] {
  const faces = pdfFonts();
  const missing = new Set<string>();
  for (const text of strings(doc, [])) {
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20 || /\s/u.test(ch) || missing.has(ch)) continue;
      if (!faces.every((f) => f.hasGlyphForCodePoint(cp))) missing.add(ch);
    }
  }
  return [...missing];
}
