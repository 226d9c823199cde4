import { Hono } from 'hono';
import { snapshot } from '@journeycraft/doc';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, slugify, type Block, type ExportDocument } from '@journeycraft/export';
import { ErrorCode, JourneycraftError, laneKindLabels, type MapSnapshot } from '@journeycraft/schema';
import type { Auth } from '../auth.js';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { exportPoolOf, sendFile } from './exports.js';
import type { ExportPool } from '../exports/pool.js';
import { authorize } from './http.js';

export interface SummaryRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
  exportPool?: ExportPool | undefined;
}

/** A revealed dot-voting round, tallied from the votes the server published into the map. */
export interface RoundTally {
  title: string;
  rows: Array<{ title: string; stage: string; votes: number }>;
}

/**
 * The session summary as a neutral document: the map as a stages × lanes table, the stages with
 * their touchpoints, the results of revealed voting rounds, pain points and opportunities (cards
 * in those lanes and pain points named on touchpoints) and the workshop notes (anonymous ones
 * without an author, as stored).
 */
export function sessionSummary(snap: MapSnapshot, rounds: readonly RoundTally[], now = new Date()): ExportDocument {
  const stages = [...snap.stages].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const lanes = [...snap.lanes].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const cards = [...snap.touchpoints].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const stageTitle = new Map(stages.map((s) => [s.id, s.title]));
  const laneOf = new Map(lanes.map((l) => [l.id, l]));
  const blocks: Block[] = [];

  blocks.push({ type: 'heading', level: 1, text: 'The map' });
  const gridLanes = lanes.filter((l) => l.kind !== 'emotions');
  if (stages.length && gridLanes.length) {
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

/** Tallies the published votes of each revealed round (oldest round first). */
async function tallies(storage: Storage, snap: MapSnapshot): Promise<RoundTally[]> {
  const byRound = new Map<string, Map<string, number>>();
  for (const v of snap.votes) {
    const key = v.sessionId ?? '';
    const counts = byRound.get(key) ?? new Map<string, number>();
    counts.set(v.targetId, (counts.get(v.targetId) ?? 0) + 1);
    byRound.set(key, counts);
  }
  const stageTitle = new Map(snap.stages.map((s) => [s.id, s.title]));
  const cards = new Map(snap.touchpoints.map((t) => [t.id, t]));
  const out: Array<RoundTally & { at: string }> = [];
  for (const [roundId, counts] of byRound) {
    const round = roundId ? await storage.getVoteRound(roundId) : null;
    if (round && round.status === 'open') continue;
    out.push({
      title: round?.title ?? 'Votes',
      at: round?.createdAt ?? '',
      rows: [...counts]
        .map(([id, votes]) => {
          const t = cards.get(id);
          return { title: t?.title ?? 'A deleted card', stage: t ? (stageTitle.get(t.stageId) ?? '') : '', votes };
        })
        .sort((a, b) => b.votes - a.votes || a.title.localeCompare(b.title)),
    });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at)).map(({ title, rows }) => ({ title, rows }));
}

/** `GET /api/maps/:id/summary?format=md|pdf`: the session summary as a download. */
export function summaryRoutes(deps: SummaryRoutesDeps): Hono {
  const api = new Hono();
  api.get('/maps/:id/summary', async (c) => {
    const format = c.req.query('format') ?? 'md';
    if (format !== 'md' && format !== 'pdf') {
      throw new JourneycraftError(ErrorCode.BadRequest, 'format must be "md" or "pdf"');
    }
    const { map } = await authorize(c, deps, 'viewer');
    const snap = await deps.rooms.withDoc(map.id, (doc) => snapshot(doc));
    const document = sessionSummary(snap, await tallies(deps.storage, snap));
    const base = `${slugify(snap.meta.title, 'map')}-session-summary`;
    // Rendered in an export worker, like every document (the PDF layout is CPU work).
    const file = await exportPoolOf(deps).run({
      op: 'render',
      document,
      format,
      filename: `${base}.${format}`,
      mimeType: format === 'pdf' ? 'application/pdf' : 'text/markdown; charset=utf-8',
    });
    return sendFile(c, file);
  });
  return api;
}
