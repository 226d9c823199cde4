import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { MapSnapshotSchema, SCHEMA_VERSION, type MapSnapshot } from '@journeycraft/schema';
import {
  GRID,
  boldTextElement,
  computeLayout,
  ellipsize,
  escapeXml,
  curves,
  renderMapPicture,
  textWidth,
  wrapText,
  type TextRun,
} from '@journeycraft/picture';

const at = '2026-01-01T00:00:00.000Z';

function map(overrides: Partial<Record<keyof MapSnapshot, unknown>> = {}): MapSnapshot {
  return MapSnapshotSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    meta: {
      id: 'm1',
      title: 'Billing journey',
      personas: [
        { id: 'p1', name: 'Busy parent', color: '#2563eb', imageId: 'img-p' },
        { id: 'p2', name: 'Student', color: '#16a34a' },
      ],
      createdAt: at,
      updatedAt: at,
    },
    stages: [
      { id: 's2', title: 'Pay the bill', order: 2 },
      { id: 's1', title: 'Receive the bill', order: 1 },
    ],
    lanes: [
      { id: 'l1', kind: 'touchpoints', title: 'Touchpoints', order: 1 },
      { id: 'l2', kind: 'backstage', title: 'Billing team', order: 2 },
      { id: 'l3', kind: 'emotions', title: 'Feelings', order: 3 },
    ],
    touchpoints: [
      {
        id: 't1',
        stageId: 's1',
        laneId: 'l1',
        title: 'Bill arrives by email with a very long title that has to wrap over several lines of the card',
        channel: 'email',
        emotion: -1,
        personaEmotions: { p1: -2 },
        painPoints: ['Too many pages', 'Jargon'],
        momentOfTruth: true,
        imageId: 'img-t1',
      },
      { id: 't2', stageId: 's2', laneId: 'l1', title: 'Pays in the app', channel: 'mobile_app', emotion: 2, order: 1 },
      { id: 't3', stageId: 's2', laneId: 'l2', title: 'Payment reconciled', channel: 'other' },
    ],
    connections: [{ id: 'c1', fromId: 't1', toId: 't2', label: 'next day' }],
    roles: [],
    assignments: [],
    competencies: [],
    requirements: [],
    checklistItems: [],
    comments: [],
    notes: [{ id: 'n1', stageId: 's1', laneId: 'l2', text: 'Why two letters?', createdAt: at }],
    clusters: [],
    votes: [],
    ...overrides,
  });
}

const images = (id: string) =>
  ({ 'img-t1': 'data:image/png;base64,AAAA', 'img-p': 'data:image/jpeg;base64,BBBB' })[id] ?? null;

/** The text content of every <text> element, in order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

/** A well-formedness check: every tag closes in order, attribute values are quoted, no stray markup. */
function assertWellFormed(svg: string) {
  const stack: string[] = [];
  const rest = svg.replace(
    /<(\/?)([a-zA-Z:]+)((?:\s+[a-zA-Z0-9:-]+="[^"<]*")*)\s*(\/?)>/g,
    (_m, close, name, _a, self) => {
      if (close) expect(stack.pop()).toBe(name);
      else if (!self) stack.push(name);
      return '';
    },
  );
  expect(stack).toEqual([]);
  expect(rest).not.toMatch(/[<>]/);
}

describe('renderMapPicture', () => {
  it('draws the map as shapes: title, stages in order, lanes, cards, stickies, connections, curves and a legend', () => {
    const { svg, width, height } = renderMapPicture(map(), { images });
    assertWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain(`width="${width}" height="${height}"`);
    expect(svg).not.toMatch(/foreignObject|<div|<script/i);
    const t = texts(svg);
    expect(t[0]).toBe('Billing journey');
    expect(t.indexOf('Receive the bill')).toBeLessThan(t.indexOf('Pay the bill'));
    for (const s of [
      'Touchpoints',
      'Billing team',
      'Feelings',
      'Pays in the app',
      'Payment reconciled',
      'Why two letters?',
    ])
      expect(t).toContain(s);
    // The long title is wrapped into lines that each fit the card (and cut with an ellipsis at three).
    const wrapped = t.filter(
      (x) =>
        'Bill arrives by email with a very long title that has to wrap'.includes(x.replace('…', '')) || x.endsWith('…'),
    );
    expect(wrapped.length).toBeGreaterThanOrEqual(2);
    // Channel label, pain-point count, the picture and the moment-of-truth star.
    expect(t).toContain('Email');
    expect(t).toContain('2');
    expect(svg).toContain('href="data:image/png;base64,AAAA"');
    expect(svg).toMatch(/<polygon points=/);
    // The connection and its label.
    expect(svg.match(/data-kind="connection"/g)).toHaveLength(1);
    expect(t).toContain('next day');
    // One curve for everyone and one for the persona with scores of its own (not the other).
    const personas = [...svg.matchAll(/data-kind="emotion-curve" data-persona="([^"]+)"/g)].map((m) => m[1]);
    expect(personas).toEqual(['Everyone', 'Busy parent']);
    // The legend: lanes present, channels used, emotions, curves with the persona photo, marks.
    const legend = [...svg.matchAll(/data-kind="legend-column" data-title="([^"]+)"/g)].map((m) => m[1]);
    expect(legend).toEqual(['Lanes', 'Channels', 'Emotion', 'Personas and their emotion curves', 'Marks']);
    for (const s of [
      'Backstage',
      'Mobile app',
      '−2 upset',
      '+2 delighted',
      'Busy parent',
      'Moment of truth',
      'Next step',
    ])
      expect(t).toContain(s);
    expect(t).not.toContain('Chat');
    expect(svg).toContain('href="data:image/jpeg;base64,BBBB"');
  });

  it('places cards where the shared grid layout puts them', () => {
    const snap = map();
    const { svg } = renderMapPicture(snap);
    const layout = computeLayout(
      [...snap.stages].sort((a, b) => a.order - b.order),
      [...snap.lanes].sort((a, b) => a.order - b.order),
      snap.touchpoints,
      { notes: snap.notes, clusters: snap.clusters },
      snap.connections.map((c) => ({ fromId: c.fromId, toId: c.toId!, length: c.label.length })),
    );
    for (const t of snap.touchpoints) {
      const slot = layout.slots.get(t.id)!;
      const group = svg.match(
        new RegExp(`<g data-kind="card" data-id="${t.id}"><rect x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)"`),
      )!;
      expect([Number(group[1]), Number(group[2]), Number(group[3])]).toEqual([slot.x, slot.y, GRID.cardWidth]);
    }
  });

  it('puts connection labels where the canvas does, clear of every card and of each other', () => {
    // Two lines each way between the same stacked cards with a third card between them (they take
    // the gutter), and a line across: the canvas found the spots; a label in the middle of the
    // gutter route lay half over the cards.
    const snap = map({
      touchpoints: [
        { id: 't1', stageId: 's1', laneId: 'l1', title: 'Gives name and card at the desk', order: 1 },
        { id: 't4', stageId: 's1', laneId: 'l1', title: 'Waits in the lobby', order: 2 },
        { id: 't3', stageId: 's1', laneId: 'l2', title: 'Housekeeping marks the room inspected', order: 1 },
        { id: 't2', stageId: 's2', laneId: 'l1', title: 'Orders dinner', order: 1 },
      ],
      connections: [
        { id: 'c1', fromId: 't3', toId: 't1', label: 'room inspected' },
        { id: 'c2', fromId: 't1', toId: 't3', label: 'room not ready yet', kind: 'branch' },
        { id: 'c3', fromId: 't1', toId: 't2', label: 'next morning' },
      ],
      notes: [],
    });
    const { svg } = renderMapPicture(snap);
    const boxes = (re: RegExp) =>
      [...svg.matchAll(re)].map((m) => ({ x: +m[1]!, y: +m[2]!, width: +m[3]!, height: +m[4]! }));
    const cards = boxes(
      /<g data-kind="card" data-id="[^"]+"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/g,
    );
    const labels = boxes(
      /<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" rx="9.5" fill="#ffffff"/g,
    );
    expect(cards).toHaveLength(4);
    expect(labels).toHaveLength(3);
    const apart = (a: (typeof cards)[0], b: (typeof cards)[0]) =>
      a.x >= b.x + b.width || b.x >= a.x + a.width || a.y >= b.y + b.height || b.y >= a.y + a.height;
    for (const [i, label] of labels.entries()) {
      for (const card of cards)
        expect(apart(label, card), `label ${i} clear of the card at ${card.x},${card.y}`).toBe(true);
      for (const other of labels.slice(i + 1)) expect(apart(label, other)).toBe(true);
    }
  });

  it("gives everyone's curve a colour no persona has (the legend showed two pink curves)", () => {
    const persona = (id: string, color: string) => ({
      id,
      name: id,
      color,
      description: '',
      attributes: {},
      imageId: null,
    });
    expect(curves([persona('a', '#2563eb')])[0]!.color).toBe('#db2777');
    const taken = curves([persona('a', '#2563eb'), persona('b', '#DB2777')]);
    expect(taken.map((c) => c.name)).toEqual(['Everyone', 'a', 'b']);
    expect(new Set(taken.map((c) => c.color.toLowerCase())).size).toBe(3);
  });

  it('escapes user text and drops characters XML cannot carry', () => {
    const evil = '<script>alert("x")</script> & \'q\' \u0001\u0008 ok';
    const snap = map();
    snap.meta.title = evil;
    snap.stages[0]!.title = '</text><foreignObject>';
    snap.notes[0]!.text = 'a & b <i>';
    snap.connections[0]!.label = '"><script>';
    const { svg } = renderMapPicture(snap);
    assertWellFormed(svg);
    expect(svg).not.toMatch(/<script|<foreignObject|<i>/);
    expect(svg.includes('\u0001')).toBe(false);
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;  ok');
    expect(escapeXml('a\uD800b\uFFFEc')).toBe('abc');
  });

  it('leaves out pictures it is not given, and is the same for the same input', () => {
    const a = renderMapPicture(map());
    expect(a.svg).not.toContain('<image');
    expect(renderMapPicture(map()).svg).toBe(a.svg);
  });

  it('draws the emotion curve under the grid when the map has no emotion lane', () => {
    const snap = map();
    snap.lanes = snap.lanes.filter((l) => l.kind !== 'emotions');
    const { svg } = renderMapPicture(snap);
    expect(texts(svg)).toContain('Emotion curve');
    expect(svg).toMatch(/data-kind="emotion-curve" data-persona="Everyone"/);
  });

  it('draws an empty map with its title and legend', () => {
    const { svg, width } = renderMapPicture(
      map({ stages: [], lanes: [], touchpoints: [], connections: [], notes: [] }),
    );
    assertWellFormed(svg);
    expect(texts(svg)).toContain('Billing journey');
    expect(svg).toContain('data-kind="legend"');
    expect(width).toBeGreaterThanOrEqual(880);
  });

  it('takes another text painter (outlines on the server, bold for PDF)', () => {
    const runs: TextRun[] = [];
    const { svg } = renderMapPicture(map(), {
      paintText: (r) => {
        runs.push(r);
        return '<path d="M0 0"/>';
      },
    });
    expect(svg).not.toContain('<text');
    expect(runs.some((r) => r.text === 'Billing journey' && r.weight === 500 && r.size === 26)).toBe(true);
    expect(boldTextElement({ text: 'T', x: 1, y: 2, size: 12, weight: 500, fill: '#000', anchor: 'middle' })).toBe(
      '<text x="1" y="2" font-size="12" font-weight="bold" fill="#000" text-anchor="middle">T</text>',
    );
  });
});

describe('text measure', () => {
  const require = createRequire(import.meta.url);
  const fontkit = require('fontkit') as {
    create(b: Buffer): { unitsPerEm: number; layout(t: string): { advanceWidth: number } };
  };
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;

  it("measures with Roboto's own advance widths", () => {
    for (const [file, weight] of [
      ['Roboto-Regular.ttf', 400],
      ['Roboto-Medium.ttf', 500],
    ] as const) {
      const font = fontkit.create(Buffer.from(vfs[file]!, 'base64'));
      for (const s of ['Customer calls the help line', 'Ärger über Gebühren', 'Жалоба', 'WAVE 1.0 — €20']) {
        const real = (font.layout(s).advanceWidth / font.unitsPerEm) * 14;
        expect(Math.abs(textWidth(s, 14, weight) - real) / real).toBeLessThan(0.03);
      }
    }
    expect(textWidth('iiii', 12)).toBeLessThan(textWidth('WWWW', 12));
  });

  it('wraps to the width, breaks words too long for a line, and cuts with an ellipsis', () => {
    const lines = wrapText('The customer waits on hold for the billing team to answer', 120, 13);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(textWidth(l, 13)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe('The customer waits on hold for the billing team to answer');
    const long = wrapText('Supercalifragilisticexpialidocious', 60, 13);
    expect(long.length).toBeGreaterThan(1);
    expect(long.join('')).toBe('Supercalifragilisticexpialidocious');
    const cut = wrapText('one two three four five six seven eight nine ten', 60, 13, 400, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
    expect(textWidth(cut[1]!, 13)).toBeLessThanOrEqual(60);
    expect(ellipsize('short', 100, 12)).toBe('short');
    expect(ellipsize('a rather long label indeed', 60, 12).endsWith('…')).toBe(true);
  });
});
