import { escapeCell } from '@journeycraft/library';
import { documentTables, inlineText, primaryTable, type ExportDocument, type TableBlock } from '../model.js';

function quote(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One CSV line; every cell is neutralised against formula injection (= + - @ tab CR get a leading apostrophe). */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => quote(escapeCell(c))).join(',');
}

/** Writes a table as CSV (RFC 4180, CRLF, UTF-8 with a byte-order mark so spreadsheets read accents). */
export function tableToCsv(t: TableBlock): string {
  const lines = [csvLine(t.columns.map((c) => c.header))];
  for (const r of t.rows) lines.push(csvLine(t.columns.map((_, i) => (r[i] === undefined ? '' : inlineText([r[i]!])))));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Renders the document's primary table (or the table `tableId`) as CSV. */
export function renderCsv(doc: ExportDocument, tableId?: string): string {
  const table = tableId ? documentTables(doc).find((t) => t.id === tableId) : primaryTable(doc);
  if (!table) throw new Error(`document "${doc.kind}" has no table "${tableId}"`);
  return tableToCsv(table);
}
