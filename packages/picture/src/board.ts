import type { Cluster, Note } from '@journeycraft/schema';

/** Sizes of stickies and clusters, in flow units. Two stickies fit side by side in a card's width. */
export const STICKY = {
  width: 110,
  height: 80,
  gap: 6,
  /** A cluster's name bar. */
  clusterHead: 28,
  clusterPad: 5,
  /** Free clusters are two stickies wide. */
  freeColumns: 2,
  /** Space between the grid (and its "add lane" button) and the stickies parked under it. */
  parkedGap: 96,
} as const;

/** A rectangle on the board (flow units). */
export interface BoardRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a sticky is drawn, and why there. */
export interface StickySpot extends BoardRect {
  note: Note;
  /** The cluster it is drawn in (null when on its own, also when its `clusterId` names no cluster). */
  clusterId: string | null;
  where: 'cell' | 'free' | 'parked' | 'cluster';
}

/** Where a cluster is drawn, with its stickies in order. */
export interface ClusterSpot extends BoardRect {
  cluster: Cluster;
  members: Note[];
  where: 'cell' | 'free' | 'parked';
}

/** Everything on the board besides the grid and its cards. */
export interface BoardLayout {
  stickies: Map<string, StickySpot>;
  clusters: Map<string, ClusterSpot>;
  /** The band under the grid where stickies without a place wait; null when none does. */
  parked: BoardRect | null;
}

/** Clusters and loose stickies that share one place (a cell, a stage's parking spot). */
export interface StickyGroup {
  clusters: Array<{ cluster: Cluster; members: Note[] }>;
  loose: Note[];
}

const byCreation = (a: { createdAt: string; id: string }, b: { createdAt: string; id: string }) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const perRow = (width: number) => Math.max(1, Math.floor((width + STICKY.gap) / (STICKY.width + STICKY.gap)));
const rowsHeight = (n: number, cols: number) => {
  const rows = Math.max(1, Math.ceil(n / cols));
  return rows * STICKY.height + (rows - 1) * STICKY.gap;
};

/** Height of a cluster of `n` stickies drawn `width` wide. */
export function clusterHeight(n: number, width: number): number {
  return STICKY.clusterHead + rowsHeight(n, perRow(width - 2 * STICKY.clusterPad)) + STICKY.clusterPad;
}

/** Width of a free cluster. */
export const FREE_CLUSTER_WIDTH =
  2 * STICKY.clusterPad + STICKY.freeColumns * STICKY.width + (STICKY.freeColumns - 1) * STICKY.gap;

/** Height a group needs when drawn `width` wide: its clusters one under another, then its loose stickies. */
export function groupHeight(group: StickyGroup, width: number): number {
  let h = 0;
  for (const c of group.clusters) h += clusterHeight(c.members.length, width) + STICKY.gap * 2;
  if (group.loose.length) h += rowsHeight(group.loose.length, perRow(width));
  else if (h) h -= STICKY.gap * 2;
  return h;
}

function placeCluster(
  out: BoardLayout,
  c: { cluster: Cluster; members: Note[] },
  rect: { x: number; y: number; width: number },
  where: ClusterSpot['where'],
): number {
  const height = clusterHeight(c.members.length, rect.width);
  out.clusters.set(c.cluster.id, { ...rect, height, cluster: c.cluster, members: c.members, where });
  const cols = perRow(rect.width - 2 * STICKY.clusterPad);
  c.members.forEach((note, i) => {
    out.stickies.set(note.id, {
      x: rect.x + STICKY.clusterPad + (i % cols) * (STICKY.width + STICKY.gap),
      y: rect.y + STICKY.clusterHead + Math.floor(i / cols) * (STICKY.height + STICKY.gap),
      width: STICKY.width,
      height: STICKY.height,
      note,
      clusterId: c.cluster.id,
      where: 'cluster',
    });
  });
  return height;
}

/** Draws a group at (x, y), `width` wide: clusters first, then loose stickies in rows. */
export function placeGroup(
  out: BoardLayout,
  group: StickyGroup,
  at: { x: number; y: number; width: number },
  where: 'cell' | 'parked',
): void {
  let y = at.y;
  for (const c of group.clusters) y += placeCluster(out, c, { x: at.x, y, width: at.width }, where) + STICKY.gap * 2;
  const cols = perRow(at.width);
  group.loose.forEach((note, i) => {
    out.stickies.set(note.id, {
      x: at.x + (i % cols) * (STICKY.width + STICKY.gap),
      y: y + Math.floor(i / cols) * (STICKY.height + STICKY.gap),
      width: STICKY.width,
      height: STICKY.height,
      note,
      clusterId: null,
      where,
    });
  });
}

/** Places free clusters and stickies at their own points. */
export function placeFree(out: BoardLayout, group: StickyGroup): void {
  for (const c of group.clusters)
    placeCluster(out, c, { x: c.cluster.x ?? 0, y: c.cluster.y ?? 0, width: FREE_CLUSTER_WIDTH }, 'free');
  for (const note of group.loose)
    out.stickies.set(note.id, {
      x: note.x ?? 0,
      y: note.y ?? 0,
      width: STICKY.width,
      height: STICKY.height,
      note,
      clusterId: null,
      where: 'free',
    });
}

/** Where each sticky and cluster belongs: a cell, a free point, or parked under a stage ('' = the whole journey). */
export interface BoardGroups {
  cells: Map<string, StickyGroup>;
  free: StickyGroup;
  parked: Map<string, StickyGroup>;
}

const emptyGroup = (): StickyGroup => ({ clusters: [], loose: [] });

/**
 * Sorts stickies and clusters into their places. `cellKeyOf` answers the cell key of a stage and
 * lane when that cell takes stickies (both exist, not the emotion lane), `hasStage` whether a
 * stage exists. Creation order within each place.
 */
export function groupBoard(
  notes: readonly Note[],
  clusters: readonly Cluster[],
  cellKeyOf: (stageId: string | null, laneId: string | null) => string | null,
  hasStage: (stageId: string | null) => boolean,
): BoardGroups {
  const out: BoardGroups = { cells: new Map(), free: emptyGroup(), parked: new Map() };
  const groupAt = (rec: { stageId: string | null; laneId: string | null; x: number | null; y: number | null }) => {
    const key = cellKeyOf(rec.stageId, rec.laneId);
    if (key !== null) {
      let g = out.cells.get(key);
      if (!g) out.cells.set(key, (g = emptyGroup()));
      return g;
    }
    if (rec.x !== null && rec.y !== null) return out.free;
    const stage = rec.stageId !== null && hasStage(rec.stageId) ? rec.stageId : '';
    let g = out.parked.get(stage);
    if (!g) out.parked.set(stage, (g = emptyGroup()));
    return g;
  };
  const members = new Map<string, Note[]>();
  const clusterIds = new Set(clusters.map((c) => c.id));
  const sorted = [...notes].sort(byCreation);
  for (const n of sorted) {
    if (n.clusterId !== null && clusterIds.has(n.clusterId)) {
      const list = members.get(n.clusterId);
      if (list) list.push(n);
      else members.set(n.clusterId, [n]);
    }
  }
  for (const c of [...clusters].sort(byCreation)) {
    const list = members.get(c.id);
    // A cluster without stickies (its last one was refused or removed elsewhere) is not drawn.
    if (list) groupAt(c).clusters.push({ cluster: c, members: list });
  }
  for (const n of sorted) if (n.clusterId === null || !clusterIds.has(n.clusterId)) groupAt(n).loose.push(n);
  return out;
}
