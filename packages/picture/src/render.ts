import {
  channelLabels,
  laneKindLabels,
  type Channel,
  type Connection,
  type LaneKind,
  type MapSnapshot,
  type Persona,
  type Touchpoint,
} from '@journeycraft/schema';
import { computeLayout, GRID, type CardSlot, type GridLayout, type Row } from './layout.js';
import { curveBetween, labelBox, placeConnections, pointAt } from './connections.js';
import { curves, emotionPoints, smoothPath } from './emotion.js';
import { channelIcons, laneColors } from './colors.js';
import { el, escapeXml, num, svgRoot, textElement, type TextPainter, type TextRun } from './svg.js';
import { ellipsize, textWidth, wrapText, type Weight } from './text.js';

/** A picture of a card or persona, ready to embed: a data URI (or any URL the reader of the SVG may fetch). */
export type ImageSource = (imageId: string) => string | null | undefined;

export interface PictureOptions {
  /** The href of each stored picture (cards and personas); pictures it has no answer for are left out. */
  images?: ImageSource;
  /** How a line of text becomes markup (default: a `<text>` element). */
  paintText?: TextPainter;
  /** A line under the title (default: how many stages, lanes, touchpoints and personas the map has). */
  subtitle?: string;
  /** Draw the title and subtitle at the top (default true; false where a page prints them already). */
  title?: boolean;
}

/**
 * Where the grid lies in a picture (its pixels): the lane headers' column and the stage headers'
 * row, each stage's column and each lane's row, and the legend under it; so a page can show a part
 * of the map with its headers beside it.
 */
export interface PictureGrid {
  /** The lane headers' column: from x, this wide. */
  laneHeaders: { x: number; width: number };
  /** The stage headers' row: from y, this high. */
  stageHeaders: { y: number; height: number };
  columns: Array<{ x: number; width: number }>;
  rows: Array<{ y: number; height: number }>;
  /** The legend band at the bottom (from y to the picture's end), this wide from the left edge. */
  legendTop: number;
  legendWidth: number;
}

/** The map as a picture: SVG markup of shapes, its size in pixels, and where its grid lies. */
export interface MapPicture {
  svg: string;
  width: number;
  height: number;
  grid: PictureGrid;
}

const MARGIN = 32;
const TITLE_BAND = 76;
const INK = '#101828';
const MUTED = '#475467';
const LINE = '#d0d5dd';
const FAINT = '#eaecf0';
const PAIN = '#d92d20';
const TRUTH = '#b54708';
const CARD_IMAGE = 60;
const LEVELS = [2, 1, 0, -1, -2] as const;
const EMOTION_WORDS: Record<(typeof LEVELS)[number], string> = {
  2: 'delighted',
  1: 'pleased',
  0: 'neutral',
  [-1]: 'frustrated',
  [-2]: 'upset',
};

const byOrder = <T extends { order: number; id: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** Everything drawing needs: the layout, the painters, and ids unique to this picture. */
interface Ctx {
  paint: TextPainter;
  images: ImageSource;
  clipCount: number;
  defs: string[];
}

function text(ctx: Ctx, run: Omit<TextRun, 'anchor' | 'weight' | 'fill'> & Partial<TextRun>): string {
  return ctx.paint({ anchor: 'start', weight: 400, fill: INK, ...run });
}

/** Lines of text from `y` (first baseline) down, `lineHeight` apart. */
function lines(
  ctx: Ctx,
  list: readonly string[],
  at: {
    x: number;
    y: number;
    size: number;
    weight?: Weight;
    fill?: string;
    lineHeight: number;
    anchor?: TextRun['anchor'];
  },
): string {
  return list
    .map((t, i) =>
      text(ctx, {
        text: t,
        x: at.x,
        y: at.y + i * at.lineHeight,
        size: at.size,
        weight: at.weight ?? 400,
        fill: at.fill ?? INK,
        anchor: at.anchor ?? 'start',
      }),
    )
    .join('');
}

/** A picture clipped to a rounded rectangle (its aspect kept, cropped to fill). */
function picture(
  ctx: Ctx,
  href: string,
  x: number,
  y: number,
  w: number,
  h: number,
  radius: number,
  label: string,
): string {
  const id = `clip${++ctx.clipCount}`;
  ctx.defs.push(el('clipPath', { id }, el('rect', { x, y, width: w, height: h, rx: radius })));
  return (
    el(
      'image',
      {
        x,
        y,
        width: w,
        height: h,
        href,
        'xlink:href': href,
        preserveAspectRatio: 'xMidYMid slice',
        'clip-path': `url(#${id})`,
      },
      el('title', {}, escapeXml(label)),
    ) + el('rect', { x, y, width: w, height: h, rx: radius, fill: 'none', stroke: LINE })
  );
}

function channelIcon(channel: Channel, x: number, y: number, size: number, color: string): string {
  return el('path', {
    d: channelIcons[channel],
    transform: `translate(${num(x)} ${num(y)}) scale(${num(size / 16)})`,
    fill: 'none',
    stroke: color,
    'stroke-width': 1.5,
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  });
}

/** The red badge of pain points on a card: a triangle and the count. */
function painBadge(ctx: Ctx, count: number, right: number, y: number): string {
  const label = String(count);
  const w = 22 + textWidth(label, 11, 500);
  const x = right - w;
  return (
    el('rect', { x, y, width: w, height: 18, rx: 9, fill: '#fef3f2', stroke: '#fda29b' }) +
    el('path', {
      d: `M${num(x + 10)} ${num(y + 4)} l4.5 8.5 h-9 z`,
      fill: PAIN,
    }) +
    text(ctx, { text: label, x: x + 17, y: y + 13, size: 11, weight: 500, fill: PAIN })
  );
}

/** The amber star of a moment of truth. */
function star(cx: number, cy: number, r: number, fill: string): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r : r * 0.45;
    pts.push(`${num(cx + rr * Math.cos(a))},${num(cy + rr * Math.sin(a))}`);
  }
  return el('polygon', { points: pts.join(' '), fill });
}

function card(ctx: Ctx, t: Touchpoint, slot: CardSlot, kind: LaneKind): string {
  const { x, y } = slot;
  const w = GRID.cardWidth;
  const h = GRID.cardHeight;
  const accent = laneColors[kind];
  const href = t.imageId ? ctx.images(t.imageId) : null;
  const textRight = x + w - 12 - (href ? CARD_IMAGE + 10 : 0);
  const left = x + 14;
  let out = el('rect', {
    x,
    y,
    width: w,
    height: h,
    rx: 10,
    fill: t.momentOfTruth ? '#fffaeb' : '#ffffff',
    stroke: t.momentOfTruth ? '#fec84b' : LINE,
  });
  out += el('rect', { x: x + 1.5, y: y + 8, width: 3, height: h - 16, rx: 1.5, fill: accent });
  const titleWidth = textRight - left - (t.momentOfTruth ? 18 : 0);
  out += lines(ctx, wrapText(t.title, titleWidth, 13, 500, 3), {
    x: left,
    y: y + 22,
    size: 13,
    weight: 500,
    lineHeight: 16,
  });
  if (t.momentOfTruth) out += star(textRight - 7, y + 17, 7, TRUTH);
  if (href)
    out += picture(ctx, href, x + w - 10 - CARD_IMAGE, y + 10, CARD_IMAGE, CARD_IMAGE, 6, `Picture of ${t.title}`);
  // Footer: channel on the left, pain points on the right.
  const footY = y + h - 13;
  out += channelIcon(t.channel, left, footY - 10, 12, MUTED);
  const pains = t.painPoints.length;
  const channelWidth = (href ? x + w - 10 : textRight) - (left + 17) - (pains ? 40 : 0);
  out += text(ctx, {
    text: ellipsize(channelLabels[t.channel], channelWidth, 11),
    x: left + 17,
    y: footY,
    size: 11,
    fill: MUTED,
  });
  if (pains) out += painBadge(ctx, pains, href ? x + w - 10 - CARD_IMAGE - 6 : x + w - 10, footY - 13);
  return el('g', { 'data-kind': 'card', 'data-id': t.id }, out);
}

/** The curves drawn: everyone's (the touchpoints' own scores), then each persona that feels a moment differently. */
function drawnCurves(snap: MapSnapshot): ReturnType<typeof curves> {
  return curves(snap.meta.personas).filter(
    (c) => c.id === null || snap.touchpoints.some((t) => Object.hasOwn(t.personaEmotions, c.id!)),
  );
}

/** The emotion curves (one per persona) drawn in a band `top`..`top + height` across the stage columns. */
function emotionBand(ctx: Ctx, layout: GridLayout, snap: MapSnapshot, top: number, height: number): string {
  const y0 = top + 24;
  const y1 = top + height - 20;
  const yOf = (score: number) => y0 + ((2 - score) / 4) * (y1 - y0);
  let out = '';
  for (const l of LEVELS) {
    out += el('line', {
      x1: GRID.laneWidth,
      x2: layout.width,
      y1: yOf(l),
      y2: yOf(l),
      stroke: l === 0 ? '#98a2b3' : FAINT,
      'stroke-dasharray': l === 0 ? null : '3 5',
    });
    out += text(ctx, {
      text: l > 0 ? `+${l}` : String(l),
      x: GRID.laneWidth + 8,
      y: yOf(l) + 4,
      size: 10,
      fill: MUTED,
    });
  }
  for (const c of drawnCurves(snap)) {
    const points = emotionPoints(layout, snap.touchpoints, c.id).map((p) => ({ x: p.x, y: yOf(p.score) }));
    if (!points.length) continue;
    out += el('path', {
      d: smoothPath(points),
      fill: 'none',
      stroke: c.color,
      'stroke-width': 3,
      'stroke-linecap': 'round',
      'data-kind': 'emotion-curve',
      'data-persona': c.name,
    });
    for (const p of points)
      out += el('circle', { cx: p.x, cy: p.y, r: 4.5, fill: '#ffffff', stroke: c.color, 'stroke-width': 2.5 });
  }
  return el('g', { 'data-kind': 'emotions' }, out);
}

function laneHeader(ctx: Ctx, row: Row): string {
  const color = laneColors[row.lane.kind];
  let out = el('rect', { x: 0, y: row.y, width: GRID.laneWidth, height: row.height, fill: '#f9fafb', stroke: LINE });
  out += el('rect', { x: 0, y: row.y, width: 4, height: row.height, fill: color });
  const titleLines = wrapText(row.lane.title, GRID.laneWidth - 32, 13, 500, 3);
  out += lines(ctx, titleLines, { x: 18, y: row.y + 26, size: 13, weight: 500, lineHeight: 16 });
  if (row.lane.title.trim().toLowerCase() !== laneKindLabels[row.lane.kind].toLowerCase()) {
    out += text(ctx, {
      text: laneKindLabels[row.lane.kind],
      x: 18,
      y: row.y + 26 + titleLines.length * 16 + 2,
      size: 11,
      fill: color,
    });
  }
  return el('g', { 'data-kind': 'lane' }, out);
}

function arrowHead(end: { x: number; y: number }, dir: { x: number; y: number }, color: string): string {
  const back = { x: end.x - dir.x * 9, y: end.y - dir.y * 9 };
  const side = { x: -dir.y * 4.5, y: dir.x * 4.5 };
  return el('path', {
    d: `M${num(end.x)},${num(end.y)} L${num(back.x + side.x)},${num(back.y + side.y)} L${num(back.x - side.x)},${num(back.y - side.y)} Z`,
    fill: color,
  });
}

/** A label's pill centred at `at`, at most `max` wide (its text ellipsized to fit). */
function edgeLabel(ctx: Ctx, label: string, at: { x: number; y: number }, color: string, max = 180): string {
  const t = ellipsize(label, max - 12, 11);
  const w = textWidth(t, 11) + 12;
  return (
    el('rect', { x: at.x - w / 2, y: at.y - 10, width: w, height: 19, rx: 9.5, fill: '#ffffff', stroke: color }) +
    text(ctx, { text: t, x: at.x, y: at.y + 4, size: 11, fill: INK, anchor: 'middle' })
  );
}

/**
 * The connections: lines between cards on the routes the canvas draws them on, labels where the
 * canvas puts them (`placeConnections`: clear of cards, headers, other labels and lines), and a
 * short arrow with its name for a sub-journey that continues on another map.
 */
function connections(ctx: Ctx, layout: GridLayout, list: readonly Connection[]): { lines: string; labels: string } {
  let linesOut = '';
  let labels = '';
  const between = list.filter(
    (c): c is Connection & { toId: string } =>
      c.kind !== 'subjourney' &&
      c.toId !== null &&
      c.toId !== c.fromId &&
      layout.slots.has(c.fromId) &&
      layout.slots.has(c.toId),
  );
  const placed = placeConnections(
    layout.slots,
    between.map((c) => ({ id: c.id, fromId: c.fromId, toId: c.toId, label: c.label })),
  );
  for (const c of list) {
    const from = layout.slots.get(c.fromId);
    if (!from) continue;
    const color = c.kind === 'branch' ? '#7c3aed' : c.kind === 'subjourney' ? '#0e7490' : '#667085';
    if (c.kind === 'subjourney' || c.toId === null) {
      // A sub-journey continues on another map: a short arrow out of the card, and its name.
      const p = { x: from.x + GRID.cardWidth, y: from.y + GRID.cardHeight - 26 };
      const q = { x: p.x + 26, y: p.y };
      linesOut += el('path', {
        d: `M${num(p.x)},${num(p.y)} H${num(q.x)}`,
        stroke: color,
        'stroke-width': 2,
        fill: 'none',
      });
      linesOut += arrowHead(q, { x: 1, y: 0 }, color);
      labels += edgeLabel(
        ctx,
        c.label || 'Sub-journey',
        { x: q.x + 4 + Math.min(180, textWidth(c.label || 'Sub-journey', 11)) / 2 + 6, y: q.y },
        color,
      );
      continue;
    }
    const to = layout.slots.get(c.toId);
    const how = placed.get(c.id);
    if (!to || !how) continue;
    const curve = curveBetween(from, to, how.route);
    const { s, c1, c2, t } = curve;
    linesOut += el('path', {
      d: `M${num(s.x)},${num(s.y)} C${num(c1.x)},${num(c1.y)} ${num(c2.x)},${num(c2.y)} ${num(t.x)},${num(t.y)}`,
      fill: 'none',
      stroke: color,
      'stroke-width': 2,
      'stroke-dasharray': c.kind === 'branch' ? '7 5' : null,
      'data-kind': 'connection',
    });
    // The arrow points along the line's last stretch (from its last control point, or its start).
    const back = Math.hypot(t.x - c2.x, t.y - c2.y) > 0.5 ? c2 : s;
    const len = Math.hypot(t.x - back.x, t.y - back.y) || 1;
    linesOut += arrowHead(t, { x: (t.x - back.x) / len, y: (t.y - back.y) / len }, color);
    if (c.label && how.place) {
      const box = labelBox(pointAt(curve, how.place.at), how.place.side, c.label);
      labels += edgeLabel(ctx, c.label, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, color, box.width);
    }
  }
  return { lines: linesOut, labels };
}

function stickies(ctx: Ctx, layout: GridLayout): string {
  let out = '';
  for (const c of layout.board.clusters.values()) {
    out += el('rect', {
      x: c.x - 1,
      y: c.y,
      width: c.width + 2,
      height: c.height,
      rx: 8,
      fill: '#f2f4f7',
      stroke: '#98a2b3',
      'stroke-dasharray': '4 3',
    });
    out += text(ctx, {
      text: ellipsize(c.cluster.name || 'Unnamed cluster', c.width - 16, 12, 500),
      x: c.x + 8,
      y: c.y + 18,
      size: 12,
      weight: 500,
      fill: c.cluster.name ? INK : MUTED,
    });
  }
  for (const s of layout.board.stickies.values()) {
    out += el('rect', {
      x: s.x,
      y: s.y,
      width: s.width,
      height: s.height,
      rx: 3,
      fill: s.note.color,
      stroke: '#0000001f',
    });
    out += lines(ctx, wrapText(s.note.text, s.width - 14, 11, 400, 4), {
      x: s.x + 7,
      y: s.y + 17,
      size: 11,
      lineHeight: 14,
    });
  }
  return el('g', { 'data-kind': 'stickies' }, out);
}

/** One column of the legend: a heading and rows of a mark and a label. */
interface LegendColumn {
  title: string;
  rows: Array<{ label: string; mark: (x: number, y: number) => string }>;
}

function legendColumns(
  ctx: Ctx,
  snap: MapSnapshot,
  lanes: readonly LaneKind[],
  all: ReturnType<typeof curves>,
  drawn: ReadonlySet<string | null>,
): LegendColumn[] {
  const cols: LegendColumn[] = [];
  cols.push({
    title: 'Lanes',
    rows: lanes.map((k) => ({
      label: laneKindLabels[k],
      mark: (x, y) => el('rect', { x, y: y - 10, width: 14, height: 14, rx: 3, fill: laneColors[k] }),
    })),
  });
  const used = new Set(snap.touchpoints.map((t) => t.channel));
  const channels = (Object.keys(channelLabels) as Channel[]).filter((c) => used.has(c));
  if (channels.length) {
    cols.push({
      title: 'Channels',
      rows: channels.map((c) => ({ label: channelLabels[c], mark: (x, y) => channelIcon(c, x, y - 12, 15, INK) })),
    });
  }
  cols.push({
    title: 'Emotion',
    rows: LEVELS.map((l) => ({
      label: `${l > 0 ? `+${l}` : l === 0 ? '0' : `−${-l}`} ${EMOTION_WORDS[l]}`,
      mark: (x, y) =>
        el('circle', {
          cx: x + 7,
          cy: y - 3,
          r: 5,
          fill: '#ffffff',
          stroke: l > 0 ? '#039855' : l < 0 ? PAIN : '#98a2b3',
          'stroke-width': 2.5,
        }),
    })),
  });
  const personaById = new Map<string, Persona>(snap.meta.personas.map((p) => [p.id, p]));
  cols.push({
    title: snap.meta.personas.length ? 'Personas and their emotion curves' : 'Emotion curve',
    rows: all.map((c) => {
      const persona = c.id ? personaById.get(c.id) : undefined;
      const href = persona?.imageId ? ctx.images(persona.imageId) : null;
      return {
        label:
          c.id === null
            ? 'Everyone (the touchpoints’ own scores)'
            : drawn.has(c.id)
              ? c.name
              : `${c.name} (feels as everyone does)`,
        mark: (x, y) =>
          el('path', {
            d: `M${num(x)},${num(y - 4)} h16`,
            stroke: c.color,
            'stroke-width': 3,
            'stroke-linecap': 'round',
          }) + (href ? picture(ctx, href, x + 20, y - 15, 22, 22, 11, `Photo of ${c.name}`) : ''),
      };
    }),
  });
  const marks: LegendColumn['rows'] = [
    { label: 'Moment of truth', mark: (x, y) => star(x + 7, y - 4, 7, TRUTH) },
    {
      label: 'Pain points on a card (count)',
      mark: (x, y) => el('path', { d: `M${num(x + 7)} ${num(y - 12)} l5.5 10 h-11 z`, fill: PAIN }),
    },
  ];
  if (snap.connections.some((c) => c.kind === 'sequence')) {
    marks.push({
      label: 'Next step',
      mark: (x, y) => el('path', { d: `M${num(x)},${num(y - 4)} h18`, stroke: '#667085', 'stroke-width': 2 }),
    });
  }
  if (snap.connections.some((c) => c.kind === 'branch')) {
    marks.push({
      label: 'Branch',
      mark: (x, y) =>
        el('path', {
          d: `M${num(x)},${num(y - 4)} h18`,
          stroke: '#7c3aed',
          'stroke-width': 2,
          'stroke-dasharray': '5 3',
        }),
    });
  }
  if (snap.connections.some((c) => c.kind === 'subjourney')) {
    marks.push({
      label: 'Continues on another map',
      mark: (x, y) => el('path', { d: `M${num(x)},${num(y - 4)} h18`, stroke: '#0e7490', 'stroke-width': 2 }),
    });
  }
  cols.push({ title: 'Marks', rows: marks });
  return cols;
}

/** Draws the legend's columns left to right from (x, y), wrapping at `maxWidth`; answers the markup and its height. */
function legend(
  ctx: Ctx,
  cols: readonly LegendColumn[],
  x0: number,
  y0: number,
  maxWidth: number,
): { svg: string; height: number; width: number } {
  const ROW = 22;
  let out = text(ctx, { text: 'Legend', x: x0, y: y0 + 16, size: 15, weight: 500 });
  let x = x0;
  let y = y0 + 34;
  let bandHeight = 0;
  let widest = 0;
  for (const col of cols) {
    const markRoom = col.title.startsWith('Personas') ? 48 : 24;
    const w = Math.max(textWidth(col.title, 12, 500), ...col.rows.map((r) => markRoom + textWidth(r.label, 12))) + 36;
    if (x > x0 && x + w > x0 + maxWidth) {
      x = x0;
      y += bandHeight + 12;
      bandHeight = 0;
    }
    let g = text(ctx, { text: col.title, x, y: y + 12, size: 12, weight: 500, fill: MUTED });
    col.rows.forEach((r, i) => {
      const ry = y + 36 + i * ROW;
      g += r.mark(x, ry) + text(ctx, { text: r.label, x: x + markRoom, y: ry, size: 12 });
    });
    out += el('g', { 'data-kind': 'legend-column', 'data-title': col.title }, g);
    bandHeight = Math.max(bandHeight, 24 + col.rows.length * ROW + 8);
    x += w;
    widest = Math.max(widest, x - x0);
  }
  return { svg: el('g', { 'data-kind': 'legend' }, out), height: y - y0 + bandHeight, width: widest };
}

/**
 * Draws the map as a picture of real shapes (no HTML, no foreignObject): its title, the stages ×
 * lanes grid laid out as the canvas lays it out, cards with their title wrapped to Roboto's
 * metrics, channel, pain-point count, moment of truth and picture, the stickies and clusters, the
 * connections with their labels, one emotion curve per persona, and a legend of lanes, channels,
 * emotions, personas and marks. Pure: the same snapshot and options give the same SVG.
 */
export function renderMapPicture(snap: MapSnapshot, options: PictureOptions = {}): MapPicture {
  const ctx: Ctx = {
    paint: options.paintText ?? textElement,
    images: options.images ?? (() => null),
    clipCount: 0,
    defs: [],
  };
  const stages = byOrder(snap.stages);
  const lanes = byOrder(snap.lanes);
  // Labelled connections get room for their label, as on the canvas (the same layout).
  const labelled = snap.connections
    .filter((c) => c.label && c.toId && c.kind !== 'subjourney')
    .map((c) => ({ fromId: c.fromId, toId: c.toId!, length: c.label.length }));
  const layout = computeLayout(
    stages,
    lanes,
    snap.touchpoints,
    { notes: snap.notes, clusters: snap.clusters },
    labelled,
  );
  const laneKind = new Map(lanes.map((l) => [l.id, l.kind]));

  // Everything on the board, so free stickies far from the grid are in the picture too.
  let minX = 0;
  let minY = 0;
  let maxX = layout.width;
  let maxY = layout.height;
  const extend = (r: { x: number; y: number; width: number; height: number }) => {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  };
  for (const s of layout.board.stickies.values()) extend(s);
  for (const c of layout.board.clusters.values()) extend(c);
  if (layout.board.parked) extend(layout.board.parked);
  // A map without an emotion lane gets its curves in a band under the grid.
  const emotionRow = layout.rows.find((r) => r.lane.kind === 'emotions');
  const band =
    !emotionRow && snap.touchpoints.length && stages.length ? { top: maxY + 16, height: GRID.emotionHeight } : null;
  if (band) maxY = band.top + band.height;

  let grid = '';
  // Stage headers and the cells under them.
  for (const col of layout.columns) {
    grid += el('rect', { x: col.x, y: 0, width: col.width, height: GRID.headerHeight, fill: '#f2f4f7', stroke: LINE });
    grid += text(ctx, { text: `Stage ${col.index + 1}`, x: col.x + 14, y: 20, size: 11, fill: MUTED });
    const title = wrapText(col.stage.title, col.width - 28, 15, 500, 2);
    grid += lines(ctx, title, { x: col.x + 14, y: 40, size: 15, weight: 500, lineHeight: 18 });
    for (const row of layout.rows) {
      grid += el('rect', {
        x: col.x,
        y: row.y,
        width: col.width,
        height: row.height,
        fill: row.lane.kind === 'emotions' ? '#fdf2f8' : '#ffffff',
        'fill-opacity': row.lane.kind === 'emotions' ? 0.5 : null,
        stroke: FAINT,
      });
    }
  }
  grid += el('rect', { x: 0, y: 0, width: GRID.laneWidth, height: GRID.headerHeight, fill: '#ffffff', stroke: LINE });
  // The corner names the two axes (in words: Roboto as the PDF embeds it has no arrows).
  grid += text(ctx, { text: 'Stages', x: GRID.laneWidth - 14, y: 26, size: 12, fill: MUTED, anchor: 'end' });
  grid += text(ctx, { text: 'Lanes', x: 18, y: GRID.headerHeight - 14, size: 12, fill: MUTED });
  grid += el('line', { x1: 0, y1: 0, x2: GRID.laneWidth, y2: GRID.headerHeight, stroke: FAINT });
  for (const row of layout.rows) grid += laneHeader(ctx, row);
  if (layout.board.parked) {
    const p = layout.board.parked;
    grid += el('rect', { x: p.x, y: p.y, width: p.width, height: p.height, rx: 8, fill: '#f9fafb', stroke: FAINT });
    grid += text(ctx, {
      text: 'Notes not yet placed in a cell',
      x: p.x + 14,
      y: p.y + 22,
      size: 12,
      weight: 500,
      fill: MUTED,
    });
  }
  if (emotionRow) grid += emotionBand(ctx, layout, snap, emotionRow.y, emotionRow.height);
  if (band) {
    grid += el('rect', {
      x: 0,
      y: band.top,
      width: layout.width,
      height: band.height,
      fill: '#fdf2f8',
      'fill-opacity': 0.5,
      stroke: LINE,
    });
    grid += text(ctx, { text: 'Emotion curve', x: 18, y: band.top + 26, size: 13, weight: 500 });
    grid += emotionBand(ctx, layout, snap, band.top, band.height);
  }
  const edges = connections(ctx, layout, snap.connections);
  grid += edges.lines;
  let cards = '';
  for (const t of snap.touchpoints) {
    const slot = layout.slots.get(t.id);
    if (slot) cards += card(ctx, t, slot, laneKind.get(t.laneId) ?? 'custom');
  }
  grid += el('g', { 'data-kind': 'cards' }, cards);
  grid += stickies(ctx, layout);
  grid += edges.labels;

  const boardWidth = maxX - minX;
  const boardHeight = maxY - minY;
  const kinds = [...new Set(lanes.map((l) => l.kind))];
  const legendCols = legendColumns(
    ctx,
    snap,
    kinds,
    curves(snap.meta.personas),
    new Set(drawnCurves(snap).map((c) => c.id)),
  );
  const contentWidth = Math.max(boardWidth, 880);
  const titleBand = options.title === false ? 0 : TITLE_BAND;
  const legendTop = MARGIN + titleBand + boardHeight + 36;
  const leg = legend(ctx, legendCols, MARGIN, legendTop, contentWidth);
  const width = Math.ceil(Math.max(contentWidth, leg.width) + 2 * MARGIN);
  const height = Math.ceil(legendTop + leg.height + MARGIN);

  const counts = [
    `${stages.length} ${stages.length === 1 ? 'stage' : 'stages'}`,
    `${lanes.length} ${lanes.length === 1 ? 'lane' : 'lanes'}`,
    `${snap.touchpoints.length} ${snap.touchpoints.length === 1 ? 'touchpoint' : 'touchpoints'}`,
  ];
  if (snap.meta.personas.length) counts.push(`personas: ${snap.meta.personas.map((p) => p.name).join(', ')}`);
  const subtitle = options.subtitle ?? `Journey map · ${counts.join(' · ')}`;
  let head = text(ctx, {
    text: ellipsize(snap.meta.title, width - 2 * MARGIN, 26, 500),
    x: MARGIN,
    y: MARGIN + 28,
    size: 26,
    weight: 500,
  });
  head += text(ctx, {
    text: ellipsize(subtitle, width - 2 * MARGIN, 13),
    x: MARGIN,
    y: MARGIN + 52,
    size: 13,
    fill: MUTED,
  });

  const body =
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }) +
    (titleBand ? el('g', { 'data-kind': 'title' }, head) : '') +
    el(
      'g',
      { 'data-kind': 'grid', transform: `translate(${num(MARGIN - minX)} ${num(MARGIN + titleBand - minY)})` },
      grid,
    ) +
    el('line', { x1: MARGIN, x2: width - MARGIN, y1: legendTop - 16, y2: legendTop - 16, stroke: FAINT }) +
    leg.svg;
  const svg = svgRoot(
    width,
    height,
    (ctx.defs.length ? `<defs>${ctx.defs.join('')}</defs>` : '') + body,
    `Journey map: ${snap.meta.title}`,
  );
  const gx = MARGIN - minX;
  const gy = MARGIN + titleBand - minY;
  const where: PictureGrid = {
    laneHeaders: { x: gx, width: GRID.laneWidth },
    stageHeaders: { y: gy, height: GRID.headerHeight },
    columns: layout.columns.map((c) => ({ x: gx + c.x, width: c.width })),
    rows: [
      ...layout.rows.map((r) => ({ y: gy + r.y, height: r.height })),
      // The emotion band under a grid without an emotion lane reads as one more row.
      ...(band ? [{ y: gy + band.top, height: band.height }] : []),
    ],
    legendTop: legendTop - 24,
    legendWidth: Math.min(width, Math.ceil(leg.width + 2 * MARGIN)),
  };
  return { svg, width, height, grid: where };
}
