import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, Position, type Edge, type EdgeProps } from '@xyflow/react';
import type { ConnectionKind } from '@journeycraft/schema';
import {
  curvePath,
  pointAt,
  routeCurve,
  verticalAt,
  type ConnectionRoute,
  type HandleSide,
  type LabelPlace,
  type LabelSide,
} from '@journeycraft/picture';
import { useDragOffset } from './hooks/useDragOffset.js';

const NO_BASE = { x: 0, y: 0 };

export interface ConnectionData extends Record<string, unknown> {
  kind: ConnectionKind;
  label: string;
  /** How the line runs between its cards (@journeycraft/picture, connections.ts); across when left out. */
  route?: ConnectionRoute;
  /** Where the label sits along its line and on which side, clear of the cards (@journeycraft/picture, connections.ts). */
  labelPlace?: LabelPlace;
}

const HANDLE_SIDE: Record<Position, HandleSide> = {
  [Position.Left]: 'left',
  [Position.Right]: 'right',
  [Position.Top]: 'top',
  [Position.Bottom]: 'bottom',
};

/** Moves the label from the line's middle to its side, a few pixels off the line. */
const OFFSETS: Record<LabelSide, string> = {
  right: 'translate(6px, -50%)',
  left: 'translate(calc(-100% - 6px), -50%)',
  above: 'translate(-50%, calc(-100% - 4px))',
  below: 'translate(-50%, 4px)',
};
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
  const kind = data?.kind ?? 'sequence';
  // The label sits beside the line, never on it: an arrowhead of a short link between stacked
  // cards went through its text. Beside a mostly vertical line, above a mostly horizontal one —
  // or across it, where a card would cover the label (the graph picks the side). While a card is
  // dragged the line's shape may change: the side then follows its direction.
  const place = data?.labelPlace ?? { side: 'right', at: 0.5 };
  // React Flow's bezier between the handles, or round by the gutter past a card between them.
  const curve = routeCurve(
    { x: sourceX, y: sourceY },
    HANDLE_SIDE[sourcePosition],
    { x: targetX, y: targetY },
    HANDLE_SIDE[targetPosition],
    data?.route ?? 'across',
  );
  const path = curvePath(curve);
  const { x: labelX, y: labelY } = pointAt(curve, place.at);
  const vertical = verticalAt(curve, place.at);
  const offset =
    OFFSETS[vertical === (place.side === 'right' || place.side === 'left') ? place.side : vertical ? 'right' : 'above'];
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
