import { describe, expect, it } from 'vitest';
import { GRID, type CardSlot } from '../src/core/layout.js';
import { curveBetween, labelBox, labelPlace, pointAt, type ConnectionRoute } from '../src/core/labels.js';
import type { CardSlot as Slot } from '../src/core/layout.js';

const labelSide = (slots: ReadonlyMap<string, Slot>, a: Slot, b: Slot, route: ConnectionRoute, label: string) =>
  labelPlace(slots, a, b, route, label).side;

const slot = (x: number, y: number): CardSlot => ({ x, y, index: 0 });
const next = GRID.cardWidth + 40;

describe('labelSide', () => {
  it('puts a label right of a mostly vertical line, left when a card of the next column lies there', () => {
    const from = slot(0, 0);
    const to = slot(next, 300);
    const clear = new Map([
      ['a', from],
      ['b', to],
    ]);
    expect(labelSide(clear, from, to, 'across', 'has seen it cheaper')).toBe('right');
    // A card of the target's column beside the middle of the line (y ≈ 198) would cover the label.
    const blocked = new Map([...clear, ['c', slot(next, 120)]]);
    expect(labelSide(blocked, from, to, 'across', 'has seen it cheaper')).toBe('left');
  });

  it('puts a label over a horizontal line, under it when a card lies above; neither line nor card runs through it', () => {
    const from = slot(0, 200);
    const to = slot(next * 2, 200);
    const blocker = slot(next, 150);
    for (const slots of [
      new Map([
        ['a', from],
        ['b', to],
      ]),
      new Map([
        ['a', from],
        ['b', to],
        ['c', blocker],
      ]),
    ]) {
      const place = labelPlace(slots, from, to, 'across', 'successful');
      expect(place.side).toBe(slots.has('c') ? 'below' : 'above');
      const curve = curveBetween(from, to, 'across');
      const box = labelBox(pointAt(curve, place.at), place.side, 'successful');
      const inside = (p: { x: number; y: number }) =>
        p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
      for (let i = 0; i <= 40; i++) expect(inside(pointAt(curve, i / 40))).toBe(false);
      for (const s of slots.values()) {
        const apart =
          s.x >= box.x + box.width ||
          box.x >= s.x + GRID.cardWidth ||
          s.y >= box.y + box.height ||
          box.y >= s.y + GRID.cardHeight;
        expect(apart).toBe(true);
      }
    }
  });

  it('keeps the first side when both are taken', () => {
    const from = slot(0, 0);
    const to = slot(next, 300);
    const both = new Map([
      ['a', from],
      ['b', to],
      ['c', slot(next, 120)],
      ['d', slot(0, 150)],
    ]);
    expect(labelSide(both, from, to, 'across', 'x')).toBe('right');
  });
});
