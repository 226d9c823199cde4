import { CompetencySchema } from '@journeycraft/schema';
import type { Competency } from '@journeycraft/schema';

/**
 * One problem found while importing a framework file. `line` is the physical line in a CSV file
 * (the header is line 1); `path` points into a JSON document (e.g. `competencies[3].levels[2].name`).
 */
export interface ImportError {
  line?: number;
  path?: string;
  message: string;
}

/** Every importer is all-or-nothing: either every competency in the file, or only errors. */
export type ImportResult =
  | {
      ok: true;
      competencies: Competency[];
      /** What a lenient importer (CASE) left out, and why. */ dropped?: ImportError[];
    }
  | { ok: false; errors: ImportError[] };

/** An importer stops collecting after this many errors and says how many more there were. */
export const MAX_IMPORT_ERRORS = 200;

/** Where a field of a candidate competency came from in the source file. */
export type Locate = (issuePath: readonly PropertyKey[]) => { line?: number; path?: string };

/** A competency read from a file but not yet validated. */
export interface Candidate {
  /** The value handed to CompetencySchema. */
  value: unknown;
  /** A short name for messages, usually the id as written in the file. */
  label: string;
  locate: Locate;
}

/** Formats a Zod issue path as `levels[2].behaviours[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Joins a JSON path prefix and a relative path (`competencies[2]` + `levels[0]`). */
export function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  const rest = formatPath(path);
  if (!rest) return prefix;
  if (!prefix) return rest;
  return rest.startsWith('[') ? prefix + rest : `${prefix}.${rest}`;
}

/** Sorts errors by line then path, drops exact repeats and caps the list. */
export function finishErrors(errors: ImportError[]): ImportError[] {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = `${e.line ?? ''}\u0000${e.path ?? ''}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  if (unique.length <= MAX_IMPORT_ERRORS) return unique;
  const shown = unique.slice(0, MAX_IMPORT_ERRORS);
  shown.push({ message: `…and ${unique.length - MAX_IMPORT_ERRORS} more errors` });
  return shown;
}

function describeIssuePath(path: readonly PropertyKey[]): string {
  // levels[2].behaviours[0] reads better to people as "level 3, behaviour 1".
  const [head, index, field, sub] = path;
  if (head === 'levels' && typeof index === 'number') {
    let text = `level ${index + 1}`;
    if (field === 'behaviours') text += typeof sub === 'number' ? `, behaviour ${sub + 1}` : ', behaviours';
    else if (field === 'name') text += ' name';
    else if (field !== undefined) text += ` ${String(field)}`;
    return text;
  }
  return formatPath(path) || 'competency';
}

/**
 * Validates candidates with CompetencySchema and rejects duplicate ids. Returns the parsed
 * competencies only when every candidate is valid.
 */
export function validateCandidates(candidates: readonly Candidate[], earlier: ImportError[] = []): ImportResult {
  const errors = [...earlier];
  const competencies: Competency[] = [];
  const firstById = new Map<string, Candidate>();

  for (const candidate of candidates) {
    const parsed = CompetencySchema.safeParse(candidate.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = candidate.locate(issue.path);
        errors.push({
          ...where,
          message: `competency "${candidate.label}": ${describeIssuePath(issue.path)}: ${issue.message}`,
        });
      }
      continue;
    }
    const competency = parsed.data;
    const first = firstById.get(competency.id);
    if (first) {
      const firstWhere = first.locate([]);
      const at = firstWhere.line !== undefined ? `line ${firstWhere.line}` : (firstWhere.path ?? 'earlier');
      errors.push({
        ...candidate.locate(['id']),
        message: `duplicate competency id "${competency.id}" (first used at ${at})`,
      });
      continue;
    }
    firstById.set(competency.id, candidate);
    competencies.push(competency);
  }

  if (errors.length) return { ok: false, errors: finishErrors(errors) };
  if (!competencies.length) return { ok: false, errors: [{ message: 'the file holds no competencies' }] };
  return { ok: true, competencies };
}

/** Message for a competency whose levels are not exactly 1..5. */
export function levelCountMessage(label: string, found: readonly number[]): string {
  const sorted = [...found].sort((a, b) => a - b);
  const missing = [1, 2, 3, 4, 5].filter((l) => !sorted.includes(l));
  const detail = sorted.length
    ? `has ${sorted.length} level${sorted.length === 1 ? '' : 's'} (${sorted.join(', ')})`
    : 'has no levels';
  const gap = missing.length ? `; missing ${missing.join(', ')}` : '';
  return `competency "${label}" ${detail}: it needs exactly five levels, 1 to 5${gap}`;
}
