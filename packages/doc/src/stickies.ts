import type * as Y from 'yjs';
import { ErrorCode, JourneycraftError, type Cluster, type Note, type Touchpoint } from '@journeycraft/schema';
import { batch } from './edit.js';
import { readRecord, readRecords } from './read.js';
import { createRecord, deleteRecord, nextOrder, updateRecord } from './write.js';
import type { TxOrigin } from './origin.js';

/**
 * Stickies on the board: workshop notes placed in a stage × lane cell, free on the board or in
 * a named cluster, and turned into cards. Every mutation is one transaction (one undo step).
 */

/** Where a sticky (or a cluster) sits: a cell, a free point of the board, or (stickies only) a cluster. */
export type BoardPlace =
  | { readonly stageId: string; readonly laneId: string }
  | { readonly x: number; readonly y: number }
  | { readonly clusterId: string };

/** Who writes a sticky: the session's name and key (null for a workspace member). */
export interface StickyAuthor {
  readonly name: string | null;
  readonly key: string | null;
}

type PlaceFields = Pick<Note, 'stageId' | 'laneId' | 'x' | 'y' | 'clusterId'>;

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new JourneycraftError(ErrorCode.NotFound, `${what} no longer exists`);
  return value;
};

/** The position fields of a place; a cluster's stickies share its cell (so they go with its stage). */
function placeFields(doc: Y.Doc, place: BoardPlace): PlaceFields {
  if ('clusterId' in place) {
    const c = need(readRecord(doc, 'clusters', place.clusterId), 'the cluster');
    return { stageId: c.stageId, laneId: c.laneId, x: null, y: null, clusterId: c.id };
  }
  if ('stageId' in place) return { stageId: place.stageId, laneId: place.laneId, x: null, y: null, clusterId: null };
  return { stageId: null, laneId: null, x: Math.round(place.x), y: Math.round(place.y), clusterId: null };
}

/** Deletes a cluster nobody sits in any more (a cluster of one stays: it may have a name). */
function dropIfEmpty(doc: Y.Doc, clusterId: string | null, origin: TxOrigin): void {
  if (!clusterId || !readRecord(doc, 'clusters', clusterId)) return;
  if (readRecords(doc, 'notes').some((n) => n.clusterId === clusterId)) return;
  deleteRecord(doc, 'clusters', clusterId, origin);
}

/** Puts a new sticky on the board, written by `author`. */
export function addSticky(
  doc: Y.Doc,
  input: { text: string; color?: string; place: BoardPlace; author: StickyAuthor },
  origin: TxOrigin,
): Note {
  return createRecord(
    doc,
    'notes',
    {
      text: input.text,
      ...(input.color ? { color: input.color } : {}),
      ...placeFields(doc, input.place),
      authorName: input.author.name,
      authorKey: input.author.key,
      createdAt: new Date().toISOString(),
    },
    origin,
  );
}

/** Moves a sticky to a cell, a point or a cluster; a cluster it leaves empty goes. */
export function moveSticky(doc: Y.Doc, id: string, place: BoardPlace, origin: TxOrigin): Note {
  const before = need(readRecord(doc, 'notes', id), 'the sticky');
  return batch(doc, origin, () => {
    const note = updateRecord(doc, 'notes', id, placeFields(doc, place), origin);
    if (before.clusterId !== note.clusterId) dropIfEmpty(doc, before.clusterId, origin);
    return note;
  });
}

/**
 * Clusters sticky `id` with sticky `ontoId` (dropped one on the other): it joins the other's
 * cluster, or both start a new one where the other sticky sits. Returns the cluster.
 */
export function clusterStickies(doc: Y.Doc, id: string, ontoId: string, origin: TxOrigin): Cluster {
  if (id === ontoId)
    throw new JourneycraftError(ErrorCode.ValidationFailed, 'a sticky cannot be clustered with itself');
  need(readRecord(doc, 'notes', id), 'the sticky');
  const onto = need(readRecord(doc, 'notes', ontoId), 'the sticky it was dropped on');
  return batch(doc, origin, () => {
    let cluster = onto.clusterId ? readRecord(doc, 'clusters', onto.clusterId) : undefined;
    if (!cluster) {
      cluster = createRecord(
        doc,
        'clusters',
        { stageId: onto.stageId, laneId: onto.laneId, x: onto.x, y: onto.y, createdAt: new Date().toISOString() },
        origin,
      );
      moveSticky(doc, ontoId, { clusterId: cluster.id }, origin);
    }
    moveSticky(doc, id, { clusterId: cluster.id }, origin);
    return cluster;
  });
}

/** Names a cluster (an empty name leaves it unnamed). */
export function renameCluster(doc: Y.Doc, id: string, name: string, origin: TxOrigin): Cluster {
  return updateRecord(doc, 'clusters', id, { name }, origin);
}

/** Moves a cluster, with its stickies, to a cell or a free point. */
export function moveCluster(
  doc: Y.Doc,
  id: string,
  place: Exclude<BoardPlace, { clusterId: string }>,
  origin: TxOrigin,
): Cluster {
  return batch(doc, origin, () => {
    const fields = placeFields(doc, place);
    const cluster = updateRecord(
      doc,
      'clusters',
      id,
      { stageId: fields.stageId, laneId: fields.laneId, x: fields.x, y: fields.y },
      origin,
    );
    for (const n of readRecords(doc, 'notes'))
      if (n.clusterId === id)
        updateRecord(doc, 'notes', n.id, { stageId: fields.stageId, laneId: fields.laneId }, origin);
    return cluster;
  });
}

/** Ungroups a cluster: its stickies stay where it was, on their own, and the cluster goes. */
export function ungroupCluster(doc: Y.Doc, id: string, origin: TxOrigin): void {
  const cluster = need(readRecord(doc, 'clusters', id), 'the cluster');
  batch(doc, origin, () => {
    const members = readRecords(doc, 'notes').filter((n) => n.clusterId === id);
    members.forEach((n, i) => {
      const free = cluster.x !== null && cluster.y !== null && cluster.stageId === null;
      updateRecord(
        doc,
        'notes',
        n.id,
        free
          ? {
              clusterId: null,
              stageId: null,
              laneId: null,
              x: cluster.x! + (i % 3) * 150,
              y: cluster.y! + Math.floor(i / 3) * 110,
            }
          : { clusterId: null, stageId: cluster.stageId, laneId: cluster.laneId, x: null, y: null },
        origin,
      );
    });
    deleteRecord(doc, 'clusters', id, origin);
  });
}

/** Deletes a sticky; a cluster it leaves empty goes with it (one undo step). */
export function deleteSticky(doc: Y.Doc, id: string, origin: TxOrigin): void {
  const note = readRecord(doc, 'notes', id);
  if (!note) return;
  batch(doc, origin, () => {
    deleteRecord(doc, 'notes', id, origin);
    dropIfEmpty(doc, note.clusterId, origin);
  });
}

/** What a sticky's text becomes on a card: the first line as the title, all of it as the description. */
export function cardTextOf(text: string): { title: string; description: string } {
  const clean = text.trim();
  const first = (clean.split('\n')[0] ?? '').trim() || 'Untitled';
  let title = first;
  if (title.length > 200) {
    const cut = title.slice(0, 199);
    const space = cut.lastIndexOf(' ');
    title = `${space > 120 ? cut.slice(0, space) : cut}…`;
  }
  return { title, description: title === clean ? '' : clean };
}

/**
 * Turns a sticky into a touchpoint card (or a pain point: a card carrying the text as its pain
 * point) in the cell given, and removes the sticky, in one transaction: one undo step brings
 * the sticky back and takes the card away.
 */
export function stickyToCard(
  doc: Y.Doc,
  id: string,
  to: { as: 'touchpoint' | 'painPoint'; stageId: string; laneId: string },
  origin: TxOrigin,
): Touchpoint {
  const note = need(readRecord(doc, 'notes', id), 'the sticky');
  const { title, description } = cardTextOf(note.text);
  return batch(doc, origin, () => {
    const card = createRecord(
      doc,
      'touchpoints',
      {
        stageId: to.stageId,
        laneId: to.laneId,
        title,
        description: to.as === 'painPoint' ? '' : description,
        painPoints: to.as === 'painPoint' ? [note.text.trim().slice(0, 500)] : [],
        order: nextOrder(doc, 'touchpoints'),
      },
      origin,
    );
    deleteRecord(doc, 'notes', id, origin);
    dropIfEmpty(doc, note.clusterId, origin);
    return card;
  });
}
