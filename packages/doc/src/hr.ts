import type * as Y from 'yjs';
import {
  ErrorCode,
  JourneycraftError,
  RoleHrPatchSchema,
  hrFactsIssues,
  hrFactsOf,
  toIssues,
  type Role,
  type RoleHrPatch,
} from '@journeycraft/schema';
import { readRecord, readRecords } from './read.js';
import { updateRecord } from './write.js';
import type { TxOrigin } from './origin.js';

function invalid(
  message: string,
  issues: { path: string; message: string }[],
  code: ErrorCode = ErrorCode.ValidationFailed,
): JourneycraftError {
  return new JourneycraftError(code, `${message}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/**
 * Changes some HR facts of a role (job code, grade, pay, location, …) in one transaction; only the
 * facts given are written, so concurrent edits of other facts merge. Refuses unknown keys and bad
 * values (`validation_failed`, naming each field), and (`unprocessable`) a closing date not after the
 * opening date, a remote role without applicant locations, and a reporting line to itself, to a
 * role not on the map or round in a circle.
 */
export function setRoleHrFacts(doc: Y.Doc, roleId: string, patch: unknown, origin: TxOrigin): Role {
  const role = readRecord(doc, 'roles', roleId);
  if (!role) throw new JourneycraftError(ErrorCode.NotFound, `role "${roleId}" is not on the map`);
  const parsed = RoleHrPatchSchema.safeParse(patch);
  if (!parsed.success) throw invalid('invalid HR facts', toIssues(parsed.error));
  const change = parsed.data as RoleHrPatch;
  const next = hrFactsOf({ ...role, ...change });
  const issues = hrFactsIssues(next, roleId);
  if (next.reportsToRoleId && next.reportsToRoleId !== roleId) {
    const roles = readRecords(doc, 'roles');
    const byId = new Map(roles.map((r) => [r.id, r]));
    if (!byId.has(next.reportsToRoleId)) {
      issues.push({ path: 'reportsToRoleId', message: `no role "${next.reportsToRoleId}" on this map` });
    } else {
      // Follow the reporting line upwards: it must not come back to this role.
      const seen = new Set([roleId]);
      for (let at: string | null = next.reportsToRoleId; at; at = byId.get(at)?.reportsToRoleId ?? null) {
        if (seen.has(at)) {
          issues.push({
            path: 'reportsToRoleId',
            message: `${byId.get(next.reportsToRoleId)!.name} already reports (directly or not) to ${role.name}`,
          });
          break;
        }
        seen.add(at);
      }
    }
  }
  if (issues.length) throw invalid('inconsistent HR facts', issues, ErrorCode.Unprocessable);
  return updateRecord(doc, 'roles', roleId, change, origin);
}

/**
 * Opens the job posting of a role on `date` (YYYY-MM-DD) unless it is open already: the stored
 * date is the JobPosting `datePosted`, so it stays the same on every later export. Returns the
 * opening date in force.
 */
export function openPosting(doc: Y.Doc, roleId: string, date: string, origin: TxOrigin): string {
  const role = readRecord(doc, 'roles', roleId);
  if (!role) throw new JourneycraftError(ErrorCode.NotFound, `role "${roleId}" is not on the map`);
  if (role.postingOpenedOn) return role.postingOpenedOn;
  setRoleHrFacts(doc, roleId, { postingOpenedOn: date }, origin);
  return date;
}
