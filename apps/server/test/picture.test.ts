import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import {
  addSticky,
  createRecord,
  serverOrigin,
  setPersonaImage,
  setTouchpointImage,
  snapshot,
  updateMeta,
} from '@journeycraft/doc';
import { renderMapPicture } from '@journeycraft/picture';
import { ExportPool } from '../src/exports/pool.js';
import { DEFAULT_SCALE, PICTURE_LIMITS, pngScale } from '../src/exports/picture.js';
import { pictureApp } from './picture-app.js';

const nobody = { name: null, key: null };

/** Text of a PDF, via pdftotext, with whitespace collapsed. */
function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8').replace(/\s+/g, ' ');
}

/** A solid red square PNG: easy to find again in a rendered picture. */
const red = async (side = 200) =>
  new Uint8Array(
    await sharp({ create: { width: side, height: side, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer(),
  );

/** How many pixels of a PNG are plainly red. */
async function redPixels(png: Uint8Array): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels)
    if (data[i]! > 220 && data[i + 1]! < 40 && data[i + 2]! < 40) n++;
  return n;
}

describe('map picture routes: GET /api/maps/:id/map.svg|png|pdf', () => {
  let pool: ExportPool;
  beforeAll(() => {
    pool = new ExportPool({ workers: 1 });
  });
  afterAll(async () => {
    await pool.close();
  });

  async function setup() {
    const { app, json, newMap, upload, rooms } = pictureApp(pool, { maxBodyBytes: 2 * 1024 * 1024 });
    const id = await newMap('Hotel stay <night>');
    const up = await upload(id, await red());
    expect(up.status).toBe(201);
    const imageId = up.body.id;
    const ids = await rooms.withDoc(id, (doc) => {
      const o = serverOrigin('template');
      const arrive = createRecord(doc, 'stages', { title: 'Arrival', order: 1 }, o);
      const stay = createRecord(doc, 'stages', { title: 'Overnight stay', order: 2 }, o);
      const front = createRecord(doc, 'lanes', { title: 'Front desk', kind: 'frontstage', order: 1 }, o);
      createRecord(doc, 'lanes', { title: 'How it feels', kind: 'emotions', order: 2 }, o);
      const checkIn = createRecord(
        doc,
        'touchpoints',
        { stageId: arrive.id, laneId: front.id, title: 'Check-in at the desk', emotion: -1, painPoints: ['Queue'] },
        o,
      );
      const room = createRecord(
        doc,
        'touchpoints',
        { stageId: stay.id, laneId: front.id, title: 'Room service call', channel: 'phone', emotion: 2 },
        o,
      );
      createRecord(doc, 'connections', { fromId: checkIn.id, toId: room.id, label: 'same evening' }, o);
      setTouchpointImage(doc, checkIn.id, imageId, o);
      updateMeta(
        doc,
        {
          personas: [
            { id: 'p1', name: 'Business traveller', color: '#2563eb', description: '', attributes: {}, imageId: null },
          ],
        },
        o,
      );
      setPersonaImage(doc, 'p1', imageId, o);
      return { arrive: arrive.id, front: front.id, checkIn: checkIn.id };
    });
    const snap = await rooms.withDoc(id, (doc) => snapshot(doc));
    return { app, json, id, rooms, ids, snap };
  }

  it('draws the SVG of shapes with the title, stages, cards, legend and the card picture embedded', async () => {
    const { app, id } = await setup();
    const res = await app.request(`/api/maps/${id}/map.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="hotel-stay-night\.svg"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const svg = await res.text();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toMatch(/foreignObject|<script/i);
    for (const t of [
      'Hotel stay &lt;night&gt;',
      'Arrival',
      'Overnight stay',
      'Check-in at the desk',
      'same evening',
      'Legend',
      'Business traveller (feels as everyone does)',
    ])
      expect(svg).toContain(`>${t}<`);
    // The stored picture travels inside the SVG (as a thumbnail), on the card and beside the persona.
    expect(svg.match(/ xlink:href="data:image\/jpeg;base64,/g)?.length).toBe(2);
    expect((await app.request(`/api/maps/${id}/map.svg?download=1`)).headers.get('content-disposition')).toMatch(
      /^attachment;/,
    );
  });

  it('draws the PNG at 1.5× the picture, or as a thumbnail the width asked for, with the card picture in it', async () => {
    const { app, id, snap } = await setup();
    const res = await app.request(`/api/maps/${id}/map.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = new Uint8Array(await res.arrayBuffer());
    const meta = await sharp(png).metadata();
    const pic = renderMapPicture(snap);
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(Math.round(pic.width * DEFAULT_SCALE));
    expect(meta.height).toBe(Math.round(pic.height * DEFAULT_SCALE));
    // The red picture on the card (60 px square at 1.5×) and the persona photo (22 px) are drawn.
    expect(await redPixels(png)).toBeGreaterThan(60 * 60 * 1.5 * 1.5 * 0.8);
    const thumb = await app.request(`/api/maps/${id}/map.png?width=320`);
    expect(thumb.status).toBe(200);
    expect((await sharp(new Uint8Array(await thumb.arrayBuffer())).metadata()).width).toBe(320);
  });

  it('draws the PDF with real text: the title and the stage names are in it', async () => {
    const { app, id } = await setup();
    const res = await app.request(`/api/maps/${id}/map.pdf?paper=Letter`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(new Uint8Array(await res.arrayBuffer()));
    for (const t of [
      'Hotel stay <night>',
      'Arrival',
      'Overnight stay',
      'Check-in at the desk',
      'Legend',
      'Business traveller',
    ])
      expect(text).toContain(t);
  });

  it('prints a big map on detail pages cut between stages, with the stage and lane headers on every page', async () => {
    const { app, newMap, rooms } = pictureApp(pool);
    const id = await newMap('Nine stages');
    const stages = Array.from({ length: 9 }, (_, i) => `Stage name ${i + 1}`);
    const lanes = Array.from({ length: 6 }, (_, i) => `Lane name ${i + 1}`);
    await rooms.withDoc(id, (doc) => {
      const o = serverOrigin('template');
      const s = stages.map((title, i) => createRecord(doc, 'stages', { title, order: i + 1 }, o).id);
      const l = lanes.map((title, i) => createRecord(doc, 'lanes', { title, kind: 'frontstage', order: i + 1 }, o).id);
      for (const [i, stageId] of s.entries())
        for (const [j, laneId] of l.entries())
          createRecord(doc, 'touchpoints', { stageId, laneId, title: `Card ${i + 1}.${j + 1}` }, o);
    });
    const res = await app.request(`/api/maps/${id}/map.pdf`);
    expect(res.status).toBe(200);
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-', '-'], {
      input: new Uint8Array(await res.arrayBuffer()),
    })
      .toString('utf8')
      .split('\f')
      .filter((p) => p.trim());
    const details = pages.filter((p) => /detail \d+ of \d+/.test(p));
    expect(details.length).toBeGreaterThan(1);
    // Each page shows a block of whole stages × whole rows (its caption says which); together the
    // blocks cover every stage × lane cell exactly once. (What a page shows was looked at rendered:
    // the stage headers above each block and the lane headers beside it.)
    const span = (m: RegExpMatchArray | null, of: number) => {
      expect(m).not.toBeNull();
      const from = Number(m![1]);
      const to = m![2] ? Number(m![2]) : from;
      expect(Number(m![3])).toBe(of);
      return Array.from({ length: to - from + 1 }, (_, k) => from + k);
    };
    const cells: string[] = [];
    for (const page of details) {
      const here = span(page.match(/stages? (\d+)(?:–(\d+))? of (\d+)/), stages.length);
      // Rows: the six lanes and the emotion band a map without an emotion lane gets under them.
      const across = span(page.match(/rows? (\d+)(?:–(\d+))? of (\d+)/), lanes.length + 1);
      for (const i of here) for (const j of across) cells.push(`${i}.${j}`);
      for (const j of across) expect(page).toContain(j <= lanes.length ? lanes[j - 1] : 'Emotion curve');
    }
    expect(cells).toHaveLength(stages.length * (lanes.length + 1));
    expect(new Set(cells).size).toBe(stages.length * (lanes.length + 1));
    expect(pages[pages.length - 1]).toContain('Legend');
  });

  it('answers 304 to an unchanged map and draws again when it changed', async () => {
    const { app, id, rooms, ids } = await setup();
    const first = await app.request(`/api/maps/${id}/map.png?width=200`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const again = await app.request(`/api/maps/${id}/map.png?width=200`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // Another size is another picture.
    expect(
      (await app.request(`/api/maps/${id}/map.png?width=300`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(200);
    await rooms.withDoc(id, (doc) =>
      addSticky(
        doc,
        { text: 'Lift was slow', place: { stageId: ids.arrive, laneId: ids.front }, author: nobody },
        serverOrigin('template'),
      ),
    );
    const changed = await app.request(`/api/maps/${id}/map.png?width=200`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('lets a share-link viewer see the picture; strangers get 401, other maps 403', async () => {
    const { app, json, id } = await setup();
    const other = (await json('POST', '/api/maps', { title: 'Other' })).body.id as string;
    const link = (await json('POST', `/api/maps/${id}/links`, { role: 'viewer' })).body as { token: string };
    const joined = (await json('POST', '/api/join', { token: link.token, name: 'Guest' })).body as {
      sessionToken: string;
    };
    const guest = { authorization: `Bearer ${joined.sessionToken}` };
    expect((await app.request(`/api/maps/${id}/map.svg`, { headers: guest })).status).toBe(200);
    const stranger = await app.request(`/api/maps/${id}/map.png`, { headers: { authorization: 'none' } });
    expect(stranger.status).toBe(401);
    expect(((await stranger.json()) as { error: { message: string } }).error.message).toBeTruthy();
    const elsewhere = await app.request(`/api/maps/${other}/map.pdf`, { headers: guest });
    expect(elsewhere.status).toBe(403);
    expect((await app.request('/api/maps/no-such-map/map.svg')).status).toBe(404);
  });

  it('refuses bad queries with 400 and a picture too large for a PNG with 413, naming the way out', async () => {
    const { app, json, id, rooms, ids } = await setup();
    for (const [q, message] of [
      ['map.png?width=10', /at least 64/],
      ['map.png?width=abc', /number/],
      ['map.png?width=99999', /at most 4096/],
      ['map.svg?width=300', /map\.png only/],
      ['map.png?paper=A3', /A4/],
      ['map.png?paper=A4', /map\.pdf only/],
    ] as const) {
      const res = await json('GET', `/api/maps/${id}/${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    // A sticky far out on the board makes the picture 100,000 px wide and tall.
    await rooms.withDoc(id, (doc) =>
      addSticky(doc, { text: 'far away', place: { x: 99_000, y: 99_000 }, author: nobody }, serverOrigin('template')),
    );
    const huge = await json('GET', `/api/maps/${id}/map.png`);
    expect(huge.status).toBe(413);
    expect(huge.body.error.message).toMatch(/too large for a PNG .*download the PDF/);
    // A thumbnail of it still comes (small).
    const thumb = await app.request(`/api/maps/${id}/map.png?width=256`);
    expect(thumb.status).toBe(200);
    expect(ids.checkIn).toBeTruthy();
  });
});

describe('pngScale', () => {
  it('keeps the default scale, shrinks to the pixel and side limits, and refuses below the smallest readable scale', () => {
    expect(pngScale(2000, 1500)).toBe(DEFAULT_SCALE);
    const big = pngScale(6000, 5000);
    expect(6000 * 5000 * big * big).toBeLessThanOrEqual(PICTURE_LIMITS.maxPixels * 1.0001);
    expect(pngScale(40_000, 500) * 40_000).toBeLessThanOrEqual(PICTURE_LIMITS.maxSide);
    expect(() => pngScale(30_000, 30_000)).toThrow(/too large for a PNG/);
    expect(pngScale(30_000, 30_000, 300)).toBeCloseTo(0.01);
  });
});
