import { memo, type CSSProperties } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { LaneKind } from '@journeycraft/schema';
import { GRID } from '../../core/layout.js';
import { laneColors } from '@journeycraft/picture';
import { useCanvas } from '../context.js';
import { Icon, icons } from '../icons.js';
import { Button } from '@journeycraft/ui';

export interface GridData extends Record<string, unknown> {
  columns: ReadonlyArray<{ id: string; title: string; x: number; width: number; locked: boolean }>;
  rows: ReadonlyArray<{ id: string; title: string; kind: LaneKind; y: number; height: number }>;
  width: number;
  height: number;
  /** `stageId|laneId` of the cell a dragged card would land in. */
  dropTarget: string | null;
}
export type GridNodeType = Node<GridData, 'grid'>;

/** The grid behind the cards: cells with their "add" buttons, and the ghost column and row that add stages and lanes. */
export const GridNode = memo(function GridNode({ data }: NodeProps<GridNodeType>) {
  const { actions, readOnly, canEditLocked, participant } = useCanvas();
  const { columns, rows, dropTarget } = data;
  return (
    <div
      className="jc-grid"
      style={{ width: data.width + GRID.ghostSize + 24, height: data.height + GRID.ghostSize + 24 }}
    >
      <div className="jc-corner" style={{ width: GRID.laneWidth, height: GRID.headerHeight }}>
        <span>Stages →</span>
        <span>Lanes ↓</span>
      </div>
      {/* One table row per lane (display: contents), so each cell sits in a row for assistive tech. */}
      <div role="table" aria-label="Cells of the map" className="jc-contents">
        {rows.map((row) => (
          <div key={row.id} role="row" aria-label={row.title} className="jc-contents">
            {columns.map((col) => {
              const key = `${col.id}|${row.id}`;
              const emotions = row.kind === 'emotions';
              return (
                <div
                  key={key}
                  role="cell"
                  aria-label={`${col.title}, ${row.title}`}
                  data-testid="grid-cell"
                  className={`jc-cell${dropTarget === key ? ' is-drop' : ''}${emotions ? ' is-emotions' : ''}`}
                  style={
                    {
                      left: col.x,
                      top: row.y,
                      width: col.width,
                      height: row.height,
                      '--lane': laneColors[row.kind],
                    } as CSSProperties
                  }
                >
                  {!readOnly && !emotions && (canEditLocked || !col.locked) ? (
                    <Button
                      variant="plain"
                      className="jc-cell-add nodrag"
                      aria-label={`Add a touchpoint in ${col.title}, ${row.title}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        actions.addTouchpoint(col.id, row.id);
                      }}
                    >
                      <Icon d={icons.plus} size={12} /> Add
                    </Button>
                  ) : null}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {!readOnly && !participant ? (
        <>
          <Button
            variant="plain"
            className="jc-ghost jc-ghost-stage nodrag"
            style={{ left: data.width + 12, top: 8, height: GRID.headerHeight - 16 }}
            onClick={(e) => {
              e.stopPropagation();
              actions.addStage();
            }}
            aria-label="Add a stage"
            title="Add a stage"
          >
            <Icon d={icons.plus} /> Stage
          </Button>
          <Button
            variant="plain"
            className="jc-ghost jc-ghost-lane nodrag"
            style={{ left: 8, top: data.height + 12, width: GRID.laneWidth - 16 }}
            onClick={(e) => {
              e.stopPropagation();
              actions.addLane();
            }}
            aria-label="Add a lane"
            title="Add a lane"
          >
            <Icon d={icons.plus} /> Lane
          </Button>
        </>
      ) : null}
    </div>
  );
});
