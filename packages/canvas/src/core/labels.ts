import { GRID, labelWidth, type CardSlot } from './layout.js';

/** Where a connection's label sits against its point on the line. */
export type LabelSide = 'right' | 'left' | 'above' | 'below';

/**
 * How a connection leaves and enters its cards: side by side; stacked in one column, facing
 * (down, up); or stacked with a card between them or beside a straight line between the same two
 * cards, round by the column's right-hand gutter (around).
 */
export type ConnectionRoute = 'across' | 'down' | 'up' | 'around';

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

/** The handles a route uses (graph.ts: r → l across, b → t down, st → tb up, r → rt around). */
export const ROUTE_HANDLES: Record<ConnectionRoute, [HandleSide, HandleSide]> = {
  across: ['right', 'left'],
  down: ['bottom', 'top'],
  up: ['top', 'bottom'],
  around: ['right', 'right'],
};

/**
 * How far the around route's control points reach out of the cards' right edges: the line bulges
 * ¾ of that (18 units) into the 28-unit gutter between two columns' cards.
 */
export const AROUND_REACH = 24;

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

/** The line of a connection on `route`: React Flow's bezier, or the around route's bulge into the gutter. */
export function routeCurve(s: Point, sSide: HandleSide, t: Point, tSide: HandleSide, route: ConnectionRoute): Curve {
  if (route !== 'around') return connectionCurve(s, sSide, t, tSide);
  return { s, c1: { x: s.x + AROUND_REACH, y: s.y }, c2: { x: t.x + AROUND_REACH, y: t.y }, t };
}

/** The SVG path of a curve. */
export function curvePath({ s, c1, c2, t }: Curve): string {
  return `M${s.x},${s.y} C${c1.x},${c1.y} ${c2.x},${c2.y} ${t.x},${t.y}`;
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
  const width = labelWidth(label.length);
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
  const ends: Record<ConnectionRoute, [Point, Point]> = {
    across: [
      { x: a.x + w, y: a.y + h / 2 },
      { x: b.x, y: b.y + h / 2 },
    ],
    down: [
      { x: a.x + w / 2, y: a.y + h },
      { x: b.x + w / 2, y: b.y },
    ],
    up: [
      { x: a.x + w / 2, y: a.y },
      { x: b.x + w / 2, y: b.y + h },
    ],
    around: [
      { x: a.x + w, y: a.y + h / 2 },
      { x: b.x + w, y: b.y + h / 2 },
    ],
  };
  const [s, t] = ends[route];
  return routeCurve(s, sSide, t, tSide, route);
}

/** A connection between two cards, as far as routing and its label care. */
export interface ConnectionEnds {
  id: string;
  fromId: string;
  toId: string;
  label: string;
}

/** How a connection is drawn: its route, and where its label goes (null without a label). */
export interface RoutedConnection {
  route: ConnectionRoute;
  place: LabelPlace | null;
}

/**
 * The routes of connections between cards in `slots` (others are left out): across between
 * columns; straight down or up between stacked cards — unless another card stands between them
 * (the line ran under it) or a straight line between the same two cards is drawn already (two
 * lines and two arrowheads on one path, a label with no free spot), then around by the gutter.
 */
export function routeConnections(
  slots: ReadonlyMap<string, CardSlot>,
  connections: readonly ConnectionEnds[],
): Map<string, ConnectionRoute> {
  const routes = new Map<string, ConnectionRoute>();
  const straight = new Set<string>();
  const half = GRID.cardWidth / 2;
  // The cards' tops by the left edge of their column of the grid (slots of one column share it).
  let columns: Map<number, number[]> | null = null;
  const tops = (x: number) => {
    if (!columns) {
      columns = new Map();
      for (const s of slots.values()) {
        const list = columns.get(s.x);
        if (list) list.push(s.y);
        else columns.set(s.x, [s.y]);
      }
    }
    return columns.get(x) ?? [];
  };
  for (const c of connections) {
    const a = slots.get(c.fromId);
    const b = slots.get(c.toId);
    if (!a || !b) continue;
    if (Math.abs(b.x - a.x) >= half) {
      routes.set(c.id, 'across');
      continue;
    }
    const pair = c.fromId < c.toId ? `${c.fromId}|${c.toId}` : `${c.toId}|${c.fromId}`;
    const [top, bottom] = a.y < b.y ? [a.y, b.y] : [b.y, a.y];
    const between = straight.has(pair) || [a.x, b.x].some((x) => tops(x).some((y) => y > top && y < bottom));
    if (between) routes.set(c.id, 'around');
    else {
      straight.add(pair);
      routes.set(c.id, b.y > a.y ? 'down' : 'up');
    }
  }
  return routes;
}

/** Along the line, from its middle outwards, in steps of 0.04 (a label finds a gap between rows). */
const STOPS = [0.5, ...Array.from({ length: 10 }, (_, i) => [0.46 - i * 0.04, 0.54 + i * 0.04]).flat()];

type Box = ReturnType<typeof labelBox>;

/** Boxes and points in buckets of the map, so a label is checked only against what lies near it. */
class Near<T> {
  private readonly buckets = new Map<number, T[]>();
  constructor(private readonly size = 160) {}
  // Buckets are numbered row by row; 2^20 columns are more than any map has.
  private each(x0: number, y0: number, x1: number, y1: number, f: (key: number) => boolean): boolean {
    for (let j = Math.floor(y0 / this.size); j <= Math.floor(y1 / this.size); j++)
      for (let i = Math.floor(x0 / this.size); i <= Math.floor(x1 / this.size); i++)
        if (f(j * 1048576 + i)) return true;
    return false;
  }
  add(item: T, x0: number, y0: number, x1: number, y1: number): void {
    this.each(x0, y0, x1, y1, (key) => {
      const list = this.buckets.get(key);
      if (list) list.push(item);
      else this.buckets.set(key, [item]);
      return false;
    });
  }
  /** Whether anything in the buckets `box` touches satisfies `test`. */
  some(box: Box, test: (item: T) => boolean): boolean {
    return this.each(box.x, box.y, box.x + box.width, box.y + box.height, (key) =>
      Boolean(this.buckets.get(key)?.some(test)),
    );
  }
}

const overlap = (a: Box, b: Box, inset = { x: 0, y: 0 }) =>
  a.x < b.x + b.width - inset.x &&
  b.x + inset.x < a.x + a.width &&
  a.y < b.y + b.height - inset.y &&
  b.y + inset.y < a.y + a.height;

const inBox = (p: Point, box: Box) => p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;

/**
 * How every connection between cards in `slots` is drawn: its route (`routeConnections`) and,
 * with a label, where that goes — beside the line where it runs up or down, over or under it
 * where it runs across. Labels are placed in turn; each takes the first point out from the
 * middle of its line where its box is clear of every card and header, of the labels placed
 * before it and of every line; failing that, where only other lines cross it; then where its middle stays off
 * the cards; at least where its own line stays out of it.
 * Beside a line between two columns a label lay under the next column's card; between two
 * stacked cards it lay under them, the two lines of a pair sharing one path.
 */
export function placeConnections(
  slots: ReadonlyMap<string, CardSlot>,
  connections: readonly ConnectionEnds[],
): Map<string, RoutedConnection> {
  const routes = routeConnections(slots, connections);
  const out = new Map<string, RoutedConnection>();
  if (!connections.some((c) => c.label)) {
    for (const [id, route] of routes) out.set(id, { route, place: null });
    return out;
  }
  const cards = new Near<Box>();
  for (const s of slots.values()) {
    const box = { x: s.x, y: s.y, width: GRID.cardWidth, height: GRID.cardHeight };
    cards.add(box, box.x, box.y, box.x + box.width, box.y + box.height);
  }
  // Each line by the box of its control points (a Bézier stays inside it), sampled when a label comes near.
  const curves = new Map<string, Curve>();
  const near = new Near<string>(320);
  for (const c of connections) {
    const route = routes.get(c.id);
    if (!route) continue;
    const curve = curveBetween(slots.get(c.fromId)!, slots.get(c.toId)!, route);
    curves.set(c.id, curve);
    const xs = [curve.s.x, curve.c1.x, curve.c2.x, curve.t.x];
    const ys = [curve.s.y, curve.c1.y, curve.c2.y, curve.t.y];
    near.add(c.id, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  }
  const sampled = new Map<string, Point[]>();
  const lineOf = (id: string) => {
    let line = sampled.get(id);
    if (!line) {
      const curve = curves.get(id)!;
      line = Array.from({ length: 41 }, (_, i) => pointAt(curve, i / 40));
      sampled.set(id, line);
    }
    return line;
  };
  const labels = new Near<Box>();
  type Strict = 'clear' | 'cards' | 'centre' | 'line';
  // Cheapest first: its own line, the headers, the labels, the cards; every line last.
  const fits = (own: readonly Point[], box: Box, strict: Strict) => {
    if (own.some((p) => inBox(p, box))) return false;
    if (strict === 'line') return true;
    // The lane headers run down the left of the grid, the stage headers along its top.
    if (box.x < GRID.laneWidth || box.y < GRID.headerHeight) return false;
    if (labels.some(box, (l) => overlap(l, box))) return false;
    // 'centre' keeps only the label's middle off the cards (it shows, a card's edge over a corner).
    const inset = strict === 'centre' ? { x: box.width / 2 - 1, y: box.height / 2 - 1 } : { x: 0, y: 0 };
    if (cards.some(box, (card) => overlap(card, box, inset))) return false;
    return strict !== 'clear' || !near.some(box, (id) => lineOf(id).some((p) => inBox(p, box)));
  };
  for (const c of connections) {
    const route = routes.get(c.id);
    if (!route) continue;
    if (!c.label) {
      out.set(c.id, { route, place: null });
      continue;
    }
    const curve = curves.get(c.id)!;
    const own = lineOf(c.id);
    let place: LabelPlace | null = null;
    for (const strict of ['clear', 'cards', 'centre', 'line'] as const) {
      for (const at of STOPS) {
        const sides: LabelSide[] = verticalAt(curve, at) ? ['right', 'left'] : ['above', 'below'];
        const point = pointAt(curve, at);
        const side = sides.find((s) => fits(own, labelBox(point, s, c.label), strict));
        if (side) {
          place = { side, at };
          break;
        }
      }
      if (place) break;
    }
    place ??= { side: verticalAt(curve, 0.5) ? 'right' : 'above', at: 0.5 };
    const box = labelBox(pointAt(curve, place.at), place.side, c.label);
    labels.add(box, box.x, box.y, box.x + box.width, box.y + box.height);
    out.set(c.id, { route, place });
  }
  return out;
}
