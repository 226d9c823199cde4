import type { AuditAction, AuditEntry } from '@journeycraft/schema';
import { request, unreadable } from '../client';

/** What the audit page filters by: an action, a person (account id) and a day range (YYYY-MM-DD, local days). */
export interface AuditFilters {
  action: AuditAction | '';
  actor: string;
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { action: '', actor: '', from: '', to: '' };

/** The words for each kind of entry, in the order the filter offers them. */
export const AUDIT_ACTIONS: ReadonlyArray<{ value: AuditAction; label: string }> = [
  { value: 'sign_in', label: 'Signed in' },
  { value: 'sign_in_failed', label: 'Sign-in refused' },
  { value: 'sign_out', label: 'Signed out' },
  { value: 'setup', label: 'Workspace set up' },
  { value: 'invitation_created', label: 'Invitation made' },
  { value: 'invitation_revoked', label: 'Invitation withdrawn' },
  { value: 'invitation_accepted', label: 'Invitation accepted' },
  { value: 'member_role_changed', label: 'Workspace role changed' },
  { value: 'member_removed', label: 'Member removed' },
  { value: 'map_member_set', label: 'Map member added or changed' },
  { value: 'map_member_removed', label: 'Map member removed' },
  { value: 'map_access_changed', label: 'Map access changed' },
  { value: 'map_owner_changed', label: 'Map owner changed' },
  { value: 'link_created', label: 'Share link made' },
  { value: 'link_revoked', label: 'Share link revoked' },
  { value: 'map_deleted', label: 'Map deleted' },
  { value: 'map_restored', label: 'Map restored' },
  { value: 'map_purged', label: 'Map purged' },
  { value: 'session_revoked', label: 'Session revoked' },
  { value: 'api_token_created', label: 'API token made' },
  { value: 'api_token_revoked', label: 'API token revoked' },
  { value: 'hr_export', label: 'HR document exported' },
  { value: 'workspace_settings_changed', label: 'Workspace settings changed' },
];

const LABELS = new Map(AUDIT_ACTIONS.map((a) => [a.value, a.label]));

/** The readable name of an action ("HR document exported"). */
export function actionLabel(action: AuditAction): string {
  return LABELS.get(action) ?? action;
}

/** The start of a local day `YYYY-MM-DD` as an ISO instant, or null if it is not a day. */
function dayStart(day: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** What is wrong with a day range, or null (both ends are optional; `to` is included). */
export function rangeProblem(f: Pick<AuditFilters, 'from' | 'to'>): string | null {
  if (f.from && !dayStart(f.from)) return 'The “from” day is not a date.';
  if (f.to && !dayStart(f.to)) return 'The “to” day is not a date.';
  if (f.from && f.to && f.from > f.to) return 'The “from” day comes after the “to” day.';
  return null;
}

/**
 * The query of `GET /api/audit` for these filters, from entry `before` (exclusive) on: `since` is
 * the start of the `from` day and `until` the start of the day after `to`, so `to` is included.
 */
export function auditQuery(f: AuditFilters, limit: number, before?: number): string {
  const q = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) q.set('before', String(before));
  if (f.action) q.set('action', f.action);
  if (f.actor) q.set('actor', f.actor);
  const since = f.from ? dayStart(f.from) : null;
  const until = f.to ? dayStart(f.to, 1) : null;
  if (since) q.set('since', since);
  if (until) q.set('until', until);
  return q.toString();
}

/** One page of the log: newest first, the actors' names, and where the next (older) page starts. */
export interface AuditPage {
  entries: AuditEntry[];
  actors: Record<string, string>;
  next: number | null;
}

/** Reads a page of the audit log (admins; anyone else gets the server's 403 as a JourneycraftError). */
export async function fetchAudit(f: AuditFilters, limit: number, before?: number): Promise<AuditPage> {
  const json = (await request('GET', `/api/audit?${auditQuery(f, limit, before)}`)) as Partial<AuditPage> | undefined;
  if (!json || !Array.isArray(json.entries)) throw unreadable('an audit log');
  return { entries: json.entries, actors: json.actors ?? {}, next: json.next ?? null };
}

const DETAIL_WORDS: Record<string, string> = {
  kind: 'kind',
  format: 'format',
  mapRole: 'map role',
  role: 'role',
  from: 'from',
  to: 'to',
  method: 'by',
  reason: 'reason',
  title: 'title',
  name: 'name',
  shareLinks: 'share links',
  zip: 'zip',
  client: 'from address',
  adoptedMaps: 'maps adopted',
};

/**
 * The detail of an entry as short "key: value" phrases (what the server recorded: kinds, roles,
 * formats, titles — never document contents). Ids of links and sessions are left out.
 */
export function detailPhrases(entry: AuditEntry): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(entry.detail)) {
    if (value === null || value === '' || key === 'link' || key === 'session' || key === 'roleName') continue;
    if (key === 'zip') {
      if (value === true) out.push('as a zip');
      continue;
    }
    const shown = typeof value === 'boolean' ? (value ? 'on' : 'off') : String(value);
    out.push(`${DETAIL_WORDS[key] ?? key}: ${shown}`);
  }
  if (entry.detail.link) out.push('by share link');
  return out;
}

/** The target of an entry in words: a person's name for account targets, the map role for exports. */
export function aboutOf(entry: AuditEntry, people: Record<string, string>): string {
  if (!entry.target) return '';
  if (entry.action === 'hr_export') {
    const name = entry.detail.roleName;
    return typeof name === 'string' && name ? `role “${name}”` : `role ${entry.target}`;
  }
  if (entry.action.startsWith('invitation_')) return 'an invitation';
  return people[entry.target] ?? entry.target;
}
