import { useEffect, useRef, useState, type RefObject } from 'react';
import type { MapStore } from '@journeycraft/doc';
import type { UndoControls } from '@journeycraft/doc-react';
import { exportCsv, exportSvg } from './exportImage.js';
import type { ImageCache } from '../core/images.js';
import type { PictureDownloads } from '../core/picture.js';
import { Icon, icons } from './icons.js';
import { Button } from '@journeycraft/ui';

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** The floating toolbar: history, add stage / lane, search, zoom to fit, export, map details. */
/** Id of the canvas toolbar, the target of the map page's skip link. */
export const TOOLBAR_ID = 'map-tools';

export function Toolbar(props: {
  history: UndoControls | undefined;
  readOnly: boolean;
  /** Workshop participant: structure, export and map details are the facilitator's. */
  participant?: boolean;
  query: string;
  onQuery: (q: string) => void;
  matchCount: number | null;
  matchIndex: number;
  onNextMatch: (step: number) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onAddStage: () => void;
  onAddLane: () => void;
  onFit: () => void;
  /** Whether the minimap shows; null hides the toggle. */
  minimap?: boolean | null;
  onMinimap?: () => void;
  onMapPanel: () => void;
  onHelp: () => void;
  store: MapStore;
  title: string;
  counts: { stages: number; lanes: number; touchpoints: number };
  /** The map's stored pictures, embedded in the SVG export. */
  images?: ImageCache | null;
  /** The server's PNG and PDF of the map (absent: those exports are not offered). */
  pictures?: PictureDownloads | null;
  /** Starts a new sticky (absent when this person may not add one). */
  onAddSticky?: () => void;
}) {
  const { history, readOnly, participant = false } = props;
  return (
    <div className="jc-toolbar" role="toolbar" aria-label="Map tools" id={TOOLBAR_ID} tabIndex={-1}>
      {history && (!readOnly || props.onAddSticky) ? (
        <div className="jc-group" role="group" aria-label="History">
          <Button
            variant="plain"
            className="jc-tool"
            onClick={history.undo}
            disabled={!history.canUndo}
            title="Undo (Ctrl+Z)"
          >
            <Icon d={icons.undo} />
            <span>Undo</span>
          </Button>
          <Button
            variant="plain"
            className="jc-tool"
            onClick={history.redo}
            disabled={!history.canRedo}
            title="Redo (Ctrl+Shift+Z)"
          >
            <Icon d={icons.redo} />
            <span>Redo</span>
          </Button>
        </div>
      ) : null}
      {!readOnly && !participant ? (
        <div className="jc-group" role="group" aria-label="Add">
          <Button variant="plain" className="jc-tool" onClick={props.onAddStage} title="Add a stage (a column)">
            <Icon d={icons.plus} />
            <span>Stage</span>
          </Button>
          <Button variant="plain" className="jc-tool" onClick={props.onAddLane} title="Add a lane (a row)">
            <Icon d={icons.plus} />
            <span>Lane</span>
          </Button>
        </div>
      ) : null}
      {props.onAddSticky ? (
        <div className="jc-group" role="group" aria-label="Stickies">
          <Button
            variant="plain"
            className="jc-tool"
            onClick={props.onAddSticky}
            title="Add a sticky (S): in the cell under the pointer, or the middle of the view"
          >
            <span className="jc-tool-sticky" aria-hidden="true" />
            <span>Sticky</span>
          </Button>
        </div>
      ) : null}
      <div className="jc-search" role="search">
        <Icon d={icons.search} />
        <input
          ref={props.searchRef}
          type="search"
          aria-label="Search the map"
          placeholder="Search touchpoints"
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              props.onNextMatch(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              props.onQuery('');
              e.currentTarget.blur();
            }
          }}
        />
        {props.matchCount !== null ? (
          <span className="jc-search-count" aria-live="polite" data-testid="search-count">
            {props.matchCount === 0
              ? 'No match'
              : props.matchIndex >= 0
                ? `${props.matchIndex + 1} of ${props.matchCount}`
                : plural(props.matchCount, 'match').replace('matchs', 'matches')}
          </span>
        ) : null}
      </div>
      <span className="jc-stats" data-testid="map-stats">
        {plural(props.counts.stages, 'stage')} · {plural(props.counts.lanes, 'lane')} ·{' '}
        {plural(props.counts.touchpoints, 'touchpoint')}
      </span>
      <div className="jc-group" role="group" aria-label="View">
        <Button variant="plain" className="jc-tool" onClick={props.onFit} title="Zoom to fit (Shift+1)">
          <Icon d={icons.fit} />
          <span>Fit</span>
        </Button>
        {props.minimap != null ? (
          <Button
            variant="plain"
            className="jc-tool jc-tool-icon"
            onClick={props.onMinimap}
            aria-pressed={props.minimap}
            aria-label="Minimap"
            title={props.minimap ? 'Hide the minimap' : 'Show the minimap'}
          >
            <Icon d={icons.map} />
          </Button>
        ) : null}
        {!participant ? (
          <>
            <ExportMenu
              store={props.store}
              title={props.title}
              images={props.images ?? null}
              pictures={props.pictures ?? null}
            />
            <Button variant="plain" className="jc-tool" onClick={props.onMapPanel} title="Map details and personas">
              <Icon d={icons.map} />
              <span>Details</span>
            </Button>
          </>
        ) : null}
        <Button
          variant="plain"
          className="jc-tool jc-tool-icon"
          onClick={props.onHelp}
          title="Keyboard shortcuts (?)"
          aria-label="Keyboard shortcuts"
        >
          <Icon d={icons.keyboard} />
        </Button>
      </div>
    </div>
  );
}

function ExportMenu({
  store,
  title,
  images,
  pictures,
}: {
  store: MapStore;
  title: string;
  images: ImageCache | null;
  pictures: PictureDownloads | null;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  const run = async (fn: () => Promise<void> | void) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Export failed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="jc-menu-wrap" ref={root}>
      <Button
        variant="plain"
        className="jc-tool"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        title="Export"
      >
        <Icon d={icons.download} />
        <span>Export</span>
      </Button>
      {open ? (
        <div className="jc-menu" role="menu" aria-label="Export">
          {pictures ? (
            <>
              <Button
                variant="plain"
                role="menuitem"
                disabled={busy}
                onClick={() => run(() => pictures.download('png'))}
              >
                PNG image, whole map
              </Button>
              <Button
                variant="plain"
                role="menuitem"
                disabled={busy}
                onClick={() => run(() => pictures.download('pdf'))}
              >
                PDF of the map
              </Button>
            </>
          ) : null}
          <Button
            variant="plain"
            role="menuitem"
            disabled={busy}
            onClick={() => run(() => exportSvg(store, images, title))}
          >
            SVG image, whole map
          </Button>
          <Button variant="plain" role="menuitem" disabled={busy} onClick={() => run(() => exportCsv(store, title))}>
            CSV of touchpoints
          </Button>
          {error ? (
            <p className="jc-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
