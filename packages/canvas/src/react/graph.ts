import { MarkerType, type Edge, type Node } from '@xyflow/react';
import {
  isOverCapacity,
  type Assignment,
  type Comment,
  type Connection,
  type Note,
  type Requirement,
  type Role,
  type Touchpoint,
} from '@journeycraft/schema';
import { GRID, type CardSlot, type GridLayout } from '../core/layout.js';
import { placeConnections, type ConnectionRoute, type RoutedConnection } from '@journeycraft/picture';
import type { Peer, RemoteDrag } from '../core/peers.js';
import type { TouchpointData } from './nodes/TouchpointNode.js';
import type { ClusterData, ParkedData, StickyData } from './nodes/StickyNodes.js';
import { clusterNodeId, stickyNodeId } from '../core/stickies.js';

export const stageNodeId = (id: string) => `stage:${id}`;
export const laneNodeId = (id: string) => `lane:${id}`;
export const GRID_NODE = 'grid';

/** Per touchpoint: what its card counts and names (recomputed only when those kinds change). */
export interface CardFacts {
  ownerName: Map<string, string>;
  roles: Map<string, number>;
  competencies: Map<string, number>;
  comments: Map<string, number>;
  subjourney: Map<string, { id: string; title: string }>;
}

export function cardFacts(
  touchpoints: readonly Touchpoint[],
  roles: readonly Role[],
  assignments: readonly Assignment[],
  requirements: readonly Requirement[],
  comments: readonly Comment[],
  connections: readonly Connection[],
  mapTitles: ReadonlyMap<string, string>,
): CardFacts {
  const roleName = new Map(roles.map((r) => [r.id, r.name]));
  const ownerName = new Map<string, string>();
  for (const t of touchpoints)
    if (t.ownerRoleId && roleName.has(t.ownerRoleId)) ownerName.set(t.id, roleName.get(t.ownerRoleId)!);
  const rolesAt = new Map<string, Set<string>>();
  for (const a of assignments) {
    const set = rolesAt.get(a.touchpointId) ?? new Set();
    set.add(a.roleId);
    rolesAt.set(a.touchpointId, set);
  }
  const comps = new Map<string, Set<string>>();
  for (const r of requirements) {
    const set = comps.get(r.touchpointId) ?? new Set();
    set.add(r.competencyId);
    comps.set(r.touchpointId, set);
  }
  const open = new Map<string, number>();
  for (const c of comments)
    if (c.threadId === null && !c.resolved) open.set(c.targetId, (open.get(c.targetId) ?? 0) + 1);
  const subjourney = new Map<string, { id: string; title: string }>();
  for (const c of connections) {
    if (c.kind === 'subjourney' && c.targetMapId && !subjourney.has(c.fromId)) {
      subjourney.set(c.fromId, { id: c.targetMapId, title: mapTitles.get(c.targetMapId) ?? 'Linked map' });
    }
  }
  const count = (m: Map<string, Set<string>>) => new Map([...m].map(([k, v]) => [k, v.size]));
  return { ownerName, roles: count(rolesAt), competencies: count(comps), comments: open, subjourney };
}

export interface GraphInput {
  layout: GridLayout;
  connections: readonly Connection[];
  facts: CardFacts;
  selected: ReadonlySet<string>;
  selectedEdge: string | null;
  editing: string | null;
  /**
   * Nodes this person is dragging now. They stay at their laid-out position in the graph (the live
   * position is a `DragOffsets` entry only they listen to); this only lifts them above the rest.
   */
  dragging: ReadonlySet<string>;
  dropTarget: string | null;
  /** Cards someone else is dragging (who); their live positions reach only those cards. */
  remoteDrags: ReadonlyMap<string, RemoteDrag>;
  remoteSelections: ReadonlyMap<string, Peer>;
  matches: ReadonlySet<string> | null;
  persona: string | null;
  readOnly: boolean;
  /** Locked stages and cards stay put unless this person may change locked things (facilitators). */
  canEditLocked: boolean;
  /** Stage in the spotlight (others dimmed), or null. */
  spotlight?: string | null;
  /** Stage on show in a presentation: everything beside its column lies under a veil. */
  presenting?: string | null;
  /** Open voting round: this person's dots and how many are left. */
  voting?: { mine: ReadonlySet<string>; remaining: number } | null;
  /** Revealed dot counts per touchpoint. */
  results?: ReadonlyMap<string, number> | null;
  /** Stage id → number of workshop notes in it. */
  notesPerStage?: ReadonlyMap<string, number>;
  /**
   * The part of the map to render cards in (flow coordinates): cards outside are left out of the
   * graph (React Flow never sees them). Null or absent: every card.
   */
  view?: ViewRect | null;
  /** Zoomed out past reading: the cards in view are drawn as one far-view node per cell. */
  far?: boolean;
  /** Cards rendered as cards wherever they are (dragged here or elsewhere, focused, selected). */
  keep?: ReadonlySet<string>;
  /** Stickies: which ones this person may change (the edit policy), clusters, the one being written. */
  stickies?: StickyRights;
}

/** What this person may do with stickies, as the edit policy answers. */
export interface StickyRights {
  mayChange: (note: Note) => boolean;
  mayCluster: boolean;
  /** Id of the sticky being written and not yet saved (drawn as an open editor), or null. */
  draftId: string | null;
}

/** A rectangle of the map in flow coordinates. */
export interface ViewRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A card as a far view draws it, relative to its cell's top-left corner. */
export interface FarItem {
  id: string;
  title: string;
  x: number;
  y: number;
  mot: boolean;
  over: boolean;
  locked: boolean;
  dots: number;
  match: boolean | null;
}

/** What a far-view cell node draws. */
export interface FarCellData extends Record<string, unknown> {
  laneKind: string;
  cards: FarItem[];
}

const NO_KEEP: ReadonlySet<string> = new Set();

function overlaps(view: ViewRect, x: number, y: number, w: number, h: number): boolean {
  return x + w >= view.x0 && x <= view.x1 && y + h >= view.y0 && y <= view.y1;
}

interface Entry {
  deps: readonly unknown[];
  value: unknown;
}

/** Keeps node and edge objects whose inputs did not change, so React Flow skips re-rendering them. */
export class GraphCache {
  private entries = new Map<string, Entry>();
  private seen = new Set<string>();

  get<T>(key: string, deps: readonly unknown[], make: () => T): T {
    this.seen.add(key);
    const e = this.entries.get(key);
    if (e && e.deps.length === deps.length && e.deps.every((d, i) => Object.is(d, deps[i]))) return e.value as T;
    const value = make();
    this.entries.set(key, { deps, value });
    return value;
  }

  /**
   * The array returned last time for `key` when `items` holds the same elements in the same order,
   * so React Flow sees an unchanged prop (and skips a store update that would run the selectors
   * of every node).
   */
  list<T>(key: string, items: T[]): T[] {
    this.seen.add(key);
    const prev = this.entries.get(key)?.value as T[] | undefined;
    if (prev && prev.length === items.length && prev.every((x, i) => x === items[i])) return prev;
    this.entries.set(key, { deps: [], value: items });
    return items;
  }

  /** Forgets entries not used since the last sweep. */
  sweep(): void {
    for (const key of this.entries.keys()) if (!this.seen.has(key)) this.entries.delete(key);
    this.seen.clear();
  }
}

/** What a screen reader says for a connection: "Next step from “A” to “B”" (and its label). */
export function edgeLabel(kind: string, from: string, to: string, label: string): string {
  const what = kind === 'branch' ? 'Branch' : 'Next step';
  return `${what} from “${from}” to “${to}”${label ? `: ${label}` : ''}`;
}

/** React Flow nodes and edges for the map; unchanged ones keep their identity through `cache`. */
export function buildGraph(
  input: GraphInput,
  cache: GraphCache,
): { nodes: Node[]; edges: Edge[]; order: string[]; shown: ReadonlySet<string> } {
  const { layout, facts, selected, dragging, remoteDrags, remoteSelections, matches, readOnly, canEditLocked } = input;
  const spotlight = input.spotlight ?? null;
  const lockedStages = new Set(layout.columns.filter((c) => c.stage.locked).map((c) => c.stage.id));
  const nodes: Node[] = [];
  const gridColumns = cache.get(
    'grid:cols',
    [layout.columns.map((c) => `${c.stage.id}:${c.stage.title}:${c.x}:${c.width}:${c.stage.locked}`).join('|')],
    () =>
      layout.columns.map((c) => ({
        id: c.stage.id,
        title: c.stage.title,
        x: c.x,
        width: c.width,
        locked: c.stage.locked,
      })),
  );
  const gridRows = cache.get(
    'grid:rows',
    [layout.rows.map((r) => `${r.lane.id}:${r.lane.title}:${r.lane.kind}:${r.y}:${r.height}`).join('|')],
    () => layout.rows.map((r) => ({ id: r.lane.id, title: r.lane.title, kind: r.lane.kind, y: r.y, height: r.height })),
  );
  if (!layout.columns.length && !layout.rows.length) return { nodes, edges: [], order: [], shown: NO_KEEP };
  nodes.push(
    cache.get(GRID_NODE, [gridColumns, gridRows, layout.width, layout.height, input.dropTarget], () => ({
      id: GRID_NODE,
      type: 'grid',
      position: { x: 0, y: 0 },
      width: layout.width + GRID.ghostSize + 24,
      height: layout.height + GRID.ghostSize + 24,
      data: {
        columns: gridColumns,
        rows: gridRows,
        width: layout.width,
        height: layout.height,
        dropTarget: input.dropTarget,
      },
      draggable: false,
      selectable: false,
      focusable: false,
      zIndex: 0,
    })),
  );
  for (const row of layout.rows) {
    if (row.lane.kind !== 'emotions' || !layout.columns.length) continue;
    const id = `emotion:${row.lane.id}`;
    nodes.push(
      cache.get(id, [layout, input.persona], () => ({
        id,
        type: 'emotion',
        position: { x: GRID.laneWidth, y: row.y },
        width: layout.width - GRID.laneWidth,
        height: row.height,
        data: { layout, laneId: row.lane.id, persona: input.persona },
        draggable: false,
        selectable: false,
        focusable: false,
        zIndex: 1,
      })),
    );
  }
  const stageCounts = new Map<string, number>();
  const laneCounts = new Map<string, number>();
  for (const [key, list] of layout.cells) {
    const [s, l] = key.split('|') as [string, string];
    stageCounts.set(s, (stageCounts.get(s) ?? 0) + list.length);
    laneCounts.set(l, (laneCounts.get(l) ?? 0) + list.length);
  }
  for (const col of layout.columns) {
    const id = stageNodeId(col.stage.id);
    const pos = dragging.has(id);
    const x = col.x;
    const sel = selected.has(id);
    const editing = input.editing === col.stage.id;
    const remote = remoteSelections.get(col.stage.id) ?? null;
    const count = stageCounts.get(col.stage.id) ?? 0;
    const dimmed = Boolean(spotlight) && spotlight !== col.stage.id;
    const notes = input.notesPerStage?.get(col.stage.id) ?? 0;
    const spotlit = spotlight === col.stage.id;
    const deps = [
      col.stage,
      col.index,
      x,
      col.width,
      sel,
      editing,
      remote,
      count,
      readOnly,
      canEditLocked,
      dimmed,
      spotlit,
      notes,
      pos,
    ];
    nodes.push(
      cache.get(id, deps, () => ({
        id,
        type: 'stage',
        position: { x, y: 0 },
        width: col.width,
        height: GRID.headerHeight,
        data: { stage: col.stage, index: col.index, count, editing, remote, spotlit, notes },
        className: dimmed ? 'is-spot-dimmed' : '',
        selected: sel,
        draggable: !readOnly && !editing && (canEditLocked || !col.stage.locked),
        zIndex: pos ? 20 : 2,
        ariaLabel: `Stage ${col.stage.title}`,
      })),
    );
  }
  for (const row of layout.rows) {
    const id = laneNodeId(row.lane.id);
    const pos = dragging.has(id);
    const y = row.y;
    const sel = selected.has(id);
    const editing = input.editing === row.lane.id;
    const remote = remoteSelections.get(row.lane.id) ?? null;
    const count = laneCounts.get(row.lane.id) ?? 0;
    const persona = row.lane.kind === 'emotions' ? input.persona : null;
    nodes.push(
      cache.get(id, [row.lane, y, row.height, sel, editing, remote, count, persona, readOnly, pos], () => ({
        id,
        type: 'lane',
        position: { x: 0, y },
        width: GRID.laneWidth,
        height: row.height,
        data: { lane: row.lane, count, editing, remote, persona },
        selected: sel,
        draggable: !readOnly && !editing,
        zIndex: pos ? 20 : 2,
        ariaLabel: `Lane ${row.lane.title}`,
      })),
    );
  }
  // Which cards to render: those in view (as cards, or far views per cell when zoomed out), those
  // kept, and (near) the other end of a connection from a rendered card, so no line is cut off.
  const view = input.view ?? null;
  const far = Boolean(input.far);
  const keep = input.keep ?? NO_KEEP;
  const colById = new Map(layout.columns.map((c) => [c.stage.id, c]));
  const rowById = new Map(layout.rows.map((r) => [r.lane.id, r]));
  const shown = new Set<string>();
  const farCells = new Map<string, Touchpoint[]>();
  const order: string[] = [];
  for (const [key, list] of layout.cells) {
    const [s, l] = key.split('|') as [string, string];
    const col = colById.get(s)!;
    const row = rowById.get(l)!;
    const cellInView = !view || overlaps(view, col.x, row.y, col.width, row.height);
    for (const tp of list) {
      order.push(tp.id);
      const slot = layout.slots.get(tp.id)!;
      if (keep.has(tp.id)) shown.add(tp.id);
      else if (!cellInView || (view && !overlaps(view, slot.x, slot.y, GRID.cardWidth, GRID.cardHeight))) continue;
      else if (far) {
        const inCell = farCells.get(key);
        if (inCell) inCell.push(tp);
        else farCells.set(key, [tp]);
      } else shown.add(tp.id);
    }
  }
  if (view && !far) {
    for (const c of input.connections) {
      if (c.kind === 'subjourney' || !c.toId || !layout.slots.has(c.fromId) || !layout.slots.has(c.toId)) continue;
      if (shown.has(c.fromId) !== shown.has(c.toId)) {
        shown.add(c.fromId);
        shown.add(c.toId);
      }
    }
  }
  const titles = new Map<string, string>();
  for (const [key, list] of layout.cells) {
    for (const tp of list) titles.set(tp.id, tp.title);
    const row = rowById.get(key.split('|')[1]!)!;
    const laneKind = row.lane.kind;
    const farList = farCells.get(key);
    if (farList) {
      const col = colById.get(key.split('|')[0]!)!;
      const stageLocked = lockedStages.has(col.stage.id);
      const dimmed = Boolean(spotlight) && spotlight !== col.stage.id;
      nodes.push(
        cache.get(
          `far:${key}`,
          [col.x, col.width, row.y, row.height, laneKind, matches, stageLocked, dimmed, input.results, ...farList],
          (): Node<FarCellData> => ({
            id: `far:${key}`,
            type: 'farcell',
            position: { x: col.x, y: row.y },
            width: col.width,
            height: row.height,
            data: {
              laneKind,
              cards: farList.map((tp) => {
                const slot = layout.slots.get(tp.id)!;
                return {
                  id: tp.id,
                  title: tp.title,
                  x: slot.x - col.x,
                  y: slot.y - row.y,
                  mot: tp.momentOfTruth,
                  over: isOverCapacity(tp),
                  locked: tp.locked || stageLocked,
                  dots: input.results?.get(tp.id) ?? 0,
                  match: matches ? matches.has(tp.id) : null,
                };
              }),
            },
            className: dimmed ? 'is-spot-dimmed' : '',
            draggable: false,
            selectable: false,
            focusable: false,
            zIndex: 9,
          }),
        ),
      );
    }
    for (const tp of list) {
      if (!shown.has(tp.id)) continue;
      const slot = layout.slots.get(tp.id)!;
      const local = dragging.has(tp.id);
      const remoteDrag = remoteDrags.get(tp.id) ?? null;
      const { x, y } = slot;
      const sel = selected.has(tp.id);
      const remote = remoteSelections.get(tp.id) ?? null;
      const match = matches ? matches.has(tp.id) : null;
      const ownerName = facts.ownerName.get(tp.id) ?? null;
      const roleCount = facts.roles.get(tp.id) ?? 0;
      const competencyCount = facts.competencies.get(tp.id) ?? 0;
      const commentCount = facts.comments.get(tp.id) ?? 0;
      const subjourney = facts.subjourney.get(tp.id) ?? null;
      const subKey = subjourney ? `${subjourney.id}:${subjourney.title}` : null;
      const locked = tp.locked || lockedStages.has(tp.stageId);
      const dimmed = Boolean(spotlight) && spotlight !== tp.stageId;
      const vote = input.voting
        ? input.voting.mine.has(tp.id)
          ? 'mine'
          : input.voting.remaining > 0
            ? 'available'
            : 'spent'
        : null;
      const dots = input.results ? (input.results.get(tp.id) ?? 0) : null;
      nodes.push(
        cache.get(
          tp.id,
          [
            tp,
            laneKind,
            x,
            y,
            sel,
            remote,
            remoteDrag?.clientId ?? null,
            match,
            ownerName,
            roleCount,
            competencyCount,
            commentCount,
            subKey,
            readOnly,
            local,
            locked,
            canEditLocked,
            dimmed,
            vote,
            dots,
          ],
          (): Node<TouchpointData> => ({
            id: tp.id,
            type: 'touchpoint',
            position: { x, y },
            width: GRID.cardWidth,
            height: GRID.cardHeight,
            data: {
              tp,
              laneKind,
              ownerName,
              roleCount,
              competencyCount,
              commentCount,
              subjourney,
              match,
              locked,
              vote,
              dots,
              remote,
              remoteDrag: remoteDrag
                ? { clientId: remoteDrag.clientId, name: remoteDrag.name, color: remoteDrag.color }
                : null,
            },
            selected: sel,
            className: dimmed ? 'is-spot-dimmed' : '',
            draggable: !readOnly && (canEditLocked || !locked),
            zIndex: local || remoteDrag ? 30 : sel ? 11 : 10,
            ariaLabel: tp.title,
          }),
        ),
      );
    }
  }
  pushBoard(nodes, input, cache);
  pushVeils(nodes, input, cache);
  const edges: Edge[] = [];
  const present = shown;
  const routed = routesOf(layout.slots, input.connections);
  for (const c of input.connections) {
    if (c.kind === 'subjourney' || !c.toId || !present.has(c.fromId) || !present.has(c.toId)) continue;
    const sel = input.selectedEdge === c.id;
    // Side by side: right edge to left edge; stacked: the facing top and bottom edges, or round
    // by the right-hand gutter past a card between them (@journeycraft/picture, connections.ts).
    const { route, place } = routed.get(c.id)!;
    const from = titles.get(c.fromId) ?? '';
    const to = titles.get(c.toId) ?? '';
    const [sourceHandle, targetHandle] = ROUTE_HANDLE_IDS[route];
    edges.push(
      cache.get(`edge:${c.id}`, [c, sel, route, from, to, place?.side, place?.at], () => ({
        // Announced by the cards' titles, never by ids.
        ariaLabel: edgeLabel(c.kind, from, to, c.label),
        id: c.id,
        source: c.fromId,
        target: c.toId!,
        sourceHandle,
        targetHandle,
        type: 'journey',
        selected: sel,
        zIndex: 5,
        data: { kind: c.kind, label: c.label, route, ...(place ? { labelPlace: place } : {}) },
        markerEnd: {
          type: MarkerType.ArrowClosed,
          width: 16,
          height: 16,
          color: sel ? '#4f46e5' : c.kind === 'branch' ? '#d97706' : '#94a3b8',
        },
      })),
    );
  }
  const graph = {
    nodes: cache.list('list:nodes', nodes),
    edges: cache.list('list:edges', edges),
    order: cache.list('list:order', order),
    shown,
  };
  cache.sweep();
  return graph;
}

/** The card handles (TouchpointNode) a route leaves and enters by. */
const ROUTE_HANDLE_IDS: Record<ConnectionRoute, [string, string]> = {
  across: ['r', 'l'],
  down: ['b', 't'],
  up: ['st', 'tb'],
  around: ['r', 'rt'],
};

let routeMemo: {
  slots: ReadonlyMap<string, CardSlot>;
  of: readonly Connection[];
  routed: Map<string, RoutedConnection>;
} | null = null;

/** Whether every card sits where it sat (an edit of a card's text makes a new layout, moving nothing). */
function sameSlots(a: ReadonlyMap<string, CardSlot>, b: ReadonlyMap<string, CardSlot>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [id, s] of a) {
    const t = b.get(id);
    if (!t || t.x !== s.x || t.y !== s.y) return false;
  }
  return true;
}

/**
 * Routes and label places of every connection drawn between cards of the layout, worked out
 * again only when a card moves or the connections change (not per pan: which cards are rendered
 * does not move them, nor per edit of a card's text).
 */
function routesOf(
  slots: ReadonlyMap<string, CardSlot>,
  connections: readonly Connection[],
): Map<string, RoutedConnection> {
  if (routeMemo && routeMemo.of === connections && sameSlots(routeMemo.slots, slots)) return routeMemo.routed;
  const drawn = connections.flatMap((c) =>
    c.kind !== 'subjourney' && c.toId ? [{ id: c.id, fromId: c.fromId, toId: c.toId, label: c.label }] : [],
  );
  const routed = placeConnections(slots, drawn);
  routeMemo = { slots, of: connections, routed };
  return routed;
}

const NO_RIGHTS: StickyRights = { mayChange: () => false, mayCluster: false, draftId: null };

/** Nodes of the stickies, their clusters and the parking band under the grid. */
function pushBoard(nodes: Node[], input: GraphInput, cache: GraphCache): void {
  const { board } = input.layout;
  const rights = input.stickies ?? NO_RIGHTS;
  const spotlight = input.spotlight ?? null;
  if (board.parked) {
    const p = board.parked;
    nodes.push(
      cache.get('parked', [p.x, p.y, p.width, p.height], (): Node<ParkedData> => ({
        id: 'parked',
        type: 'parked',
        position: { x: p.x, y: p.y },
        width: p.width,
        height: p.height,
        data: { width: p.width, height: p.height },
        draggable: false,
        selectable: false,
        focusable: false,
        zIndex: 1,
      })),
    );
  }
  for (const [id, c] of board.clusters) {
    const nodeId = clusterNodeId(id);
    const sel = input.selected.has(nodeId);
    const editing = input.editing === id;
    const dimmed = Boolean(spotlight) && c.cluster.stageId !== null && spotlight !== c.cluster.stageId;
    const local = input.dragging.has(nodeId);
    nodes.push(
      cache.get(
        nodeId,
        [c.cluster, c.x, c.y, c.width, c.height, c.members.length, sel, editing, rights.mayCluster, dimmed, local],
        (): Node<ClusterData> => ({
          id: nodeId,
          type: 'cluster',
          position: { x: c.x, y: c.y },
          width: c.width,
          height: c.height,
          data: { cluster: c.cluster, count: c.members.length, editing, mayChange: rights.mayCluster },
          selected: sel,
          className: dimmed ? 'is-spot-dimmed' : '',
          draggable: rights.mayCluster && !editing,
          zIndex: local ? 29 : 6,
          ariaLabel: `Cluster ${c.cluster.name || 'without a name'}, ${c.members.length} ${c.members.length === 1 ? 'sticky' : 'stickies'}`,
        }),
      ),
    );
  }
  for (const [id, spot] of board.stickies) {
    const nodeId = stickyNodeId(id);
    const draft = id === rights.draftId;
    const sel = input.selected.has(nodeId);
    const editing = draft || input.editing === id;
    const mayChange = draft || rights.mayChange(spot.note);
    const local = input.dragging.has(nodeId);
    const remoteDrag = input.remoteDrags.get(nodeId) ?? null;
    const cluster = spot.clusterId ? clusterNodeId(spot.clusterId) : null;
    const dimmed = Boolean(spotlight) && spot.note.stageId !== null && spotlight !== spot.note.stageId;
    nodes.push(
      cache.get(
        nodeId,
        [
          spot.note,
          spot.x,
          spot.y,
          spot.where,
          cluster,
          sel,
          editing,
          mayChange,
          draft,
          local,
          remoteDrag?.clientId ?? null,
          dimmed,
        ],
        (): Node<StickyData> => ({
          id: nodeId,
          type: 'sticky',
          position: { x: spot.x, y: spot.y },
          width: spot.width,
          height: spot.height,
          data: {
            note: spot.note,
            editing,
            draft,
            mayChange,
            clusterNodeId: cluster,
            remoteDrag: remoteDrag
              ? { clientId: remoteDrag.clientId, name: remoteDrag.name, color: remoteDrag.color }
              : null,
          },
          selected: sel,
          className: dimmed ? 'is-spot-dimmed' : '',
          draggable: mayChange && !editing,
          zIndex: local || remoteDrag ? 31 : sel ? 13 : 12,
          ariaLabel: draft ? 'New sticky' : `Sticky: ${spot.note.text.slice(0, 120)}`,
        }),
      ),
    );
  }
}

/** How far veils reach past the map (the pane can be panned that far). */
const VEIL_REACH = 6000;

/**
 * Veils over everything left and right of the presented stage: it stands out, while the text
 * under the veils keeps its own colours (screen readers and contrast checks read it as it is).
 */
function pushVeils(nodes: Node[], input: GraphInput, cache: GraphCache): void {
  const col = input.presenting ? input.layout.columns.find((c) => c.stage.id === input.presenting) : undefined;
  if (!col) return;
  const top = -VEIL_REACH;
  const height = input.layout.height + 2 * VEIL_REACH;
  const right = col.x + col.width;
  const rects = [
    { id: 'veil:left', x: -VEIL_REACH, width: col.x + VEIL_REACH },
    { id: 'veil:right', x: right, width: input.layout.width + VEIL_REACH - right },
  ];
  for (const r of rects) {
    if (r.width <= 0) continue;
    nodes.push(
      cache.get(r.id, [r.x, r.width, height], () => ({
        id: r.id,
        type: 'veil',
        position: { x: r.x, y: top },
        width: r.width,
        height,
        data: {},
        draggable: false,
        selectable: false,
        focusable: false,
        style: { pointerEvents: 'none' as const },
        zIndex: 45,
      })),
    );
  }
}
