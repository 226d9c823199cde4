import { inlineText, type TableBlock } from '../model.js';

/** Rough width of a character in ems for the fonts we use (Roboto, Calibri); bold runs a little wider. */
const EM_PER_CHAR = 0.56;

/** The longest unbreakable word of a text: lines may break at spaces and after hyphens or dashes only. */
export function longestWord(text: string): number {
  let max = 0;
  for (const w of text.split(/\s+|(?<=[-–—/])/)) max = Math.max(max, [...w].length);
  return max;
}

/**
 * Column widths (in the unit of `total`) in proportion to the columns' relative widths, but never
 * narrower than the longest word of the column (header or cell) at `fontSize`, so no word is broken
 * inside a cell. The room a column needs is taken from the columns that have some to spare; `pad` is
 * the cell padding on both sides, in the same unit.
 */
export function fitColumnWidths(
  t: TableBlock,
  total: number,
  fontSize: number,
  pad: number,
  unitPerPt = 1,
  emPerChar = EM_PER_CHAR,
): number[] {
  const rel = t.columns.map((c) => c.width ?? 1);
  const sum = rel.reduce((s, w) => s + w, 0) || 1;
  const want = rel.map((w) => (w / sum) * total);
  const need = t.columns.map((c, i) => {
    const words = [c.header, ...t.rows.map((r) => (r[i] === undefined ? '' : inlineText([r[i]!])))];
    const chars = Math.max(...words.map(longestWord));
    // Headers and bold cells: count them a tenth wider.
    return chars * fontSize * emPerChar * 1.1 * unitPerPt + pad;
  });
  const widths = [...want];
  let short = 0;
  for (let i = 0; i < widths.length; i++) {
    if (widths[i]! < need[i]!) {
      short += need[i]! - widths[i]!;
      widths[i] = need[i]!;
    }
  }
  if (short <= 0) return widths;
  // Take the room from the columns with slack, in proportion to their slack.
  const slack = widths.map((w, i) => (want[i]! > need[i]! ? w - need[i]! : 0));
  const totalSlack = slack.reduce((s, x) => s + x, 0);
  if (totalSlack <= 0) return want;
  const take = Math.min(short, totalSlack);
  return widths.map((w, i) => w - (slack[i]! / totalSlack) * take);
}
