import type { z } from 'zod';
import type { Issue } from './errors.js';

/** Turns Zod issues into readable `path: message` pairs. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/** One line per issue, for logs and error messages. */
export function formatIssues(issues: Issue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** Parses with a schema and returns either the value or readable issues. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toIssues(result.error) };
}
