import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { JourneycraftError, type Competency, type CompetencyKind, type Issue } from '@journeycraft/schema';
import { messageOf, saveFile } from '../client';
import { Shell } from '../components/Shell';
import { Dialog } from '@journeycraft/ui';
import { BackToMap } from '../components/BackToMap';
import { plural } from '../format';
import {
  addCompetency,
  downloadLibrary,
  importLibrary,
  previewLibraryImport,
  type ImportPreview,
  type ImportPreviewEntry,
  removeCompetency,
  saveCompetency,
  type FrameworkFormat,
  type LibraryEntry,
  type LibraryOrigin,
} from './api';
import { useLibrary } from './useLibrary';
import { CompetencyEditor } from './CompetencyEditor';
import { KINDS, KindBadge, kindDescriptions, kindLabels, originLabels } from './ui';
import './library.css';

type KindFilter = CompetencyKind | 'all';
type OriginFilter = LibraryOrigin | 'all';

/** `/library`: the workspace competency library: browse, search, add, edit, revert, import, export. */
export function LibraryPage() {
  const library = useLibrary();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');
  const [origin, setOrigin] = useState<OriginFilter>('all');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<LibraryEntry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LibraryEntry | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Competency library · Journeycraft';
  }, []);

  const entries = library.status === 'ready' ? library.entries : [];
  const needle = query.trim().toLowerCase();
  const shown = useMemo(
    () =>
      entries.filter(
        (e) =>
          (kind === 'all' || e.kind === kind) &&
          (origin === 'all' || e.origin === origin) &&
          (!needle ||
            e.name.toLowerCase().includes(needle) ||
            e.category.toLowerCase().includes(needle) ||
            e.definition.toLowerCase().includes(needle) ||
            e.id.includes(needle) ||
            e.levels.some((l) => l.behaviours.some((b) => b.toLowerCase().includes(needle)))),
      ),
    [entries, kind, origin, needle],
  );
  const takenIds = useMemo(() => new Set(entries.map((e) => e.id)), [entries]);

  const toggle = (id: string) =>
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const replace = (entry: LibraryEntry) =>
    library.setEntries((list) =>
      list.some((e) => e.id === entry.id) ? list.map((e) => (e.id === entry.id ? entry : e)) : [...list, entry],
    );

  const save = async (competency: Competency) => {
    const isNew = editing === 'new';
    const saved = isNew ? await addCompetency(competency) : await saveCompetency(competency);
    replace(saved);
    setEditing(null);
    setOpen((s) => new Set(s).add(saved.id));
    setActionError(null);
    setFlash(isNew ? `Added “${saved.name}”.` : `Saved “${saved.name}”.`);
  };

  const revert = async (entry: LibraryEntry) => {
    try {
      const back = await removeCompetency(entry.id);
      if (back) replace(back);
      setActionError(null);
      setFlash(`“${entry.name}” is back to the built-in version.`);
    } catch (err) {
      setActionError(messageOf(err));
    }
  };

  return (
    <Shell
      crumb={
        <span className="crumb-current" aria-current="page">
          Competency library
        </span>
      }
      actions={<BackToMap />}
    >
      <div className="page library-page">
        <div className="library-head">
          <div>
            <h1 className="page-title">Competency library</h1>
            <p className="page-lede">
              The competencies your maps draw on: what people need to know and do (WHAT), how they behave with customers
              (HOW), and what the organisation needs (ORG), each with five levels of observable behaviour. A map copies
              a competency the first time it requires it.
            </p>
          </div>
          <button
            type="button"
            className="btn btn-primary"
            disabled={library.status !== 'ready'}
            onClick={() => {
              setEditing('new');
              setFlash(null);
            }}
          >
            Add competency
          </button>
        </div>

        <div className="library-layout">
          <div className="library-main">
            <div className="card library-filters" role="search" aria-label="Filter the library">
              <div className="field compact grow">
                <label htmlFor="library-search">Search competencies</label>
                <input
                  id="library-search"
                  className="input"
                  type="search"
                  value={query}
                  placeholder="Name, category, definition or behaviour"
                  onChange={(e) => setQuery(e.target.value)}
                />
              </div>
              <fieldset className="segmented" aria-label="Kind">
                <legend className="segmented-legend">Kind</legend>
                {(['all', ...KINDS] as const).map((k) => (
                  <label
                    key={k}
                    className={`segment${kind === k ? ' segment-on' : ''}`}
                    title={k === 'all' ? undefined : kindDescriptions[k]}
                  >
                    <input
                      type="radio"
                      name="library-kind"
                      value={k}
                      checked={kind === k}
                      onChange={() => setKind(k)}
                    />
                    {k === 'all' ? 'All' : kindLabels[k]}
                  </label>
                ))}
              </fieldset>
              <div className="field compact">
                <label htmlFor="library-origin">Show</label>
                <select
                  id="library-origin"
                  className="input"
                  value={origin}
                  onChange={(e) => setOrigin(e.target.value as OriginFilter)}
                >
                  <option value="all">Everything</option>
                  <option value="builtin">Built-in, as shipped</option>
                  <option value="modified">Built-in, edited by the team</option>
                  <option value="workspace">The team&rsquo;s own</option>
                </select>
              </div>
            </div>

            <div className="library-status">
              <p data-testid="library-count" aria-live="polite">
                {library.status === 'loading'
                  ? 'Loading the library…'
                  : library.status === 'error'
                    ? ''
                    : shown.length === entries.length
                      ? `${plural(entries.length, 'competency', 'competencies')}`
                      : `Showing ${shown.length} of ${plural(entries.length, 'competency', 'competencies')}`}
              </p>
              <p className="flash library-flash" role="status">
                {flash}
              </p>
            </div>
            {library.status === 'error' ? (
              <div className="notice notice-error" role="alert">
                <span>
                  <strong>The library could not be loaded.</strong> {library.error}
                </span>
                <button type="button" className="btn btn-secondary btn-sm" onClick={() => void library.reload()}>
                  Try again
                </button>
              </div>
            ) : null}
            {actionError ? (
              <div className="notice notice-error" role="alert">
                {actionError}
              </div>
            ) : null}

            {library.status === 'loading' ? (
              <div className="grid-loading" aria-busy="true">
                Loading the library…
              </div>
            ) : library.status === 'ready' && shown.length === 0 ? (
              <div className="empty">
                <h2 className="empty-title">Nothing matches</h2>
                <p className="empty-text">Try another word, or show every kind.</p>
              </div>
            ) : (
              <div className="comp-groups" data-testid="library-list">
                {KINDS.map((k) => {
                  const group = shown.filter((e) => e.kind === k);
                  return group.length ? (
                    <section key={k} className="comp-group" aria-label={`${kindLabels[k]} competencies`}>
                      <h2 className="section-title comp-group-title">
                        {kindLabels[k]} · {kindDescriptions[k]} <span className="count-badge">{group.length}</span>
                      </h2>
                      <ul className="comp-list">
                        {group.map((entry) => (
                          <CompetencyItem
                            key={entry.id}
                            entry={entry}
                            open={open.has(entry.id)}
                            onToggle={() => toggle(entry.id)}
                            onEdit={() => {
                              setEditing(entry);
                              setFlash(null);
                            }}
                            onRevert={() => void revert(entry)}
                            onDelete={() => setDeleting(entry)}
                          />
                        ))}
                      </ul>
                    </section>
                  ) : null;
                })}
              </div>
            )}
          </div>

          <aside className="library-side">
            <ImportCard
              onImported={async (count, dropped) => {
                await library.reload();
                setFlash(
                  `Imported ${plural(count, 'competency', 'competencies')}${dropped ? `; ${dropped} item${dropped === 1 ? ' was' : 's were'} left out, as the preview listed` : ''}.`,
                );
              }}
            />
            <LibraryExport />
            <section className="card side-card side-note">
              <h2 className="side-title">Using it on a map</h2>
              <p className="side-text">
                On a map, open <strong>Roles &amp; touchpoints</strong>, open a touchpoint and require a competency of a
                role. Back to <Link href="/">all maps</Link>.
              </p>
            </section>
          </aside>
        </div>
      </div>

      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New competency' : editing ? `Edit “${editing.name}”` : 'Competency'}
        onClose={() => setEditing(null)}
        className="dialog-wide"
      >
        {editing !== null ? (
          <CompetencyEditor
            competency={editing === 'new' ? null : editing}
            takenIds={takenIds}
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        ) : null}
      </Dialog>

      <Dialog
        open={deleting !== null}
        title={deleting ? `Delete “${deleting.name}”?` : 'Delete'}
        onClose={() => setDeleting(null)}
      >
        {deleting ? (
          <>
            <p className="dialog-text">It leaves the library. Maps that already use it keep their own copy.</p>
            <div className="dialog-actions">
              <button type="button" className="btn btn-ghost" onClick={() => setDeleting(null)}>
                Cancel
              </button>
              <button
                type="button"
                className="btn btn-danger"
                onClick={async () => {
                  const entry = deleting;
                  setDeleting(null);
                  try {
                    await removeCompetency(entry.id);
                    library.setEntries((list) => list.filter((e) => e.id !== entry.id));
                    setActionError(null);
                    setFlash(`Deleted “${entry.name}”.`);
                  } catch (err) {
                    setActionError(messageOf(err));
                  }
                }}
              >
                Delete competency
              </button>
            </div>
          </>
        ) : null}
      </Dialog>
    </Shell>
  );
}

function CompetencyItem({
  entry,
  open,
  onToggle,
  onEdit,
  onRevert,
  onDelete,
}: {
  entry: LibraryEntry;
  open: boolean;
  onToggle: () => void;
  onEdit: () => void;
  onRevert: () => void;
  onDelete: () => void;
}) {
  const bodyId = `comp-body-${entry.id}`;
  return (
    <li className={`card comp-item${open ? ' comp-open' : ''}`} aria-label={entry.name}>
      <button type="button" className="comp-head" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
        <span className="tp-row-chevron" aria-hidden="true">
          ›
        </span>
        <span className="comp-head-main">
          <span className="comp-name-line">
            <span className="comp-name">{entry.name}</span>
            <KindBadge kind={entry.kind} />
            {entry.origin !== 'builtin' ? (
              <span className={`origin-badge origin-${entry.origin}`}>{originLabels[entry.origin]}</span>
            ) : null}
          </span>
          <span className="comp-def">{entry.definition}</span>
        </span>
        {entry.category ? <span className="comp-category">{entry.category}</span> : null}
      </button>
      {open ? (
        <div className="comp-body" id={bodyId}>
          <ol className="level-list" aria-label={`Levels of ${entry.name}`}>
            {entry.levels.map((l) => (
              <li key={l.level} className="level-item">
                <span className={`level-num level-${l.level}`}>{l.level}</span>
                <p className="level-name">{l.name}</p>
                <ul className="level-behaviours">
                  {l.behaviours.map((b, i) => (
                    <li key={i}>{b}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          <div className="comp-foot">
            <span className="comp-source">
              <span className="mono">{entry.id}</span>
              {entry.source ? ` · ${entry.source}` : ''}
            </span>
            <span className="comp-actions">
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                onClick={onEdit}
                aria-label={`Edit ${entry.name}`}
              >
                Edit
              </button>
              {entry.origin === 'modified' ? (
                <button
                  type="button"
                  className="btn btn-ghost btn-sm"
                  onClick={onRevert}
                  aria-label={`Revert ${entry.name}`}
                >
                  Revert to built-in
                </button>
              ) : null}
              {entry.origin === 'workspace' ? (
                <button
                  type="button"
                  className="btn btn-ghost btn-sm btn-danger-text"
                  onClick={onDelete}
                  aria-label={`Delete ${entry.name}`}
                >
                  Delete
                </button>
              ) : null}
            </span>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** Sorts issues by line number where they have one ("line 4" before "line 12"). */
function byLine(a: Issue, b: Issue): number {
  const la = /^line (\d+)/.exec(a.path)?.[1];
  const lb = /^line (\d+)/.exec(b.path)?.[1];
  return la && lb ? Number(la) - Number(lb) : 0;
}

function formatFor(name: string, chosen: FrameworkFormat | 'auto'): FrameworkFormat | undefined {
  if (chosen !== 'auto') return chosen;
  if (/\.csv$/i.test(name) || /\.tsv$/i.test(name) || /\.txt$/i.test(name)) return 'csv';
  return undefined; // JSON or CASE: the server tells them apart by content
}

const LEVEL_SOURCES: Record<string, string> = {
  rubric: 'from its rubric',
  'skill-levels': 'from its skill levels',
  generic: 'generic (the file gives none; review them)',
  file: 'as in the file',
};

/** "5 levels: 1 ← Basic · 2 ← between · …" — how the file's levels land on our five. */
function mappingText(entry: ImportPreviewEntry): string {
  if (entry.levelsFrom === 'generic' || entry.levelsFrom === 'file') return LEVEL_SOURCES[entry.levelsFrom]!;
  const parts = entry.mapping.map((m) => `${m.level} ← ${m.between ? 'between its neighbours' : m.from.join(' + ')}`);
  return `${plural(entry.sourceLevels, 'level')} ${LEVEL_SOURCES[entry.levelsFrom] ?? ''}: ${parts.join(' · ')}`;
}

/** The preview of an import: what will be added or replaced, what is left out and why. */
function ImportPreviewPanel({
  fileName,
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  preview: ImportPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const replacing = preview.competencies.filter((c) => c.replaces).length;
  const types = new Map<string, number>();
  for (const c of preview.competencies)
    types.set(c.itemType ?? 'Competency', (types.get(c.itemType ?? 'Competency') ?? 0) + 1);
  return (
    <div className="import-preview" role="region" aria-label="Import preview">
      <p className="import-errors-title">
        {fileName}
        {preview.caseVersion
          ? ` (CASE ${preview.caseVersion}${preview.title ? `, “${preview.title}”` : ''})`
          : ''}: {plural(preview.competencies.length, 'competency', 'competencies')} will be imported
        {replacing ? `, ${replacing} replacing library entries with the same id` : ''}
        {preview.groups ? `; ${plural(preview.groups, 'group item')} become categories` : ''}
        {preview.dropped.length ? `; ${preview.dropped.length} left out (below)` : ''}.
      </p>
      <p className="side-text">Types: {[...types].map(([type, n]) => `${type} (${n})`).join(', ')}</p>
      <ul className="import-issues" aria-label="Will be imported">
        {preview.competencies.slice(0, 100).map((c) => (
          <li key={c.id}>
            <span className="issue-where">
              {c.name}
              {c.itemType ? ` · ${c.itemType}` : ''}
              {c.replaces ? ' · replaces' : ''}
            </span>
            <span className="issue-what">Levels {mappingText(c)}</span>
          </li>
        ))}
        {preview.competencies.length > 100 ? (
          <li className="muted">…and {preview.competencies.length - 100} more</li>
        ) : null}
      </ul>
      {preview.dropped.length ? (
        <>
          <p className="import-errors-title">Left out</p>
          <ul className="import-issues" aria-label="Left out">
            {preview.dropped.slice(0, 100).map((d, i) => (
              <li key={i}>
                <span className="issue-where">
                  {d.label} <span className="muted">({d.path})</span>
                </span>
                <span className="issue-what">{d.reason}</span>
              </li>
            ))}
            {preview.dropped.length > 100 ? <li className="muted">…and {preview.dropped.length - 100} more</li> : null}
          </ul>
        </>
      ) : null}
      <div className="import-actions">
        <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={onConfirm}>
          {busy ? 'Importing…' : `Import ${plural(preview.competencies.length, 'competency', 'competencies')}`}
        </button>
        <button type="button" className="btn btn-sm" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function ImportCard({ onImported }: { onImported: (count: number, dropped: number) => Promise<void> }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FrameworkFormat | 'auto'>('auto');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; issues: Issue[]; file: string } | null>(null);
  const [pending, setPending] = useState<{ text: string; name: string; preview: ImportPreview } | null>(null);

  const fail = (err: unknown, name: string) => {
    const issues = err instanceof JourneycraftError ? [...(err.issues ?? [])].sort(byLine) : [];
    setFailure({ message: messageOf(err), issues, file: name });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFailure({ message: 'Choose a file to import first.', issues: [], file: '' });
      return;
    }
    setBusy(true);
    setFailure(null);
    setPending(null);
    try {
      const text = await file.text();
      const preview = await previewLibraryImport(text, formatFor(file.name, format));
      setPending({ text, name: file.name, preview });
    } catch (err) {
      fail(err, file.name);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!pending) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await importLibrary(pending.text, pending.preview.format);
      setPending(null);
      setFile(null);
      if (input.current) input.current.value = '';
      await onImported(result.imported, result.dropped);
    } catch (err) {
      fail(err, pending.name);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card side-card" aria-label="Import a framework">
      <h2 className="side-title">Import a framework</h2>
      <p className="side-text">
        CSV (one row per competency and level), Journeycraft JSON or a 1EdTech CASE 1.0 / 1.1 package. You see what will
        be imported before anything changes. A CSV or JSON file with any problem imports nothing; from a CASE package
        the valid items are imported and the rest are listed with the reason.
      </p>
      <form className="import-form" onSubmit={submit} noValidate aria-label="Import a framework file">
        <div className="field compact">
          <label htmlFor={`${id}-file`}>Framework file</label>
          <input
            ref={input}
            id={`${id}-file`}
            className="file-input"
            type="file"
            accept=".csv,.json,.txt,text/csv,application/json"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFailure(null);
              setPending(null);
            }}
          />
        </div>
        <div className="field compact">
          <label htmlFor={`${id}-format`}>Format</label>
          <select
            id={`${id}-format`}
            className="input"
            value={format}
            onChange={(e) => {
              setFormat(e.target.value as FrameworkFormat | 'auto');
              setPending(null);
            }}
          >
            <option value="auto">Detect from the file</option>
            <option value="csv">CSV</option>
            <option value="json">Journeycraft JSON</option>
            <option value="case">CASE 1.0 / 1.1 JSON</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy}>
          {busy && !pending ? 'Reading…' : 'Preview import'}
        </button>
      </form>
      {pending ? (
        <ImportPreviewPanel
          fileName={pending.name}
          preview={pending.preview}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      ) : null}
      {failure ? (
        <div className="import-errors" role="alert" aria-label="Import problems">
          <p className="import-errors-title">
            {failure.issues.length
              ? `${failure.file} was not imported: ${plural(failure.issues.length, 'problem')}. The library is unchanged.`
              : failure.message}
          </p>
          {failure.issues.length ? (
            <ul className="import-issues">
              {failure.issues.slice(0, 50).map((issue, i) => (
                <li key={i}>
                  <span className="issue-where">{issue.path.replace(/^line/, 'Line')}</span>
                  <span className="issue-what">{issue.message}</span>
                </li>
              ))}
              {failure.issues.length > 50 ? <li className="muted">…and {failure.issues.length - 50} more</li> : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** The whole library as a file, fetched through the client so a refusal shows the server's reason. */
function LibraryExport() {
  const [busy, setBusy] = useState<FrameworkFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const get = async (format: FrameworkFormat) => {
    setBusy(format);
    setError(null);
    try {
      saveFile(await downloadLibrary(format));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  const formats: ReadonlyArray<[FrameworkFormat, string, string | undefined]> = [
    ['csv', 'CSV', undefined],
    ['json', 'JSON', undefined],
    ['case', 'CASE 1.1', '1EdTech CASE 1.1 CFPackage'],
  ];
  return (
    <section className="card side-card" aria-label="Export the library">
      <h2 className="side-title">Export</h2>
      <p className="side-text">The whole library, built-ins and the team&rsquo;s own, as a file.</p>
      <div className="export-links">
        {formats.map(([format, label, title]) => (
          <button
            key={format}
            type="button"
            className="btn btn-secondary btn-sm"
            title={title}
            disabled={busy !== null}
            onClick={() => void get(format)}
          >
            {label}
          </button>
        ))}
      </div>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
