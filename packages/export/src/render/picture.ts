import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces.js';
import { escapeXml, textElement, type PictureGrid, type TextPainter, type TextRun } from '@journeycraft/picture';

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
  grid?: PictureGrid;
}

/** The line that opens a detail page, saying which part of the picture it shows. */
const pageCaption = (text: string): Content =>
  ({ text, fontSize: 8, color: '#4a5a6a', pageBreak: 'before', margin: [0, 0, 0, 6] }) as Content;

/** A rectangle of the picture (`sx`, `sy`, `w`, `h`) drawn at `dx`, `dy` of a composed page. */
interface Piece {
  sx: number;
  sy: number;
  w: number;
  h: number;
  dx: number;
  dy: number;
}

/**
 * One SVG of several windows onto a picture: its content once as a definition, each window a
 * nested viewport (which clips) showing it through `use`.
 */
function compose(svg: string, pieces: readonly Piece[], width: number, height: number): string {
  const end = svg.indexOf('>');
  const attrs = svg
    .slice(4, end)
    .replace(/ width="[^"]*"/, '')
    .replace(/ height="[^"]*"/, '')
    .replace(/ viewBox="[^"]*"/, '');
  const body = svg.slice(end + 1, svg.lastIndexOf('</svg>'));
  let out = `<svg${attrs} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs><g id="jc-map">${body}</g></defs>`;
  for (const p of pieces) {
    out += `<svg x="${p.dx}" y="${p.dy}" width="${p.w}" height="${p.h}" viewBox="${p.sx} ${p.sy} ${p.w} ${p.h}"><use xlink:href="#jc-map"/></svg>`;
  }
  return out + '</svg>';
}

/** Consecutive runs of `items` whose sizes add up to at most `room` each (at least one item a run). */
function runs<T extends { size: number }>(items: readonly T[], room: number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let used = 0;
  for (const it of items) {
    if (cur.length && used + it.size > room) {
      out.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(it);
    used += it.size;
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * As many runs as `runs(items, room)` makes, but as even as they can be (5 stages in 3 + 2, not
 * 4 + 1): the smallest room that needs no more runs.
 */
function evenRuns<T extends { size: number }>(items: readonly T[], room: number): T[][] {
  const greedy = runs(items, room);
  const n = greedy.length;
  if (n <= 1) return greedy;
  let lo = Math.max(items.reduce((sum, it) => sum + it.size, 0) / n, ...items.map((it) => it.size));
  let hi = Math.max(room, lo);
  for (let i = 0; i < 30 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    if (runs(items, mid).length <= n) hi = mid;
    else lo = mid;
  }
  return runs(items, hi);
}

/**
 * Detail pages of a map's picture cut between stages and lanes, never through a card: each page
 * shows a block of stages × lanes with the stage headers above it and the lane headers beside it,
 * at one scale for every page (as large as the pages allow, at least readable unless that would
 * take more than MAX_DETAIL_PAGES pages); then the legend on a page of its own.
 */
function gridPages(fig: PdfFigure, grid: PictureGrid, page: { width: number; height: number }): Content[] {
  const room = { width: page.width, height: page.height - 20 };
  const cols = grid.columns.map((c) => ({ start: c.x, size: c.width }));
  const rows = grid.rows.map((r) => ({ start: r.y, size: r.height }));
  const split = (scale: number) => ({
    colRuns: evenRuns(cols, room.width / scale - grid.laneHeaders.width),
    rowRuns: evenRuns(rows, room.height / scale - grid.stageHeaders.height),
  });
  let scale = READABLE_SCALE;
  let { colRuns, rowRuns } = split(scale);
  while (colRuns.length * rowRuns.length > MAX_DETAIL_PAGES && scale > 0.05) {
    scale *= 0.85;
    ({ colRuns, rowRuns } = split(scale));
  }
  const span = (run: ReadonlyArray<{ start: number; size: number }>) => ({
    start: run[0]!.start,
    size: run[run.length - 1]!.start + run[run.length - 1]!.size - run[0]!.start,
  });
  const windows = rowRuns.flatMap((rr) =>
    colRuns.map((cr) => {
      const x = span(cr);
      const y = span(rr);
      return { x, y, w: grid.laneHeaders.width + x.size, h: grid.stageHeaders.height + y.size, cr, rr };
    }),
  );
  // One scale for all: the largest at which every page's block fits.
  const common = Math.min(...windows.map((w) => Math.min(room.width / w.w, room.height / w.h)));
  const out: Content[] = [];
  const total = windows.length;
  windows.forEach((win, i) => {
    const { laneHeaders: lh, stageHeaders: sh } = grid;
    const pieces: Piece[] = [
      { sx: lh.x, sy: sh.y, w: lh.width, h: sh.height, dx: 0, dy: 0 },
      { sx: win.x.start, sy: sh.y, w: win.x.size, h: sh.height, dx: lh.width, dy: 0 },
      { sx: lh.x, sy: win.y.start, w: lh.width, h: win.y.size, dx: 0, dy: sh.height },
      { sx: win.x.start, sy: win.y.start, w: win.x.size, h: win.y.size, dx: lh.width, dy: sh.height },
    ];
    const range = (word: string, start: number, count: number, of: number) =>
      count === 1 ? `${word} ${start} of ${of}` : `${word}s ${start}–${start + count - 1} of ${of}`;
    const firstStage = cols.indexOf(win.cr[0]!) + 1;
    const firstLane = rows.indexOf(win.rr[0]!) + 1;
    out.push(
      pageCaption(
        `${fig.alt}: detail ${i + 1} of ${total} (${range('stage', firstStage, win.cr.length, cols.length)}, ${range('row', firstLane, win.rr.length, rows.length)})`,
      ),
    );
    out.push({ svg: compose(fig.svg, pieces, win.w, win.h), width: win.w * common, height: win.h * common } as Content);
  });
  // The legend, which the cuts would split, on its own page.
  const legendHeight = fig.height - grid.legendTop;
  if (legendHeight > 0) {
    const lw = grid.legendWidth;
    const ls = Math.min(room.width / lw, room.height / legendHeight, Math.max(common, 1));
    out.push(pageCaption(`${fig.alt}: legend`));
    out.push({
      svg: compose(fig.svg, [{ sx: 0, sy: grid.legendTop, w: lw, h: legendHeight, dx: 0, dy: 0 }], lw, legendHeight),
      width: lw * ls,
      height: legendHeight * ls,
    } as Content);
  }
  return out;
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
  if (fig.grid && fig.grid.columns.length && fig.grid.rows.length) return [...out, ...gridPages(fig, fig.grid, page)];
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
      out.push(
        pageCaption(
          `${fig.alt}: detail ${r * cols + c + 1} of ${rows * cols} (row ${r + 1} of ${rows}, column ${c + 1} of ${cols})`,
        ),
      );
      out.push({
        svg: crop(fig.svg, c * winW, r * winH, winW, winH),
        width: winW * scale,
        height: winH * scale,
      } as Content);
    }
  }
  return out;
}
