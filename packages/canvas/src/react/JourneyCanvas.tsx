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
  type Connection as FlowConnection,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import '../styles.css';
import {
  batch,
  createRecord,
  deleteToTrash,
  deletionImpact,
  docView,
  insertCopies,
  mayChangeMeta,
  mayDelete,
  moveToIndex,
  moveTouchpoint,
  nextOrder,
  type MapStore,
  type DeleteTarget,
  type PolicyPrincipal,
  type RecordBundle,
  type TxOrigin,
} from '@journeycraft/doc';
import { useRecords, type UndoControls } from '@journeycraft/doc-react';
import { LaneKind, laneKindLabels } from '@journeycraft/schema';
import { GRID, cellAt, cellKey, computeLayout, indexInCell, laneIndexAt, stageIndexAt } from '../core/layout.js';
import { PeerStore, type AwarenessLike, type Peer, type RemoteDrag } from '../core/peers.js';
import { laneColors } from '../core/channels.js';
import {
  CanvasContext,
  FarContext,
  type CanvasActions,
  type CanvasContextValue,
  type CanvasWorkshop,
  type MapLink,
  type PresentPerson,
} from './context.js';
import { GraphCache, buildGraph, cardFacts, laneNodeId, stageNodeId } from './graph.js';
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
import { ASKS_FIRST, ConfirmDelete, UndoToasts, type PendingDelete } from './Deletes.js';

const nodeTypes = {
  touchpoint: TouchpointNode,
  stage: StageNode,
  lane: LaneNode,
  grid: GridNode,
  emotion: EmotionNode,
};
const edgeTypes = { journey: ConnectionEdge };
const EMPTY_SET: ReadonlySet<string> = new Set();
/** Zoom to fit: leave room for the toolbar at the top; never blow a small map up past 110%. */
const FIT = { padding: { top: '80px', right: '40px', bottom: '40px', left: '40px' }, maxZoom: 1.1 } as const;
/**
 * The first view never goes below this zoom (card text, 11 px and up in CSS, stays at least
 * 11 px on screen): a map too big for it opens on its first stages and lanes instead of all of it.
 */
export const READABLE_ZOOM = 1;
/** Where the first view puts the grid's top-left corner when it shows only the first stages. */
const FIRST_VIEW_ORIGIN = { x: 40, y: 110 };
/** Below this zoom card text is too small to read: cards switch to their far view (FarContext). */
const FAR_ZOOM = 0.3;
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: true };
const NO_DRAGS: ReadonlyMap<string, RemoteDrag> = new Map();
const NO_SELECTIONS: ReadonlyMap<string, Peer> = new Map();
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
   * Defaults to a facilitator when `canEditLocked`, an editor otherwise.
   */
  principal?: PolicyPrincipal;
  /** The live workshop: spotlight, follow me, dot voting, results, notes. */
  workshop?: CanvasWorkshop;
}

/** True when a key went to the canvas itself (a card, the background) or to nothing in particular. */
function onCanvas(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  return (
    target === document.body || Boolean(target.closest('.react-flow__node, .react-flow__pane, .react-flow__renderer'))
  );
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface Clip {
  bundle: RecordBundle;
  stageIndex: Map<string, number>;
  laneIndex: Map<string, number>;
  anchor: { stage: number; lane: number };
}
/** The canvas clipboard (shared by every map open in this tab, so cards can be pasted across maps). */
let clipboard: Clip | null = null;

function useSubscribe<T>(
  peers: PeerStore | null,
  channel: 'drags' | 'selections',
  get: (p: PeerStore) => T,
  fallback: T,
): T {
  const subscribe = useCallback((l: () => void) => (peers ? peers.subscribe(channel, l) : () => {}), [peers, channel]);
  const snap = useCallback(() => (peers ? get(peers) : fallback), [peers, get, fallback]);
  return useSyncExternalStore(subscribe, snap, snap);
}
const getDrags = (p: PeerStore) => p.getDrags();
const getSelections = (p: PeerStore) => p.getSelections();

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
}: JourneyCanvasProps) {
  const doc = store.doc;
  const principal = useMemo<PolicyPrincipal>(
    () => givenPrincipal ?? { role: canEditLocked ? 'facilitator' : 'editor', key: null, name: null },
    [givenPrincipal, canEditLocked],
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
  const remoteDrags = useSubscribe(peers, 'drags', getDrags, NO_DRAGS);
  const remoteSelections = useSubscribe(peers, 'selections', getSelections, NO_SELECTIONS);
  const votingRef = useRef(workshop.voting);
  votingRef.current = workshop.voting;
  const votingView = useMemo(
    () => (workshop.voting ? { mine: workshop.voting.mine, remaining: workshop.voting.remaining } : null),
    [workshop.voting],
  );

  const [selected, setSelected] = useState<ReadonlySet<string>>(EMPTY_SET);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [dragPos, setDragPos] = useState<ReadonlyMap<string, { x: number; y: number }>>(new Map());
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const [persona, setPersona] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const [mapPanel, setMapPanel] = useState(false);
  const [focusTitle, setFocusTitle] = useState(0);
  const [toast, setToast] = useState<string | null>(null);
  const [mention, setMention] = useState<{ text: string; targetId: string } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const flowBox = useRef<HTMLDivElement>(null);
  const pendingReveal = useRef<string | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const { onMove } = useWorkshopViewport(peers, flowBox, workshop);

  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => setToast(null), 4000);
    return () => clearTimeout(t);
  }, [toast]);

  // Tell this person when someone mentions them in a new comment.
  const seenComments = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!seenComments.current) {
      seenComments.current = new Set(comments.map((c) => c.id));
      return;
    }
    for (const c of comments) {
      if (seenComments.current.has(c.id)) continue;
      seenComments.current.add(c.id);
      if (c.authorName !== user.name && c.mentions.includes(user.name)) {
        const target = store.getRecord('touchpoints', c.targetId);
        setMention({
          text: `${c.authorName} mentioned you on “${target?.title ?? 'a touchpoint'}”`,
          targetId: c.targetId,
        });
      }
    }
  }, [comments, user.name, store]);
  useEffect(() => {
    if (!mention) return;
    const t = setTimeout(() => setMention(null), 8000);
    return () => clearTimeout(t);
  }, [mention]);

  const layout = useMemo(() => computeLayout(stages, lanes, touchpoints), [stages, lanes, touchpoints]);
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

  const mapTitles = useMemo(() => new Map(maps.map((m) => [m.id, m.title])), [maps]);
  const facts = useMemo(
    () => cardFacts(touchpoints, roles, assignments, requirements, comments, connections, mapTitles),
    [touchpoints, roles, assignments, requirements, comments, connections, mapTitles],
  );
  const matchList = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return null;
    return touchpoints
      .filter((t) => [t.title, t.description, t.customerGoal, ...t.painPoints].some((s) => s.toLowerCase().includes(q)))
      .map((t) => t.id);
  }, [query, touchpoints]);
  const matches = useMemo(() => (matchList ? new Set(matchList) : null), [matchList]);

  const cache = useRef(new GraphCache());
  const { nodes, edges } = useMemo(
    () =>
      buildGraph(
        {
          layout,
          connections,
          facts,
          selected,
          selectedEdge,
          editing,
          dragPos,
          dropTarget,
          remoteDrags,
          remoteSelections,
          matches,
          persona,
          readOnly,
          canEditLocked,
          spotlight: workshop.spotlightStageId ?? null,
          voting: votingView,
          results: workshop.results ?? null,
          ...(workshop.notesPerStage ? { notesPerStage: workshop.notesPerStage } : {}),
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
      dragPos,
      dropTarget,
      remoteDrags,
      remoteSelections,
      matches,
      persona,
      readOnly,
      canEditLocked,
      workshop.spotlightStageId,
      votingView,
      workshop.results,
      workshop.notesPerStage,
    ],
  );

  // Publish what this person has selected.
  useEffect(() => {
    const ids = [...selected].map((id) => id.replace(/^(stage|lane):/, ''));
    peers?.setSelection(selectedEdge ? [...ids, selectedEdge] : ids);
  }, [peers, selected, selectedEdge]);

  // Drop selections of records someone else deleted.
  useEffect(() => {
    const exists = (id: string) =>
      id.startsWith('stage:')
        ? stages.some((s) => stageNodeId(s.id) === id)
        : id.startsWith('lane:')
          ? lanes.some((l) => laneNodeId(l.id) === id)
          : layout.slots.has(id);
    if ([...selected].some((id) => !exists(id))) setSelected(new Set([...selected].filter(exists)));
    if (selectedEdge && !connections.some((c) => c.id === selectedEdge)) setSelectedEdge(null);
  }, [stages, lanes, layout, connections, selected, selectedEdge]);

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

  const select = useCallback((ids: string[], edgeId: string | null = null) => {
    setSelected(ids.length ? new Set(ids) : EMPTY_SET);
    setSelectedEdge(edgeId);
    if (ids.length || edgeId) setMapPanel(false);
  }, []);

  // Actions stay one object for the canvas's life; the delete flow behind them changes with the selection.
  const requestDeleteRef = useRef<CanvasActions['requestDelete']>(() => {});
  const actions: CanvasActions = useMemo(
    () => ({
      addTouchpoint(stageId, laneId) {
        const tp = createRecord(
          doc,
          'touchpoints',
          { stageId, laneId, title: 'New touchpoint', order: nextOrder(doc, 'touchpoints') },
          origin,
        );
        pendingReveal.current = tp.id;
        select([tp.id]);
        setFocusTitle((n) => n + 1);
      },
      addStage() {
        const n = store.getRecords('stages').length;
        const stage = createRecord(doc, 'stages', { title: `Stage ${n + 1}`, order: nextOrder(doc, 'stages') }, origin);
        pendingReveal.current = stage.id;
        setEditing(stage.id);
      },
      addLane() {
        const used = new Set(store.getRecords('lanes').map((l) => l.kind));
        const kind = LaneKind.options.find((k) => k !== 'custom' && !used.has(k)) ?? 'custom';
        const lane = createRecord(
          doc,
          'lanes',
          { title: kind === 'custom' ? 'New lane' : laneKindLabels[kind], kind, order: nextOrder(doc, 'lanes') },
          origin,
        );
        pendingReveal.current = lane.id;
        setEditing(lane.id);
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
    }),
    [doc, origin, store, select, onOpenMap],
  );

  const ctx: CanvasContextValue = useMemo(
    () => ({ store, doc, origin, peers, user, readOnly, canEditLocked, participant, principal, actions }),
    [store, doc, origin, peers, user, readOnly, canEditLocked, participant, principal, actions],
  );

  // onNodesChange stays the same function for a whole drag: a new one would be one more React Flow
  // store update, and so one more run of every node's selector, per pointer move.
  const latest = useRef({ selected, dragPos, layout, peers });
  latest.current = { selected, dragPos, layout, peers };
  const onNodesChange = useCallback((changes: NodeChange[]) => {
    const { selected, dragPos, layout, peers } = latest.current;
    let nextSel: Set<string> | null = null;
    let nextPos: Map<string, { x: number; y: number }> | null = null;
    for (const c of changes) {
      if (c.type === 'select') {
        nextSel ??= new Set(selected);
        if (c.selected) nextSel.add(c.id);
        else nextSel.delete(c.id);
      } else if (c.type === 'position' && c.dragging && c.position) {
        nextPos ??= new Map(dragPos);
        let { x, y } = c.position;
        if (c.id.startsWith('stage:')) y = 0;
        if (c.id.startsWith('lane:')) x = 0;
        nextPos.set(c.id, { x, y });
      }
    }
    if (nextSel) {
      // One kind at a time: cards win over headers.
      const ids = [...nextSel];
      const cards = ids.filter((id) => !id.includes(':'));
      const chosen = cards.length ? cards : ids.slice(-1);
      setSelected(chosen.length ? new Set(chosen) : EMPTY_SET);
      if (chosen.length) {
        setSelectedEdge(null);
        setMapPanel(false);
      }
    }
    if (nextPos) {
      setDragPos(nextPos);
      const cards: Record<string, { x: number; y: number }> = {};
      let first: { x: number; y: number } | null = null;
      for (const [id, p] of nextPos) {
        if (id.includes(':')) continue;
        cards[id] = p;
        first ??= p;
      }
      if (first) {
        const cell = cellAt(layout, { x: first.x + GRID.cardWidth / 2, y: first.y + GRID.cardHeight / 2 });
        setDropTarget(cell ? cellKey(cell.stageId, cell.laneId) : null);
        peers?.setDrag(cards);
      }
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    for (const c of changes) {
      if (c.type === 'select') {
        setSelectedEdge((cur) => (c.selected ? c.id : cur === c.id ? null : cur));
        if (c.selected) setMapPanel(false);
      }
    }
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: Node, dragged: Node[]) => {
      const cards = dragged.filter((n) => n.type === 'touchpoint');
      const moving = new Set(cards.map((n) => n.id));
      batch(doc, origin, () => {
        const sorted = [...cards].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
        for (const n of sorted) {
          const center = { x: n.position.x + GRID.cardWidth / 2, y: n.position.y + GRID.cardHeight / 2 };
          const cell = cellAt(layout, center);
          if (!cell || cell.row.lane.kind === 'emotions') continue;
          if (!canEditLocked && cell.column.stage.locked) {
            setToast(`“${cell.column.stage.title}” is locked by a facilitator.`);
            continue;
          }
          const index = indexInCell(layout, cell, center, moving);
          const tp = store.getRecord('touchpoints', n.id);
          const slot = layout.slots.get(n.id);
          if (tp && tp.stageId === cell.stageId && tp.laneId === cell.laneId && slot?.index === index) continue;
          moveTouchpoint(doc, n.id, { stageId: cell.stageId, laneId: cell.laneId, index }, origin);
        }
        for (const n of dragged) {
          if (n.type === 'stage') {
            const id = n.id.slice('stage:'.length);
            const col = layout.columns.find((c) => c.stage.id === id);
            const index = stageIndexAt(layout, id, n.position.x + (col?.width ?? 0) / 2);
            if (col && index !== col.index) moveToIndex(doc, 'stages', id, index, origin);
          } else if (n.type === 'lane') {
            const id = n.id.slice('lane:'.length);
            const row = layout.rows.find((r) => r.lane.id === id);
            const index = laneIndexAt(layout, id, n.position.y + (row?.height ?? 0) / 2);
            if (row && index !== row.index) moveToIndex(doc, 'lanes', id, index, origin);
          }
        }
      });
      setDragPos(new Map());
      setDropTarget(null);
      peers?.setDrag(null);
    },
    [doc, origin, layout, store, peers, canEditLocked],
  );

  const onConnect = useCallback(
    (c: FlowConnection) => {
      if (readOnly || !c.source || !c.target || c.source === c.target) return;
      if (connections.some((x) => x.fromId === c.source && x.toId === c.target)) return;
      const created = createRecord(doc, 'connections', { fromId: c.source, toId: c.target, kind: 'sequence' }, origin);
      select([], created.id);
    },
    [doc, origin, connections, readOnly, select],
  );

  // ---- commands used by shortcuts and the toolbar ----
  const selectedCards = useMemo(() => [...selected].filter((id) => !id.includes(':')), [selected]);

  const copy = useCallback(() => {
    if (!selectedCards.length) return false;
    const ids = new Set(selectedCards);
    const tps = touchpoints.filter((t) => ids.has(t.id));
    const col = new Map(layout.columns.map((c) => [c.stage.id, c.index]));
    const row = new Map(layout.rows.map((r) => [r.lane.id, r.index]));
    const first = tps[0]!;
    clipboard = {
      bundle: {
        touchpoints: tps,
        connections: connections.filter((c) => ids.has(c.fromId) && (c.toId === null || ids.has(c.toId))),
        assignments: assignments.filter((a) => ids.has(a.touchpointId)),
        requirements: requirements.filter((r) => ids.has(r.touchpointId)),
      },
      stageIndex: col,
      laneIndex: row,
      anchor: { stage: col.get(first.stageId) ?? 0, lane: row.get(first.laneId) ?? 0 },
    };
    setToast(`Copied ${tps.length === 1 ? '1 touchpoint' : `${tps.length} touchpoints`}.`);
    return true;
  }, [selectedCards, touchpoints, connections, assignments, requirements, layout]);

  const paste = useCallback(() => {
    const clip = clipboard;
    if (!clip || readOnly) return;
    if (!layout.columns.length || !layout.rows.length) {
      setToast('Add a stage and a lane before pasting.');
      return;
    }
    const target = pointer.current ? cellAt(layout, pointer.current, false) : null;
    const dS = target ? target.column.index - clip.anchor.stage : 0;
    const dL = target ? target.row.index - clip.anchor.lane : 0;
    const clampIdx = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));
    const ids = insertCopies(doc, clip.bundle, origin, (cell) => {
      const si = clampIdx((clip.stageIndex.get(cell.stageId) ?? 0) + dS, layout.columns.length);
      const li = clampIdx((clip.laneIndex.get(cell.laneId) ?? 0) + dL, layout.rows.length);
      return { stageId: layout.columns[si]!.stage.id, laneId: layout.rows[li]!.lane.id };
    });
    const pasted = (clip.bundle.touchpoints ?? []).map((t) => ids.get(t.id!)).filter((x): x is string => !!x);
    select(pasted);
    setToast(`Pasted ${pasted.length === 1 ? '1 touchpoint' : `${pasted.length} touchpoints`}.`);
  }, [doc, origin, layout, readOnly, select]);

  const duplicate = useCallback(() => {
    if (!selectedCards.length || readOnly) return;
    const ids = new Set(selectedCards);
    const ids2 = insertCopies(
      doc,
      {
        touchpoints: touchpoints.filter((t) => ids.has(t.id)),
        connections: connections.filter((c) => ids.has(c.fromId) && c.toId !== null && ids.has(c.toId)),
        assignments: assignments.filter((a) => ids.has(a.touchpointId)),
        requirements: requirements.filter((r) => ids.has(r.touchpointId)),
      },
      origin,
    );
    select(selectedCards.map((id) => ids2.get(id)).filter((x): x is string => !!x));
  }, [doc, origin, selectedCards, touchpoints, connections, assignments, requirements, readOnly, select]);

  const [pendingDelete, setPendingDelete] = useState<PendingDelete | null>(null);
  /** Deletes into the doc's trash (anyone can undo); asks first when other things go with it. */
  const requestDelete = useCallback(
    (wanted: DeleteTarget[], label: string) => {
      if (readOnly || !wanted.length) return;
      // The edit policy (the server's): what it refuses is left alone, and the toast says why.
      const view = docView(doc);
      const refused: string[] = [];
      const targets = wanted.filter((t) => {
        const verdict =
          t.kind === 'persona'
            ? mayChangeMeta(principal, view, { personas: [] })
            : mayDelete(principal, view, t.kind, t.id);
        if (!verdict.ok) refused.push(verdict.reason);
        return verdict.ok;
      });
      if (refused.length) setToast(`Not deleted: ${[...new Set(refused)].join('; ')}.`);
      if (!targets.length) return;
      if (targets.length < wanted.length) label = `${targets.length} of the ${wanted.length} selected`;
      if (targets.some((t) => ASKS_FIRST.has(t.kind))) {
        setPendingDelete({ targets, label, counts: deletionImpact(doc, targets) });
        return;
      }
      if (deleteToTrash(doc, targets, label, user.name, origin)) select([]);
    },
    [doc, origin, user.name, readOnly, select, principal],
  );
  const confirmDelete = useCallback(() => {
    if (!pendingDelete) return;
    setPendingDelete(null);
    if (deleteToTrash(doc, pendingDelete.targets, pendingDelete.label, user.name, origin)) select([]);
  }, [doc, origin, user.name, pendingDelete, select]);

  const remove = useCallback(() => {
    if (readOnly) return;
    const targets: DeleteTarget[] = [];
    const labels: string[] = [];
    if (selectedEdge) {
      targets.push({ kind: 'connections', id: selectedEdge });
      labels.push('a connection');
    }
    const cards = selectedCards.filter((id) => store.getRecord('touchpoints', id));
    for (const id of cards) targets.push({ kind: 'touchpoints', id });
    if (cards.length === 1) labels.push(`touchpoint “${store.getRecord('touchpoints', cards[0]!)!.title}”`);
    else if (cards.length) labels.push(`${cards.length} touchpoints`);
    for (const id of selected) {
      if (id.startsWith('stage:')) {
        const s = store.getRecord('stages', id.slice(6));
        if (!s) continue;
        targets.push({ kind: 'stages', id: s.id });
        labels.push(`stage “${s.title}”`);
      } else if (id.startsWith('lane:')) {
        const l = store.getRecord('lanes', id.slice(5));
        if (!l) continue;
        targets.push({ kind: 'lanes', id: l.id });
        labels.push(`lane “${l.title}”`);
      }
    }
    requestDelete(targets, labels.join(' and '));
  }, [selected, selectedCards, selectedEdge, store, readOnly, requestDelete]);

  requestDeleteRef.current = requestDelete;

  const fit = useCallback(() => void flow.fitView({ ...FIT, duration: 250 }), [flow]);

  const gotoMatch = useCallback(
    (step: number) => {
      if (!matchList?.length) return;
      const i = (((matchIndex + step) % matchList.length) + matchList.length) % matchList.length;
      setMatchIndex(i);
      const id = matchList[i]!;
      const slot = layout.slots.get(id);
      if (slot) {
        void flow.setCenter(slot.x + GRID.cardWidth / 2, slot.y + GRID.cardHeight / 2, {
          zoom: Math.max(flow.getZoom(), 0.9),
          duration: 250,
        });
      }
      select([id]);
    },
    [matchList, matchIndex, layout, flow, select],
  );

  useEffect(() => setMatchIndex(-1), [query]);

  // ---- keyboard shortcuts ----
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'f') {
        e.preventDefault();
        searchInput.current?.focus();
        searchInput.current?.select();
        return;
      }
      if (isTextField(e.target) || document.querySelector('dialog[open]')) return;
      if (mod && !e.altKey && key === 'z' && !e.shiftKey) {
        e.preventDefault();
        history?.undo();
      } else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) {
        e.preventDefault();
        history?.redo();
      } else if (mod && key === 'c') {
        if (copy()) e.preventDefault();
      } else if (mod && key === 'x') {
        if (copy()) {
          e.preventDefault();
          remove();
        }
      } else if (mod && key === 'v') {
        e.preventDefault();
        paste();
      } else if (mod && key === 'd') {
        e.preventDefault();
        duplicate();
      } else if (mod && key === 'a') {
        e.preventDefault();
        select([...layout.slots.keys()]);
      } else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) {
        e.preventDefault();
        remove();
      } else if (e.key === 'Escape') {
        select([]);
        setMapPanel(false);
        setHelpOpen(false);
      } else if (!mod && e.shiftKey && (e.key === '!' || e.code === 'Digit1')) {
        e.preventDefault();
        fit();
      } else if (!mod && e.key === 'Enter' && selectedCards.length === 1 && onCanvas(e.target)) {
        e.preventDefault();
        setFocusTitle((k) => k + 1);
      } else if (!mod && e.key === '?') {
        setHelpOpen((o) => !o);
      } else if (!mod && key === '/') {
        e.preventDefault();
        searchInput.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [history, copy, paste, duplicate, remove, select, fit, layout, selectedCards]);

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
  // The minimap sits over the canvas: shown by default only while no side panel narrows it (then
  // it would cover the grid's cells and their Add buttons); the toolbar toggle overrides that.
  const [minimap, setMinimap] = useState<boolean | null>(null);
  const showMinimap = !empty && (minimap ?? !panelSelection);
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
      if (n.type === 'grid' && !readOnly) {
        const cell = cellAt(layout, flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }), false);
        if (cell && cell.row.lane.kind !== 'emotions') actions.addTouchpoint(cell.stageId, cell.laneId);
      }
    },
    [readOnly, layout, flow, actions],
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
          >
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
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
              onlyRenderVisibleElements={touchpoints.length > 300}
              proOptions={PRO_OPTIONS}
              translateExtent={translateExtent}
              zoomOnDoubleClick={false}
            >
              <Background variant={BackgroundVariant.Dots} gap={24} size={1.2} color="#d5d9e2" />
              <Controls showInteractive={false} position="bottom-left" />
              {showMinimap ? (
                <MiniMap
                  position="bottom-right"
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
                  query={query}
                  onQuery={setQuery}
                  matchCount={matchList?.length ?? null}
                  matchIndex={matchIndex}
                  onNextMatch={gotoMatch}
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
                />
              </Panel>
              {offline ? (
                <Panel position="top-center" className="jc-offline" role="status">
                  You are offline. Edits are saved in this browser and sync when you reconnect.
                </Panel>
              ) : null}
              {mention ? (
                <Panel position="top-right" className="jc-mention-toast" role="status">
                  <button
                    type="button"
                    onClick={() => {
                      select([mention.targetId]);
                      reveal(mention.targetId);
                      setMention(null);
                    }}
                  >
                    <strong>@</strong> {mention.text}
                    <span className="jc-mention-open">Open</span>
                  </button>
                </Panel>
              ) : null}
              <Panel position="bottom-center" className="jc-toasts">
                <UndoToasts store={store} origin={origin} readOnly={readOnly} onMessage={setToast} />
                {toast ? (
                  <div className="jc-toast" role="status">
                    {toast}
                  </div>
                ) : null}
              </Panel>
              <Cursors peers={peers} />
            </ReactFlow>
            {empty ? <EmptyMap readOnly={readOnly} /> : null}
            {helpOpen ? <ShortcutHelp onClose={() => setHelpOpen(false)} /> : null}
            {pendingDelete ? (
              <ConfirmDelete
                pending={pendingDelete}
                onConfirm={confirmDelete}
                onCancel={() => setPendingDelete(null)}
              />
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

/** The zoom at which the whole map fits the pane with the Fit padding. */
function wholeMapZoom(box: { width: number; height: number }, width: number, height: number): number {
  const w = box.width - 80;
  const h = box.height - 120;
  return Math.min(w / Math.max(width, 1), h / Math.max(height, 1));
}

function minimapColor(n: Node): string {
  if (n.type === 'touchpoint') {
    const kind = (n.data as { laneKind?: keyof typeof laneColors }).laneKind;
    return kind ? laneColors[kind] : '#64748b';
  }
  if (n.type === 'stage' || n.type === 'lane') return '#e2e6ee';
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
  ['Enter', 'Edit the selected card’s title'],
  ['Esc', 'Clear the selection'],
  ['?', 'Show or hide this list'],
];

function ShortcutHelp({ onClose }: { onClose: () => void }): ReactNode {
  return (
    <div className="jc-help" role="dialog" aria-label="Keyboard shortcuts">
      <div className="jc-help-head">
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="jc-icon-btn" onClick={onClose} aria-label="Close shortcuts">
          ×
        </button>
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
