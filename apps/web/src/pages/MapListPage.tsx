import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import type { MapSummary } from '@journeycraft/schema';
import { mapTemplates } from '@journeycraft/canvas';
import {
  createMap,
  deleteMap,
  duplicateMap,
  listDeletedMaps,
  listMaps,
  mapContents,
  renameMap,
  restoreMap,
  type DeletedMap,
} from '../api';
import { messageOf } from '../client';
import { Shell } from '../components/Shell';
import {
  Button,
  Check,
  ConfirmDialog,
  type CountOf,
  ErrorLine,
  Field,
  Input,
  Select,
  Toast,
  ToastRegion,
  deleteQuestion,
} from '@journeycraft/ui';
import { MAX_TITLE, formatDate, timeAgo, titleProblem } from '../format';
import { mapCountText, mapSortOptions, searchMaps, type MapSort } from '../mapSearch';
import { MapThumbnail } from '../map/MapThumbnail';

type ListState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; maps: MapSummary[] };

/** `/`: every map, newest edit first, with search, sort, create, open, rename, duplicate and delete. */
export function MapListPage() {
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const [flash, setFlash] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<DeletedMap[]>([]);
  const [justDeleted, setJustDeleted] = useState<MapSummary | null>(null);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<MapSort>('updated');
  const [, navigate] = useLocation();
  const all = state.kind === 'ready' ? state.maps : null;
  const shown = useMemo(() => (all ? searchMaps(all, query, sort) : []), [all, query, sort]);

  const reload = useCallback(async () => {
    try {
      setState({ kind: 'ready', maps: await listMaps() });
    } catch (error) {
      setState({ kind: 'error', message: messageOf(error) });
    }
    // Deleted maps are only listed to those who may restore them; a guest gets none.
    setDeleted(await listDeletedMaps().catch(() => []));
  }, []);

  const restore = useCallback(
    async (map: { id: string; title: string }) => {
      await restoreMap(map.id);
      setJustDeleted(null);
      setFlash(`Restored “${map.title}”.`);
      await reload();
    },
    [reload],
  );

  useEffect(() => {
    document.title = 'Journey maps · Journeycraft';
    void reload();
  }, [reload]);

  return (
    <Shell>
      <div className="page page-narrow">
        <div className="page-head">
          <h1 className="page-title">Journey maps</h1>
          <p className="page-lede">
            Map a customer journey with your team, stage by stage, then see who shapes each moment.
          </p>
        </div>

        <CreateMapForm
          onCreated={(map, template) =>
            navigate(`/maps/${map.id}${template ? `?template=${encodeURIComponent(template)}` : ''}`)
          }
        />

        <p className="flash" role="status" aria-live="polite">
          {flash}
        </p>

        <section aria-labelledby="maps-heading" className="maps-section">
          <div className="section-head">
            <h2 id="maps-heading" className="section-title">
              Your maps
            </h2>
            {state.kind === 'ready' && state.maps.length > 0 ? (
              <span className="count-badge">{state.maps.length}</span>
            ) : null}
          </div>
          {state.kind === 'ready' && state.maps.length > 0 ? (
            <div className="map-list-tools" role="search" aria-label="Find a map">
              <Field label="Search maps" compact className="map-search">
                <Input
                  type="search"
                  value={query}
                  placeholder="Title words"
                  autoComplete="off"
                  onChange={(e) => setQuery(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape' && query) {
                      e.preventDefault();
                      setQuery('');
                    }
                  }}
                />
              </Field>
              <Field label="Sort by" compact className="map-sort">
                <Select options={mapSortOptions} value={sort} onValue={setSort} />
              </Field>
              <p className="map-count" role="status" aria-live="polite">
                {mapCountText(shown.length, state.maps.length)}
              </p>
            </div>
          ) : null}
          {state.kind === 'loading' ? (
            <ul className="map-list" aria-busy="true" aria-label="Loading maps">
              {[0, 1, 2].map((i) => (
                <li key={i} className="map-row map-row-skeleton" />
              ))}
            </ul>
          ) : state.kind === 'error' ? (
            <div className="notice notice-error" role="alert">
              <p>
                <strong>Could not load your maps.</strong> {state.message}
              </p>
              <Button onClick={() => void reload()}>Try again</Button>
            </div>
          ) : state.maps.length === 0 ? (
            <EmptyState />
          ) : shown.length === 0 ? (
            <div className="notice map-no-match">
              <p>No map has “{query.trim()}” in its title. Check the spelling or try fewer words.</p>
              <Button variant="secondary" size="sm" onClick={() => setQuery('')}>
                Clear search
              </Button>
            </div>
          ) : (
            <ul className="map-list" aria-label="Maps">
              {shown.map((map) => (
                <MapRow
                  key={map.id}
                  map={map}
                  onChanged={async (message) => {
                    setFlash(message);
                    await reload();
                  }}
                  onDeleted={async () => {
                    setJustDeleted(map);
                    setFlash(`Deleted “${map.title}”.`);
                    await reload();
                  }}
                />
              ))}
            </ul>
          )}
        </section>

        {deleted.length ? <DeletedMaps maps={deleted} onRestore={restore} /> : null}
        {justDeleted ? (
          <UndoDelete map={justDeleted} onUndo={() => restore(justDeleted)} onDismiss={() => setJustDeleted(null)} />
        ) : null}
      </div>
    </Shell>
  );
}

function EmptyState() {
  return (
    <div className="empty">
      <svg className="empty-art" viewBox="0 0 120 72" aria-hidden="true">
        <rect x="4" y="8" width="32" height="56" rx="6" />
        <rect x="44" y="8" width="32" height="56" rx="6" />
        <rect x="84" y="8" width="32" height="56" rx="6" />
        <path d="M14 44c10 0 12-16 26-16s18 20 30 20 14-12 36-12" />
      </svg>
      <h3 className="empty-title">No journey maps yet</h3>
      <p className="empty-text">
        Give your first map a title above, for example <em>Onboarding a new customer</em>, and press{' '}
        <strong>Create map</strong>. Share the map&rsquo;s link to work on it together.
      </p>
    </div>
  );
}

function CreateMapForm({ onCreated }: { onCreated: (map: MapSummary, template: string | null) => void }) {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = titleProblem(title);
    if (problem) {
      setError(problem);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await createMap(title.trim()), template || null);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <form className="card create-card" onSubmit={submit} noValidate aria-label="Create a map">
      <Field
        label="New map title"
        hint={error ? null : `Up to ${MAX_TITLE} characters. You can rename it later.`}
        error={error}
        beside={
          <Button variant="primary" size="lg" type="submit" busy={busy}>
            {busy ? 'Creating…' : 'Create map'}
          </Button>
        }
      >
        <Input
          size="lg"
          ref={input}
          id="new-map-title"
          placeholder="e.g. Onboarding a new customer"
          value={title}
          autoComplete="off"
          onChange={(e) => {
            setTitle(e.target.value);
            if (error) setError(null);
          }}
        />
      </Field>
      <fieldset className="template-picker">
        <legend>Start from</legend>
        {[{ id: '', name: 'A blank map', summary: 'Add your own stages and lanes.' }, ...mapTemplates].map((t) => (
          <Check
            key={t.id || 'blank'}
            card
            type="radio"
            name="template"
            value={t.id}
            label={t.name}
            hint={t.summary}
            checked={template === t.id}
            onChange={() => setTemplate(t.id)}
          />
        ))}
      </fieldset>
    </form>
  );
}

/** The toast after a map delete: Undo restores it (the server keeps it restorable for a while). */
function UndoDelete({
  map,
  onUndo,
  onDismiss,
}: {
  map: MapSummary;
  onUndo: () => Promise<void>;
  onDismiss: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <ToastRegion label="Deleted map" floating>
      <Toast
        testId="map-undo-toast"
        action={{ label: 'Undo', onAction: () => void onUndo().catch((e: unknown) => setError(messageOf(e))) }}
        onDismiss={onDismiss}
      >
        Deleted “{map.title}”.{error ? ` ${error}` : ''}
      </Toast>
    </ToastRegion>
  );
}

/** Maps deleted recently that this person may restore, each with until when. */
function DeletedMaps({ maps, onRestore }: { maps: DeletedMap[]; onRestore: (map: DeletedMap) => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="deleted-heading" className="maps-section">
      <div className="section-head">
        <h2 id="deleted-heading" className="section-title">
          Recently deleted
        </h2>
      </div>
      <ErrorLine message={error} />
      <ul className="map-list" aria-label="Recently deleted maps">
        {maps.map((map) => (
          <li key={map.id} className="map-row" aria-label={map.title}>
            <div className="map-row-main">
              <span className="map-link">{map.title}</span>
              <p className="map-meta">
                Deleted {timeAgo(map.deletedAt)} · can be restored until {new Date(map.restoreUntil).toLocaleString()}
              </p>
            </div>
            <div className="map-row-actions">
              <Button
                size="sm"
                aria-label={`Restore ${map.title}`}
                onClick={() => {
                  setError(null);
                  void onRestore(map).catch((e: unknown) => setError(messageOf(e)));
                }}
              >
                Restore
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MapRow({
  map,
  onChanged,
  onDeleted,
}: {
  map: MapSummary;
  onChanged: (message: string) => Promise<void>;
  onDeleted: () => Promise<void>;
}) {
  const [mode, setMode] = useState<'view' | 'rename'>('view');
  const [confirming, setConfirming] = useState<CountOf[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      const message = await action();
      if (message) await onChanged(message);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="map-row" aria-label={map.title}>
      {mode === 'rename' ? (
        <RenameForm
          map={map}
          onCancel={() => setMode('view')}
          onSave={async (title) => {
            await renameMap(map.id, title);
            setMode('view');
            await onChanged(`Renamed to “${title}”.`);
          }}
        />
      ) : (
        <>
          <MapThumbnail map={map} />
          <div className="map-row-main">
            <Link href={`/maps/${map.id}`} className="map-link">
              {map.title}
            </Link>
            <p className="map-meta">
              <span title={new Date(map.updatedAt).toLocaleString()}>Edited {timeAgo(map.updatedAt)}</span>
              <span aria-hidden="true"> · </span>
              <span>Created {formatDate(map.createdAt)}</span>
            </p>
          </div>
          <div className="map-row-actions">
            <Link href={`/maps/${map.id}`} className="btn btn-secondary btn-sm" aria-label={`Open ${map.title}`}>
              Open
            </Link>
            <Button
              variant="ghost"
              size="sm"
              disabled={busy}
              aria-label={`Rename ${map.title}`}
              onClick={() => setMode('rename')}
            >
              Rename
            </Button>
            <Button
              variant="ghost"
              size="sm"
              disabled={busy}
              aria-label={`Duplicate ${map.title}`}
              onClick={() =>
                void run(async () => {
                  const copy = await duplicateMap(map.id);
                  return `Duplicated as “${copy.title}”.`;
                })
              }
            >
              Duplicate
            </Button>
            <Button
              variant="danger-text"
              size="sm"
              disabled={busy}
              aria-label={`Delete ${map.title}`}
              onClick={() =>
                void run(async () => {
                  setConfirming(await mapContents(map.id));
                  return null;
                })
              }
            >
              Delete
            </Button>
          </div>
        </>
      )}
      <ErrorLine className="row-error" message={error} />
      <ConfirmDialog
        open={confirming !== null}
        title={deleteQuestion('map', map.title, confirming ?? [])}
        description="It closes for everyone on it now. You or an admin can restore it for a while afterwards, under Recently deleted."
        confirmLabel="Delete map"
        testId="confirm-map-delete"
        messageOf={messageOf}
        onConfirm={async () => {
          await deleteMap(map.id);
          await onDeleted();
        }}
        onClose={() => setConfirming(null)}
      />
    </li>
  );
}

function RenameForm({
  map,
  onCancel,
  onSave,
}: {
  map: MapSummary;
  onCancel: () => void;
  onSave: (title: string) => Promise<void>;
}) {
  const [title, setTitle] = useState(map.title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `rename-${map.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = titleProblem(title);
    if (problem) {
      setError(problem);
      return;
    }
    if (title.trim() === map.title) {
      onCancel();
      return;
    }
    setBusy(true);
    try {
      await onSave(title.trim());
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <form className="rename-form" onSubmit={submit} noValidate>
      <Field
        label={`New title for ${map.title}`}
        labelHidden
        className="rename-field"
        error={error}
        beside={
          <>
            <Button variant="primary" size="sm" type="submit" busy={busy}>
              Save
            </Button>
            <Button variant="ghost" size="sm" onClick={onCancel}>
              Cancel
            </Button>
          </>
        }
      >
        <Input
          id={id}
          size="sm"
          value={title}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setTitle(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onCancel();
            }
          }}
        />
      </Field>
    </form>
  );
}
