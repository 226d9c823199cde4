import { memo, type CSSProperties } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { LaneKind } from '@journeycraft/schema';
import { GRID } from '../../core/layout.js';
import { laneColors } from '@journeycraft/picture';
import type { FarCellData } from '../graph.js';
import { useCanvas } from '../context.js';
import { FarCard } from './TouchpointNode.js';

export type FarCellNodeType = Node<FarCellData, 'farcell'>;

/**
 * The cards of one cell seen from far away, as one node: each card a plain box with its title and
 * the markers that must stay visible (moment of truth, over capacity, locked, dots), without
 * React Flow's per-node wrapper, handles or measuring. A click selects the card.
 */
export const FarCellNode = memo(function FarCellNode({ data }: NodeProps<FarCellNodeType>) {
  const { actions } = useCanvas();
  return (
    <div className="jc-far-cell" style={{ '--lane': laneColors[data.laneKind as LaneKind] } as CSSProperties}>
      {data.cards.map((c) => (
        <div
          key={c.id}
          className={`jc-card jc-far-item${c.mot ? ' is-mot' : ''}${c.match === false ? ' is-dimmed' : ''}${c.match ? ' is-match' : ''}`}
          style={{ left: c.x, top: c.y, width: GRID.cardWidth, height: GRID.cardHeight }}
          data-testid="far-card"
          data-touchpoint-id={c.id}
          onClick={(e) => {
            e.stopPropagation();
            actions.select([c.id]);
          }}
        >
          <FarCard title={c.title} mot={c.mot} over={c.over} locked={c.locked} dots={c.dots} />
        </div>
      ))}
    </div>
  );
});
