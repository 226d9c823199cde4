import { memo, useMemo, useRef, useState } from 'react';
import { useReactFlow, type Node, type NodeProps } from '@xyflow/react';
import { updateRecord } from '@journeycraft/doc';
import { useMeta, useRecords } from '@journeycraft/doc-react';
import { curves, emotionPoints, smoothPath } from '@journeycraft/picture';
import { GRID, type GridLayout } from '../../core/layout.js';
import { useCanvas } from '../context.js';

export interface EmotionData extends Record<string, unknown> {
  layout: GridLayout;
  laneId: string;
  persona: string | null;
}
export type EmotionNodeType = Node<EmotionData, 'emotion'>;

const LEVELS = [2, 1, 0, -1, -2];

/**
 * The emotion lane: one curve per persona across the stages, through every touchpoint's score.
 * The active persona's points can be dragged up and down; the score is written on release.
 */
export const EmotionNode = memo(function EmotionNode({ data, width, height }: NodeProps<EmotionNodeType>) {
  const { store, doc, origin, readOnly } = useCanvas();
  const touchpoints = useRecords(store, 'touchpoints');
  const meta = useMeta(store);
  const flow = useReactFlow();
  const [preview, setPreview] = useState<{ id: string; score: number } | null>(null);
  const dragging = useRef<string | null>(null);
  const w = width ?? 0;
  const h = height ?? GRID.emotionHeight;
  const top = 22;
  const bottom = h - 18;
  const yOf = (score: number) => top + ((2 - score) / 4) * (bottom - top);
  const offsetX = GRID.laneWidth;
  const rowY = data.layout.rows.find((r) => r.lane.id === data.laneId)?.y ?? 0;

  const all = useMemo(
    () =>
      curves(meta?.personas ?? []).map((c) => ({
        ...c,
        points: emotionPoints(data.layout, touchpoints, c.id),
      })),
    [data.layout, touchpoints, meta?.personas],
  );
  const active = all.find((c) => c.id === data.persona) ?? all[0]!;

  const scoreAt = (clientY: number) => {
    const p = flow.screenToFlowPosition({ x: 0, y: clientY });
    const raw = 2 - ((p.y - rowY - top) / (bottom - top)) * 4;
    return Math.max(-2, Math.min(2, Math.round(raw)));
  };

  const write = (id: string, score: number) => {
    const tp = store.getRecord('touchpoints', id);
    if (!tp) return;
    if (data.persona === null) {
      if (tp.emotion !== score) updateRecord(doc, 'touchpoints', id, { emotion: score }, origin);
    } else if (tp.personaEmotions[data.persona] !== score) {
      updateRecord(
        doc,
        'touchpoints',
        id,
        { personaEmotions: { ...tp.personaEmotions, [data.persona]: score } },
        origin,
      );
    }
  };

  return (
    <div className="jc-emotion" style={{ width: w, height: h }} data-testid="emotion-curve">
      <svg width={w} height={h} className="jc-emotion-svg">
        {LEVELS.map((l) => (
          <g key={l}>
            <line
              x1={0}
              x2={w}
              y1={yOf(l)}
              y2={yOf(l)}
              className={l === 0 ? 'jc-emo-zero' : 'jc-emo-line'}
              stroke={l === 0 ? '#d1d5db' : '#e5e7eb'}
              strokeDasharray={l === 0 ? undefined : '2 5'}
            />
            <text x={8} y={yOf(l) + 4} className="jc-emo-label">
              {l > 0 ? `+${l}` : l}
            </text>
          </g>
        ))}
        {all
          .filter((c) => c !== active)
          .map((c) => (
            <path
              key={c.id ?? 'all'}
              d={smoothPath(c.points.map((p) => ({ x: p.x - offsetX, y: yOf(p.score) })))}
              className="jc-emo-path is-faded"
              fill="none"
              stroke={c.color}
              strokeWidth={2}
              strokeOpacity={0.3}
            />
          ))}
        <path
          d={smoothPath(
            active.points.map((p) => ({
              x: p.x - offsetX,
              y: yOf(preview?.id === p.touchpointId ? preview.score : p.score),
            })),
          )}
          className="jc-emo-path"
          fill="none"
          stroke={active.color}
          strokeWidth={3}
          strokeLinecap="round"
        />
        {active.points.map((p) => {
          const score = preview?.id === p.touchpointId ? preview.score : p.score;
          return (
            <circle
              key={p.touchpointId}
              cx={p.x - offsetX}
              cy={yOf(score)}
              r={preview?.id === p.touchpointId ? 8 : 6}
              className="jc-emo-point nodrag nopan"
              fill={active.color}
              stroke="#fff"
              strokeWidth={2.5}
              data-touchpoint-id={p.touchpointId}
              aria-label={`${p.title}: ${score}`}
              onPointerDown={(e) => {
                if (readOnly) return;
                e.stopPropagation();
                (e.target as Element).setPointerCapture(e.pointerId);
                dragging.current = p.touchpointId;
                setPreview({ id: p.touchpointId, score: p.score });
              }}
              onPointerMove={(e) => {
                if (dragging.current !== p.touchpointId) return;
                setPreview({ id: p.touchpointId, score: scoreAt(e.clientY) });
              }}
              onPointerUp={(e) => {
                if (dragging.current !== p.touchpointId) return;
                dragging.current = null;
                write(p.touchpointId, scoreAt(e.clientY));
                setPreview(null);
              }}
            >
              <title>{`${p.title}: ${score > 0 ? '+' : ''}${score}`}</title>
            </circle>
          );
        })}
      </svg>
      {active.points.length === 0 ? (
        <p className="jc-emo-empty">Add touchpoints and their emotion scores draw a curve here.</p>
      ) : null}
    </div>
  );
});
