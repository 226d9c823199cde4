import { z } from 'zod';
import { CompetencySchema } from '@journeycraft/schema';
import type { Competency } from '@journeycraft/schema';
import { joinPath, levelCountMessage, validateCandidates } from './result.js';
import type { Candidate, ImportError, ImportResult } from './result.js';
import { findJsonSyntaxError, lineAndColumn } from './jsonsyntax.js';

/** The `format` tag of a Journeycraft competency framework file. */
export const JSON_FORMAT = 'journeycraft.competencies';
/** The current version of the JSON framework format. */
export const JSON_VERSION = 1;

/** A Journeycraft competency framework as a JSON document. */
export interface JsonFramework {
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  competencies: Competency[];
}

/** Zod schema of a JSON framework document, for request bodies (importJson gives better errors). */
export const JsonFrameworkSchema = z.object({
  format: z.literal(JSON_FORMAT),
  version: z.literal(JSON_VERSION),
  competencies: z.array(CompetencySchema),
});

/** Wraps competencies in the versioned JSON envelope. */
export function toJsonFramework(competencies: readonly Competency[]): JsonFramework {
  return { format: JSON_FORMAT, version: JSON_VERSION, competencies: competencies.map((c) => structuredClone(c)) };
}

/** Writes competencies as a pretty-printed JSON framework file. */
export function exportJson(competencies: readonly Competency[]): string {
  return `${JSON.stringify(toJsonFramework(competencies), null, 2)}\n`;
}

/**
 * Parses JSON text; on a syntax error returns an ImportError naming the line and column where
 * the text first breaks the JSON grammar.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: ImportError } {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(clean) as unknown };
  } catch (err) {
    const fault = findJsonSyntaxError(clean);
    if (!fault)
      return { ok: false, error: { message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` } };
    const { line, column } = lineAndColumn(clean, fault.offset);
    return {
      ok: false,
      error: { line, message: `not valid JSON at line ${line}, column ${column}: ${fault.message}` },
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a framework in the Journeycraft JSON format, from text or an already parsed value.
 * Errors name the JSON path (`competencies[3].levels`). All-or-nothing.
 */
export function importJson(input: unknown): ImportResult {
  let value = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return { ok: false, errors: [parsed.error] };
    value = parsed.value;
  }
  if (!isRecord(value)) {
    return {
      ok: false,
      errors: [{ path: '(root)', message: 'expected an object with format, version and competencies' }],
    };
  }
  const errors: ImportError[] = [];
  if (value.format !== JSON_FORMAT) {
    errors.push({
      path: 'format',
      message: `expected "${JSON_FORMAT}", found ${JSON.stringify(value.format) ?? 'nothing'}`,
    });
  }
  if (value.version !== JSON_VERSION) {
    errors.push({
      path: 'version',
      message: `this version of Journeycraft reads version ${JSON_VERSION}, found ${JSON.stringify(value.version) ?? 'nothing'}`,
    });
  }
  if (!Array.isArray(value.competencies)) {
    errors.push({ path: 'competencies', message: 'expected an array of competencies' });
    return { ok: false, errors };
  }
  if (errors.length) return { ok: false, errors };

  const candidates: Candidate[] = [];
  value.competencies.forEach((raw: unknown, i: number) => {
    const prefix = `competencies[${i}]`;
    const label = isRecord(raw) && typeof raw.id === 'string' && raw.id ? raw.id : `#${i + 1}`;
    if (isRecord(raw) && Array.isArray(raw.levels) && raw.levels.length !== 5) {
      const found = raw.levels.map((l: unknown, j: number) =>
        isRecord(l) && typeof l.level === 'number' ? l.level : j + 1,
      );
      errors.push({ path: `${prefix}.levels`, message: levelCountMessage(label, found) });
      return;
    }
    candidates.push({ value: raw, label, locate: (path) => ({ path: joinPath(prefix, path) }) });
  });
  return validateCandidates(candidates, errors);
}
