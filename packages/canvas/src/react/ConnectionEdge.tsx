import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { ConnectionKind } from '@journeycraft/schema';
import { useDragOffset } from './hooks/useDragOffset.js';

const NO_BASE = { x: 0, y: 0 };

export interface ConnectionData extends Record<string, unknown> {
  kind: ConnectionKind;
  label: string;
}
export type ConnectionEdgeType = Edge<ConnectionData, 'journey'>;

/** A connection between two touchpoints: solid for the next step, dashed amber for a branch. */
export const ConnectionEdge = memo(function ConnectionEdge(props: EdgeProps<ConnectionEdgeType>) {
  const { source, target, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  // A card dragged right now: its end of the line follows the card's live offset.
  const from = useDragOffset(source, NO_BASE, false);
  const to = useDragOffset(target, NO_BASE, false);
  const sourceX = props.sourceX + (from?.dx ?? 0);
  const sourceY = props.sourceY + (from?.dy ?? 0);
  const targetX = props.targetX + (to?.dx ?? 0);
  const targetY = props.targetY + (to?.dy ?? 0);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.kind ?? 'sequence';
  // The label sits beside the line, never on it: an arrowhead of a short link between stacked
  // cards went through its text. Beside a mostly vertical line it starts just right of it; above
  // a mostly horizontal one it ends just over it.
  const vertical = Math.abs(targetY - sourceY) > Math.abs(targetX - sourceX);
  const offset = vertical ? 'translate(6px, -50%)' : 'translate(-50%, calc(-100% - 4px))';
  // Colours inline (not only in CSS) so image exports draw the lines too.
  const style = {
    stroke: selected ? '#4f46e5' : kind === 'branch' ? '#d97706' : '#94a3b8',
    strokeWidth: selected ? 2.4 : 1.8,
    strokeDasharray: kind === 'branch' ? '6 4' : undefined,
    fill: 'none',
  };
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={markerEnd}
        style={style}
        className={`jc-edge jc-edge-${kind}${selected ? ' is-selected' : ''}`}
        interactionWidth={16}
      />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div
            className={`jc-edge-label jc-edge-label-${kind}${selected ? ' is-selected' : ''}`}
            data-edge-id={props.id}
            style={{ transform: `translate(${labelX}px, ${labelY}px) ${offset}` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
