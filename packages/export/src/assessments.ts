import Papa from 'papaparse';
import type { Competency } from '@journeycraft/schema';
import { unescapeCell } from '@journeycraft/library';

/** One assessed level of one competency for one person. */
export interface Assessment {
  person: string;
  competencyId: string;
  /** Assessed level, 0 (not yet shown) to 5. */
  level: number;
  /** ISO date or free text, '' when not given. */
  assessedOn: string;
  assessor: string;
  note: string;
  /** The role the person is assessed in; set when the CSV is read for a whole map (`roles` given). */
  roleId?: string;
}

/**
 * Columns of an assessments CSV (header row required, any order, case-insensitive; comma or
 * semicolon separated). `person`, `competency` and `level` are required; `competency` holds a
 * competency id or its exact name (case-insensitive); `level` is a whole number 0–5.
 */
export const ASSESSMENT_CSV_COLUMNS = ['person', 'competency', 'level', 'assessed_on', 'assessor', 'note'] as const;

/**
 * Options of `parseAssessmentsCsv` for a whole map: `roles` resolves a `role` column (role id or
 * exact name, case-insensitive); `defaultRoleId` is used where the column is absent or empty.
 */
export interface AssessmentCsvOptions {
  roles?: readonly { id: string; name: string }[];
  defaultRoleId?: string;
}

/** A line-numbered problem in an assessments CSV. */
export interface AssessmentError {
  line: number;
  message: string;
}

export type AssessmentParseResult = { ok: true; assessments: Assessment[] } | { ok: false; errors: AssessmentError[] };

const REQUIRED = ['person', 'competency', 'level'] as const;
const MAX_ERRORS = 50;

/**
 * Reads assessments from CSV text, resolving competencies by id or name among `competencies`.
 * All or nothing: any bad row makes the whole import fail with line-numbered errors.
 */
export function parseAssessmentsCsv(
  text: string,
  competencies: readonly Competency[],
  options: AssessmentCsvOptions = {},
): AssessmentParseResult {
  const clean = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const rows = parsed.data;
  const errors: AssessmentError[] = [];
  if (rows.length === 0) return { ok: false, errors: [{ line: 1, message: 'the file is empty' }] };
  const header = rows[0]!.map((h) =>
    unescapeCell(h)
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          message: `the header is missing ${missing.map((m) => `"${m}"`).join(', ')} (expected ${ASSESSMENT_CSV_COLUMNS.join(',')})`,
        },
      ],
    };
  }
  const { roles, defaultRoleId } = options;
  if (roles && !defaultRoleId && !index.has('role')) {
    return {
      ok: false,
      errors: [
        { line: 1, message: `the header is missing "role" (expected role,${ASSESSMENT_CSV_COLUMNS.join(',')})` },
      ],
    };
  }
  const roleById = new Map((roles ?? []).map((r) => [r.id, r.id]));
  const roleByName = new Map((roles ?? []).map((r) => [r.name.trim().toLowerCase(), r.id]));
  const byId = new Map(competencies.map((c) => [c.id, c]));
  const byName = new Map(competencies.map((c) => [c.name.trim().toLowerCase(), c]));
  const cell = (row: string[], name: string) => {
    const i = index.get(name);
    return i === undefined ? '' : unescapeCell(row[i] ?? '').trim();
  };
  const assessments: Assessment[] = [];
  for (let r = 1; r < rows.length && errors.length < MAX_ERRORS; r++) {
    const row = rows[r]!;
    const line = r + 1;
    const person = cell(row, 'person');
    const compRef = cell(row, 'competency');
    const levelText = cell(row, 'level');
    if (!person) errors.push({ line, message: 'person is empty' });
    const comp = byId.get(compRef) ?? byName.get(compRef.toLowerCase());
    if (!comp) {
      errors.push({
        line,
        message: roles
          ? `competency "${compRef}" is not a competency of this map`
          : `competency "${compRef}" is not required of this role`,
      });
    }
    const roleRef = roles ? cell(row, 'role') : '';
    const roleId = roles
      ? roleRef
        ? (roleById.get(roleRef) ?? roleByName.get(roleRef.toLowerCase()))
        : defaultRoleId
      : undefined;
    if (roles && !roleId) {
      errors.push({ line, message: roleRef ? `role "${roleRef}" is not on this map` : 'role is empty' });
    }
    const level = Number(levelText);
    if (!/^\d+$/.test(levelText) || level > 5) {
      errors.push({ line, message: `level must be a whole number from 0 to 5, got "${levelText}"` });
    }
    if (person && comp && /^\d+$/.test(levelText) && level <= 5 && (!roles || roleId)) {
      assessments.push({
        ...(roleId ? { roleId } : {}),
        person,
        competencyId: comp.id,
        level,
        assessedOn: cell(row, 'assessed_on'),
        assessor: cell(row, 'assessor'),
        note: cell(row, 'note'),
      });
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, assessments };
}

/** The people in a list of assessments, in first-seen order. */
export function assessedPeople(assessments: readonly Assessment[]): string[] {
  return [...new Set(assessments.map((a) => a.person))];
}
