import type { Cluster, Lane, Note, Stage, Touchpoint } from '@journeycraft/schema';
import { STICKY, groupBoard, groupHeight, placeFree, placeGroup, type BoardLayout } from './board.js';

/** Sizes of the grid, in flow units (pixels at zoom 1). */
export const GRID = {
  headerHeight: 72,
  laneWidth: 208,
  cardWidth: 236,
  cardHeight: 96,
  gap: 12,
  pad: 14,
  /** Room under the cards of a cell for its "add" button. */
  addRoom: 34,
  /** Cards stacked in one column of a cell before a new column starts. */
  maxStack: 4,
  emotionHeight: 188,
  ghostSize: 56,
} as const;

export interface Column {
  stage: Stage;
  index: number;
  x: number;
  width: number;
}

export interface Row {
  lane: Lane;
  index: number;
  y: number;
  height: number;
}

export interface CardSlot {
  x: number;
  y: number;
  /** Position within its cell, 0-based. */
  index: number;
}

/** Where everything sits: columns per stage, rows per lane, a slot per touchpoint. */
export interface GridLayout {
  columns: Column[];
  rows: Row[];
  slots: Map<string, CardSlot>;
  /** Touchpoints per `stageId|laneId`, in order. */
  cells: Map<string, Touchpoint[]>;
  width: number;
  height: number;
  /** Stickies and clusters: in cells (which grow to hold them), free on the board, parked under the grid. */
  board: BoardLayout;
}

export const cellKey = (stageId: string, laneId: string) => `${stageId}|${laneId}`;

/**
 * How a cell stacks `n` cards: one column up to `maxStack` cards, then a roughly square block
 * (cards are about 2.5 times wider than tall, so a crowded cell grows down more than across).
 */
function stackOf(n: number): { cols: number; rows: number } {
  if (n <= 0) return { cols: 1, rows: 0 };
  const cols = n <= GRID.maxStack ? 1 : Math.max(2, Math.round(Math.sqrt(n * 0.45)));
  return { cols, rows: Math.ceil(n / cols) };
}

/** Height of `rows` stacked cards (0 for none). */
const cardsHeight = (rows: number) => (rows > 0 ? rows * GRID.cardHeight + (rows - 1) * GRID.gap : 0);

/**
 * Lays the map out as a grid: stages are columns, lanes are rows; each cell stacks its cards
 * (see `stackOf`) and under them its stickies (clusters first), and columns and rows grow to
 * their content. Touchpoints whose stage or lane is missing are left out. Stickies that are free
 * sit at their own point; those without a place are parked under the grid, below their stage.
 */
export function computeLayout(
  stages: readonly Stage[],
  lanes: readonly Lane[],
  touchpoints: readonly Touchpoint[],
  stickies: { notes: readonly Note[]; clusters: readonly Cluster[] } = { notes: [], clusters: [] },
): GridLayout {
  const stageIds = new Set(stages.map((s) => s.id));
  const laneIds = new Set(lanes.map((l) => l.id));
  const cells = new Map<string, Touchpoint[]>();
  for (const t of touchpoints) {
    if (!stageIds.has(t.stageId) || !laneIds.has(t.laneId)) continue;
    const key = cellKey(t.stageId, t.laneId);
    const list = cells.get(key);
    if (list) list.push(t);
    else cells.set(key, [t]);
  }
  const stickyLanes = new Set(lanes.filter((l) => l.kind !== 'emotions').map((l) => l.id));
  const groups = groupBoard(
    stickies.notes,
    stickies.clusters,
    (s, l) => (s !== null && l !== null && stageIds.has(s) && stickyLanes.has(l) ? cellKey(s, l) : null),
    (s) => s !== null && stageIds.has(s),
  );
  const colCards = new Map<string, number>();
  const cellRows = new Map<string, number>();
  for (const [key, list] of cells) {
    const s = key.split('|')[0]!;
    const { cols, rows } = stackOf(list.length);
    colCards.set(s, Math.max(colCards.get(s) ?? 1, cols));
    cellRows.set(key, rows);
  }
  const columns: Column[] = [];
  let x = GRID.laneWidth;
  stages.forEach((stage, index) => {
    const cols = colCards.get(stage.id) ?? 1;
    const width = GRID.pad * 2 + cols * GRID.cardWidth + (cols - 1) * GRID.gap;
    columns.push({ stage, index, x, width });
    x += width;
  });
  const colById = new Map(columns.map((c) => [c.stage.id, c]));
  // Each row is as tall as its fullest cell: its cards, a gap, its stickies.
  const rowContent = new Map<string, number>();
  const contentOf = (key: string, width: number) => {
    const cardsH = cardsHeight(cellRows.get(key) ?? 0);
    const group = groups.cells.get(key);
    const stickyH = group ? groupHeight(group, width) : 0;
    return cardsH + (cardsH && stickyH ? GRID.gap : 0) + stickyH;
  };
  for (const key of new Set([...cells.keys(), ...groups.cells.keys()])) {
    const [s, l] = key.split('|') as [string, string];
    const col = colById.get(s);
    if (!col) continue;
    rowContent.set(l, Math.max(rowContent.get(l) ?? 0, contentOf(key, col.width - GRID.pad * 2)));
  }
  const rows: Row[] = [];
  let y = GRID.headerHeight;
  lanes.forEach((lane, index) => {
    const content = Math.max(GRID.cardHeight, rowContent.get(lane.id) ?? 0);
    let height = GRID.pad * 2 + content + GRID.addRoom;
    if (lane.kind === 'emotions') height = Math.max(height, GRID.emotionHeight);
    rows.push({ lane, index, y, height });
    y += height;
  });
  const rowById = new Map(rows.map((r) => [r.lane.id, r]));
  const slots = new Map<string, CardSlot>();
  for (const [key, list] of cells) {
    const [s, l] = key.split('|') as [string, string];
    const col = colById.get(s)!;
    const row = rowById.get(l)!;
    const { rows: stack } = stackOf(list.length);
    list.forEach((t, index) => {
      const c = Math.floor(index / stack);
      const r = index % stack;
      slots.set(t.id, {
        index,
        x: col.x + GRID.pad + c * (GRID.cardWidth + GRID.gap),
        y: row.y + GRID.pad + r * (GRID.cardHeight + GRID.gap),
      });
    });
  }
  const board: BoardLayout = { stickies: new Map(), clusters: new Map(), parked: null };
  for (const [key, group] of groups.cells) {
    const [s, l] = key.split('|') as [string, string];
    const col = colById.get(s)!;
    const row = rowById.get(l)!;
    const cardsH = cardsHeight(cellRows.get(key) ?? 0);
    placeGroup(
      board,
      group,
      { x: col.x + GRID.pad, y: row.y + GRID.pad + cardsH + (cardsH ? GRID.gap : 0), width: col.width - GRID.pad * 2 },
      'cell',
    );
  }
  placeFree(board, groups.free);
  if (groups.parked.size) {
    const top = y + STICKY.parkedGap;
    let bottom = top;
    for (const [stageId, group] of groups.parked) {
      const col = stageId ? colById.get(stageId) : undefined;
      const at = col
        ? { x: col.x + GRID.pad, y: top, width: col.width - GRID.pad * 2 }
        : { x: GRID.pad, y: top, width: GRID.laneWidth - GRID.pad * 2 };
      placeGroup(board, group, at, 'parked');
      bottom = Math.max(bottom, top + groupHeight(group, at.width));
    }
    board.parked = { x: 0, y: top - 36, width: x, height: bottom - top + 36 + GRID.pad };
  }
  return { columns, rows, slots, cells, width: x, height: y, board };
}
