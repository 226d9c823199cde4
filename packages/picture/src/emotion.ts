import type { LaneKind, Persona, Touchpoint } from '@journeycraft/schema';
import { GRID, type GridLayout } from './layout.js';

/** Lanes whose touchpoints the customer experiences (the curve is drawn through these). */
const CUSTOMER_FACING = new Set<LaneKind>(['customer_actions', 'touchpoints', 'frontstage', 'custom']);

/** One point of an emotion curve: a touchpoint's score for a persona, placed under its stage. */
export interface EmotionPoint {
  touchpointId: string;
  title: string;
  x: number;
  score: number;
}

/** A touchpoint's emotion for a persona (its own score where the persona has none). */
export function emotionFor(t: Pick<Touchpoint, 'emotion' | 'personaEmotions'>, personaId: string | null): number {
  if (personaId === null) return t.emotion;
  return t.personaEmotions[personaId] ?? t.emotion;
}

/**
 * The curve of one persona (null: the default scores) across the stages: every touchpoint,
 * left to right by stage, spread evenly across its stage column. Only customer-facing lanes count
 * (customer actions, touchpoints, frontstage, custom) when the map has any; otherwise every lane
 * but the emotion lane itself.
 */
export function emotionPoints(
  layout: GridLayout,
  touchpoints: readonly Touchpoint[],
  personaId: string | null,
): EmotionPoint[] {
  // The curve follows what the customer lives through: not backstage work, not notes about it.
  const felt = layout.rows.filter((r) => CUSTOMER_FACING.has(r.lane.kind));
  const skipped = new Set(
    (felt.length
      ? layout.rows.filter((r) => !CUSTOMER_FACING.has(r.lane.kind))
      : layout.rows.filter((r) => r.lane.kind === 'emotions')
    ).map((r) => r.lane.id),
  );
  const laneRank = new Map(layout.rows.map((r) => [r.lane.id, r.index]));
  const points: EmotionPoint[] = [];
  for (const col of layout.columns) {
    const inStage = touchpoints
      .filter((t) => t.stageId === col.stage.id && laneRank.has(t.laneId) && !skipped.has(t.laneId))
      .sort((a, b) => laneRank.get(a.laneId)! - laneRank.get(b.laneId)! || a.order - b.order);
    const n = inStage.length;
    inStage.forEach((t, i) => {
      const inner = col.width - GRID.pad * 2;
      points.push({
        touchpointId: t.id,
        title: t.title,
        x: col.x + GRID.pad + (inner * (i + 0.5)) / n,
        score: emotionFor(t, personaId),
      });
    });
  }
  return points;
}

/** A smooth SVG path through points (monotone in x), in the coordinates given. */
export function smoothPath(points: ReadonlyArray<{ x: number; y: number }>): string {
  if (!points.length) return '';
  if (points.length === 1) return `M${points[0]!.x},${points[0]!.y}`;
  let d = `M${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!;
    const q = points[i]!;
    const mx = (p.x + q.x) / 2;
    d += ` C${mx},${p.y} ${mx},${q.y} ${q.x},${q.y}`;
  }
  return d;
}

/** Colours of everyone's curve, the emotion lane's first; the first one no persona uses is taken. */
const EVERYONE_COLORS = ['#db2777', '#475569', '#0f766e', '#b45309', '#1d4ed8'];

/**
 * The personas to draw: the default curve first (id null, in a colour none of the personas has, so
 * the legend tells them apart), then each persona.
 */
export function curves(personas: readonly Persona[]): Array<{ id: string | null; name: string; color: string }> {
  const used = new Set(personas.map((p) => p.color.toLowerCase()));
  return [
    { id: null, name: 'Everyone', color: EVERYONE_COLORS.find((c) => !used.has(c)) ?? EVERYONE_COLORS[0]! },
    ...personas.map((p) => ({ id: p.id, name: p.name, color: p.color })),
  ];
}
