import type { Competency } from '@journeycraft/schema';
import { exportCase, importCase, looksLikeCasePackage } from './case.js';
import type { CaseExportOptions } from './case.js';
import { exportCsv, importCsv } from './csv.js';
import { exportJson, importJson, JSON_FORMAT, parseJsonText } from './json.js';
import type { ImportResult } from './result.js';

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
