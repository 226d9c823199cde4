import type { Competency } from '@journeycraft/schema';
import { exportCase, importCase, looksLikeCasePackage, previewCase } from './case.js';
import type { CaseDropped, CaseExportOptions, CaseImportEntry } from './case.js';
import { exportCsv, importCsv } from './csv.js';
import { exportJson, importJson, JSON_FORMAT, parseJsonText } from './json.js';
import type { ImportError, ImportResult } from './result.js';

/** The framework file formats the library reads and writes. */
export type FrameworkFormat = 'csv' | 'json' | 'case';

/**
 * Guesses the format of a framework file from its content (and, as a hint, its file name):
 * JSON with `"format": "journeycraft.competencies"` is `json`, JSON with a CFDocument is `case`,
 * anything else is `csv`.
 */
export function detectFormat(text: string, fileName?: string): FrameworkFormat {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = parseJsonText(trimmed);
    if (parsed.ok) {
      if (looksLikeCasePackage(parsed.value)) return 'case';
      const v = parsed.value as Record<string, unknown> | null;
      if (v && typeof v === 'object' && v.format === JSON_FORMAT) return 'json';
    }
    if (fileName && /case/i.test(fileName)) return 'case';
    return 'json';
  }
  if (fileName && /\.json$/i.test(fileName)) return 'json';
  return 'csv';
}

/** Imports a framework file in the given format, or the detected one. All-or-nothing. */
export function importFramework(text: string, format: FrameworkFormat = detectFormat(text)): ImportResult {
  switch (format) {
    case 'csv':
      return importCsv(text);
    case 'json':
      return importJson(text);
    case 'case':
      return importCase(text);
  }
}

/** What importing a framework file would do: what is stored, and what is left out with why. */
export interface FrameworkPreview {
  format: FrameworkFormat;
  /** CASE only: the package's CASE version and document title. */
  caseVersion?: '1.0' | '1.1';
  title?: string;
  competencies: Competency[];
  /** One per competency, in order: its type and, for CASE, where its five levels came from. */
  entries: CaseImportEntry[];
  /** CASE only: items used as groups (categories), not imported as competencies. */
  groups: number;
  dropped: CaseDropped[];
}

/**
 * Previews an import without storing anything. CSV and Journeycraft JSON are all-or-nothing, so
 * their preview is either every competency or the errors; CASE takes what is valid and lists
 * what it drops.
 */
export function previewFramework(
  text: string,
  format: FrameworkFormat = detectFormat(text),
): { ok: true; preview: FrameworkPreview } | { ok: false; errors: ImportError[] } {
  if (format === 'case') {
    const result = previewCase(text);
    if (!result.ok) return result;
    const { caseVersion, title, competencies, entries, groups, dropped } = result.preview;
    return { ok: true, preview: { format, caseVersion, title, competencies, entries, groups, dropped } };
  }
  const result = importFramework(text, format);
  if (!result.ok) return result;
  return {
    ok: true,
    preview: {
      format,
      competencies: result.competencies,
      entries: result.competencies.map((c, i) => ({
        id: c.id,
        name: c.name,
        ...(c.itemType !== undefined ? { itemType: c.itemType } : {}),
        category: c.category,
        path: format === 'json' ? `competencies[${i}]` : c.id,
        levelsFrom: 'file' as const,
        sourceLevels: 5,
        mapping: c.levels.map((l) => ({ level: l.level, from: [l.name] })),
      })),
      groups: 0,
      dropped: [],
    },
  };
}

/** Exports competencies as file content in the given format. */
export function exportFramework(
  competencies: readonly Competency[],
  format: FrameworkFormat,
  caseOptions: CaseExportOptions = {},
): string {
  switch (format) {
    case 'csv':
      return exportCsv(competencies);
    case 'json':
      return exportJson(competencies);
    case 'case':
      return exportCase(competencies, caseOptions);
  }
}

/** MIME type and file extension for each format, for downloads and uploads. */
export const FRAMEWORK_FILE_TYPES: Record<FrameworkFormat, { mime: string; extension: string }> = {
  csv: { mime: 'text/csv', extension: '.csv' },
  json: { mime: 'application/json', extension: '.json' },
  case: { mime: 'application/json', extension: '.case.json' },
};
