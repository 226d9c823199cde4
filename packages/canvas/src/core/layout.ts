import {
  GRID,
  cellKey,
  computeLayout,
  labelWidth,
  type CardSlot,
  type Column,
  type GridLayout,
  type LabelledLink,
  type Row,
} from '@journeycraft/picture';

// The grid layout itself is shared with the map picture (@journeycraft/picture); the canvas adds
// hit-testing and drop positions over it.
export { GRID, cellKey, computeLayout, labelWidth };
export type { CardSlot, Column, GridLayout, LabelledLink, Row };

/** The cell under a point, or null outside the grid. Points past the edges snap to the nearest cell. */
export function cellAt(
  layout: GridLayout,
  point: { x: number; y: number },
  clamp = true,
): { stageId: string; laneId: string; column: Column; row: Row } | null {
  const { columns, rows } = layout;
  if (!columns.length || !rows.length) return null;
  let column = columns.find((c) => point.x >= c.x && point.x < c.x + c.width);
  let row = rows.find((r) => point.y >= r.y && point.y < r.y + r.height);
  if (!clamp && (!column || !row)) return null;
  column ??= point.x < columns[0]!.x ? columns[0]! : columns[columns.length - 1]!;
  row ??= point.y < rows[0]!.y ? rows[0]! : rows[rows.length - 1]!;
  return { stageId: column.stage.id, laneId: row.lane.id, column, row };
}

/** Index a card dropped at `point` takes among the cards of the cell (by stack position). */
export function indexInCell(
  layout: GridLayout,
  cell: { column: Column; row: Row },
  point: { x: number; y: number },
  excluding: ReadonlySet<string>,
): number {
  const list = (layout.cells.get(cellKey(cell.column.stage.id, cell.row.lane.id)) ?? []).filter(
    (t) => !excluding.has(t.id),
  );
  let index = 0;
  for (const t of list) {
    const slot = layout.slots.get(t.id);
    if (!slot) continue;
    const before = slot.x + GRID.cardWidth < point.x || (slot.x <= point.x && slot.y + GRID.cardHeight / 2 < point.y);
    if (before) index++;
  }
  return index;
}

/** Index a stage header dropped with its centre at `x` takes among the other stages. */
export function stageIndexAt(layout: GridLayout, stageId: string, x: number): number {
  return layout.columns.filter((c) => c.stage.id !== stageId && c.x + c.width / 2 < x).length;
}

/** Index a lane header dropped with its centre at `y` takes among the other lanes. */
export function laneIndexAt(layout: GridLayout, laneId: string, y: number): number {
  return layout.rows.filter((r) => r.lane.id !== laneId && r.y + r.height / 2 < y).length;
}
