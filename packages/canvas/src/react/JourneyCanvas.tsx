import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type ReactFlowState,
  type Connection as FlowConnection,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../styles.css';
import {
  batch,
  docView,
  mayCreate,
  mayUpdate,
  moveSticky,
  renameCluster,
  ungroupCluster,
  updateRecord,
  type BoardPlace,
  type MapStore,
  type PolicyPrincipal,
  type TxOrigin,
} from '@journeycraft/doc';
import type { Note } from '@journeycraft/schema';
import { useRecords, type UndoControls } from '@journeycraft/doc-react';
import { GRID, cellAt, cellKey, computeLayout, type GridLayout } from '../core/layout.js';
import {
  addLane,
  addStage,
  addTouchpoint,
  connectCards,
  copyCards,
  dropCards,
  dropHeader,
  duplicateCards,
  pasteClip,
  selectionTargets,
  touchpointCount,
  type Clip,
} from '../core/commands.js';
import { DragOffsets } from '../core/dragOffsets.js';
import {
  applyBoardDrop,
  boardDropOf,
  createSticky,
  mayAddSticky,
  placeAt,
  previousSticky,
  removeSticky,
  stickyStep,
  stickyNodeId,
  turnStickyIntoCard,
} from '../core/stickies.js';
import type { StickyRights } from './graph.js';
import { ClusterNode, ParkedNode, StickyNode } from './nodes/StickyNodes.js';
import { VeilNode } from './nodes/VeilNode.js';
import { PeerStore, type AwarenessLike, type Peer, type RemoteDrag } from '../core/peers.js';
import { laneColors } from '@journeycraft/picture';
import { viewportFor } from '../core/workshop.js';
import {
  CanvasContext,
  FarContext,
  type CanvasActions,
  type CanvasContextValue,
  type CanvasWorkshop,
  type MapLink,
  type PresentPerson,
} from './context.js';
import { GraphCache, buildGraph, cardFacts, type ViewRect } from './graph.js';
import { FarCellNode } from './nodes/FarCellNode.js';
import { TouchpointNode } from './nodes/TouchpointNode.js';
import { LaneNode, StageNode } from './nodes/HeaderNodes.js';
import { GridNode } from './nodes/GridNode.js';
import { EmotionNode } from './nodes/EmotionNode.js';
import { ConnectionEdge } from './ConnectionEdge.js';
import { Cursors } from './Cursors.js';
import { SidePanel, type Selection } from './panel/SidePanel.js';
import { Toolbar } from './Toolbar.js';
import { EmptyMap } from './EmptyMap.js';
import { useWorkshopViewport } from './useWorkshopViewport.js';
import { ConfirmDelete, UndoToasts } from './Deletes.js';
import { useDeletes } from './hooks/useDeletes.js';
import { useNotices } from './hooks/useNotices.js';
import { useSearch } from './hooks/useSearch.js';
import { useSelection } from './hooks/useSelection.js';
import { useShortcuts } from './hooks/useShortcuts.js';
import type { ImageCache } from '../core/images.js';
import type { PictureDownloads } from '../core/picture.js';
import { Button } from '@journeycraft/ui';

const nodeTypes = {
  touchpoint: TouchpointNode,
  stage: StageNode,
  lane: LaneNode,
  grid: GridNode,
  emotion: EmotionNode,
  farcell: FarCellNode,
  veil: VeilNode,
  sticky: StickyNode,
  cluster: ClusterNode,
  parked: ParkedNode,
};
/** Room a presented stage leaves: the toolbar above, the presentation bar below. */
const PRESENT_PAD = { top: 72, right: 40, bottom: 96, left: 40 };
/** Arrow keys on a focused sticky: the way it moves. */
const ARROWS: Readonly<Record<string, 'left' | 'right' | 'up' | 'down' | undefined>> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
};
/** Id of the sticky being written before it is saved. */
const DRAFT_ID = 'draft-sticky';
const edgeTypes = { journey: ConnectionEdge };
/** Cards render in tiles of this many flow units around the view: panning within a tile changes nothing. */
const VIEW_TILE = 400;
/** Selected cards are rendered as cards wherever they are while there are at most this many. */
const KEEP_SELECTED = 100;

/**
 * What part of the map to render, as a key that changes only when the view crosses a tile: the
 * pane plus half a pane around it, snapped to tiles, and whether it is zoomed out past reading.
 * Before React Flow has measured its pane, the window's size stands in for it.
 */
function viewKeyOf(s: ReactFlowState): string {
  const [tx, ty, zoom] = s.transform;
  const w = s.width || (typeof window === 'undefined' ? 1280 : window.innerWidth);
  const h = s.height || (typeof window === 'undefined' ? 800 : window.innerHeight);
  const x0 = -tx / zoom;
  const y0 = -ty / zoom;
  const vw = w / zoom;
  const vh = h / zoom;
  const q = (v: number) => Math.floor(v / VIEW_TILE);
  return `${q(x0 - vw / 2)}:${q(y0 - vh / 2)}:${q(x0 + vw * 1.5) + 1}:${q(y0 + vh * 1.5) + 1}:${zoom < FAR_ZOOM ? 1 : 0}`;
}

function viewOfKey(key: string): { view: ViewRect; far: boolean } {
  const [a, b, c, d, f] = key.split(':').map(Number) as [number, number, number, number, number];
  return { view: { x0: a * VIEW_TILE, y0: b * VIEW_TILE, x1: c * VIEW_TILE, y1: d * VIEW_TILE }, far: f === 1 };
}
/** Zoom to fit: leave room for the toolbar at the top; never blow a small map up past 110%. */
const FIT_PAD = { top: 80, right: 40, bottom: 40, left: 40 };
const FIT_MAX_ZOOM = 1.1;
const FIT = fitOptions(FIT_PAD);
/** The minimap's box (bottom right, inside React Flow's 15 px panel margin). */
const MINIMAP = { width: 180, height: 120, margin: 15 };
/**
 * The first view never goes below this zoom (card text, 11 px and up in CSS, stays at least
 * 11 px on screen): a map too big for it opens on its first stages and lanes instead of all of it.
 */
export const READABLE_ZOOM = 1;
/** Where the first view puts the grid's top-left corner when it shows only the first stages (right of the zoom controls). */
const FIRST_VIEW_ORIGIN = { x: 56, y: 110 };
/** Below this zoom card text is too small to read: cards switch to their far view (FarContext). */
const FAR_ZOOM = 0.3;
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
const NO_DRAGS: ReadonlyMap<string, RemoteDrag> = new Map();
const NO_SELECTIONS: ReadonlyMap<string, Peer> = new Map();
const NO_IDS: ReadonlySet<string> = new Set();
const NO_PEOPLE: readonly PresentPerson[] = [];
const NO_MAPS: readonly MapLink[] = [];
const NO_WORKSHOP: CanvasWorkshop = {};

export interface JourneyCanvasProps {
  /** The map's records (from `useMapStore`). */
  store: MapStore;
  /** The origin of this person's edits (undo tracks it). */
  origin: TxOrigin;
  /** How this person appears to others. */
  user: { name: string; color: string };
  /** The sync provider's awareness: cursors, selections and drag previews travel through it. */
  awareness?: AwarenessLike | null;
  /** Everyone present (for @mentions in comments). */
  people?: readonly PresentPerson[];
  /** Per-user undo / redo (from `useUndo`). */
  history?: UndoControls;
  /** Other maps a touchpoint may link to as a sub-journey. */
  maps?: readonly MapLink[];
  /** The map's title (file names of exports). */
  title: string;
  /** True while edits stay in this browser only. */
  offline?: boolean;
  readOnly?: boolean;
  /** May move and edit what a facilitator locked (facilitators); others see locked things stay put. */
  canEditLocked?: boolean;
  onOpenMap?: (mapId: string) => void;
  /** A workshop participant (joined by link): a reduced toolbar, no structural edits. */
  participant?: boolean;
  /**
   * Who edits, for the edit policy the server enforces (what Delete may remove, why not).
   * Defaults to a viewer when `readOnly`, a facilitator when `canEditLocked`, an editor otherwise.
   */
  principal?: PolicyPrincipal;
  /** The live workshop: spotlight, follow me, dot voting, results, notes. */
  workshop?: CanvasWorkshop;
  /** The map's stored pictures (cards, personas): shown, uploaded and put in images of the map. */
  images?: ImageCache | null;
  /** The server's PNG and PDF of the map, offered in the export menu (absent: SVG and CSV only). */
  pictures?: PictureDownloads | null;
}

/** The canvas clipboard (shared by every map open in this tab, so cards can be pasted across maps). */
let clipboard: Clip | null = null;

function useSubscribe<T>(peers: PeerStore | null, channel: 'selections', get: (p: PeerStore) => T, fallback: T): T {
  const subscribe = useCallback((l: () => void) => (peers ? peers.subscribe(channel, l) : () => {}), [peers, channel]);
  const snap = useCallback(() => (peers ? get(peers) : fallback), [peers, get, fallback]);
  return useSyncExternalStore(subscribe, snap, snap);
}
const getSelections = (p: PeerStore) => p.getSelections();

/**
 * Who drags which card on other screens. The snapshot keeps its identity while only positions
 * change: those reach the dragged cards alone (`useDragOffset`), not the whole graph.
 */
function useRemoteDraggers(peers: PeerStore | null): ReadonlyMap<string, RemoteDrag> {
  const cache = useRef<{ key: string; value: ReadonlyMap<string, RemoteDrag> }>({ key: '', value: NO_DRAGS });
  const subscribe = useCallback((l: () => void) => (peers ? peers.subscribe('drags', l) : () => {}), [peers]);
  const snap = useCallback(() => {
    const drags = peers ? peers.getDrags() : NO_DRAGS;
    let key = '';
    for (const [id, d] of drags) key += `${id}:${d.clientId}:${d.name}:${d.color}|`;
    if (key !== cache.current.key) cache.current = { key, value: drags };
    return cache.current.value;
  }, [peers]);
  return useSyncExternalStore(subscribe, snap, snap);
}

/**
 * The journey map canvas: stages as columns, lanes as rows, touchpoint cards in cells,
 * connections, the emotion curve, a side panel to edit everything, live cursors and
 * selections of others. Writes go to the doc with `origin`; live drags go through awareness.
 */
export function JourneyCanvas(props: JourneyCanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}

function CanvasInner({
  store,
  origin,
  user,
  awareness,
  people = NO_PEOPLE,
  history,
  maps = NO_MAPS,
  title,
  offline = false,
  readOnly = false,
  canEditLocked = false,
  onOpenMap,
  workshop = NO_WORKSHOP,
  participant = false,
  principal: givenPrincipal,
  images = null,
  pictures = null,
}: JourneyCanvasProps) {
  const doc = store.doc;
  const principal = useMemo<PolicyPrincipal>(
    () =>
      givenPrincipal ?? { role: readOnly ? 'viewer' : canEditLocked ? 'facilitator' : 'editor', key: null, name: null },
    [givenPrincipal, canEditLocked, readOnly],
  );
  const flow = useReactFlow();
  const stages = useRecords(store, 'stages');
  const lanes = useRecords(store, 'lanes');
  const touchpoints = useRecords(store, 'touchpoints');
  const connections = useRecords(store, 'connections');
  const roles = useRecords(store, 'roles');
  const assignments = useRecords(store, 'assignments');
  const requirements = useRecords(store, 'requirements');
  const comments = useRecords(store, 'comments');
  const notes = useRecords(store, 'notes');
  const clusters = useRecords(store, 'clusters');
  /** A sticky being written: where it will go (it is saved when its text is). */
  const [draft, setDraft] = useState<{ place: BoardPlace; at: string } | null>(null);

  const [peers, setPeers] = useState<PeerStore | null>(null);
  useEffect(() => {
    if (!awareness) return;
    const p = new PeerStore(awareness);
    setPeers(p);
    return () => {
      p.destroy();
      setPeers((cur) => (cur === p ? null : cur));
    };
  }, [awareness]);
  const remoteDrags = useRemoteDraggers(peers);
  const remoteSelections = useSubscribe(peers, 'selections', getSelections, NO_SELECTIONS);
  const votingRef = useRef(workshop.voting);
  votingRef.current = workshop.voting;
  const votingView = useMemo(
    () => (workshop.voting ? { mine: workshop.voting.mine, remaining: workshop.voting.remaining } : null),
    [workshop.voting],
  );

  const boardNotes = useMemo(() => {
    if (!draft) return notes;
    const place = draft.place;
    const draftNote: Note = {
      id: DRAFT_ID,
      text: '',
      stageId: 'stageId' in place ? place.stageId : null,
      laneId: 'laneId' in place ? place.laneId : null,
      x: 'x' in place ? place.x : null,
      y: 'y' in place ? place.y : null,
      clusterId: null,
      authorName: null,
      authorKey: null,
      color: '#ffe58a',
      createdAt: draft.at,
    };
    return [...notes, draftNote];
  }, [notes, draft]);
  // Cards joined by a labelled connection stand apart for the label (stacked ones further apart,
  // side by side ones a wider gutter): the layout changes only when such a pair or the length of
  // its label does, not on every edit of a connection.
  const labelledKey = useMemo(
    () =>
      connections
        .filter((c) => c.label && c.toId && c.kind !== 'subjourney')
        .map((c) => `${c.fromId} ${c.toId} ${c.label.length}`)
        .join('|'),
    [connections],
  );
  const labelled = useMemo(
    () =>
      labelledKey
        ? labelledKey.split('|').map((link) => {
            const [fromId, toId, length] = link.split(' ') as [string, string, string];
            return { fromId, toId, length: Number(length) };
          })
        : [],
    [labelledKey],
  );
  const layout = useMemo(
    () => computeLayout(stages, lanes, touchpoints, { notes: boardNotes, clusters }, labelled),
    [stages, lanes, touchpoints, boardNotes, clusters, labelled],
  );
  const stickyRights = useMemo<StickyRights>(() => {
    const view = docView(doc);
    return {
      mayChange: (n) => mayUpdate(principal, view, 'notes', n.id, { text: `${n.text} ` }).ok,
      mayCluster: mayCreate(principal, view, 'clusters', { id: 'new', createdAt: new Date().toISOString() }).ok,
      draftId: draft ? DRAFT_ID : null,
    };
    // Notes are a dependency: whose sticky is whose comes from them.
  }, [doc, principal, draft, notes]);
  const selection = useSelection(peers, layout, stages, lanes, connections);
  const { selected, selectedEdge, selectedCards, select, mapPanel, setMapPanel } = selection;
  const { notice, notify, mention, dismissMention } = useNotices(store, comments, user.name);
  const [editing, setEditing] = useState<string | null>(null);
  const [offsets] = useState(() => new DragOffsets());
  const [dragging, setDragging] = useState<ReadonlySet<string>>(NO_IDS);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [persona, setPersona] = useState<string | null>(null);
  const [focusTitle, setFocusTitle] = useState(0);
  const [helpOpen, setHelpOpen] = useState(false);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const flowBox = useRef<HTMLDivElement>(null);
  const pendingReveal = useRef<string | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const { onMove } = useWorkshopViewport(peers, flowBox, workshop);

  /** Pans so a stage, lane or card is in view (keeping the zoom); false if it is not laid out yet. */
  const reveal = useCallback(
    (id: string): boolean => {
      const box = flowBox.current?.getBoundingClientRect();
      const col = layout.columns.find((c) => c.stage.id === id);
      const row = layout.rows.find((r) => r.lane.id === id);
      const slot = layout.slots.get(id);
      const rect = col
        ? { x: col.x, y: 0, w: col.width, h: GRID.headerHeight }
        : row
          ? { x: 0, y: row.y, w: GRID.laneWidth, h: row.height }
          : slot
            ? { x: slot.x, y: slot.y, w: GRID.cardWidth, h: GRID.cardHeight }
            : null;
      if (!rect || !box) return false;
      const a = flow.screenToFlowPosition({ x: box.left + 24, y: box.top + 70 });
      const b = flow.screenToFlowPosition({ x: box.right - 24, y: box.bottom - 24 });
      const inside = rect.x >= a.x && rect.y >= a.y && rect.x + rect.w <= b.x && rect.y + rect.h <= b.y;
      if (!inside)
        void flow.setCenter(rect.x + rect.w / 2, rect.y + rect.h / 2, { zoom: flow.getZoom(), duration: 200 });
      return true;
    },
    [layout, flow],
  );
  // Bring a record just added into view once it is laid out.
  useEffect(() => {
    if (pendingReveal.current && reveal(pendingReveal.current)) pendingReveal.current = null;
  }, [reveal]);

  // Search: a match is centred (readable zoom) and selected.
  const showMatch = useCallback(
    (id: string) => {
      const slot = layout.slots.get(id);
      if (slot) {
        void flow.setCenter(slot.x + GRID.cardWidth / 2, slot.y + GRID.cardHeight / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 250,
        });
      }
      select([id]);
    },
    [layout, flow, select],
  );
  const search = useSearch(touchpoints, showMatch);
  const { matches } = search;

  const mapTitles = useMemo(() => new Map(maps.map((m) => [m.id, m.title])), [maps]);
  const facts = useMemo(
    () => cardFacts(touchpoints, roles, assignments, requirements, comments, connections, mapTitles),
    [touchpoints, roles, assignments, requirements, comments, connections, mapTitles],
  );

  // Only cards in (and around) the view are rendered: the view's tile key changes rarely.
  const viewKey = useStore(viewKeyOf);
  const viewed = useMemo(() => viewOfKey(viewKey), [viewKey]);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const keep = useMemo(() => {
    const k = new Set<string>(dragging);
    for (const id of remoteDrags.keys()) k.add(id);
    if (selectedCards.length <= KEEP_SELECTED) for (const id of selectedCards) k.add(id);
    if (focusTarget) k.add(focusTarget);
    return k;
  }, [dragging, remoteDrags, selectedCards, focusTarget]);

  const cache = useRef(new GraphCache());
  const { nodes, edges, order, shown } = useMemo(
    () =>
      buildGraph(
        {
          layout,
          connections,
          facts,
          selected,
          selectedEdge,
          editing,
          dragging,
          dropTarget,
          remoteDrags,
          remoteSelections,
          matches,
          persona,
          readOnly,
          canEditLocked,
          spotlight: workshop.spotlightStageId ?? null,
          presenting: workshop.presentStageId ?? null,
          voting: votingView,
          results: workshop.results ?? null,
          ...(workshop.notesPerStage ? { notesPerStage: workshop.notesPerStage } : {}),
          view: viewed?.view ?? null,
          far: viewed?.far ?? false,
          keep,
          stickies: stickyRights,
        },
        cache.current,
      ),
    [
      layout,
      connections,
      facts,
      selected,
      selectedEdge,
      editing,
      dragging,
      dropTarget,
      remoteDrags,
      remoteSelections,
      matches,
      persona,
      readOnly,
      canEditLocked,
      workshop.spotlightStageId,
      workshop.presentStageId,
      votingView,
      workshop.results,
      workshop.notesPerStage,
      viewed,
      keep,
      stickyRights,
    ],
  );

  // A presentation this person follows: the stage on show fills the pane (again when it changes size).
  const presentCol = workshop.presentStageId
    ? layout.columns.find((c) => c.stage.id === workshop.presentStageId)
    : undefined;
  const presentKey = presentCol ? `${presentCol.stage.id}:${presentCol.x}:${presentCol.width}:${layout.height}` : null;
  useEffect(() => {
    if (!presentKey || !presentCol) return;
    const box = flowBox.current?.getBoundingClientRect();
    if (!box || box.width <= 0) return;
    const rect = { x: presentCol.x, y: 0, width: presentCol.width, height: layout.height };
    void flow.setViewport(viewportFor(rect, box, PRESENT_PAD, READABLE_ZOOM), { duration: 300 });
    // presentKey names everything of the column and layout that matters here.
  }, [presentKey, flow]);

  // The first view, once the map has content: all of it when it fits readably, else its first
  // stages and lanes at a readable zoom (Fit shows everything on request).
  const fitted = useRef(false);
  useEffect(() => {
    if (fitted.current || (!stages.length && !lanes.length)) return;
    fitted.current = true;
    requestAnimationFrame(() => {
      const box = flowBox.current?.getBoundingClientRect();
      const whole = box ? wholeMapZoom(box, layout.width, layout.height) : READABLE_ZOOM;
      if (whole >= READABLE_ZOOM) void flow.fitView(FIT);
      else void flow.setViewport({ ...FIRST_VIEW_ORIGIN, zoom: READABLE_ZOOM });
    });
  }, [flow, stages.length, lanes.length, layout.width, layout.height]);

  const clearSelection = useCallback(() => select([]), [select]);
  const deletes = useDeletes({
    doc,
    origin,
    principal,
    userName: user.name,
    readOnly,
    notify,
    onDeleted: clearSelection,
  });

  // Stickies: the actions read the latest layout and principal through a ref (they stay one object).
  const boardNow = useRef({ layout, principal, userName: user.name, draft });
  boardNow.current = { layout, principal, userName: user.name, draft };
  const stickyActions = useMemo<CanvasActions['stickies']>(() => {
    const say = (out: { ok: true; message?: string } | { ok: false; reason: string }) => {
      if (!out.ok) notify(out.reason);
      else if (out.message) notify(out.message);
    };
    const noteOf = (id: string) => store.getRecord('notes', id);
    return {
      save(id, text) {
        const { principal, userName, draft } = boardNow.current;
        setEditing(null);
        if (id === null) {
          setDraft(null);
          if (text === null || !text.trim() || !draft) return;
          const out = createSticky(doc, origin, principal, userName, text, draft.place);
          say(out);
          if (out.ok && out.id) select([stickyNodeId(out.id)]);
          return;
        }
        const note = noteOf(id);
        if (!note || text === null || text.trim() === note.text) return;
        if (!text.trim()) {
          notify('A sticky needs text: it was left as it was. Delete it from its menu.');
          return;
        }
        const verdict = mayUpdate(principal, docView(doc), 'notes', id, { text: text.trim() });
        if (!verdict.ok) return notify(verdict.reason);
        updateRecord(doc, 'notes', id, { text: text.trim().slice(0, 10_000) }, origin);
      },
      color(id, color) {
        const verdict = mayUpdate(boardNow.current.principal, docView(doc), 'notes', id, { color });
        if (!verdict.ok) return notify(verdict.reason);
        updateRecord(doc, 'notes', id, { color }, origin);
      },
      toCard(id, as) {
        const note = noteOf(id);
        if (!note) return;
        const { principal, layout } = boardNow.current;
        const out = turnStickyIntoCard(doc, origin, principal, layout, note, as);
        say(out);
        if (out.ok && out.cardId) {
          pendingReveal.current = out.cardId;
          select([out.cardId]);
        }
      },
      groupWithPrevious(id) {
        const { principal, layout } = boardNow.current;
        const before = previousSticky(layout, id);
        if (!before) return notify('There is no sticky before this one to cluster it with.');
        say(applyBoardDrop(doc, origin, principal, { kind: 'sticky', id }, { kind: 'onto', noteId: before }));
      },
      leaveCluster(id) {
        const { principal, layout } = boardNow.current;
        const note = noteOf(id);
        const cluster = note?.clusterId ? layout.board.clusters.get(note.clusterId) : undefined;
        if (!note || !cluster) return;
        const place: BoardPlace =
          cluster.cluster.stageId && cluster.cluster.laneId
            ? { stageId: cluster.cluster.stageId, laneId: cluster.cluster.laneId }
            : { x: cluster.x + cluster.width + 24, y: cluster.y };
        const verdict = mayUpdate(principal, docView(doc), 'notes', id, { clusterId: null });
        if (!verdict.ok) return notify(verdict.reason);
        moveSticky(doc, id, place, origin);
      },
      remove(id) {
        const note = noteOf(id);
        if (!note) return;
        say(removeSticky(doc, origin, boardNow.current.principal, note));
        select([]);
      },
      renameCluster(id, name) {
        setEditing(null);
        const cluster = store.getRecord('clusters', id);
        if (!cluster || cluster.name === name.trim()) return;
        const verdict = mayUpdate(boardNow.current.principal, docView(doc), 'clusters', id, { name });
        if (!verdict.ok) return notify(verdict.reason);
        renameCluster(doc, id, name.slice(0, 200), origin);
      },
      ungroup(id) {
        const verdict = mayUpdate(boardNow.current.principal, docView(doc), 'clusters', id, { name: 'x' });
        if (!verdict.ok) return notify(verdict.reason);
        ungroupCluster(doc, id, origin);
        notify('Ungrouped the cluster. Ctrl+Z groups it again.');
      },
    };
  }, [doc, origin, store, notify, select]);

  /** Starts writing a sticky at `point` (flow coordinates): in the cell there, or free on the board. */
  const startSticky = useCallback(
    (point?: { x: number; y: number } | null) => {
      const box = flowBox.current?.getBoundingClientRect();
      const at =
        point ??
        pointer.current ??
        (box
          ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
          : { x: 0, y: 0 });
      const place = placeAt(layout, at);
      if (!mayAddSticky(doc, principal, place)) {
        notify(
          principal.role === 'viewer'
            ? 'Viewers can look at the map but not add stickies.'
            : 'You cannot add a sticky here.',
        );
        return;
      }
      setEditing(null);
      setDraft({ place, at: new Date().toISOString() });
    },
    [layout, doc, principal, flow, notify],
  );
  const canAddSticky = principal.role !== 'viewer';

  // Actions stay one object for the canvas's life; the delete flow behind them changes with the selection.
  const requestDeleteRef = useRef<CanvasActions['requestDelete']>(() => {});
  requestDeleteRef.current = deletes.requestDelete;
  const actions: CanvasActions = useMemo(
    () => ({
      addTouchpoint(stageId, laneId) {
        const id = addTouchpoint(doc, origin, stageId, laneId);
        pendingReveal.current = id;
        select([id]);
        setFocusTitle((n) => n + 1);
      },
      addStage() {
        const id = addStage(doc, origin);
        pendingReveal.current = id;
        setEditing(id);
      },
      addLane() {
        const id = addLane(doc, origin);
        pendingReveal.current = id;
        setEditing(id);
      },
      select,
      startEditing: setEditing,
      openMap: (id) => onOpenMap?.(id),
      setPersona,
      vote(id, on) {
        const v = votingRef.current;
        if (!v) return;
        if (on) v.onVote(id);
        else v.onUnvote(id);
      },
      requestDelete: (targets, label) => requestDeleteRef.current(targets, label),
      stickies: stickyActions,
    }),
    [doc, origin, select, onOpenMap, stickyActions],
  );

  const ctx: CanvasContextValue = useMemo(
    () => ({
      store,
      doc,
      origin,
      peers,
      offsets,
      user,
      readOnly,
      canEditLocked,
      participant,
      principal,
      images,
      actions,
    }),
    [store, doc, origin, peers, offsets, user, readOnly, canEditLocked, participant, principal, images, actions],
  );

  // onNodesChange stays the same function for a whole drag: a new one would be one more React Flow
  // store update, and so one more run of every node's selector, per pointer move. A drag's live
  // positions never reach the nodes array: they go to `offsets`, which only the dragged nodes read.
  const latest = useRef({ layout, peers, selectFromFlow: selection.selectFromFlow });
  latest.current = { layout, peers, selectFromFlow: selection.selectFromFlow };
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const { layout, peers, selectFromFlow } = latest.current;
      const selects: Array<{ id: string; selected: boolean }> = [];
      let cards: Record<string, { x: number; y: number }> | null = null;
      let first: { x: number; y: number } | null = null;
      for (const c of changes) {
        if (c.type === 'select') {
          selects.push({ id: c.id, selected: c.selected });
        } else if (c.type === 'position' && c.dragging && c.position) {
          const base = laidOutAt(layout, c.id);
          if (!base) continue;
          const { x, y } = c.position;
          if (c.id.startsWith('stage:')) offsets.set(c.id, { dx: x - base.x, dy: 0 });
          else if (c.id.startsWith('lane:')) offsets.set(c.id, { dx: 0, dy: y - base.y });
          else if (c.id.startsWith('sticky:') || c.id.startsWith('cluster:')) {
            offsets.set(c.id, { dx: x - base.x, dy: y - base.y });
            (cards ??= {})[c.id] = { x, y };
          } else {
            offsets.set(c.id, { dx: x - base.x, dy: y - base.y });
            (cards ??= {})[c.id] = { x, y };
            first ??= { x, y };
          }
        }
      }
      if (selects.length) selectFromFlow(selects);
      if (cards && first) {
        const cell = cellAt(layout, { x: first.x + GRID.cardWidth / 2, y: first.y + GRID.cardHeight / 2 });
        setDropTarget(cell ? cellKey(cell.stageId, cell.laneId) : null);
      }
      if (cards) peers?.setDrag(cards);
    },
    [offsets],
  );
  const onNodeDragStart = useCallback((_: unknown, _node: Node, dragged: Node[]) => {
    setDragging(new Set(dragged.map((n) => n.id)));
  }, []);
  // The offsets of a drop are forgotten once the graph has the dropped nodes' new places.
  const dropped = useRef(false);
  useEffect(() => {
    if (!dropped.current) return;
    dropped.current = false;
    offsets.clear();
  }, [nodes, offsets]);

  const { selectEdgeFromFlow } = selection;
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const c of changes) if (c.type === 'select') selectEdgeFromFlow(c.id, c.selected);
    },
    [selectEdgeFromFlow],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, _node: Node, dragged: Node[]) => {
      const drops = dragged
        .filter((n) => n.type === 'touchpoint')
        .map((n) => ({ id: n.id, x: n.position.x, y: n.position.y }));
      // Stickies and clusters: onto another sticky (cluster), into a cluster, a cell, or free on the board.
      for (const n of dragged) {
        if (n.type !== 'sticky' && n.type !== 'cluster') continue;
        const kind: 'sticky' | 'cluster' = n.type;
        const item = { kind, id: n.id.slice(kind === 'sticky' ? 7 : 8), x: n.position.x, y: n.position.y };
        const out = applyBoardDrop(doc, origin, principal, item, boardDropOf(layout, item));
        if (!out.ok) notify(out.reason);
        else if (out.message) notify(out.message);
      }
      batch(doc, origin, () => {
        const { refused } = dropCards(doc, origin, layout, drops, canEditLocked);
        if (refused.length) notify(refused[refused.length - 1]!);
        for (const n of dragged) {
          if (n.type === 'stage')
            dropHeader(doc, origin, layout, { kind: 'stages', id: n.id.slice(6), x: n.position.x });
          else if (n.type === 'lane')
            dropHeader(doc, origin, layout, { kind: 'lanes', id: n.id.slice(5), y: n.position.y });
        }
      });
      dropped.current = true;
      setDragging(NO_IDS);
      setDropTarget(null);
      peers?.setDrag(null);
    },
    [doc, origin, layout, peers, canEditLocked, notify, principal],
  );

  const onConnect = useCallback(
    (c: FlowConnection) => {
      if (readOnly) return;
      const id = connectCards(doc, origin, connections, c.source, c.target);
      if (id) select([], id);
    },
    [doc, origin, connections, readOnly, select],
  );

  // ---- commands used by shortcuts and the toolbar ----
  const cardRecords = useMemo(
    () => ({ touchpoints, connections, assignments, requirements }),
    [touchpoints, connections, assignments, requirements],
  );
  const copy = useCallback(() => {
    const clip = copyCards(cardRecords, layout, selectedCards);
    if (!clip) return false;
    clipboard = clip;
    notify(`Copied ${touchpointCount(clip.count)}.`);
    return true;
  }, [cardRecords, layout, selectedCards, notify]);

  const paste = useCallback(() => {
    const clip = clipboard;
    if (!clip || readOnly) return;
    const out = pasteClip(doc, origin, layout, clip, pointer.current);
    if ('error' in out) {
      notify(out.error);
      return;
    }
    select(out.ids);
    notify(`Pasted ${touchpointCount(out.ids.length)}.`);
  }, [doc, origin, layout, readOnly, select, notify]);

  const duplicate = useCallback(() => {
    if (!selectedCards.length || readOnly) return;
    select(duplicateCards(doc, origin, cardRecords, selectedCards));
  }, [doc, origin, selectedCards, cardRecords, readOnly, select]);

  const remove = useCallback(() => {
    const stickyIds = [...selected].filter((id) => id.startsWith('sticky:'));
    if (stickyIds.length) {
      for (const id of stickyIds) stickyActions.remove(id.slice(7));
      return;
    }
    if (readOnly) return;
    const { targets, label } = selectionTargets(store, selected, selectedEdge);
    deletes.requestDelete(targets, label);
  }, [selected, selectedEdge, store, readOnly, deletes, stickyActions]);

  const fit = useCallback(() => {
    const box = flowBox.current?.getBoundingClientRect();
    const pad = box && showMinimapRef.current ? clearOfMinimap(box, layout.width, layout.height) : FIT_PAD;
    void flow.fitView({ ...fitOptions(pad), duration: 250 });
  }, [flow, layout.width, layout.height]);

  // Tab and Shift+Tab walk every card in keyboard order, rendered or not: when the next card is
  // out of view, it is brought into view, rendered and focused.
  const tab = useCallback(
    (backwards: boolean, target: EventTarget | null): boolean => {
      if (!(target instanceof HTMLElement)) return false;
      const wrapper = target.closest<HTMLElement>('.react-flow__node-touchpoint');
      const id = wrapper?.dataset.id;
      if (!wrapper || !id) return false;
      const inner = wrapper.querySelectorAll<HTMLElement>('button:not([disabled]), a[href], [tabindex="0"]');
      const last = inner.length ? inner[inner.length - 1]! : wrapper;
      if (backwards ? target !== wrapper : target !== last) return false;
      const i = order.indexOf(id);
      const next = i < 0 ? undefined : order[backwards ? i - 1 : i + 1];
      if (!next || shown.has(next)) return false;
      setFocusTarget(next);
      reveal(next);
      return true;
    },
    [order, shown, reveal],
  );
  useEffect(() => {
    if (!focusTarget) return;
    // React Flow puts a new node on the page a frame or so after it gets it: look until it is there.
    let frames = 0;
    let raf = 0;
    const tryFocus = () => {
      const el = flowBox.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(focusTarget)}"]`);
      if (el) {
        if (!el.contains(document.activeElement)) el.focus({ preventScroll: true });
      } else if (frames++ < 10) raf = requestAnimationFrame(tryFocus);
    };
    tryFocus();
    return () => cancelAnimationFrame(raf);
  }, [focusTarget]);

  /**
   * Renders every card (for an image of the whole map), resolving once they are on the page with
   * their pictures fetched.
   */
  useShortcuts({
    tab,
    undo: history?.undo,
    redo: history?.redo,
    copy,
    cut: remove,
    paste,
    duplicate,
    remove,
    selectAll: () => select([...layout.slots.keys()]),
    escape: () => {
      select([]);
      setMapPanel(false);
      setHelpOpen(false);
    },
    fit,
    editTitle: () => {
      if (selectedCards.length !== 1) return false;
      setFocusTitle((k) => k + 1);
      return true;
    },
    toggleHelp: () => setHelpOpen((o) => !o),
    focusSearch: (selectText) => {
      searchInput.current?.focus();
      if (selectText) searchInput.current?.select();
    },
    addSticky: canAddSticky ? () => startSticky() : undefined,
    onBoardItem: (key, target) => {
      const nodeId = target.dataset.id ?? '';
      if (nodeId.startsWith('cluster:')) {
        const id = nodeId.slice(8);
        if (key === 'Enter' && stickyRights.mayCluster) actions.startEditing(id);
        else if ((key === 'Delete' || key === 'Backspace') && stickyRights.mayCluster) stickyActions.ungroup(id);
        else return false;
        return true;
      }
      if (!nodeId.startsWith('sticky:')) return false;
      const id = nodeId.slice(7);
      const k = key.toLowerCase();
      if (key === 'Enter') {
        const note = store.getRecord('notes', id);
        if (note && stickyRights.mayChange(note)) actions.startEditing(id);
      } else if (key === 'Delete' || key === 'Backspace') stickyActions.remove(id);
      else if (k === 't') stickyActions.toCard(id, 'touchpoint');
      else if (k === 'p') stickyActions.toCard(id, 'painPoint');
      else if (k === 'g') stickyActions.groupWithPrevious(id);
      else if (ARROWS[key]) {
        const step = stickyStep(layout, id, ARROWS[key]);
        if (!step) return true;
        const out = applyBoardDrop(doc, origin, principal, { kind: 'sticky', id }, step);
        if (!out.ok) notify(out.reason);
      } else return false;
      return true;
    },
  });

  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      pointer.current = p;
      peers?.setCursor(p);
    },
    [flow, peers],
  );

  const panelSelection: Selection | null = useMemo(() => {
    if (selectedEdge) return { kind: 'connection', id: selectedEdge };
    if (selectedCards.length === 1) return { kind: 'touchpoint', id: selectedCards[0]! };
    if (selectedCards.length > 1) return { kind: 'touchpoints', ids: selectedCards };
    const header = [...selected][0];
    if (header?.startsWith('stage:')) return { kind: 'stage', id: header.slice(6) };
    if (header?.startsWith('lane:')) return { kind: 'lane', id: header.slice(5) };
    return mapPanel ? { kind: 'map' } : null;
  }, [selected, selectedCards, selectedEdge, mapPanel]);

  const empty = !stages.length && !lanes.length;
  // The minimap lies over the canvas, so it is off until asked for (toolbar toggle): shown by
  // default it covered the bottom-right cards and their cells' Add buttons, the more so on a
  // narrow screen or beside a side panel. While it shows, Fit keeps its corner clear of the grid.
  const [minimap, setMinimap] = useState(false);
  const showMinimap = !empty && minimap;
  const showMinimapRef = useRef(showMinimap);
  showMinimapRef.current = showMinimap;
  // Level of detail: zoomed out this far, cards draw only their title and markers.
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  // React Flow hands its node handlers to every node wrapper: a new function per render would
  // re-render all of them (a thousand on a big map) on every pointer move of a drag.
  const onPaneClick = useCallback(() => {
    select([]);
    setEditing(null);
  }, [select]);
  const onNodeClick = useCallback(
    (_: unknown, n: Node) => {
      // A click on an empty cell or on the emotion lane clears the selection, like the background.
      if (n.type === 'grid' || n.type === 'emotion') {
        select([]);
        setEditing(null);
      }
    },
    [select],
  );
  const onNodeDoubleClick = useCallback(
    (e: React.MouseEvent, n: Node) => {
      if (n.type === 'touchpoint') setFocusTitle((k) => k + 1);
      const point = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      if (n.type === 'grid' && !readOnly) {
        const cell = cellAt(layout, point, false);
        if (cell && cell.row.lane.kind !== 'emotions') actions.addTouchpoint(cell.stageId, cell.laneId);
        // Outside the cells (the grid's margin): a sticky there.
        else if (!cell && canAddSticky) startSticky(point);
      } else if ((n.type === 'grid' || n.type === 'parked') && canAddSticky) startSticky(point);
    },
    [readOnly, layout, flow, actions, canAddSticky, startSticky],
  );
  const translateExtent = useMemo<[[number, number], [number, number]]>(
    () => [
      [-2000, -2000],
      [layout.width + 4000, layout.height + 4000],
    ],
    [layout.width, layout.height],
  );

  return (
    <CanvasContext.Provider value={ctx}>
      <FarContext.Provider value={far}>
        <div className={`jc-root${panelSelection ? ' has-panel' : ''}`} data-testid="journey-canvas">
          <div
            className="jc-flow"
            ref={flowBox}
            onPointerMove={onPointerMove}
            onPointerLeave={() => peers?.setCursor(null)}
            onDoubleClick={(e) => {
              // A double-click on the open board starts a sticky there.
              if (!canAddSticky || !(e.target instanceof Element) || !e.target.classList.contains('react-flow__pane'))
                return;
              startSticky(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }));
            }}
          >
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStart={onNodeDragStart}
              onNodeDragStop={onNodeDragStop}
              onMove={onMove}
              onConnect={onConnect}
              onPaneClick={onPaneClick}
              onNodeClick={onNodeClick}
              onNodeDoubleClick={onNodeDoubleClick}
              minZoom={0.05}
              maxZoom={2}
              deleteKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={MULTI_SELECT_KEYS}
              selectNodesOnDrag={false}
              elevateNodesOnSelect={false}
              nodesConnectable={!readOnly}
              proOptions={PRO_OPTIONS}
              translateExtent={translateExtent}
              zoomOnDoubleClick={false}
            >
              <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} color="#d5d9e2" />
              <Controls showInteractive={false} position="bottom-left" />
              {showMinimap ? (
                <MiniMap
                  position="bottom-right"
                  style={{ width: MINIMAP.width, height: MINIMAP.height }}
                  pannable
                  zoomable
                  ariaLabel="Minimap"
                  nodeColor={minimapColor}
                  nodeStrokeWidth={0}
                  maskColor="rgba(241, 243, 248, 0.7)"
                />
              ) : null}
              <Panel position="top-left" className="jc-toolbar-panel">
                <Toolbar
                  history={history}
                  readOnly={readOnly}
                  participant={participant}
                  query={search.query}
                  onQuery={search.setQuery}
                  matchCount={search.matchList?.length ?? null}
                  matchIndex={search.matchIndex}
                  onNextMatch={search.gotoMatch}
                  searchRef={searchInput}
                  onAddStage={actions.addStage}
                  onAddLane={actions.addLane}
                  onFit={fit}
                  minimap={showMinimap}
                  onMinimap={() => setMinimap(!showMinimap)}
                  onMapPanel={() => {
                    select([]);
                    setMapPanel((o) => !o);
                  }}
                  onHelp={() => setHelpOpen((o) => !o)}
                  store={store}
                  title={title}
                  counts={{ stages: stages.length, lanes: lanes.length, touchpoints: touchpoints.length }}
                  images={images}
                  pictures={pictures}
                  {...(canAddSticky ? { onAddSticky: () => startSticky() } : {})}
                />
              </Panel>
              {offline ? (
                <Panel position="top-center" className="jc-offline" role="status">
                  You are offline. Edits are saved in this browser and sync when you reconnect.
                </Panel>
              ) : null}
              <Panel position="bottom-center" className="jc-toasts">
                {mention ? (
                  // With the other toasts at the bottom: up top it covered the stage headers.
                  <div className="jc-mention-toast" role="status" data-testid="mention-toast">
                    <Button
                      variant="plain"
                      onClick={() => {
                        select([mention.targetId]);
                        reveal(mention.targetId);
                        dismissMention();
                      }}
                    >
                      <strong aria-hidden="true">@</strong> {mention.text}
                      <span className="jc-mention-open">Open</span>
                    </Button>
                    <Button variant="plain" className="jc-mention-close" aria-label="Dismiss" onClick={dismissMention}>
                      ×
                    </Button>
                  </div>
                ) : null}
                <UndoToasts store={store} origin={origin} readOnly={readOnly} onMessage={notify} />
                {notice ? (
                  <div className="jc-toast" role="status">
                    {notice}
                  </div>
                ) : null}
              </Panel>
              <Cursors peers={peers} />
            </ReactFlow>
            {empty ? <EmptyMap readOnly={readOnly} /> : null}
            {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
            {deletes.pending ? (
              <ConfirmDelete pending={deletes.pending} onConfirm={deletes.confirm} onCancel={deletes.cancel} />
            ) : null}
          </div>
          {panelSelection ? (
            <SidePanel
              selection={panelSelection}
              people={people}
              maps={maps}
              persona={persona}
              focusTitle={focusTitle}
              onClose={() => {
                select([]);
                setMapPanel(false);
              }}
              onDelete={remove}
              onDuplicate={duplicate}
            />
          ) : null}
        </div>
      </FarContext.Provider>
    </CanvasContext.Provider>
  );
}

/** Where the layout puts a node (a card's slot, a stage header's column, a lane header's row). */
function laidOutAt(layout: GridLayout, id: string): { x: number; y: number } | null {
  if (id.startsWith('stage:')) {
    const col = layout.columns.find((c) => c.stage.id === id.slice(6));
    return col ? { x: col.x, y: 0 } : null;
  }
  if (id.startsWith('lane:')) {
    const row = layout.rows.find((r) => r.lane.id === id.slice(5));
    return row ? { x: 0, y: row.y } : null;
  }
  if (id.startsWith('sticky:')) return layout.board.stickies.get(id.slice(7)) ?? null;
  if (id.startsWith('cluster:')) return layout.board.clusters.get(id.slice(8)) ?? null;
  return layout.slots.get(id) ?? null;
}

type Padding = typeof FIT_PAD;

/** React Flow's fitView options for a padding in pixels. */
function fitOptions(pad: Padding) {
  const px = (n: number) => `${n}px` as const;
  return {
    padding: { top: px(pad.top), right: px(pad.right), bottom: px(pad.bottom), left: px(pad.left) },
    maxZoom: FIT_MAX_ZOOM,
  };
}

/** The zoom at which the whole map fits the pane with a padding (the Fit padding by default). */
function wholeMapZoom(box: { width: number; height: number }, width: number, height: number, pad = FIT_PAD): number {
  const w = box.width - pad.left - pad.right;
  const h = box.height - pad.top - pad.bottom;
  return Math.min(w / Math.max(width, 1), h / Math.max(height, 1));
}

/**
 * The Fit padding that keeps the minimap's corner free of the map: room above it or beside it,
 * whichever leaves the map larger.
 */
function clearOfMinimap(box: { width: number; height: number }, width: number, height: number): Padding {
  const below = { ...FIT_PAD, bottom: MINIMAP.height + 2 * MINIMAP.margin };
  const beside = { ...FIT_PAD, right: MINIMAP.width + 2 * MINIMAP.margin };
  return wholeMapZoom(box, width, height, below) >= wholeMapZoom(box, width, height, beside) ? below : beside;
}

function minimapColor(n: Node): string {
  if (n.type === 'touchpoint') {
    const kind = (n.data as { laneKind?: keyof typeof laneColors }).laneKind;
    return kind ? laneColors[kind] : '#64748b';
  }
  if (n.type === 'sticky') return (n.data as { note?: { color?: string } }).note?.color ?? '#ffe58a';
  if (n.type === 'stage' || n.type === 'lane') return '#e2e6ee';
  if (n.type === 'farcell') return '#cbd5e1';
  return 'transparent';
}

const SHORTCUTS: Array<[string, string]> = [
  ['Ctrl / ⌘ + Z', 'Undo your last change'],
  ['Ctrl / ⌘ + Shift + Z', 'Redo'],
  ['Ctrl / ⌘ + C, X, V', 'Copy, cut, paste cards (paste lands under the pointer)'],
  ['Ctrl / ⌘ + D', 'Duplicate selected cards'],
  ['Ctrl / ⌘ + A', 'Select every card'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Ctrl / ⌘ + F or /', 'Search the map'],
  ['Shift + 1', 'Zoom to fit'],
  ['Shift + click or drag', 'Select several'],
  ['Double-click a header', 'Rename a stage or lane'],
  ['Double-click a cell', 'Add a touchpoint there'],
  ['S, or double-click the open board', 'Add a sticky (in the cell under the pointer, or free)'],
  ['Drag a sticky onto another', 'Cluster them (drag onto a cluster to join it)'],
  ['On a sticky: Enter, T, P, G, Delete', 'Edit it, turn it into a touchpoint or pain point, cluster it, delete it'],
  ['On a sticky: arrow keys', 'Move it to the next cell that way (free ones: a nudge)'],
  ['Enter', 'Edit the selected card’s title'],
  ['Esc', 'Clear the selection'],
  ['?', 'Show or hide this list'],
];

function ShortcutHelp({ onClose }: { onClose: () => void }): ReactNode {
  return (
    <div className="jc-help" role="dialog" aria-label="Keyboard shortcuts">
      <div className="jc-help-head">
        <h2>Keyboard shortcuts</h2>
        <Button variant="ghost" size="sm" icon onClick={onClose} aria-label="Close shortcuts">
          ×
        </Button>
      </div>
      <dl>
        {SHORTCUTS.map(([k, v]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
