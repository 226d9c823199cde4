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
  /** More room between two stacked cards a labelled connection joins: the label sits there. */
  labelRoom: 28,
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

/** Two cards a labelled connection joins (either way round): the layout keeps room for its label. */
export interface LabelledLink {
  fromId: string;
  toId: string;
  /** The label's length in characters. */
  length: number;
}

/** Width of a connection label of `length` characters (11 px text in a pill: about 6.2 units a character). */
export const labelWidth = (length: number) => length * 6.2 + 18;

/**
 * Extra width at the right of a stage's column where a labelled connection runs straight across
 * to a card of the next (or from the previous) column beside it: the 28-unit gutter between two
 * cards side by side is too narrow for the label, which lay over both cards.
 */
function gutterRoom(
  stages: readonly Stage[],
  stackAt: ReadonlyMap<string, { c: number; top: number; stage: string }>,
  labelled: readonly LabelledLink[],
): Map<string, number> {
  const index = new Map(stages.map((s, i) => [s.id, i]));
  const out = new Map<string, number>();
  for (const l of labelled) {
    const a = stackAt.get(l.fromId);
    const b = stackAt.get(l.toId);
    if (!a || !b || Math.abs(a.top - b.top) >= GRID.cardHeight) continue;
    const [i, j] = [index.get(a.stage)!, index.get(b.stage)!];
    if (Math.abs(i - j) !== 1) continue;
    const left = stages[Math.min(i, j)]!.id;
    const need = labelWidth(l.length) + 16 - GRID.pad * 2;
    out.set(left, Math.max(out.get(left) ?? 0, need));
  }
  return out;
}

/**
 * Top of each stacked row of a cell's cards, from the cell's first card: `labelRoom` more under a
 * row where a labelled connection joins a card to the one right under it (in any column of the stack).
 */
function stackTops(list: readonly Touchpoint[], linked: ReadonlySet<string>): number[] {
  const { cols, rows } = stackOf(list.length);
  const tops = rows > 0 ? [0] : [];
  for (let r = 0; r + 1 < rows; r++) {
    let roomy = false;
    for (let c = 0; c < cols && !roomy; c++) {
      const upper = list[c * rows + r];
      const lower = list[c * rows + r + 1];
      roomy = Boolean(upper && lower && linked.has(`${upper.id}|${lower.id}`));
    }
    tops.push(tops[r]! + GRID.cardHeight + GRID.gap + (roomy ? GRID.labelRoom : 0));
  }
  return tops;
}

/**
 * Lays the map out as a grid: stages are columns, lanes are rows; each cell stacks its cards
 * (see `stackOf`) and under them its stickies (clusters first), and columns and rows grow to
 * their content. Touchpoints whose stage or lane is missing are left out. Stickies that are free
 * sit at their own point; those without a place are parked under the grid, below their stage.
 * Two stacked cards that a labelled connection in `labelled` joins stand further apart, so the
 * label fits between them (12 units are too few for it).
 */
export function computeLayout(
  stages: readonly Stage[],
  lanes: readonly Lane[],
  touchpoints: readonly Touchpoint[],
  stickies: { notes: readonly Note[]; clusters: readonly Cluster[] } = { notes: [], clusters: [] },
  labelled: readonly LabelledLink[] = [],
): GridLayout {
  const linked = new Set<string>();
  for (const l of labelled) {
    linked.add(`${l.fromId}|${l.toId}`);
    linked.add(`${l.toId}|${l.fromId}`);
  }
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
  const cellTops = new Map<string, number[]>();
  for (const [key, list] of cells) {
    const s = key.split('|')[0]!;
    colCards.set(s, Math.max(colCards.get(s) ?? 1, stackOf(list.length).cols));
    cellTops.set(key, stackTops(list, linked));
  }
  /** Height of a cell's cards (0 for none). */
  const cardsHeight = (key: string) => {
    const tops = cellTops.get(key);
    return tops?.length ? tops[tops.length - 1]! + GRID.cardHeight : 0;
  };
  // Columns are as wide as their cards (the gutters may widen below); rows as tall as their
  // fullest cell: its cards, a gap, its stickies.
  const baseWidth = new Map<string, number>();
  for (const stage of stages) {
    const cols = colCards.get(stage.id) ?? 1;
    baseWidth.set(stage.id, GRID.pad * 2 + cols * GRID.cardWidth + (cols - 1) * GRID.gap);
  }
  const rowContent = new Map<string, number>();
  const contentOf = (key: string, width: number) => {
    const cardsH = cardsHeight(key);
    const group = groups.cells.get(key);
    const stickyH = group ? groupHeight(group, width) : 0;
    return cardsH + (cardsH && stickyH ? GRID.gap : 0) + stickyH;
  };
  for (const key of new Set([...cells.keys(), ...groups.cells.keys()])) {
    const [s, l] = key.split('|') as [string, string];
    const width = baseWidth.get(s);
    if (width === undefined) continue;
    rowContent.set(l, Math.max(rowContent.get(l) ?? 0, contentOf(key, width - GRID.pad * 2)));
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
  // Where each card sits in its cell's stack, and how far down the map.
  const stackAt = new Map<string, { c: number; top: number; stage: string }>();
  for (const [key, list] of cells) {
    const [s, l] = key.split('|') as [string, string];
    const { rows: stack } = stackOf(list.length);
    const tops = cellTops.get(key)!;
    const row = rowById.get(l)!;
    list.forEach((t, index) =>
      stackAt.set(t.id, { c: Math.floor(index / stack), top: row.y + GRID.pad + tops[index % stack]!, stage: s }),
    );
  }
  const gutters = gutterRoom(stages, stackAt, labelled);
  const columns: Column[] = [];
  let x = GRID.laneWidth;
  stages.forEach((stage, index) => {
    const width = baseWidth.get(stage.id)! + (gutters.get(stage.id) ?? 0);
    columns.push({ stage, index, x, width });
    x += width;
  });
  const colById = new Map(columns.map((c) => [c.stage.id, c]));
  const slots = new Map<string, CardSlot>();
  for (const list of cells.values()) {
    list.forEach((t, index) => {
      const at = stackAt.get(t.id)!;
      slots.set(t.id, {
        index,
        x: colById.get(at.stage)!.x + GRID.pad + at.c * (GRID.cardWidth + GRID.gap),
        y: at.top,
      });
    });
  }
  const board: BoardLayout = { stickies: new Map(), clusters: new Map(), parked: null };
  for (const [key, group] of groups.cells) {
    const [s, l] = key.split('|') as [string, string];
    const col = colById.get(s)!;
    const row = rowById.get(l)!;
    const cardsH = cardsHeight(key);
    const width = baseWidth.get(s)! - GRID.pad * 2;
    placeGroup(
      board,
      group,
      { x: col.x + GRID.pad, y: row.y + GRID.pad + cardsH + (cardsH ? GRID.gap : 0), width },
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
