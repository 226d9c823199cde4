import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  addSticky,
  clusterStickies,
  createRecord,
  renameCluster,
  serverOrigin,
  snapshot,
  userOrigin,
} from '@journeycraft/doc';
import { missingGlyphs } from '@journeycraft/export';
import { boldTextElement, renderMapPicture } from '@journeycraft/picture';
import { openSqliteStorage, Rooms, silentLogger } from '../src/index.js';
import { sessionSummary } from '../src/exports/summary.js';
import { ownerApp } from './auth-helpers.js';

/** Text of a PDF, via pdftotext, with whitespace collapsed. */
function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
}

async function setup() {
  const storage = openSqliteStorage(':memory:');
  const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 500, idleMs: 60_000 });
  const app = ownerApp({ storage, rooms, log: silentLogger, maxBodyBytes: 1024 * 1024 });
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = token === 'none' ? token : `Bearer ${token}`;
    return app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  };
  const json = async <T>(res: Response | Promise<Response>) => (await (await res).json()) as T;
  const { id } = await json<{ id: string }>(call('POST', '/api/maps', { title: 'Store visit' }));
  const ids = await rooms.withDoc(id, (doc) => {
    const o = serverOrigin('template');
    const plan = createRecord(doc, 'stages', { title: 'Plans the visit', order: 1 }, o);
    const pay = createRecord(doc, 'stages', { title: 'Pays', order: 2 }, o);
    const front = createRecord(doc, 'lanes', { title: 'Frontstage', kind: 'frontstage', order: 1 }, o);
    const pains = createRecord(doc, 'lanes', { title: 'Pain points', kind: 'pain_points', order: 2 }, o);
    const ideas = createRecord(doc, 'lanes', { title: 'Opportunities', kind: 'opportunities', order: 3 }, o);
    const till = createRecord(
      doc,
      'touchpoints',
      {
        stageId: pay.id,
        laneId: front.id,
        title: 'Till greeting',
        order: 1,
        momentOfTruth: true,
        painPoints: ['Card reader times out'],
      },
      o,
    );
    const queue = createRecord(
      doc,
      'touchpoints',
      { stageId: pay.id, laneId: pains.id, title: 'Lunchtime queues', order: 2 },
      o,
    );
    createRecord(
      doc,
      'touchpoints',
      { stageId: plan.id, laneId: ideas.id, title: 'Show live stock online', order: 3 },
      o,
    );
    return { pay: pay.id, front: front.id, till: till.id, queue: queue.id };
  });
  const link = await json<{ token: string }>(call('POST', `/api/maps/${id}/links`, { role: 'editor' }));
  const join = async (name: string) =>
    (await json<{ sessionToken: string }>(call('POST', '/api/join', { token: link.token, name }))).sessionToken;
  return { app, call, json, id, ids, join, rooms };
}

describe('session summary export', () => {
  it('summarises the map, revealed votes, pain points, opportunities and notes as Markdown and PDF', async () => {
    const { call, json, id, ids, join, rooms } = await setup();
    const ada = await join('Ada Guest');
    const ben = await join('Ben Guest');

    const revealed = await json<{ id: string }>(
      call('POST', `/api/maps/${id}/vote-rounds`, { title: 'Worst pain points', votesPerPerson: 2 }),
    );
    for (const [token, target] of [
      [ada, ids.queue],
      [ben, ids.queue],
      [ben, ids.till],
    ] as const) {
      expect(
        (await call('POST', `/api/maps/${id}/vote-rounds/${revealed.id}/ballots`, { targetId: target }, token)).status,
      ).toBe(201);
    }
    expect((await call('POST', `/api/maps/${id}/vote-rounds/${revealed.id}/reveal`)).status).toBe(200);
    // A round still open stays out of the summary (its ballots are secret until revealed).
    const open = await json<{ id: string }>(
      call('POST', `/api/maps/${id}/vote-rounds`, { title: 'Best ideas secretly' }),
    );
    await call('POST', `/api/maps/${id}/vote-rounds/${open.id}/ballots`, { targetId: ids.till }, ada);

    expect(
      (
        await call(
          'POST',
          `/api/maps/${id}/notes`,
          { text: 'Nobody tells us about the queue', stageId: ids.pay, anonymous: true },
          ada,
        )
      ).status,
    ).toBe(201);
    await call('POST', `/api/maps/${id}/notes`, { text: 'Offer a callback', anonymous: false }, ben);
    // Two stickies clustered on the board and the cluster named.
    await rooms.withDoc(id, (doc) => {
      const o = userOrigin('board');
      const author = { name: 'Fran', key: null };
      const cell = { stageId: ids.pay, laneId: ids.front };
      const a = addSticky(doc, { text: 'Reader freezes', place: cell, author }, o);
      const b = addSticky(doc, { text: 'No contactless', place: cell, author }, o);
      renameCluster(doc, clusterStickies(doc, b.id, a.id, o).id, 'Till trouble', o);
    });

    const md = await call('GET', `/api/maps/${id}/summary?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(md.headers.get('content-disposition')).toContain('store-visit-session-summary.md');
    const text = await md.text();
    expect(text).toContain('Session summary: Store visit');
    // The map as a stages × lanes table, and stages with their touchpoints.
    expect(text).toMatch(/\|\s*Lane\s*\|\s*Plans the visit\s*\|\s*Pays\s*\|/);
    expect(text).toMatch(/Pays[^\n]*Till greeting; Lunchtime queues/);
    // Vote results of the revealed round, most dots first; the open round is absent.
    expect(text).toContain('Worst pain points');
    expect(text).toMatch(/\|\s*Lunchtime queues\s*\|\s*Pays\s*\|\s*2\s*\|/);
    expect(text).toMatch(/\|\s*Till greeting\s*\|\s*Pays\s*\|\s*1\s*\|/);
    expect(text.indexOf('Lunchtime queues | Pays | 2')).toBeLessThan(text.indexOf('Till greeting | Pays | 1'));
    expect(text).not.toContain('Best ideas secretly');
    // Pain points and opportunities: cards in those lanes and pain points named on touchpoints.
    expect(text).toMatch(/Pain points\s*\|\s*Pays\s*\|\s*Lunchtime queues/);
    expect(text).toMatch(/Opportunities\s*\|\s*Plans the visit\s*\|\s*Show live stock online/);
    expect(text).toContain('Card reader times out');
    // Notes: the anonymous one carries no name, the named one does.
    expect(text).toContain('Nobody tells us about the queue');
    expect(text).toContain('(anonymous)');
    expect(text).not.toContain('Ada Guest');
    expect(text).toContain('(Ben Guest)');
    expect(text).toContain('**Pays, Till trouble:** Reader freezes');

    const pdf = await call('GET', `/api/maps/${id}/summary?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(pdfBytes.slice(0, 5))).toBe('%PDF-');
    const pdfString = pdfText(pdfBytes);
    for (const expected of [
      'Session summary: Store visit',
      'Plans the visit',
      'Worst pain points',
      'Lunchtime queues',
      'Show live stock online',
      'Card reader times out',
      'Nobody tells us about the queue',
      'anonymous',
    ]) {
      expect(pdfString).toContain(expected);
    }
    expect(pdfString).not.toContain('Best ideas secretly');
    expect(pdfString).not.toContain('Ada Guest');
    // The map is a picture (cards, emotion curve, legend), not a stages × lanes table; a moment of
    // truth is a drawn star the legend names in words the PDF's font has.
    for (const expected of ['Till greeting', 'Frontstage', 'Legend', 'Moment of truth', 'Stages and touchpoints'])
      expect(pdfString).toContain(expected);
    expect(pdfString).not.toContain('Till greeting (moment of truth)');
    const snap = await rooms.withDoc(id, (doc) => snapshot(doc));
    const picture = renderMapPicture(snap, { paintText: boldTextElement, title: false });
    const summary = sessionSummary(snap, [], new Date(), picture);
    expect(summary.blocks.find((b) => b.type === 'figure')).toMatchObject({
      width: picture.width,
      height: picture.height,
    });
    expect(summary.blocks.some((b) => b.type === 'table' && b.id === 'map')).toBe(false);
    expect(missingGlyphs(summary)).toEqual([]);
    // Without a picture (Markdown) the map stays a table.
    expect(sessionSummary(snap, []).blocks.some((b) => b.type === 'table' && b.id === 'map')).toBe(true);
  }, 30_000);

  it('refuses bad formats, unknown maps and callers without access', async () => {
    const { call, json, id, join } = await setup();
    const bad = await call('GET', `/api/maps/${id}/summary?format=docx`);
    expect(bad.status).toBe(400);
    expect((await json<{ error: { message: string } }>(bad)).error.message).toContain('"md" or "pdf"');
    expect((await call('GET', '/api/maps/nope/summary?format=md')).status).toBe(404);
    const guest = await join('Cy Guest');
    expect((await call('PATCH', `/api/maps/${id}`, { access: 'links' })).status).toBe(200);
    expect((await call('GET', `/api/maps/${id}/summary?format=md`, undefined, 'none')).status).toBe(401);
    expect((await call('GET', `/api/maps/${id}/summary?format=md`, undefined, guest)).status).toBe(200);
  });
});
