import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ErrorCode, JourneycraftError, type AuditAction, type AuditEntry } from '@journeycraft/schema';
import { Button, ErrorLine, Field, Input, Select } from '@journeycraft/ui';
import { Shell } from '../components/Shell';
import { messageOf } from '../client';
import { listMaps } from '../api';
import { listMembers } from './api';
import {
  aboutOf,
  AUDIT_ACTIONS,
  NO_FILTERS,
  actionLabel,
  detailPhrases,
  fetchAudit,
  rangeProblem,
  type AuditFilters,
  type AuditPage as Page,
} from './audit';
import { useAuth } from './authStore';
import './auth.css';

/** Entries per page. */
const PAGE = 50;

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Names the page knows for ids: people (members and the log's own actor names) and maps. */
interface Names {
  people: Record<string, string>;
  maps: Record<string, string>;
}

/**
 * `/workspace/audit`: the workspace's audit log for its owner and admins — sign-ins, member, role,
 * access and link changes, map deletions and every HR document export (who, which role, which
 * kind; never document contents). Filters by action, person and days, newest first, a page at a time.
 * Anyone else is told the server's refusal.
 */
export function AuditPage() {
  const auth = useAuth();
  const me = auth.status === 'ready' ? auth.account : null;
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  // Where each page shown so far starts (undefined: the newest); the last one is on screen.
  const [starts, setStarts] = useState<Array<number | undefined>>([undefined]);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [names, setNames] = useState<Names>({ people: {}, maps: {} });
  const before = starts[starts.length - 1];

  useEffect(() => {
    document.title = 'Audit log · Journeycraft';
  }, []);

  const load = useCallback(async (f: AuditFilters, from: number | undefined) => {
    setLoading(true);
    try {
      setPage(await fetchAudit(f, PAGE, from));
      setError(null);
    } catch (err) {
      setPage(null);
      setError(
        err instanceof JourneycraftError && err.code === ErrorCode.Forbidden
          ? `Only the workspace owner and admins can read the audit log. The server said: ${err.message}.`
          : messageOf(err),
      );
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filters, before);
  }, [load, filters, before]);

  // Names for the person filter and the table; the log itself stays readable without them.
  useEffect(() => {
    if (!me) return;
    let live = true;
    void Promise.allSettled([listMembers(), listMaps()]).then(([members, maps]) => {
      if (!live) return;
      setNames({
        people: members.status === 'fulfilled' ? Object.fromEntries(members.value.map((m) => [m.id, m.name])) : {},
        maps: maps.status === 'fulfilled' ? Object.fromEntries(maps.value.map((m) => [m.id, m.title])) : {},
      });
    });
    return () => {
      live = false;
    };
  }, [me]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const problem = rangeProblem(draft);
    setRangeError(problem);
    if (problem) return;
    setFilters(draft);
    setStarts([undefined]);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setRangeError(null);
    setFilters(NO_FILTERS);
    setStarts([undefined]);
  };

  const people = { ...names.people, ...(page?.actors ?? {}) };
  // A deleted map is not in the map list any more; its deletion entry kept its title.
  const maps = { ...titlesIn(page?.entries ?? []), ...names.maps };
  const personOptions = Object.entries(names.people)
    .sort((a, b) => a[1].localeCompare(b[1]))
    .map(([value, label]) => ({ value, label }));
  const filtered = filters.action || filters.actor || filters.from || filters.to;

  return (
    <Shell crumb={<span>Audit log</span>}>
      <div className="page">
        <div className="page-head">
          <h1 className="page-title">Audit log</h1>
          <p className="page-lede">
            Who signed in, changed members, roles, map access or links, deleted a map or exported an HR document. Only
            the workspace owner and admins read it; it records what happened, never what a document said.
          </p>
        </div>
        <form className="audit-filters" onSubmit={apply} aria-label="Filter the audit log">
          <Field label="Action" compact>
            <Select<AuditAction>
              value={draft.action}
              placeholder="Any action"
              options={AUDIT_ACTIONS}
              onValue={(action) => setDraft((d) => ({ ...d, action }))}
            />
          </Field>
          <Field label="Person" compact>
            <Select
              value={draft.actor}
              placeholder="Anyone"
              options={personOptions}
              onValue={(actor) => setDraft((d) => ({ ...d, actor }))}
            />
          </Field>
          <Field label="From" compact>
            <Input type="date" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} />
          </Field>
          <Field label="To" compact>
            <Input type="date" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} />
          </Field>
          <div className="audit-filter-actions">
            <Button type="submit" variant="primary">
              Show
            </Button>
            <Button
              variant="ghost"
              onClick={clear}
              disabled={!filtered && !draft.action && !draft.actor && !draft.from && !draft.to}
            >
              Clear filters
            </Button>
          </div>
        </form>
        <ErrorLine message={rangeError} />

        {error ? (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        ) : page === null ? (
          <p role="status">Loading…</p>
        ) : page.entries.length === 0 ? (
          <p className="account-role" role="status">
            {filtered ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}
          </p>
        ) : (
          <div className="audit-scroll">
            <table className="audit-table" aria-label="Audit entries" aria-busy={loading || undefined}>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Map</th>
                  <th scope="col">About</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((e) => (
                  <AuditRow key={e.seq} entry={e} people={people} maps={maps} />
                ))}
              </tbody>
            </table>
          </div>
        )}

        {page && (starts.length > 1 || page.next !== null) ? (
          <nav className="audit-paging" aria-label="Audit log pages">
            <Button disabled={starts.length === 1 || loading} onClick={() => setStarts((s) => s.slice(0, -1))}>
              Newer entries
            </Button>
            <span className="account-role">Page {starts.length}</span>
            <Button
              disabled={page.next === null || loading}
              onClick={() => page.next !== null && setStarts((s) => [...s, page.next!])}
            >
              Older entries
            </Button>
          </nav>
        ) : null}
      </div>
    </Shell>
  );
}

/** Map titles the entries recorded themselves (deletions, purges). */
function titlesIn(entries: AuditEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) if (e.mapId && typeof e.detail.title === 'string') out[e.mapId] = e.detail.title;
  return out;
}

function AuditRow({
  entry,
  people,
  maps,
}: {
  entry: AuditEntry;
  people: Record<string, string>;
  maps: Record<string, string>;
}) {
  const who = entry.actorId ? (people[entry.actorId] ?? entry.actorId) : 'Nobody signed in';
  const mapTitle = entry.mapId ? (maps[entry.mapId] ?? entry.mapId) : '';
  return (
    <tr data-testid="audit-entry" data-action={entry.action}>
      <td>
        <time dateTime={entry.at}>{when.format(Date.parse(entry.at))}</time>
      </td>
      <td>
        {who}
        {entry.actorRole ? <span className="account-role"> · {entry.actorRole}</span> : null}
      </td>
      <td>{actionLabel(entry.action)}</td>
      <td>{mapTitle}</td>
      <td>{aboutOf(entry, people)}</td>
      <td>{detailPhrases(entry).join(' · ')}</td>
    </tr>
  );
}
