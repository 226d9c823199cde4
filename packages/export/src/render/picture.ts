import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces.js';
import { escapeXml, textElement, type TextPainter, type TextRun } from '@journeycraft/picture';

const require = createRequire(import.meta.url);

/** The part of fontkit this module uses (fontkit ships no types). */
interface GlyphPath {
  commands: Array<{ command: string; args: number[] }>;
}
interface Glyph {
  path: GlyphPath;
}
interface GlyphRun {
  glyphs: Glyph[];
  positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
  advanceWidth: number;
}
interface Font {
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): GlyphRun;
}

let faces: { 400: Font; 500: Font } | null = null;

/** Roboto Regular and Medium, from pdfmake's bundled fonts (the ones every PDF embeds). */
function roboto(): { 400: Font; 500: Font } {
  if (faces) return faces;
  const fontkit = require('fontkit') as { create(data: Buffer): Font };
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  faces = {
    400: fontkit.create(Buffer.from(vfs['Roboto-Regular.ttf']!, 'base64')),
    500: fontkit.create(Buffer.from(vfs['Roboto-Medium.ttf']!, 'base64')),
  };
  return faces;
}

const r1 = (n: number) => String(Math.round(n * 10) / 10);

/**
 * A text painter that draws each line as the outlines of Roboto's glyphs (kerned), so a PNG
 * rasterized from the picture by librsvg looks the same on any server, installed fonts or none.
 * A line with a character Roboto has no glyph for stays a `<text>` element, for the system's
 * fallback fonts to draw.
 */
export const outlineText: TextPainter = (run: TextRun) => {
  const font = roboto()[run.weight];
  for (const ch of run.text) {
    const cp = ch.codePointAt(0)!;
    if (!/\s/u.test(ch) && !font.hasGlyphForCodePoint(cp)) return textElement(run);
  }
  const laid = font.layout(run.text);
  const scale = run.size / font.unitsPerEm;
  const width = laid.advanceWidth * scale;
  let x = run.anchor === 'middle' ? run.x - width / 2 : run.anchor === 'end' ? run.x - width : run.x;
  let d = '';
  laid.glyphs.forEach((g, i) => {
    const pos = laid.positions[i]!;
    const ox = x + pos.xOffset * scale;
    const oy = run.y - pos.yOffset * scale;
    for (const c of g.path.commands) {
      const a = c.args;
      const pt = (k: number) => `${r1(ox + a[k]! * scale)} ${r1(oy - a[k + 1]! * scale)}`;
      switch (c.command) {
        case 'moveTo':
          d += `M${pt(0)}`;
          break;
        case 'lineTo':
          d += `L${pt(0)}`;
          break;
        case 'quadraticCurveTo':
          d += `Q${pt(0)} ${pt(2)}`;
          break;
        case 'bezierCurveTo':
          d += `C${pt(0)} ${pt(2)} ${pt(4)}`;
          break;
        case 'closePath':
          d += 'Z';
          break;
      }
    }
    x += pos.xAdvance * scale;
  });
  if (!d) return '';
  return `<path d="${d}" fill="${escapeXml(run.fill)}"><title>${escapeXml(run.text)}</title></path>`;
};

/** The same picture cropped to a window (x, y, w, h) of it: its root gets that viewBox and size. */
function crop(svg: string, x: number, y: number, w: number, h: number): string {
  const end = svg.indexOf('>');
  const root = svg
    .slice(0, end)
    .replace(/ width="[^"]*"/, ` width="${w}"`)
    .replace(/ height="[^"]*"/, ` height="${h}"`)
    .replace(/ viewBox="[^"]*"/, ` viewBox="${x} ${y} ${w} ${h}"`);
  return root + svg.slice(end);
}

/** A picture (SVG of shapes) as pdfmake content within `area` points. */
export interface PdfFigure {
  svg: string;
  width: number;
  height: number;
  alt: string;
}

/** Below this scale (points per picture pixel) an overview is hard to read: detail pages follow it. */
const READABLE_SCALE = 0.5;
/** Most detail pages one picture gets; a larger picture gets larger windows (smaller print) instead. */
const MAX_DETAIL_PAGES = 24;

/**
 * A picture fitted into `area` (the first page's room), and when that makes it too small to read,
 * detail pages after it that each show one window of it at a readable scale, named by their place
 * ("rows 1–2, columns 2–3 of 4"), each on a page of its own (`page`: a whole page's room).
 */
export function pdfFigure(
  fig: PdfFigure,
  area: { width: number; height: number },
  page: { width: number; height: number },
): Content[] {
  const fit = Math.min(area.width / fig.width, area.height / fig.height, 1.5);
  const out: Content[] = [{ svg: fig.svg, width: fig.width * fit, height: fig.height * fit } as Content];
  if (fit >= READABLE_SCALE) return out;
  // Windows of the picture at a readable scale, as few as cover it.
  let scale = READABLE_SCALE;
  let cols = Math.ceil((fig.width * scale) / page.width);
  let rows = Math.ceil((fig.height * scale) / (page.height - 20));
  while (cols * rows > MAX_DETAIL_PAGES) {
    scale *= 0.85;
    cols = Math.ceil((fig.width * scale) / page.width);
    rows = Math.ceil((fig.height * scale) / (page.height - 20));
  }
  if (cols * rows <= 1) return out;
  const winW = Math.ceil(fig.width / cols);
  const winH = Math.ceil(fig.height / rows);
  // Each window as large as the page lets it be.
  scale = Math.min(page.width / winW, (page.height - 20) / winH);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      out.push({
        text: `${fig.alt}: detail ${r * cols + c + 1} of ${rows * cols} (row ${r + 1} of ${rows}, column ${c + 1} of ${cols})`,
        fontSize: 8,
        color: '#4a5a6a',
        pageBreak: 'before',
        margin: [0, 0, 0, 6],
      } as Content);
      out.push({
        svg: crop(fig.svg, c * winW, r * winH, winW, winH),
        width: winW * scale,
        height: winH * scale,
      } as Content);
    }
  }
  return out;
}
