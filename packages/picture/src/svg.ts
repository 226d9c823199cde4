import { FONT_FAMILY, type Weight } from './text.js';

/** Characters XML 1.0 cannot hold at all (C0 controls but tab and newlines, lone surrogates, U+FFFE/F). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** User text made safe inside an SVG element or attribute: markup characters escaped, characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A number as SVG writes it: at most two decimals. */
export const num = (n: number): string => String(Math.round(n * 100) / 100);

type AttrValue = string | number | null | undefined | false;

/** One SVG element: attributes (null, undefined and false left out), escaped; `inner` is markup already made. */
export function el(name: string, attrs: Record<string, AttrValue>, inner?: string): string {
  let out = `<${name}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    out += ` ${k}="${typeof v === 'number' ? num(v) : escapeXml(v)}"`;
  }
  return inner === undefined ? `${out}/>` : `${out}>${inner}</${name}>`;
}

/** One line of text as the picture places it (x, y: the baseline's start, middle or end). */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  size: number;
  weight: Weight;
  fill: string;
  anchor: 'start' | 'middle' | 'end';
}

/**
 * Turns a line of text into SVG markup. The default writes a `<text>` element (selectable in a
 * browser, real text in a PDF); a server rasterizing the picture passes one that draws the glyphs'
 * outlines, so the PNG needs no installed font.
 */
export type TextPainter = (run: TextRun) => string;

function painter(medium: 500 | 'bold'): TextPainter {
  return (run) =>
    el(
      'text',
      {
        x: run.x,
        y: run.y,
        'font-size': run.size,
        'font-weight': run.weight === 500 ? medium : null,
        fill: run.fill,
        'text-anchor': run.anchor === 'start' ? null : run.anchor,
      },
      escapeXml(run.text),
    );
}

/** The default painter: a `<text>` element in Roboto (Medium as weight 500). */
export const textElement: TextPainter = painter(500);

/**
 * A `<text>` painter that marks Medium text `font-weight="bold"`: for PDF renderers (svg-to-pdfkit)
 * that know only normal and bold, where bold is the embedded Roboto Medium.
 */
export const boldTextElement: TextPainter = painter('bold');

/** The root element with the picture's font. */
export function svgRoot(width: number, height: number, inner: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${FONT_FAMILY}">` +
    el('title', {}, escapeXml(title)) +
    inner +
    '</svg>'
  );
}
