import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type Block, type ExportDocument } from '@journeycraft/export';
import type { MapPicture } from '@journeycraft/picture';
import { laneKindLabels, type MapSnapshot } from '@journeycraft/schema';
import { pictureAlt } from './picture.js';

/** A revealed dot-voting round, tallied from the votes the server published into the map. */
export interface RoundTally {
  title: string;
  rows: Array<{ title: string; stage: string; votes: number }>;
}

/**
 * The session summary as a neutral document: the map as a picture (`picture`, in the PDF) or as a
 * stages × lanes table (where the format has no pictures, e.g. Markdown), the stages with
 * their touchpoints, the results of revealed voting rounds, pain points and opportunities (cards
 * in those lanes and pain points named on touchpoints) and the workshop notes (anonymous ones
 * without an author, as stored).
 */
export function sessionSummary(
  snap: MapSnapshot,
  rounds: readonly RoundTally[],
  now = new Date(),
  picture?: MapPicture,
): ExportDocument {
  const stages = [...snap.stages].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const lanes = [...snap.lanes].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const cards = [...snap.touchpoints].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const stageTitle = new Map(stages.map((s) => [s.id, s.title]));
  const laneOf = new Map(lanes.map((l) => [l.id, l]));
  const blocks: Block[] = [];

  blocks.push({ type: 'heading', level: 1, text: 'The map' });
  const gridLanes = lanes.filter((l) => l.kind !== 'emotions');
  if (picture) {
    // The picture shows the grid, the cards, the emotion curve and a legend: the table would say it twice.
    blocks.push({
      type: 'figure',
      svg: picture.svg,
      width: picture.width,
      height: picture.height,
      alt: pictureAlt(snap),
      grid: picture.grid,
    });
  } else if (stages.length && gridLanes.length) {
    blocks.push({
      type: 'table',
      id: 'map',
      title: 'Map',
      columns: [{ header: 'Lane', width: 1.2 }, ...stages.map((s) => ({ header: s.title, width: 2 }))],
      rows: gridLanes.map((lane) => [
        { text: lane.title, bold: true },
        ...stages.map((s) =>
          cards
            .filter((t) => t.stageId === s.id && t.laneId === lane.id)
            .map((t) => `${t.title}${t.momentOfTruth ? ' (moment of truth)' : ''}`)
            .join('\n'),
        ),
      ]),
    });
  } else {
    blocks.push({ type: 'paragraph', content: ['The map has no stages and lanes yet.'] });
  }

  blocks.push({ type: 'heading', level: 2, text: 'Stages and touchpoints' });
  blocks.push({
    type: 'table',
    id: 'stages',
    title: 'Stages',
    columns: [
      { header: '#', width: 0.4 },
      { header: 'Stage', width: 1.5 },
      { header: 'Touchpoints', width: 4 },
    ],
    rows: stages.map((s, i) => {
      const here = cards.filter((t) => t.stageId === s.id);
      return [
        String(i + 1),
        { text: `${s.title}${s.locked ? ' (locked)' : ''}`, bold: true },
        here.length ? here.map((t) => t.title).join('; ') : 'none',
      ];
    }),
  });

  blocks.push({ type: 'heading', level: 2, text: 'Vote results' });
  if (rounds.length) {
    for (const [i, round] of rounds.entries()) {
      blocks.push({ type: 'heading', level: 3, text: round.title });
      blocks.push({
        type: 'table',
        id: `votes-${i + 1}`,
        title: `Votes ${i + 1}`,
        columns: [
          { header: 'Touchpoint', width: 3 },
          { header: 'Stage', width: 2 },
          { header: 'Dots', width: 0.6 },
        ],
        rows: round.rows.map((r) => [r.title, r.stage, String(r.votes)]),
      });
    }
  } else {
    blocks.push({ type: 'paragraph', content: ['No voting round has been revealed on this map.'] });
  }

  blocks.push({ type: 'heading', level: 2, text: 'Pain points and opportunities' });
  const findings: Array<[string, string, string]> = [];
  for (const t of cards) {
    const kind = laneOf.get(t.laneId)?.kind;
    if (kind === 'pain_points' || kind === 'opportunities') {
      findings.push([laneKindLabels[kind], stageTitle.get(t.stageId) ?? '', t.title]);
    }
    for (const p of t.painPoints)
      findings.push(['Pain point', stageTitle.get(t.stageId) ?? '', `${p} (at “${t.title}”)`]);
  }
  if (findings.length) {
    blocks.push({
      type: 'table',
      id: 'findings',
      title: 'Findings',
      columns: [
        { header: 'Kind', width: 1 },
        { header: 'Stage', width: 1.4 },
        { header: 'What', width: 4 },
      ],
      rows: findings.map((f) => [...f]),
    });
  } else {
    blocks.push({ type: 'paragraph', content: ['No pain points or opportunities were recorded.'] });
  }

  blocks.push({ type: 'heading', level: 2, text: 'Workshop notes' });
  const notes = [...snap.notes].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  // Stickies clustered on the board say which cluster they were put in.
  const clusterName = new Map(snap.clusters.map((c) => [c.id, c.name || 'Unnamed cluster']));
  const placeOf = (n: (typeof notes)[number]) => {
    const stage = n.stageId ? (stageTitle.get(n.stageId) ?? 'Journey') : 'Journey';
    const cluster = n.clusterId ? clusterName.get(n.clusterId) : undefined;
    return cluster ? `${stage}, ${cluster}: ` : `${stage}: `;
  };
  if (notes.length) {
    blocks.push({
      type: 'list',
      ordered: false,
      items: notes.map((n) => [
        { text: placeOf(n), bold: true },
        n.text,
        { text: ` (${n.authorName ?? 'anonymous'})`, italic: true },
      ]),
    });
  } else {
    blocks.push({ type: 'paragraph', content: ['No notes were added.'] });
  }

  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    kind: 'session-summary',
    title: `Session summary: ${snap.meta.title}`,
    subtitle: `Generated ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    orientation: 'landscape',
    meta: { mapTitle: snap.meta.title, roleId: null, roleName: null, generatedAt: now.toISOString() },
    properties: [
      { label: 'Stages', value: String(stages.length) },
      { label: 'Touchpoints', value: String(cards.length) },
      { label: 'Voting rounds revealed', value: String(rounds.length) },
      { label: 'Notes', value: String(notes.length) },
    ],
    blocks,
    primaryTable: 'stages',
  };
}
