import { GRID, type CardSlot } from './layout.js';

/** Where a connection's label sits against its point on the line. */
export type LabelSide = 'right' | 'left' | 'above' | 'below';

/** How a connection leaves and enters its cards: side by side, or stacked in one column. */
export type ConnectionRoute = 'across' | 'down' | 'up';

/** The side of a card a line leaves or enters by. */
export type HandleSide = 'left' | 'right' | 'top' | 'bottom';

interface Point {
  x: number;
  y: number;
}

/** A connection's line: a cubic Bézier from a card's handle to another's. */
export interface Curve {
  s: Point;
  c1: Point;
  c2: Point;
  t: Point;
}

/** Where a label goes: at `at` (0–1) along its line, on `side` of it. */
export interface LabelPlace {
  side: LabelSide;
  at: number;
}

/** The handles a route uses (graph.ts: r → l across, b → t down, st → tb up). */
export const ROUTE_HANDLES: Record<ConnectionRoute, [HandleSide, HandleSide]> = {
  across: ['right', 'left'],
  down: ['bottom', 'top'],
  up: ['top', 'bottom'],
};

// React Flow's bezier edge (getBezierPath, curvature 0.25): each control point goes out of its
// handle by half the distance, or a little way when the other end lies behind.
function control(side: HandleSide, from: Point, to: Point): Point {
  const offset = (d: number) => (d >= 0 ? 0.5 * d : 0.25 * 25 * Math.sqrt(-d));
  if (side === 'left') return { x: from.x - offset(from.x - to.x), y: from.y };
  if (side === 'right') return { x: from.x + offset(to.x - from.x), y: from.y };
  if (side === 'top') return { x: from.x, y: from.y - offset(from.y - to.y) };
  return { x: from.x, y: from.y + offset(to.y - from.y) };
}

/** The line React Flow draws from `s` (leaving by `sSide`) to `t` (entering by `tSide`). */
export function connectionCurve(s: Point, sSide: HandleSide, t: Point, tSide: HandleSide): Curve {
  return { s, c1: control(sSide, s, t), c2: control(tSide, t, s), t };
}

/** The point at `u` (0–1) along a curve. */
export function pointAt({ s, c1, c2, t }: Curve, u: number): Point {
  const v = 1 - u;
  const a = v * v * v;
  const b = 3 * v * v * u;
  const c = 3 * v * u * u;
  const d = u * u * u;
  return { x: a * s.x + b * c1.x + c * c2.x + d * t.x, y: a * s.y + b * c1.y + c * c2.y + d * t.y };
}

/** Whether the line runs mostly up or down at `u` (its tangent there). */
export function verticalAt({ s, c1, c2, t }: Curve, u: number): boolean {
  const v = 1 - u;
  const dx = 3 * v * v * (c1.x - s.x) + 6 * v * u * (c2.x - c1.x) + 3 * u * u * (t.x - c2.x);
  const dy = 3 * v * v * (c1.y - s.y) + 6 * v * u * (c2.y - c1.y) + 3 * u * u * (t.y - c2.y);
  return Math.abs(dy) > Math.abs(dx);
}

/** A label's box on the map (11 px text in a pill: about 6.2 units a character, 20 high). */
export function labelBox(point: Point, side: LabelSide, label: string) {
  const width = label.length * 6.2 + 18;
  const height = 20;
  const gap = side === 'right' || side === 'left' ? 6 : 4;
  const x = side === 'right' ? point.x + gap : side === 'left' ? point.x - gap - width : point.x - width / 2;
  const y = side === 'above' ? point.y - gap - height : side === 'below' ? point.y + gap : point.y - height / 2;
  return { x, y, width, height };
}

/** The line of a connection between two cards' slots, as the graph routes it. */
export function curveBetween(a: Point, b: Point, route: ConnectionRoute): Curve {
  const { cardWidth: w, cardHeight: h } = GRID;
  const [sSide, tSide] = ROUTE_HANDLES[route];
  if (route === 'across')
    return connectionCurve({ x: a.x + w, y: a.y + h / 2 }, sSide, { x: b.x, y: b.y + h / 2 }, tSide);
  if (route === 'down')
    return connectionCurve({ x: a.x + w / 2, y: a.y + h }, sSide, { x: b.x + w / 2, y: b.y }, tSide);
  return connectionCurve({ x: a.x + w / 2, y: a.y }, sSide, { x: b.x + w / 2, y: b.y + h }, tSide);
}

/** Along the line, from its middle outwards. */
const STOPS = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74];

/**
 * Where a connection's label goes: beside its line where the line runs up or down, over or under
 * it where it runs across — at the middle when there it covers no card, its own line does not
 * run through it and no card covers it, else at the first point out from the middle where that
 * holds (failing that, the first where its middle stays off the cards, or at least the line
 * stays out of it).
 * Beside a line between two columns the label lay under the next column's card, hidden but for
 * its first letter.
 */
export function labelPlace(
  slots: ReadonlyMap<string, CardSlot>,
  a: Point,
  b: Point,
  route: ConnectionRoute,
  label: string,
): LabelPlace {
  const curve = curveBetween(a, b, route);
  const line = Array.from({ length: 41 }, (_, i) => pointAt(curve, i / 40));
  // How strict: 'cards' keeps the whole box off every card, 'centre' only its middle (the label
  // shows, a card's edge over a corner of it), 'line' only keeps the line out.
  const clear = (box: ReturnType<typeof labelBox>, strict: 'cards' | 'centre' | 'line') => {
    for (const p of line)
      if (p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height) return false;
    if (strict === 'line') return true;
    const inset = strict === 'centre' ? { x: box.width / 2 - 1, y: box.height / 2 - 1 } : { x: 0, y: 0 };
    for (const slot of slots.values()) {
      if (
        slot.x < box.x + box.width - inset.x &&
        box.x + inset.x < slot.x + GRID.cardWidth &&
        slot.y < box.y + box.height - inset.y &&
        box.y + inset.y < slot.y + GRID.cardHeight
      )
        return false;
    }
    return true;
  };
  // First clear of cards and of the line; failing that, its middle off the cards; else off the line.
  for (const cards of ['cards', 'centre', 'line'] as const) {
    for (const at of STOPS) {
      const sides: LabelSide[] = verticalAt(curve, at) ? ['right', 'left'] : ['above', 'below'];
      const point = pointAt(curve, at);
      const side = sides.find((s) => clear(labelBox(point, s, label), cards));
      if (side) return { side, at };
    }
  }
  return { side: verticalAt(curve, 0.5) ? 'right' : 'above', at: 0.5 };
}
