import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { MAX_IMAGE_BYTES, type ImageInfo, type MapSnapshot } from '@journeycraft/schema';
import { createRecord, serverOrigin, setTouchpointImage } from '@journeycraft/doc';
import { openPostgresImages, openSqliteImages, sniffImage } from '../src/index.js';
import { ExportPool } from '../src/exports/pool.js';
import { imageStoreContract } from './images-contract.js';
import { freshPostgresDatabase } from './services.js';
import { createMap, spawnServer, tempDir, type ChildServer } from './helpers.js';
import { ownerHeaders } from './auth-helpers.js';
import { HTML_PAYLOAD, SVG, declaredPng, picture } from './image-fixtures.js';
import { pictureApp } from './picture-app.js';

imageStoreContract('SQLite (memory)', async () => openSqliteImages(':memory:'));
imageStoreContract('SQLite (file, WAL)', async () => openSqliteImages(path.join(tempDir(), 'db.sqlite')));
imageStoreContract('PostgreSQL', async () => openPostgresImages(await freshPostgresDatabase()));

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { status: (err as { status: number }).status, message: (err as Error).message };
  }
  throw new Error('not refused');
};

describe('sniffImage: what a file is comes from its bytes', () => {
  it('recognises PNG, JPEG and WebP with the size their headers give', async () => {
    expect(sniffImage(await picture('png', 30, 20))).toEqual({ type: 'image/png', width: 30, height: 20 });
    expect(sniffImage(await picture('jpeg', 31, 21))).toEqual({ type: 'image/jpeg', width: 31, height: 21 });
    expect(sniffImage(await picture('webp', 32, 22))).toEqual({ type: 'image/webp', width: 32, height: 22 });
    const lossless = new Uint8Array(
      await sharp(await picture('png', 33, 23))
        .webp({ lossless: true })
        .toBuffer(),
    );
    expect(sniffImage(lossless)).toEqual({ type: 'image/webp', width: 33, height: 23 });
    const withAlpha = new Uint8Array(
      await sharp(await picture('png', 34, 24))
        .ensureAlpha()
        .webp({ quality: 80, alphaQuality: 50 })
        .toBuffer(),
    );
    expect(sniffImage(withAlpha)).toEqual({ type: 'image/webp', width: 34, height: 24 });
  });

  it('refuses an SVG (also behind a byte-order mark or spaces), GIF and text with 415, naming what it is', () => {
    expect(refusal(() => sniffImage(SVG))).toEqual({
      status: 415,
      message: expect.stringMatching(/^An SVG file .*PNG, JPEG or WebP/),
    });
    const bom: Uint8Array<ArrayBuffer> = new Uint8Array([0xef, 0xbb, 0xbf, 0x20, 0x0a, ...SVG]);
    expect(refusal(() => sniffImage(bom)).message).toMatch(/^An SVG file/);
    expect(refusal(() => sniffImage(new TextEncoder().encode('GIF89a....'))).message).toMatch(/^A GIF file/);
    expect(refusal(() => sniffImage(new TextEncoder().encode(HTML_PAYLOAD))).status).toBe(415);
    expect(refusal(() => sniffImage(new Uint8Array(0))).status).toBe(400);
  });

  it('refuses huge declared dimensions before anything is decoded (a decompression bomb), and a broken header', () => {
    const bomb = declaredPng(50_000, 50_000);
    expect(bomb.byteLength).toBeLessThan(100_000);
    expect(refusal(() => sniffImage(bomb))).toEqual({
      status: 413,
      message: expect.stringMatching(/50000×50000 pixels/),
    });
    expect(refusal(() => sniffImage(declaredPng(8000, 8000))).status).toBe(413); // 64 MP: over the pixel count
    expect(refusal(() => sniffImage(declaredPng(0, 10))).status).toBe(422);
    expect(refusal(() => sniffImage(declaredPng(100, 100).subarray(0, 20))).status).toBe(422);
  });
});

describe('image routes (app.request)', () => {
  let pool: ExportPool;
  beforeAll(() => {
    pool = new ExportPool({ workers: 1 });
  });
  afterAll(async () => {
    await pool.close();
  });

  const setup = (opts: { mapRestoreMs?: number } = {}) => pictureApp(pool, opts);

  it('stores an uploaded PNG, JPEG and WebP and serves each with its type, nosniff and a long private cache', async () => {
    const { app, newMap, upload } = setup();
    const mapId = await newMap();
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const sent = await picture(format, 120, 80);
      const up = await upload(mapId, sent, `image/${format}`);
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({ mapId, type: `image/${format}`, width: 120, height: 80 });
      expect(up.body.url).toBe(`/api/maps/${mapId}/images/${up.body.id}`);
      const res = await app.request(up.body.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`image/${format}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      const got = new Uint8Array(await res.arrayBuffer());
      expect(got.byteLength).toBe(up.body.bytes);
      const meta = await sharp(got).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual([format, 120, 80]);
      // Asked again with its ETag: nothing to send.
      const again = await app.request(up.body.url, { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
  });

  it('refuses an SVG renamed .png (sent as image/png) with 415 and a message, storing nothing', async () => {
    const { newMap, upload, images } = setup();
    const mapId = await newMap();
    const res = await upload(mapId, SVG, 'image/png');
    expect(res.status).toBe(415);
    expect(res.body.error).toMatchObject({ code: 'unsupported_media_type', message: expect.stringMatching(/SVG/) });
    // Declared as what it is, too.
    expect((await upload(mapId, SVG, 'image/svg+xml')).status).toBe(415);
    // A real PNG sent as something that is not a picture type is refused too (the client meant something else).
    expect((await upload(mapId, await picture('png'), 'text/html')).status).toBe(415);
    expect(await images.count()).toBe(0);
  });

  it('goes by the bytes, not the declared type: a JPEG sent as image/png is stored and served as a JPEG', async () => {
    const { app, newMap, upload } = setup();
    const mapId = await newMap();
    const up = await upload(mapId, await picture('jpeg'), 'image/png');
    expect(up.status).toBe(201);
    expect(up.body.type).toBe('image/jpeg');
    expect((await app.request(up.body.url)).headers.get('content-type')).toBe('image/jpeg');
    // Multipart with field `file` works as well (scripts, curl -F).
    const form = new FormData();
    form.append('file', new File([Buffer.from(await picture('webp'))], 'photo.webp', { type: 'image/webp' }));
    const res = await app.request(`/api/maps/${mapId}/images`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(((await res.json()) as ImageInfo).type).toBe('image/webp');
  });

  it('refuses a truncated PNG (422), huge dimensions (413) and a body over the limit (413), each with a JSON message', async () => {
    const { newMap, upload, images } = setup();
    const mapId = await newMap();
    const png = await picture('png', 200, 150);
    const truncated = await upload(mapId, png.subarray(0, Math.floor(png.byteLength * 0.6)));
    expect(truncated.status).toBe(422);
    expect(truncated.body.error?.message).toMatch(/damaged or incomplete/);
    const bomb = await upload(mapId, declaredPng(40_000, 40_000));
    expect(bomb.status).toBe(413);
    expect(bomb.body.error?.message).toMatch(/40000×40000 pixels; the most is/);
    const huge = new Uint8Array(MAX_IMAGE_BYTES + 200_000);
    huge.set(png);
    const big = await upload(mapId, huge);
    expect(big.status).toBe(413);
    expect(big.body.error?.message).toMatch(/larger than 10 MB/);
    expect(await images.count()).toBe(0);
  });

  it('stores pixels it made: a payload appended to a PNG (a polyglot) and its metadata are gone', async () => {
    const { app, newMap, upload } = setup();
    const mapId = await newMap();
    const withExif = new Uint8Array(
      await sharp(await picture('jpeg', 50, 40))
        .withExif({ IFD0: { Artist: 'secret-artist-name' } })
        .jpeg()
        .toBuffer(),
    );
    const png = await picture('png', 50, 40);
    const polyglot: Uint8Array<ArrayBuffer> = new Uint8Array([...png, ...new TextEncoder().encode(HTML_PAYLOAD)]);
    for (const sent of [polyglot, withExif]) {
      const up = await upload(mapId, sent);
      expect(up.status).toBe(201);
      const stored = Buffer.from(await (await app.request(up.body.url)).arrayBuffer());
      expect(stored.includes('<script')).toBe(false);
      expect(stored.includes('secret-artist-name')).toBe(false);
    }
  });

  it('scales a large picture down to 2048 px on its longest side', async () => {
    const { newMap, upload } = setup();
    const mapId = await newMap();
    const up = await upload(mapId, await picture('jpeg', 3000, 1000));
    expect(up.status).toBe(201);
    expect([up.body.width, up.body.height]).toEqual([2048, 683]);
  });

  it('lets a share-link viewer see pictures but not upload; strangers and other maps get nothing', async () => {
    const { app, json, newMap, upload } = setup();
    const mapId = await newMap();
    const other = await newMap('Other');
    const up = await upload(mapId, await picture('png'));
    const link = (await json('POST', `/api/maps/${mapId}/links`, { role: 'viewer' })).body as { token: string };
    const joined = (await json('POST', '/api/join', { token: link.token, name: 'Guest' })).body as {
      sessionToken: string;
    };
    const guest = { authorization: `Bearer ${joined.sessionToken}` };
    expect((await app.request(up.body.url, { headers: guest })).status).toBe(200);
    const refused = await upload(mapId, await picture('png'), 'image/png', guest);
    expect(refused.status).toBe(403);
    expect((await app.request(up.body.url, { headers: { authorization: 'none' } })).status).toBe(401);
    // The guest's link is for one map; the picture id under another map is not found either way.
    expect((await app.request(`/api/maps/${other}/images/${up.body.id}`, { headers: guest })).status).toBe(403);
    expect((await app.request(`/api/maps/${other}/images/${up.body.id}`)).status).toBe(404);
    expect((await app.request(`/api/maps/${mapId}/images/..%2F..%2Fetc`)).status).toBe(400);
  });

  it('a duplicate of a map gets its own copies of the pictures; deleting the source leaves the copy’s', async () => {
    const { app, json, newMap, upload, images } = setup({ mapRestoreMs: 0 });
    const mapId = await newMap();
    const up = await upload(mapId, await picture('png'));
    await upload(mapId, await picture('webp'));
    const copy = (await json('POST', `/api/maps/${mapId}/duplicate`, {})).body as { id: string };
    expect(await images.count()).toBe(4);
    expect((await app.request(`/api/maps/${copy.id}/images/${up.body.id}`)).status).toBe(200);
    expect((await json('DELETE', `/api/maps/${mapId}`)).status).toBe(204);
    expect(await images.count()).toBe(2);
    expect((await app.request(`/api/maps/${copy.id}/images/${up.body.id}`)).status).toBe(200);
  });

  it('a restored version shows the pictures it named: pictures stay stored as long as their map', async () => {
    const { app, json, newMap, upload, rooms } = setup();
    const mapId = await newMap();
    const first = await upload(mapId, await picture('png'));
    const second = await upload(mapId, await picture('jpeg'));
    const tpId = await rooms.withDoc(mapId, (doc) => {
      const stage = createRecord(doc, 'stages', { title: 'Discover', order: 1 }, serverOrigin('template'));
      const lane = createRecord(
        doc,
        'lanes',
        { title: 'Touchpoints', kind: 'touchpoints', order: 1 },
        serverOrigin('template'),
      );
      const tp = createRecord(
        doc,
        'touchpoints',
        { title: 'Ad', stageId: stage.id, laneId: lane.id },
        serverOrigin('template'),
      );
      setTouchpointImage(doc, tp.id, first.body.id, serverOrigin('template'));
      return tp.id;
    });
    const version = (await json('POST', `/api/maps/${mapId}/versions`, { name: 'With the first picture' })).body as {
      id: string;
    };
    await rooms.withDoc(mapId, (doc) => setTouchpointImage(doc, tpId, second.body.id, serverOrigin('template')));
    await rooms.withDoc(mapId, (doc) => setTouchpointImage(doc, tpId, null, serverOrigin('template')));
    expect((await json('POST', `/api/maps/${mapId}/versions/${version.id}/restore`)).status).toBe(200);
    const restored = (await json('GET', `/api/maps/${mapId}/snapshot`)).body as MapSnapshot;
    expect(restored.touchpoints[0]!.imageId).toBe(first.body.id);
    expect((await app.request(first.body.url)).status).toBe(200);
    // The picture taken off later is still there for undo and for the version made after it.
    expect((await app.request(second.body.url)).status).toBe(200);
  });

  it('a deleted map’s pictures stay while it can be restored, and go when the trash is purged', async () => {
    // Restorable for a day (the default): the trash keeps the pictures.
    {
      const { app, json, newMap, upload, images } = setup();
      const mapId = await newMap();
      const up = await upload(mapId, await picture('png'));
      expect((await json('DELETE', `/api/maps/${mapId}`)).status).toBe(204);
      // In the trash: shown to nobody, still stored.
      expect((await app.request(up.body.url)).status).toBe(404);
      expect(await images.count()).toBe(1);
      expect((await json('POST', `/api/maps/${mapId}/restore`)).status).toBe(200);
      expect((await app.request(up.body.url)).status).toBe(200);
    }
    // No restore window: the delete purges at once, the map's pictures with it and nobody else's.
    const { json, newMap, upload, images } = setup({ mapRestoreMs: 0 });
    const keep = await newMap('Keep');
    await upload(keep, await picture('png'));
    const mapId = await newMap();
    await upload(mapId, await picture('png'));
    await upload(mapId, await picture('jpeg'));
    expect(await images.count()).toBe(3);
    expect((await json('DELETE', `/api/maps/${mapId}`)).status).toBe(204);
    expect(await images.count()).toBe(1);
    expect(await images.usage(mapId)).toEqual({ count: 0, bytes: 0 });
    expect(await images.usage(keep)).toMatchObject({ count: 1 });
  });
});

describe('images over real HTTP (server as a child process)', () => {
  const servers: ChildServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop().catch(() => {});
  });
  const start = async (dir: string, env: Record<string, string> = {}) => {
    const s = await spawnServer(dir, { EXPORT_WORKERS: '1', ...env });
    servers.push(s);
    return s;
  };
  const post = (url: string, bytes: Uint8Array<ArrayBuffer>, type = 'image/png') =>
    fetch(url, { method: 'POST', headers: ownerHeaders({ 'content-type': type }), body: bytes });
  const countImages = (dir: string) => {
    const store = openSqliteImages(path.join(dir, 'journeycraft.sqlite'));
    return store.count().finally(() => store.close());
  };

  it('an upload answered 201 survives kill -9 of the server right after', async () => {
    const dir = tempDir();
    const first = await start(dir);
    const mapId = await createMap(first.url);
    const sent = await picture('png', 90, 60);
    const res = await post(`${first.url}/api/maps/${mapId}/images`, sent);
    expect(res.status).toBe(201);
    const info = (await res.json()) as ImageInfo & { url: string };
    await first.kill9();

    const second = await start(dir);
    const got = await fetch(`${second.url}${info.url}`, { headers: ownerHeaders() });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await got.arrayBuffer());
    expect(bytes.byteLength).toBe(info.bytes);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: 'png', width: 90, height: 60 });
  });

  it('refuses crafted files over the socket with 4xx JSON, and a purged map leaves no stored picture', async () => {
    const dir = tempDir();
    const server = await start(dir, { MAP_RESTORE_MS: '0' });
    const mapId = await createMap(server.url);
    const svg = await post(`${server.url}/api/maps/${mapId}/images`, SVG);
    expect(svg.status).toBe(415);
    expect(((await svg.json()) as { error: { message: string } }).error.message).toMatch(/SVG/);
    const over = await post(`${server.url}/api/maps/${mapId}/images`, new Uint8Array(MAX_IMAGE_BYTES + 1));
    expect(over.status).toBe(413);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/larger than 10 MB/);
    for (const format of ['png', 'jpeg'] as const) {
      expect((await post(`${server.url}/api/maps/${mapId}/images`, await picture(format))).status).toBe(201);
    }
    expect(await countImages(dir)).toBe(2);
    const del = await fetch(`${server.url}/api/maps/${mapId}`, { method: 'DELETE', headers: ownerHeaders() });
    expect(del.status).toBe(204);
    expect(await countImages(dir)).toBe(0);
  });
});
