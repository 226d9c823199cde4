import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { JourneycraftError, type Competency, type CompetencyKind, type Issue } from '@journeycraft/schema';
import { messageOf, saveFile } from '../client';
import { Shell } from '../components/Shell';
import { Button, ConfirmDialog, Dialog, Field, FileInput, Input, Segmented, Select } from '@journeycraft/ui';
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
          <Button
            variant="primary"
            disabled={library.status !== 'ready'}
            onClick={() => {
              setEditing('new');
              setFlash(null);
            }}
          >
            Add competency
          </Button>
        </div>

        <div className="library-layout">
          <div className="library-main">
            <div className="card library-filters" role="search" aria-label="Filter the library">
              <Field label="Search competencies" compact className="grow">
                <Input
                  id="library-search"
                  type="search"
                  value={query}
                  placeholder="Name, category, definition or behaviour"
                  onChange={(e) => setQuery(e.target.value)}
                />
              </Field>
              <Segmented
                legend="Kind"
                name="library-kind"
                options={[
                  { value: 'all' as const, label: 'All' },
                  ...KINDS.map((k) => ({ value: k, label: kindLabels[k], title: kindDescriptions[k] })),
                ]}
                value={kind}
                onValue={setKind}
              />
              <Field label="Show" compact>
                <Select
                  options={[
                    { value: 'all', label: 'Everything' },
                    { value: 'builtin', label: 'Built-in, as shipped' },
                    { value: 'modified', label: 'Built-in, edited by the team' },
                    { value: 'workspace', label: 'The team’s own' },
                  ]}
                  onValue={(v) => setOrigin(v as OriginFilter)}
                  id="library-origin"
                  value={origin}
                />
              </Field>
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
                <Button size="sm" onClick={() => void library.reload()}>
                  Try again
                </Button>
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

      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? `Delete “${deleting.name}”?` : 'Delete'}
        description="It leaves the library. Maps that already use it keep their own copy."
        confirmLabel="Delete competency"
        messageOf={messageOf}
        onConfirm={async () => {
          if (!deleting) return;
          const entry = deleting;
          await removeCompetency(entry.id);
          library.setEntries((list) => list.filter((e) => e.id !== entry.id));
          setActionError(null);
          setFlash(`Deleted “${entry.name}”.`);
        }}
        onClose={() => setDeleting(null)}
      />
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
      <Button variant="plain" className="comp-head" aria-expanded={open} aria-controls={bodyId} onClick={onToggle}>
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
      </Button>
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
              <Button size="sm" onClick={onEdit} aria-label={`Edit ${entry.name}`}>
                Edit
              </Button>
              {entry.origin === 'modified' ? (
                <Button variant="ghost" size="sm" onClick={onRevert} aria-label={`Revert ${entry.name}`}>
                  Revert to built-in
                </Button>
              ) : null}
              {entry.origin === 'workspace' ? (
                <Button variant="danger-text" size="sm" onClick={onDelete} aria-label={`Delete ${entry.name}`}>
                  Delete
                </Button>
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
        <Button variant="primary" size="sm" busy={busy} onClick={onConfirm}>
          {busy ? 'Importing…' : `Import ${plural(preview.competencies.length, 'competency', 'competencies')}`}
        </Button>
        <Button size="sm" disabled={busy} onClick={onCancel}>
          Cancel
        </Button>
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
        <Field label="Framework file" compact>
          <FileInput
            ref={input}
            id={`${id}-file`}
            accept=".csv,.json,.txt,text/csv,application/json"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFailure(null);
              setPending(null);
            }}
          />
        </Field>
        <Field label="Format" compact>
          <Select
            options={[
              { value: 'auto', label: 'Detect from the file' },
              { value: 'csv', label: 'CSV' },
              { value: 'json', label: 'Journeycraft JSON' },
              { value: 'case', label: 'CASE 1.0 / 1.1 JSON' },
            ]}
            onValue={(v) => {
              setFormat(v as FrameworkFormat | 'auto');
              setPending(null);
            }}
            id={`${id}-format`}
            value={format}
          />
        </Field>
        <Button variant="primary" size="sm" type="submit" busy={busy}>
          {busy && !pending ? 'Reading…' : 'Preview import'}
        </Button>
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
          <Button size="sm" key={format} title={title} disabled={busy !== null} onClick={() => void get(format)}>
            {label}
          </Button>
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
