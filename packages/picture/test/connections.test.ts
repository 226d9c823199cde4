import { describe, expect, it } from 'vitest';
import type { Lane, Stage, Touchpoint } from '@journeycraft/schema';
import { computeLayout, GRID, type CardSlot } from '../src/layout.js';
import {
  AROUND_REACH,
  curveBetween,
  labelBox,
  placeConnections,
  pointAt,
  routeConnections,
  type ConnectionEnds,
} from '../src/connections.js';

/** A card's slot, `x` and `y` from the grid's first cell (right of the lane headers, under the stage headers). */
const slot = (x: number, y: number): CardSlot => ({ x: GRID.laneWidth + x, y: GRID.headerHeight + y, index: 0 });
const next = GRID.cardWidth + 40;
const below = GRID.cardHeight + 62;
const link = (id: string, fromId: string, toId: string, label = ''): ConnectionEnds => ({ id, fromId, toId, label });

type Box = ReturnType<typeof labelBox>;
const apart = (a: Box, b: Box) =>
  a.x >= b.x + b.width || b.x >= a.x + a.width || a.y >= b.y + b.height || b.y >= a.y + a.height;
const cardBox = (s: CardSlot): Box => ({ x: s.x, y: s.y, width: GRID.cardWidth, height: GRID.cardHeight });

/** The label boxes of `connections` as placed, checked clear of every card and of each other and their own line. */
function placedBoxes(slots: Map<string, CardSlot>, connections: ConnectionEnds[]): Map<string, Box> {
  const placed = placeConnections(slots, connections);
  const boxes = new Map<string, Box>();
  for (const c of connections) {
    const { route, place } = placed.get(c.id)!;
    if (!c.label) continue;
    const curve = curveBetween(slots.get(c.fromId)!, slots.get(c.toId)!, route);
    const box = labelBox(pointAt(curve, place!.at), place!.side, c.label);
    for (let i = 0; i <= 40; i++) {
      const p = pointAt(curve, i / 40);
      expect(p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height).toBe(false);
    }
    for (const [id, s] of slots) expect(apart(box, cardBox(s)), `“${c.label}” over card ${id}`).toBe(true);
    for (const [id, other] of boxes) expect(apart(box, other), `“${c.label}” over label of ${id}`).toBe(true);
    boxes.set(c.id, box);
  }
  return boxes;
}

describe('placeConnections: label places', () => {
  it('puts a label right of a mostly vertical line, left when a card of the next column lies there', () => {
    const clear = new Map([
      ['a', slot(0, 0)],
      ['b', slot(next, 300)],
    ]);
    const c = [link('x', 'a', 'b', 'has seen it cheaper')];
    expect(placeConnections(clear, c).get('x')!.place!.side).toBe('right');
    // A card of the target's column beside the middle of the line (y ≈ 198) would cover the label.
    const blocked = new Map([...clear, ['c', slot(next, 120)]]);
    expect(placeConnections(blocked, c).get('x')!.place!.side).toBe('left');
    placedBoxes(blocked, c);
  });

  it('puts a label over a horizontal line, under it when a card lies above; neither line nor card runs through it', () => {
    const from = slot(0, 200);
    const to = slot(next * 2, 200);
    for (const slots of [
      new Map([
        ['a', from],
        ['b', to],
      ]),
      new Map([
        ['a', from],
        ['b', to],
        ['c', slot(next, 150)],
      ]),
    ]) {
      const c = [link('x', 'a', 'b', 'successful')];
      expect(placeConnections(slots, c).get('x')!.place!.side).toBe(slots.has('c') ? 'below' : 'above');
      placedBoxes(slots, c);
    }
  });

  it('keeps a label off the labels placed before it', () => {
    // Two connections from one card to the same card of a far column: one line, two labels.
    const slots = new Map([
      ['a', slot(0, 0)],
      ['b', slot(next * 3, 0)],
    ]);
    const c = [link('x', 'a', 'b', 'first label'), link('y', 'a', 'b', 'second label')];
    const placed = placeConnections(slots, c);
    expect(placed.get('x')!.place).toEqual({ side: 'above', at: 0.5 });
    expect(placed.get('y')!.place).toEqual({ side: 'below', at: 0.5 });
    expect(placedBoxes(slots, c).size).toBe(2);
  });

  it('keeps a label off the lane headers at the left of the grid', () => {
    // Two stacked cards in the first column, a long label: left of the line it would lie over the lane headers.
    const slots = new Map([
      ['a', slot(GRID.pad, 0)],
      ['b', slot(GRID.pad, GRID.cardHeight + GRID.gap + GRID.labelRoom)],
    ]);
    const c = [link('x', 'a', 'b', 'gives up on the phone')];
    expect(placeConnections(slots, c).get('x')!.place!.side).toBe('right');
    const box = placedBoxes(slots, c).get('x')!;
    expect(box.x).toBeGreaterThanOrEqual(GRID.laneWidth);
  });

  it('leaves connections without both cards out', () => {
    const slots = new Map([['a', slot(0, 0)]]);
    expect(placeConnections(slots, [link('x', 'a', 'gone', 'lost')]).size).toBe(0);
  });
});

describe('routeConnections', () => {
  // One column: guest (top), desk (middle), housekeeping (bottom), as in the hotel template.
  const column = new Map([
    ['guest', slot(0, 0)],
    ['desk', slot(0, below)],
    ['house', slot(0, below * 2)],
    ['next', slot(next, 0)],
  ]);

  it('runs across between columns and straight between facing stacked cards', () => {
    const routes = routeConnections(column, [
      link('1', 'guest', 'next'),
      link('2', 'guest', 'desk'),
      link('3', 'house', 'desk'),
    ]);
    expect([...routes.values()]).toEqual(['across', 'down', 'up']);
  });

  it('goes round by the gutter past a card between, and for a second line between the same two cards', () => {
    const routes = routeConnections(column, [
      link('skip', 'guest', 'house'),
      link('there', 'desk', 'house'),
      link('back', 'house', 'desk'),
    ]);
    expect(routes.get('skip')).toBe('around');
    expect(routes.get('there')).toBe('down');
    expect(routes.get('back')).toBe('around');
  });

  it('keeps the around line in the gutter: off the cards of its own column and of the next', () => {
    const curve = curveBetween(column.get('guest')!, column.get('house')!, 'around');
    const right = column.get('guest')!.x + GRID.cardWidth;
    const gutter = { from: right, to: right + GRID.pad * 2 };
    for (let i = 1; i < 40; i++) {
      const p = pointAt(curve, i / 40);
      expect(p.x).toBeGreaterThan(gutter.from);
      expect(p.x).toBeLessThan(gutter.to);
    }
    expect(pointAt(curve, 0.5).x).toBeCloseTo(right + AROUND_REACH * 0.75);
  });

  it('places both hotel labels clear of the three cards and of each other', () => {
    const c = [
      link('in', 'guest', 'desk'),
      link('inspected', 'house', 'desk', 'room inspected'),
      link('branch', 'guest', 'house', 'room not ready yet'),
    ];
    expect(placedBoxes(column, c).size).toBe(2);
  });
});

describe('computeLayout: room for labels between stacked cards', () => {
  const stage: Stage = { id: 's', title: 'S', order: 0, locked: false } as unknown as Stage;
  const lane: Lane = { id: 'l', title: 'L', kind: 'frontstage', order: 0 } as unknown as Lane;
  const tp = (id: string, order: number) => ({ id, stageId: 's', laneId: 'l', order }) as unknown as Touchpoint;
  const cards = [tp('a', 0), tp('b', 1), tp('c', 2)];

  it('keeps the usual gap without labels and adds room where a labelled connection joins two stacked cards', () => {
    const plain = computeLayout([stage], [lane], cards);
    expect(plain.slots.get('a')).toEqual(slot(GRID.pad, GRID.pad));
    const ya = plain.slots.get('a')!.y;
    expect(plain.slots.get('b')!.y - ya).toBe(GRID.cardHeight + GRID.gap);
    const roomy = computeLayout([stage], [lane], cards, undefined, [{ fromId: 'c', toId: 'b', length: 18 }]);
    expect(roomy.slots.get('b')!.y - ya).toBe(GRID.cardHeight + GRID.gap);
    expect(roomy.slots.get('c')!.y - roomy.slots.get('b')!.y).toBe(GRID.cardHeight + GRID.gap + GRID.labelRoom);
    expect(roomy.rows[0]!.height - plain.rows[0]!.height).toBe(GRID.labelRoom);
    // The label between them fits clear of both cards.
    placedBoxes(roomy.slots, [link('x', 'c', 'b', 'caller still upset')]);
  });

  it('adds no room for a labelled connection between cards that are not stacked next to each other', () => {
    const roomy = computeLayout([stage], [lane], cards, undefined, [{ fromId: 'a', toId: 'c', length: 18 }]);
    const plain = computeLayout([stage], [lane], cards);
    expect(roomy.rows[0]!.height).toBe(plain.rows[0]!.height);
  });

  it('widens the gutter where a labelled connection runs straight across to the card beside it', () => {
    const stages = ['s1', 's2', 's3'].map((id, order) => ({ id, title: id, order, locked: false }) as unknown as Stage);
    const side = [
      { id: 'a', stageId: 's1', laneId: 'l', order: 0 },
      { id: 'b', stageId: 's2', laneId: 'l', order: 0 },
      { id: 'c', stageId: 's3', laneId: 'l', order: 0 },
    ] as unknown as Touchpoint[];
    const plain = computeLayout(stages, [lane], side);
    const label = 'usage falling';
    const wide = computeLayout(stages, [lane], side, undefined, [{ fromId: 'b', toId: 'a', length: label.length }]);
    expect(plain.columns[0]!.width).toBe(GRID.cardWidth + GRID.pad * 2);
    expect(wide.columns[0]!.width).toBeGreaterThan(plain.columns[0]!.width);
    expect(wide.columns[1]!.width).toBe(plain.columns[1]!.width);
    expect(wide.slots.get('a')!.x).toBe(plain.slots.get('a')!.x);
    expect(wide.slots.get('b')!.x - wide.slots.get('a')!.x - GRID.cardWidth).toBeGreaterThanOrEqual(
      labelBox({ x: 0, y: 0 }, 'above', label).width + 16,
    );
    placedBoxes(wide.slots, [link('x', 'b', 'a', label), link('y', 'a', 'b', '')]);
  });
});
