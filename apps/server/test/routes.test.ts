import { describe, expect, it } from 'vitest';
import { openSqliteStorage, Rooms, silentLogger } from '../src/index.js';
import { ownerApp } from './auth-helpers.js';
import { MapSnapshotSchema } from '@journeycraft/schema';

function makeApp(maxBodyBytes = 1024 * 1024) {
  const storage = openSqliteStorage(':memory:');
  const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 500, idleMs: 60_000 });
  return ownerApp({ storage, rooms, log: silentLogger, maxBodyBytes });
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('REST /api/maps', () => {
  it('creates, lists, renames, duplicates and deletes maps', async () => {
    const app = makeApp();
    const created = await app.request('/api/maps', json({ title: 'Support call' }));
    expect(created.status).toBe(201);
    const map = (await created.json()) as { id: string; title: string };
    expect(map.title).toBe('Support call');

    const list = (await (await app.request('/api/maps')).json()) as { maps: Array<{ id: string }> };
    expect(list.maps.map((m) => m.id)).toEqual([map.id]);

    const renamed = await app.request(`/api/maps/${map.id}`, { ...json({ title: 'Billing call' }), method: 'PATCH' });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { title: string }).title).toBe('Billing call');

    const snap = await app.request(`/api/maps/${map.id}/snapshot`);
    const parsed = MapSnapshotSchema.parse(await snap.json());
    expect(parsed.meta.title).toBe('Billing call');

    const dup = await app.request(`/api/maps/${map.id}/duplicate`, json({}));
    expect(dup.status).toBe(201);
    const copy = (await dup.json()) as { id: string; title: string };
    expect(copy.title).toBe('Copy of Billing call');
    expect(copy.id).not.toBe(map.id);
    const copySnap = MapSnapshotSchema.parse(await (await app.request(`/api/maps/${copy.id}/snapshot`)).json());
    expect(copySnap.meta.title).toBe('Copy of Billing call');

    expect((await app.request(`/api/maps/${map.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/maps/${map.id}`)).status).toBe(404);
    expect((await app.request(`/api/maps/${map.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('answers bad input with 4xx and a JSON body that says what is wrong', async () => {
    const app = makeApp(200);
    const empty = await app.request('/api/maps', json({ title: '   ' }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({
      error: { code: 'validation_failed', issues: [{ path: 'title', message: 'must not be empty' }] },
    });

    const extra = await app.request('/api/maps', json({ title: 'ok', owner: 'me' }));
    expect(extra.status).toBe(400);

    const badJson = await app.request('/api/maps', { method: 'POST', body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { message: string } }).error.message).toMatch(/not valid JSON/);

    const tooBig = await app.request('/api/maps', json({ title: 'x'.repeat(500) }));
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    const badId = await app.request('/api/maps/bad%20id');
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { code: 'bad_request' } });

    expect((await app.request('/api/maps/unknownMap1/snapshot')).status).toBe(404);
    expect((await app.request('/api/nothing-here')).status).toBe(404);
    // nothing was stored by the failed requests
    expect(((await (await app.request('/api/maps')).json()) as { maps: unknown[] }).maps).toHaveLength(0);
  });
});
