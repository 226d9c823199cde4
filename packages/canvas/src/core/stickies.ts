import {
  addSticky,
  clusterStickies,
  deleteSticky,
  docView,
  mayCreate,
  mayDelete,
  mayUpdate,
  moveCluster,
  moveSticky,
  stickyToCard,
  type BoardPlace,
  type MapStore,
  type PolicyPrincipal,
  type TxOrigin,
} from '@journeycraft/doc';
import type { LaneKind, Note } from '@journeycraft/schema';
import { cellAt, type GridLayout } from './layout.js';
import type { BoardRect, StickySpot } from '@journeycraft/picture';

type Doc = MapStore['doc'];

/** Node ids of stickies and clusters on the canvas (record ids are never prefixed). */
export const stickyNodeId = (id: string) => `sticky:${id}`;
export const clusterNodeId = (id: string) => `cluster:${id}`;

/** Colours a sticky can take (stored in the doc; the first is the default of a note). */
export const STICKY_COLORS: ReadonlyArray<{ value: string; name: string }> = [
  { value: '#ffe58a', name: 'Yellow' },
  { value: '#ffd0a8', name: 'Orange' },
  { value: '#ffc4d6', name: 'Pink' },
  { value: '#cfe8ff', name: 'Blue' },
  { value: '#c7f0d8', name: 'Green' },
  { value: '#e3d7ff', name: 'Purple' },
];

export function colorName(value: string): string {
  return STICKY_COLORS.find((c) => c.value.toLowerCase() === value.toLowerCase())?.name ?? 'Custom';
}

const inside = (r: BoardRect, p: { x: number; y: number }) =>
  p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height;

/** What a drop of a sticky or cluster (its top-left corner at `x`, `y`) means. */
export type BoardDrop =
  | { kind: 'onto'; noteId: string }
  | { kind: 'cluster'; clusterId: string }
  | { kind: 'cell'; stageId: string; laneId: string }
  | { kind: 'free'; x: number; y: number }
  | { kind: 'stay' }
  | { kind: 'refused'; reason: string };

const EMOTION_LANE = 'Stickies go in the other lanes: the emotion lane draws the curve.';

/**
 * Reads a drop from where the dragged thing's middle lands: on another sticky (cluster them),
 * on a cluster (join it), in a cell of the grid, or on the open board (free, where it was left).
 */
export function boardDropOf(
  layout: GridLayout,
  dragged: { kind: 'sticky' | 'cluster'; id: string; x: number; y: number },
): BoardDrop {
  const own = dragged.kind === 'sticky' ? layout.board.stickies.get(dragged.id) : layout.board.clusters.get(dragged.id);
  if (!own) return { kind: 'stay' };
  const mid = { x: dragged.x + own.width / 2, y: dragged.y + own.height / 2 };
  if (dragged.kind === 'sticky') {
    const spot = own as StickySpot;
    for (const [id, other] of layout.board.stickies)
      if (id !== dragged.id && inside(other, mid)) {
        return other.clusterId !== null && other.clusterId === spot.clusterId
          ? { kind: 'stay' }
          : { kind: 'onto', noteId: id };
      }
    for (const [id, c] of layout.board.clusters)
      if (inside(c, mid)) return id === spot.clusterId ? { kind: 'stay' } : { kind: 'cluster', clusterId: id };
  }
  const cell = cellAt(layout, mid, false);
  if (cell) {
    if (cell.row.lane.kind === 'emotions') return { kind: 'refused', reason: EMOTION_LANE };
    return { kind: 'cell', stageId: cell.stageId, laneId: cell.laneId };
  }
  return { kind: 'free', x: dragged.x, y: dragged.y };
}

type Outcome = { ok: true; message?: string } | { ok: false; reason: string };

/** Carries out a drop for `principal`, asking the edit policy first (the server asks it too). */
export function applyBoardDrop(
  doc: Doc,
  origin: TxOrigin,
  principal: PolicyPrincipal,
  dragged: { kind: 'sticky' | 'cluster'; id: string },
  drop: BoardDrop,
): Outcome {
  if (drop.kind === 'stay') return { ok: true };
  if (drop.kind === 'refused') return { ok: false, reason: drop.reason };
  const view = docView(doc);
  if (dragged.kind === 'cluster') {
    if (drop.kind !== 'cell' && drop.kind !== 'free') return { ok: true };
    const place = drop.kind === 'cell' ? { stageId: drop.stageId, laneId: drop.laneId } : { x: drop.x, y: drop.y };
    const verdict = mayUpdate(principal, view, 'clusters', dragged.id, placePatch(place));
    if (!verdict.ok) return { ok: false, reason: verdict.reason };
    moveCluster(doc, dragged.id, place, origin);
    return { ok: true };
  }
  if (drop.kind === 'onto') {
    const verdict = mayCreate(principal, view, 'clusters', { id: 'new', createdAt: new Date().toISOString() });
    if (!verdict.ok) return { ok: false, reason: verdict.reason };
    for (const id of [dragged.id, drop.noteId]) {
      const v = mayUpdate(principal, view, 'notes', id, { clusterId: 'new' });
      if (!v.ok) return { ok: false, reason: v.reason };
    }
    clusterStickies(doc, dragged.id, drop.noteId, origin);
    return { ok: true, message: 'Clustered the stickies. Name the cluster on its title bar.' };
  }
  const place: BoardPlace =
    drop.kind === 'cluster'
      ? { clusterId: drop.clusterId }
      : drop.kind === 'cell'
        ? { stageId: drop.stageId, laneId: drop.laneId }
        : { x: drop.x, y: drop.y };
  const verdict = mayUpdate(
    principal,
    view,
    'notes',
    dragged.id,
    'clusterId' in place ? { clusterId: place.clusterId } : placePatch(place),
  );
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  moveSticky(doc, dragged.id, place, origin);
  return { ok: true };
}

function placePatch(place: { stageId: string; laneId: string } | { x: number; y: number }) {
  return 'stageId' in place
    ? { stageId: place.stageId, laneId: place.laneId, x: null, y: null }
    : { stageId: null, laneId: null, x: Math.round(place.x), y: Math.round(place.y) };
}

/**
 * Where a sticky new at `point` goes: the cell under it (not the emotion lane), else that free
 * point of the board.
 */
export function placeAt(layout: GridLayout, point: { x: number; y: number }): BoardPlace {
  const cell = cellAt(layout, point, false);
  if (cell && cell.row.lane.kind !== 'emotions') return { stageId: cell.stageId, laneId: cell.laneId };
  return { x: point.x, y: point.y };
}

/** May `principal` add a sticky (authored as their session) here? */
export function mayAddSticky(doc: Doc, principal: PolicyPrincipal, place: BoardPlace): boolean {
  const fields = 'stageId' in place ? place : 'x' in place ? place : {};
  return mayCreate(principal, docView(doc), 'notes', {
    id: 'new',
    text: 'x',
    authorKey: principal.key,
    authorName: principal.name,
    ...fields,
  }).ok;
}

/** Writes a new sticky for `principal` (named `userName` when the session has no fixed name). */
export function createSticky(
  doc: Doc,
  origin: TxOrigin,
  principal: PolicyPrincipal,
  userName: string,
  text: string,
  place: BoardPlace,
): Outcome & { id?: string } {
  const clean = text.trim();
  if (!clean) return { ok: false, reason: 'Write something first: the sticky is empty.' };
  if (clean.length > 2000) return { ok: false, reason: 'Keep a sticky to 2,000 characters or fewer.' };
  const author = { name: principal.name ?? userName, key: principal.key };
  const verdict = mayCreate(principal, docView(doc), 'notes', {
    id: 'new',
    text: clean,
    authorKey: author.key,
    authorName: author.name,
  });
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  const note = addSticky(doc, { text: clean, place, author }, origin);
  return { ok: true, id: note.id };
}

/**
 * The cell a sticky becomes a card in: its own cell (or its cluster's); else, for a sticky
 * parked under a stage or free on the board, the stage under it or nearest to it, in the first
 * lane of the kind asked for (pain points for a pain point, else the first lane with cards).
 */
export function cardCellFor(
  layout: GridLayout,
  note: Note,
  as: 'touchpoint' | 'painPoint',
): { stageId: string; laneId: string } | null {
  const lanes = layout.rows.map((r) => r.lane).filter((l) => l.kind !== 'emotions');
  if (!layout.columns.length || !lanes.length) return null;
  if (note.stageId && note.laneId && lanes.some((l) => l.id === note.laneId)) {
    if (layout.columns.some((c) => c.stage.id === note.stageId)) return { stageId: note.stageId, laneId: note.laneId };
  }
  const spot = layout.board.stickies.get(note.id);
  const stage =
    layout.columns.find((c) => c.stage.id === note.stageId) ??
    (spot
      ? layout.columns.reduce((best, c) =>
          Math.abs(c.x + c.width / 2 - spot.x) < Math.abs(best.x + best.width / 2 - spot.x) ? c : best,
        )
      : layout.columns[0]!);
  const prefer: LaneKind[] = as === 'painPoint' ? ['pain_points'] : ['touchpoints', 'customer_actions', 'frontstage'];
  const lane = prefer.map((k) => lanes.find((l) => l.kind === k)).find(Boolean) ?? lanes[0]!;
  return { stageId: stage.stage.id, laneId: lane.id };
}

/** Turns a sticky into a card (touchpoint or pain point) after asking the policy; returns the card's id. */
export function turnStickyIntoCard(
  doc: Doc,
  origin: TxOrigin,
  principal: PolicyPrincipal,
  layout: GridLayout,
  note: Note,
  as: 'touchpoint' | 'painPoint',
): Outcome & { cardId?: string } {
  const cell = cardCellFor(layout, note, as);
  if (!cell) return { ok: false, reason: 'Add a stage and a lane first: a card sits in a stage × lane cell.' };
  const view = docView(doc);
  const card = mayCreate(principal, view, 'touchpoints', { id: 'new', ...cell, title: 'x', order: 1, locked: false });
  if (!card.ok) return { ok: false, reason: card.reason };
  const gone = mayDelete(principal, view, 'notes', note.id);
  if (!gone.ok) return { ok: false, reason: gone.reason };
  const tp = stickyToCard(doc, note.id, { as, ...cell }, origin);
  const what = as === 'painPoint' ? 'a pain point' : 'a touchpoint';
  return { ok: true, cardId: tp.id, message: `Turned the sticky into ${what}. Ctrl+Z puts it back.` };
}

/** Deletes a sticky (and a cluster it leaves empty) after asking the policy. */
export function removeSticky(doc: Doc, origin: TxOrigin, principal: PolicyPrincipal, note: Note): Outcome {
  const verdict = mayDelete(principal, docView(doc), 'notes', note.id);
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  deleteSticky(doc, note.id, origin);
  return { ok: true, message: 'Deleted the sticky. Ctrl+Z puts it back.' };
}

/**
 * The sticky before `id` in the same place (cell, cluster, parking spot) in reading order, to
 * cluster with from the keyboard; null when it is the first.
 */
export function previousSticky(layout: GridLayout, id: string): string | null {
  const spot = layout.board.stickies.get(id);
  if (!spot) return null;
  let best: StickySpot | null = null;
  for (const other of layout.board.stickies.values()) {
    if (other.note.id === id) continue;
    const sameRow = Math.abs(other.y - spot.y) < 4;
    const before = other.y < spot.y - 4 || (sameRow && other.x < spot.x);
    const near = Math.abs(other.x - spot.x) < 260 && spot.y - other.y < 400;
    if (!before || !near) continue;
    if (!best || other.y > best.y || (Math.abs(other.y - best.y) < 4 && other.x > best.x)) best = other;
  }
  return best?.note.id ?? null;
}

/** How far an arrow key nudges a sticky that is free on the board (flow units). */
export const NUDGE = 24;

/**
 * Where an arrow key takes a sticky: from a cell, the neighbouring cell that way (the emotion
 * lane is stepped over); free or parked, a nudge that way (it stays free). Null when there is
 * nowhere to go (the edge of the grid, or a sticky inside a cluster, which moves with it).
 */
export function stickyStep(
  layout: GridLayout,
  id: string,
  direction: 'left' | 'right' | 'up' | 'down',
): BoardDrop | null {
  const spot = layout.board.stickies.get(id);
  if (!spot || spot.where === 'cluster') return null;
  const dx = direction === 'left' ? -1 : direction === 'right' ? 1 : 0;
  const dy = direction === 'up' ? -1 : direction === 'down' ? 1 : 0;
  if (spot.where !== 'cell') return { kind: 'free', x: spot.x + dx * NUDGE, y: spot.y + dy * NUDGE };
  const col = layout.columns.findIndex((c) => c.stage.id === spot.note.stageId);
  const rows = layout.rows.filter((r) => r.lane.kind !== 'emotions');
  const row = rows.findIndex((r) => r.lane.id === spot.note.laneId);
  const nextCol = layout.columns[col + dx];
  const nextRow = rows[row + dy];
  if (col < 0 || row < 0 || !nextCol || !nextRow) return null;
  return { kind: 'cell', stageId: nextCol.stage.id, laneId: nextRow.lane.id };
}
