import { ROBOTO_MEDIUM, ROBOTO_REGULAR, UNITS_PER_EM, type WidthRanges } from './metrics.js';

/** The two weights the picture writes with: Roboto Regular (400) and Medium (500). */
export type Weight = 400 | 500;

/** The font the picture names; every renderer of it (browser, librsvg through outlines, PDF) has Roboto or its metrics. */
export const FONT_FAMILY = 'Roboto, Helvetica, Arial, sans-serif';

type WidthTable = Map<number, number>;

function decode(ranges: WidthRanges): WidthTable {
  const out: WidthTable = new Map();
  for (const [first, list] of ranges) {
    list.split(',').forEach((w, i) => {
      if (w !== '') out.set(first + i, parseInt(w, 36));
    });
  }
  return out;
}

let tables: Record<Weight, WidthTable> | null = null;
function widths(weight: Weight): WidthTable {
  tables ??= { 400: decode(ROBOTO_REGULAR), 500: decode(ROBOTO_MEDIUM) };
  return tables[weight];
}

/** Width of a character the table lacks (a CJK or emoji glyph is about one em wide). */
const FALLBACK_EM = 1;

/** Width of `text` in pixels at `size`, from Roboto's advance widths (kerning left out: a hair wider, never narrower by much). */
export function textWidth(text: string, size: number, weight: Weight = 400): number {
  const table = widths(weight);
  let units = 0;
  for (const ch of text) {
    const w = table.get(ch.codePointAt(0)!);
    units += w ?? FALLBACK_EM * UNITS_PER_EM;
  }
  return (units / UNITS_PER_EM) * size;
}

/** Cuts `text` to fit `width` with an ellipsis. */
export function ellipsize(text: string, width: number, size: number, weight: Weight = 400): string {
  if (textWidth(text, size, weight) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(chars.slice(0, mid).join('').trimEnd() + '…', size, weight) <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}

/**
 * Wraps `text` into lines no wider than `width` (words kept whole unless one alone is too wide),
 * at most `maxLines`; the last line kept ends with an ellipsis when text was left out.
 */
export function wrapText(
  text: string,
  width: number,
  size: number,
  weight: Weight = 400,
  maxLines = Infinity,
): string[] {
  const lines: string[] = [];
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  let line = '';
  let truncated = false;
  const push = (l: string) => {
    if (lines.length >= maxLines) {
      truncated = true;
      return;
    }
    lines.push(l);
  };
  for (let word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, weight) <= width) {
      line = candidate;
      continue;
    }
    if (line) push(line);
    line = '';
    // A word wider than the line is broken where it must.
    while (textWidth(word, size, weight) > width && [...word].length > 1) {
      const chars = [...word];
      let n = chars.length - 1;
      while (n > 1 && textWidth(chars.slice(0, n).join(''), size, weight) > width) n--;
      push(chars.slice(0, n).join(''));
      word = chars.slice(n).join('');
    }
    line = word;
    if (truncated) break;
  }
  if (line) push(line);
  if (truncated && lines.length) {
    lines[lines.length - 1] = ellipsize(`${lines[lines.length - 1]!}…`, width, size, weight);
  }
  return lines;
}
