import { Hono } from 'hono';
import { snapshot } from '@journeycraft/doc';
import { slugify } from '@journeycraft/export';
import { ErrorCode, JourneycraftError, type MapSnapshot } from '@journeycraft/schema';
import type { RoundTally } from '../exports/summary.js';
import type { Auth } from '../auth.js';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { exportPoolOf, sendFile } from './exports.js';
import type { ExportPool } from '../exports/pool.js';
import { authorize } from './http.js';
import { mapImages } from './picture.js';
import type { ImageStore } from '../images/types.js';

export interface SummaryRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
  images: ImageStore;
  exportPool?: ExportPool | undefined;
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

/** `GET /api/maps/:id/summary?format=md|pdf`: the session summary as a download (the PDF shows the map as a picture). */
export function summaryRoutes(deps: SummaryRoutesDeps): Hono {
  const api = new Hono();
  api.get('/maps/:id/summary', async (c) => {
    const format = c.req.query('format') ?? 'md';
    if (format !== 'md' && format !== 'pdf') {
      throw new JourneycraftError(ErrorCode.BadRequest, 'format must be "md" or "pdf"');
    }
    const { map } = await authorize(c, deps, 'viewer');
    const snap = await deps.rooms.withDoc(map.id, (doc) => snapshot(doc));
    const base = `${slugify(snap.meta.title, 'map')}-session-summary`;
    // Built and rendered in an export worker, like every document (the picture and the PDF layout are CPU work).
    const file = await exportPoolOf(deps).run({
      op: 'summary',
      map: snap,
      rounds: await tallies(deps.storage, snap),
      images: format === 'pdf' ? await mapImages(deps.images, map.id, snap) : [],
      format,
      filename: `${base}.${format}`,
      now: new Date().toISOString(),
    });
    return sendFile(c, file);
  });
  return api;
}
