import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { docFromSnapshot, type MapStore } from '@journeycraft/doc';
import { useMapStore } from '@journeycraft/doc-react';
import { JourneyCanvas } from '@journeycraft/canvas';
import { useMapImages } from '../map/useMapImages';
import { roleAtLeast, type MapSnapshot, type ShareRole, type VersionSummary } from '@journeycraft/schema';
import { Button, Dialog, Field, Input, useRunWithError } from '@journeycraft/ui';
import { messageOf } from '../client';
import { timeAgo } from '../format';
import { tabOrigin, useLocalUser } from '../identity';
import {
  diffVersion,
  listVersions,
  restoreVersion,
  saveVersion,
  versionSnapshot,
  type Restored,
  type VersionDiff,
} from './api';
import { Drawer } from './Drawer';
import { describeDiff, type DiffLine } from './diff';

/** Version history: save a named version, view one read-only, compare it with now, restore (undoably). */
export function VersionsPanel({
  mapId,
  role,
  store,
  onClose,
}: {
  mapId: string;
  role: ShareRole;
  store: MapStore;
  onClose: () => void;
}) {
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [name, setName] = useState('');
  const { error, busy, run, setError } = useRunWithError();
  const [viewing, setViewing] = useState<VersionSummary | null>(null);
  const [comparing, setComparing] = useState<{ version: VersionSummary; lines: DiffLine[]; diff: VersionDiff } | null>(
    null,
  );
  const [restored, setRestored] = useState<Restored | null>(null);

  const reload = useCallback(async () => setVersions(await listVersions(mapId)), [mapId]);
  useEffect(() => void run(reload), [run, reload]);

  const save = (e: FormEvent) => {
    e.preventDefault();
    const clean = name.trim();
    if (!clean) {
      setError('Name the version, e.g. “After the first workshop”.');
      return;
    }
    void run(async () => {
      await saveVersion(mapId, clean);
      setName('');
      await reload();
    });
  };

  const compare = (v: VersionSummary) =>
    run(async () => {
      const [diff, snap] = await Promise.all([diffVersion(mapId, v.id), versionSnapshot(mapId, v.id)]);
      setComparing({ version: v, diff, lines: describeDiff(diff, snap, store) });
    });

  const restore = (v: VersionSummary) =>
    run(async () => {
      setRestored(await restoreVersion(mapId, v.id));
      setComparing(null);
      await reload();
    });

  const mayRestore = role === 'facilitator';
  return (
    <Drawer title="Version history" onClose={onClose} testId="versions-panel">
      {roleAtLeast(role, 'editor') ? (
        <form className="drawer-form" onSubmit={save} noValidate>
          <Field
            label="Save the map as it is now"
            compact
            beside={
              <Button variant="primary" size="sm" type="submit" busy={busy}>
                Save version
              </Button>
            }
          >
            <Input
              id="version-name"
              size="sm"
              value={name}
              maxLength={220}
              placeholder="e.g. Before the workshop"
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
        </form>
      ) : null}
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      {restored ? (
        <div className="notice notice-ok" role="status" data-testid="restore-notice">
          Restored “{restored.restored.name}”. The map as it was before is saved as “{restored.undoVersion.name}”.
          <Button
            size="sm"
            disabled={busy}
            onClick={() => {
              const undo = restored.undoVersion;
              void run(async () => {
                await restoreVersion(mapId, undo.id);
                setRestored(null);
                await reload();
              });
            }}
          >
            Undo restore
          </Button>
        </div>
      ) : null}
      {versions === null ? (
        <p className="session-muted">Loading versions…</p>
      ) : versions.length === 0 ? (
        <p className="session-muted">No saved versions yet.</p>
      ) : (
        <ul className="versions" aria-label="Versions">
          {versions.map((v) => (
            <li key={v.id} className="version" data-testid="version">
              <div className="version-head">
                <span className="version-name">{v.name}</span>
                {v.auto ? <span className="version-auto">automatic</span> : null}
                <span className="session-muted">{timeAgo(v.createdAt)}</span>
              </div>
              <div className="version-actions">
                <Button variant="ghost" size="sm" onClick={() => setViewing(v)}>
                  View
                </Button>
                <Button variant="ghost" size="sm" disabled={busy} onClick={() => void compare(v)}>
                  Compare with now
                </Button>
                {mayRestore ? (
                  <Button variant="ghost" size="sm" disabled={busy} onClick={() => void restore(v)}>
                    Restore
                  </Button>
                ) : null}
              </div>
              {comparing?.version.id === v.id ? <DiffSummary diff={comparing.diff} lines={comparing.lines} /> : null}
            </li>
          ))}
        </ul>
      )}
      {viewing ? <VersionViewer mapId={mapId} version={viewing} onClose={() => setViewing(null)} /> : null}
    </Drawer>
  );
}

function DiffSummary({ diff, lines }: { diff: VersionDiff; lines: DiffLine[] }) {
  const { added, changed, removed } = diff.totals;
  return (
    <div className="diff" data-testid="diff-summary">
      <p className="diff-totals">
        Since this version: <strong>{added} added</strong>, <strong>{changed} changed</strong>,{' '}
        <strong>{removed} removed</strong>
      </p>
      {lines.length ? (
        <ul className="diff-lines">
          {lines.map((l) => (
            <li key={`${l.change}:${l.kind}:${l.name}`} className={`diff-${l.change}`}>
              <span className="diff-sign">{l.change === 'added' ? '+' : l.change === 'removed' ? '−' : '~'}</span>
              {l.kind} “{l.name}”
            </li>
          ))}
        </ul>
      ) : (
        <p className="session-muted">The map is the same as this version.</p>
      )}
    </div>
  );
}

/** An old version on a read-only canvas (its own doc, thrown away on close). */
function VersionViewer({ mapId, version, onClose }: { mapId: string; version: VersionSummary; onClose: () => void }) {
  const [snap, setSnap] = useState<MapSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    versionSnapshot(mapId, version.id).then(
      (s) => live && setSnap(s),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [mapId, version.id]);
  return (
    <Dialog
      open
      title={`Version “${version.name}”`}
      onClose={onClose}
      className="version-dialog"
      actions={<Button onClick={onClose}>Close</Button>}
    >
      <p className="dialog-text">Read-only: this is the map as it was {timeAgo(version.createdAt)}.</p>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : snap ? (
        <SnapshotCanvas mapId={mapId} snap={snap} />
      ) : (
        <p className="session-muted">Loading the version…</p>
      )}
    </Dialog>
  );
}

function SnapshotCanvas({ mapId, snap }: { mapId: string; snap: MapSnapshot }) {
  const doc = useMemo(() => docFromSnapshot(snap), [snap]);
  // A version shows the pictures it named (they stay stored as long as the map).
  const images = useMapImages(mapId, null);
  useEffect(() => () => doc.destroy(), [doc]);
  const store = useMapStore(doc);
  const { user } = useLocalUser();
  return (
    <div className="version-canvas" data-testid="version-canvas">
      {store ? (
        <JourneyCanvas store={store} origin={tabOrigin} user={user} title={snap.meta.title} readOnly images={images} />
      ) : null}
    </div>
  );
}
