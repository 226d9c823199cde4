import Papa from 'papaparse';
import type { Competency } from '@journeycraft/schema';
import { finishErrors, levelCountMessage, validateCandidates } from './result.js';
import type { Candidate, ImportError, ImportResult } from './result.js';

/**
 * CSV layout: one row per competency per level. See CONTEXT.md for the column reference.
 * Competency-wide columns (kind, name, category, definition, source) repeat on every row of a
 * competency; on import they may be left blank after the first row.
 */
export const CSV_COLUMNS = [
  'id',
  'kind',
  'name',
  'category',
  'definition',
  'level',
  'level_name',
  'behaviours',
  'source',
] as const;
/** One column of the CSV layout. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];

const REQUIRED: readonly CsvColumn[] = ['id', 'kind', 'name', 'definition', 'level', 'level_name', 'behaviours'];
const COMPETENCY_FIELDS = ['kind', 'name', 'category', 'definition', 'source'] as const;

/** Written between the behaviours of one level in the `behaviours` cell. */
export const BEHAVIOUR_SEPARATOR = ' | ';

/** Characters that make a spreadsheet treat a cell as a formula (or hide one behind whitespace). */
const FORMULA_START = /^'*[=+\-@\t\r\n]/;

/**
 * Neutralises spreadsheet formula injection: a cell that starts with = + - @ tab, CR (or LF) gets
 * a leading apostrophe. A cell that already starts with apostrophes before such a character gets
 * one more, so `unescapeCell` restores every cell exactly.
 */
export function escapeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Reverses `escapeCell`: removes the one apostrophe added in front of a formula-like cell. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Joins behaviours into one cell; a literal `|` or `\` inside a behaviour is written `\|` / `\\`. */
export function joinBehaviours(behaviours: readonly string[]): string {
  return behaviours.map((b) => b.replace(/[\\|]/g, (ch) => `\\${ch}`)).join(BEHAVIOUR_SEPARATOR);
}

/** Splits a behaviours cell on unescaped `|`, trims each part and drops empty ones. */
export function splitBehaviours(cell: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]!;
    const next = cell[i + 1];
    if (ch === '\\' && (next === '|' || next === '\\')) {
      current += next;
      i++;
    } else if (ch === '|') {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Options for `exportCsv`. */
export interface CsvExportOptions {
  /** Row separator; RFC 4180 and spreadsheets expect CRLF (the default). */
  lineEnding?: '\r\n' | '\n';
  /** Start with a UTF-8 byte-order mark so spreadsheet programs read accents correctly (default true). */
  bom?: boolean;
}

/** Writes competencies as CSV text, one row per competency per level, safe to open in a spreadsheet. */
export function exportCsv(competencies: readonly Competency[], options: CsvExportOptions = {}): string {
  const newline = options.lineEnding ?? '\r\n';
  const rows: string[][] = [];
  for (const c of competencies) {
    for (const level of c.levels) {
      rows.push([
        c.id,
        c.kind,
        c.name,
        c.category,
        c.definition,
        String(level.level),
        level.name,
        joinBehaviours(level.behaviours),
        c.source,
      ]);
    }
  }
  const body = Papa.unparse(
    { fields: [...CSV_COLUMNS], data: rows.map((row) => row.map(escapeCell)) },
    { newline, quotes: false, escapeFormulae: false, header: true },
  );
  return (options.bom === false ? '' : '\uFEFF') + body + newline;
}

/** Options for `importCsv`. */
export interface CsvImportOptions {
  /** `source` for competencies whose file has no source column, or leaves it blank. */
  source?: string;
}

interface ParsedRow {
  cells: string[];
  line: number;
}

function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function detectDelimiter(text: string): string {
  const start = text.search(/[^\n]/);
  const rest = text.slice(Math.max(start, 0));
  const firstLine = rest.slice(0, rest.indexOf('\n') === -1 ? rest.length : rest.indexOf('\n'));
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

/** Parses CSV text into rows that remember the physical line each row starts on. */
function parseRows(text: string, delimiter: string): { rows: ParsedRow[]; errors: ImportError[] } {
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const lineAt = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const rows: ParsedRow[] = [];
  const errors: ImportError[] = [];
  let cursor = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    skipEmptyLines: false,
    step(result) {
      let start = cursor;
      while (text[start] === '\n') start++;
      cursor = result.meta.cursor;
      const line = lineAt(start);
      for (const error of result.errors) {
        const at = typeof error.index === 'number' ? lineAt(Math.min(error.index, text.length)) : line;
        const message =
          error.code === 'MissingQuotes'
            ? 'a quoted field is never closed (a " opens here with no matching closing ")'
            : error.code === 'InvalidQuotes'
              ? 'a quoted field is followed by text before the next delimiter (use "" for a quote inside a quoted field)'
              : error.message;
        errors.push({ line: at, message });
      }
      const cells = result.data;
      if (cells.every((c) => c.trim() === '')) return;
      rows.push({ cells, line });
    },
  });
  return { rows, errors };
}

interface Draft {
  id: string;
  firstLine: number;
  fields: Partial<Record<(typeof COMPETENCY_FIELDS)[number], { value: string; line: number }>>;
  levels: Map<number, { name: string; behaviours: string[]; line: number }>;
}

/**
 * Reads a framework from CSV text (see CONTEXT.md for the columns). Handles quoted fields,
 * embedded line breaks, CRLF or LF, a byte-order mark, and `;` or tab delimiters. Errors name the
 * physical line in the file, counting the header as line 1. All-or-nothing.
 */
export function importCsv(text: string, options: CsvImportOptions = {}): ImportResult {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalised.trim()) return { ok: false, errors: [{ line: 1, message: 'the file is empty' }] };

  // Spreadsheets may write a first line "sep=;" naming the delimiter; it keeps its line number.
  const sep = /^sep=([,;\t|])\n/i.exec(normalised);
  const body = sep ? `\n${normalised.slice(sep[0].length)}` : normalised;
  const { rows, errors } = parseRows(body, sep ? sep[1]! : detectDelimiter(body));
  if (errors.length) return { ok: false, errors: finishErrors(errors) };

  const [header, ...records] = rows;
  if (!header) return { ok: false, errors: [{ line: 1, message: 'the file has no header row' }] };
  const columns = header.cells.map((c) => normaliseHeader(unescapeCell(c)));
  const index = new Map<string, number>();
  columns.forEach((name, i) => {
    if (name === 'behaviors') name = 'behaviours';
    if (name === 'levelname') name = 'level_name';
    if (index.has(name) && name)
      errors.push({ line: header.line, message: `column "${name}" appears twice in the header` });
    else index.set(name, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    errors.push({
      line: header.line,
      message: `the header is missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (expected ${CSV_COLUMNS.join(',')})`,
    });
  }
  if (errors.length) return { ok: false, errors: finishErrors(errors) };

  const width = columns.length;
  const drafts = new Map<string, Draft>();
  // Competencies with a row already reported: no further (derived) errors about them.
  const tainted = new Set<string>();
  for (const row of records) {
    const cell = (name: CsvColumn): string => {
      const i = index.get(name);
      return i === undefined ? '' : unescapeCell(row.cells[i] ?? '');
    };
    const id = cell('id').trim();
    const rowError = (message: string) => {
      errors.push({ line: row.line, message });
      if (id) tainted.add(id);
    };

    if (row.cells.length < width || (row.cells.length > width && row.cells.slice(width).some((c) => c.trim() !== ''))) {
      rowError(`expected ${width} fields as in the header, found ${row.cells.length}`);
      continue;
    }
    if (!id) {
      rowError('the id is empty');
      continue;
    }
    const levelText = cell('level').trim();
    if (!/^\d+$/.test(levelText)) {
      rowError(`level must be a whole number from 1 to 5, found "${levelText}"`);
      continue;
    }
    const level = Number(levelText);
    if (level < 1 || level > 5) {
      rowError(`level must be from 1 to 5, found ${level}`);
      continue;
    }

    let draft = drafts.get(id);
    if (!draft) {
      draft = { id, firstLine: row.line, fields: {}, levels: new Map() };
      drafts.set(id, draft);
    }
    for (const field of COMPETENCY_FIELDS) {
      let value = cell(field);
      if (field === 'kind') value = value.trim().toLowerCase();
      else if (field !== 'definition') value = value.trim();
      if (value.trim() === '') continue;
      const known = draft.fields[field];
      if (!known) draft.fields[field] = { value, line: row.line };
      else if (known.value.trim() !== value.trim()) {
        rowError(
          `${field} of competency "${id}" differs from the one on line ${known.line}; leave it blank or repeat it`,
        );
      }
    }
    const earlier = draft.levels.get(level);
    if (earlier) {
      rowError(
        `level ${level} of competency "${id}" is given twice (first on line ${earlier.line}); ids must be unique`,
      );
      continue;
    }
    draft.levels.set(level, {
      name: cell('level_name'),
      behaviours: splitBehaviours(cell('behaviours')),
      line: row.line,
    });
  }

  const candidates: Candidate[] = [];
  for (const draft of drafts.values()) {
    if (tainted.has(draft.id)) continue;
    const levels = [...draft.levels.keys()];
    if (levels.length !== 5) {
      errors.push({ line: draft.firstLine, message: levelCountMessage(draft.id, levels) });
      continue;
    }
    const ordered = [1, 2, 3, 4, 5].map((l) => draft.levels.get(l)!);
    const kind = draft.fields.kind?.value;
    candidates.push({
      label: draft.id,
      value: {
        id: draft.id,
        kind,
        name: draft.fields.name?.value ?? '',
        category: draft.fields.category?.value ?? '',
        definition: draft.fields.definition?.value ?? '',
        levels: ordered.map((l, i) => ({ level: i + 1, name: l.name, behaviours: l.behaviours })),
        source: draft.fields.source?.value ?? options.source ?? '',
      },
      locate(path) {
        const [head, levelIndex] = path;
        if (head === 'levels' && typeof levelIndex === 'number')
          return { line: ordered[levelIndex]?.line ?? draft.firstLine };
        if (typeof head === 'string' && head in draft.fields) {
          return { line: draft.fields[head as keyof Draft['fields']]!.line };
        }
        return { line: draft.firstLine };
      },
    });
  }
  return validateCandidates(candidates, errors);
}
