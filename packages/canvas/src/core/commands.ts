import {
  batch,
  createRecord,
  deleteToTrash,
  deletionImpact,
  docView,
  insertCopies,
  mayChangeMeta,
  mayDelete,
  moveToIndex,
  moveTouchpoint,
  nextOrder,
  readRecords,
  type DeleteTarget,
  type DeletionCounts,
  type MapStore,
  type PolicyPrincipal,
  type RecordBundle,
  type TxOrigin,
} from '@journeycraft/doc';
import {
  LaneKind,
  laneKindLabels,
  type Assignment,
  type Connection,
  type Requirement,
  type Touchpoint,
} from '@journeycraft/schema';
import { GRID, cellAt, cellKey, indexInCell, laneIndexAt, stageIndexAt, type GridLayout } from './layout.js';

/**
 * The canvas's commands, framework-free: each takes the map's doc and the person's origin (so
 * undo stays per user), writes through @journeycraft/doc, and returns what the UI needs next
 * (new ids to select, a message to show). No React here: the canvas wires them to its hooks.
 */
export type MapDoc = MapStore['doc'];

/** A touchpoint in `stageId` × `laneId`, last in its cell. Returns its id. */
export function addTouchpoint(doc: MapDoc, origin: TxOrigin, stageId: string, laneId: string): string {
  return createRecord(
    doc,
    'touchpoints',
    { stageId, laneId, title: 'New touchpoint', order: nextOrder(doc, 'touchpoints') },
    origin,
  ).id;
}

/** A stage after the others, named by its position ("Stage 4"). Returns its id. */
export function addStage(doc: MapDoc, origin: TxOrigin): string {
  const n = readRecords(doc, 'stages').length;
  return createRecord(doc, 'stages', { title: `Stage ${n + 1}`, order: nextOrder(doc, 'stages') }, origin).id;
}

/** A lane after the others, of the first standard kind the map does not have yet (else custom). Returns its id. */
export function addLane(doc: MapDoc, origin: TxOrigin): string {
  const used = new Set(readRecords(doc, 'lanes').map((l) => l.kind));
  const kind = LaneKind.options.find((k) => k !== 'custom' && !used.has(k)) ?? 'custom';
  return createRecord(
    doc,
    'lanes',
    { title: kind === 'custom' ? 'New lane' : laneKindLabels[kind], kind, order: nextOrder(doc, 'lanes') },
    origin,
  ).id;
}

/** A card dropped with its top-left corner at `x`, `y` (flow coordinates). */
export interface CardDrop {
  id: string;
  x: number;
  y: number;
}

/**
 * Moves dropped cards into the cells under their centres, in one transaction (one undo step),
 * at the stack position they were dropped on. Cards dropped on the emotion lane or outside
 * stay; cards dropped into a stage a facilitator locked stay unless `canEditLocked`, and the
 * returned messages say why. A card dropped back onto its own slot writes nothing.
 */
export function dropCards(
  doc: MapDoc,
  origin: TxOrigin,
  layout: GridLayout,
  drops: readonly CardDrop[],
  canEditLocked: boolean,
): { moved: string[]; refused: string[] } {
  const moving = new Set(drops.map((d) => d.id));
  const moved: string[] = [];
  const refused: string[] = [];
  const cells = new Map(readRecords(doc, 'touchpoints').map((t) => [t.id, t]));
  const placed = new Map<string, number>();
  batch(doc, origin, () => {
    const sorted = [...drops].sort((a, b) => a.y - b.y || a.x - b.x);
    for (const d of sorted) {
      const center = { x: d.x + GRID.cardWidth / 2, y: d.y + GRID.cardHeight / 2 };
      const cell = cellAt(layout, center);
      if (!cell || cell.row.lane.kind === 'emotions') continue;
      if (!canEditLocked && cell.column.stage.locked) {
        refused.push(`“${cell.column.stage.title}” is locked by a facilitator.`);
        continue;
      }
      // Cards dropped together keep their order in the cell they land in (top to bottom).
      const key = cellKey(cell.stageId, cell.laneId);
      const after = placed.get(key);
      const index = Math.max(indexInCell(layout, cell, center, moving), after === undefined ? 0 : after + 1);
      placed.set(key, index);
      const tp = cells.get(d.id);
      if (!tp) continue;
      const slot = layout.slots.get(d.id);
      if (tp.stageId === cell.stageId && tp.laneId === cell.laneId && slot?.index === index) continue;
      moveTouchpoint(doc, d.id, { stageId: cell.stageId, laneId: cell.laneId, index }, origin);
      moved.push(d.id);
    }
  });
  return { moved, refused: [...new Set(refused)] };
}

/**
 * Moves a stage (by the x of its dropped header's left edge) or a lane (by the y of its top
 * edge) to the position its centre was dropped on. Returns true when the order changed.
 */
export function dropHeader(
  doc: MapDoc,
  origin: TxOrigin,
  layout: GridLayout,
  header: { kind: 'stages'; id: string; x: number } | { kind: 'lanes'; id: string; y: number },
): boolean {
  if (header.kind === 'stages') {
    const col = layout.columns.find((c) => c.stage.id === header.id);
    if (!col) return false;
    const index = stageIndexAt(layout, header.id, header.x + col.width / 2);
    if (index === col.index) return false;
    moveToIndex(doc, 'stages', header.id, index, origin);
    return true;
  }
  const row = layout.rows.find((r) => r.lane.id === header.id);
  if (!row) return false;
  const index = laneIndexAt(layout, header.id, header.y + row.height / 2);
  if (index === row.index) return false;
  moveToIndex(doc, 'lanes', header.id, index, origin);
  return true;
}

/**
 * Connects two cards with a "next step" connection. Returns its id, or null when there is
 * nothing to do (a card to itself, a missing end, or the same connection already there).
 */
export function connectCards(
  doc: MapDoc,
  origin: TxOrigin,
  connections: readonly Connection[],
  fromId: string | null | undefined,
  toId: string | null | undefined,
): string | null {
  if (!fromId || !toId || fromId === toId) return null;
  if (connections.some((x) => x.fromId === fromId && x.toId === toId)) return null;
  return createRecord(doc, 'connections', { fromId, toId, kind: 'sequence' }, origin).id;
}

/** What a copy of some cards takes along: the cards, the connections between them, their roles and competencies. */
export interface CardRecords {
  touchpoints: readonly Touchpoint[];
  connections: readonly Connection[];
  assignments: readonly Assignment[];
  requirements: readonly Requirement[];
}

/**
 * The records of the cards `ids`: the cards, their assignments and requirements, and the
 * connections among them (`openEnded`: also connections from them that point nowhere).
 */
export function cardBundle(records: CardRecords, ids: ReadonlySet<string>, openEnded: boolean): RecordBundle {
  return {
    touchpoints: records.touchpoints.filter((t) => ids.has(t.id)),
    connections: records.connections.filter(
      (c) => ids.has(c.fromId) && (c.toId === null ? openEnded : ids.has(c.toId)),
    ),
    assignments: records.assignments.filter((a) => ids.has(a.touchpointId)),
    requirements: records.requirements.filter((r) => ids.has(r.touchpointId)),
  };
}

/** Copied cards with where they sat (stage and lane positions), so a paste can keep their arrangement. */
export interface Clip {
  bundle: RecordBundle;
  count: number;
  stageIndex: Map<string, number>;
  laneIndex: Map<string, number>;
  anchor: { stage: number; lane: number };
}

/** A clip of the cards `ids` (null when none of them exists). */
export function copyCards(records: CardRecords, layout: GridLayout, ids: readonly string[]): Clip | null {
  const set = new Set(ids);
  const bundle = cardBundle(records, set, true);
  const first = bundle.touchpoints?.[0] as Touchpoint | undefined;
  if (!first) return null;
  const stageIndex = new Map(layout.columns.map((c) => [c.stage.id, c.index]));
  const laneIndex = new Map(layout.rows.map((r) => [r.lane.id, r.index]));
  return {
    bundle,
    count: bundle.touchpoints!.length,
    stageIndex,
    laneIndex,
    anchor: { stage: stageIndex.get(first.stageId) ?? 0, lane: laneIndex.get(first.laneId) ?? 0 },
  };
}

/**
 * Pastes a clip (possibly from another map) so its first card lands in the cell under `at`
 * (flow coordinates; null: where it came from), the others keeping their offsets, clamped to
 * the grid. Returns the new cards' ids, or an error message when the map has no cell yet.
 */
export function pasteClip(
  doc: MapDoc,
  origin: TxOrigin,
  layout: GridLayout,
  clip: Clip,
  at: { x: number; y: number } | null,
): { ids: string[] } | { error: string } {
  if (!layout.columns.length || !layout.rows.length) return { error: 'Add a stage and a lane before pasting.' };
  const target = at ? cellAt(layout, at, false) : null;
  const dS = target ? target.column.index - clip.anchor.stage : 0;
  const dL = target ? target.row.index - clip.anchor.lane : 0;
  const clampIdx = (i: number, n: number) => Math.max(0, Math.min(n - 1, i));
  const ids = insertCopies(doc, clip.bundle, origin, (cell) => {
    const si = clampIdx((clip.stageIndex.get(cell.stageId) ?? 0) + dS, layout.columns.length);
    const li = clampIdx((clip.laneIndex.get(cell.laneId) ?? 0) + dL, layout.rows.length);
    return { stageId: layout.columns[si]!.stage.id, laneId: layout.rows[li]!.lane.id };
  });
  return { ids: (clip.bundle.touchpoints ?? []).map((t) => ids.get(t.id!)).filter((x): x is string => !!x) };
}

/** Copies the cards `ids` in place (after the others of their cells). Returns the copies' ids, in the same order. */
export function duplicateCards(doc: MapDoc, origin: TxOrigin, records: CardRecords, ids: readonly string[]): string[] {
  if (!ids.length) return [];
  const copies = insertCopies(doc, cardBundle(records, new Set(ids), false), origin);
  return ids.map((id) => copies.get(id)).filter((x): x is string => !!x);
}

/** The ids of the cards whose title, description, goal or pain points contain `query` (any case); null for no query. */
export function searchCards(touchpoints: readonly Touchpoint[], query: string): string[] | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  return touchpoints
    .filter((t) => [t.title, t.description, t.customerGoal, ...t.painPoints].some((s) => s.toLowerCase().includes(q)))
    .map((t) => t.id);
}

/** Counted message for a number of cards: "1 touchpoint", "3 touchpoints". */
export function touchpointCount(n: number): string {
  return n === 1 ? '1 touchpoint' : `${n} touchpoints`;
}

/** Kinds whose deletion takes other records along: the canvas asks before deleting them. */
export const ASKS_FIRST: ReadonlySet<DeleteTarget['kind']> = new Set(['stages', 'lanes', 'roles', 'persona']);

/**
 * What the selection deletes: the selected connection, cards, stage and lane headers (node
 * ids `stage:…`, `lane:…`), with a label naming them ("touchpoint “A” and stage “B”").
 */
export function selectionTargets(
  store: Pick<MapStore, 'getRecord'>,
  selected: Iterable<string>,
  selectedEdge: string | null,
): { targets: DeleteTarget[]; label: string } {
  const targets: DeleteTarget[] = [];
  const labels: string[] = [];
  if (selectedEdge) {
    targets.push({ kind: 'connections', id: selectedEdge });
    labels.push('a connection');
  }
  const all = [...selected];
  const cards = all.filter((id) => !id.includes(':') && store.getRecord('touchpoints', id));
  for (const id of cards) targets.push({ kind: 'touchpoints', id });
  if (cards.length === 1) labels.push(`touchpoint “${store.getRecord('touchpoints', cards[0]!)!.title}”`);
  else if (cards.length) labels.push(`${cards.length} touchpoints`);
  for (const id of all) {
    if (id.startsWith('stage:')) {
      const s = store.getRecord('stages', id.slice(6));
      if (!s) continue;
      targets.push({ kind: 'stages', id: s.id });
      labels.push(`stage “${s.title}”`);
    } else if (id.startsWith('lane:')) {
      const l = store.getRecord('lanes', id.slice(5));
      if (!l) continue;
      targets.push({ kind: 'lanes', id: l.id });
      labels.push(`lane “${l.title}”`);
    }
  }
  return { targets, label: labels.join(' and ') };
}

/** A deletion the edit policy allows, before it runs: confirm first when `confirm`. */
export interface DeletePlan {
  targets: DeleteTarget[];
  label: string;
  counts: DeletionCounts;
  /** Something else goes with it (a stage's cards, a role's assignments): ask first. */
  confirm: boolean;
  /** Why the policy kept some of the wanted targets (already de-duplicated), for a notice. */
  refused: string[];
}

/**
 * Asks the edit policy (the server's) about each wanted target: what it refuses is left out,
 * and `refused` says why. Null when nothing is left to delete (`refusedOnly` still says why).
 */
export function planDelete(
  doc: MapDoc,
  principal: PolicyPrincipal,
  wanted: readonly DeleteTarget[],
  label: string,
): { plan: DeletePlan | null; refused: string[] } {
  const view = docView(doc);
  const refused: string[] = [];
  const targets = wanted.filter((t) => {
    const verdict =
      t.kind === 'persona'
        ? mayChangeMeta(principal, view, { personas: [] })
        : mayDelete(principal, view, t.kind, t.id);
    if (!verdict.ok) refused.push(verdict.reason);
    return verdict.ok;
  });
  const why = [...new Set(refused)];
  if (!targets.length) return { plan: null, refused: why };
  const named = targets.length < wanted.length ? `${targets.length} of the ${wanted.length} selected` : label;
  return {
    plan: {
      targets,
      label: named,
      counts: deletionImpact(doc, targets),
      confirm: targets.some((t) => ASKS_FIRST.has(t.kind)),
      refused: why,
    },
    refused: why,
  };
}

/** Runs a planned deletion into the map's trash (anyone can undo it). True when something was deleted. */
export function runDelete(
  doc: MapDoc,
  origin: TxOrigin,
  plan: Pick<DeletePlan, 'targets' | 'label'>,
  by: string,
): boolean {
  return deleteToTrash(doc, plan.targets, plan.label, by, origin) !== null;
}
