import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { createRecord, readRecords, userOrigin } from '@journeycraft/doc';
import { type RunningServer } from '../src/index.js';
import { TEST_ADMIN_TOKEN, inviteAccount } from './auth-helpers.js';
import { acknowledged, connectProvider, createMap, joinLink, nextSynced, startTestServer } from './helpers.js';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startTestServer({ roomIdleMs: 60_000 }));
});
afterAll(async () => {
  await server.close();
});

async function call(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

const messageOf = (body: Record<string, unknown> | null) => String((body?.error as { message?: string })?.message);

function upgradeStatus(mapId: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/sync/${mapId}?token=${encodeURIComponent(token)}`);
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => {});
  });
}

describe('the workspace switch that turns share links off', () => {
  it('refuses link creation with a JSON reason, stops existing links and closes their live sockets; members keep working', async () => {
    const mapId = await createMap(base, 'Offsite');
    const made = await call('POST', `/api/maps/${mapId}/links`, TEST_ADMIN_TOKEN, { role: 'editor' });
    expect(made.status).toBe(201);
    const linkToken = made.body!.token as string;
    const session = await joinLink(base, linkToken, 'Gail');
    const doc = new Y.Doc();
    const guest = connectProvider(base, mapId, doc, session);
    await nextSynced(guest);
    createRecord(doc, 'stages', { title: 'While links work', order: 0 }, userOrigin('gail'));
    await acknowledged(guest);
    const owner = connectProvider(base, mapId, new Y.Doc(), TEST_ADMIN_TOKEN);
    await nextSynced(owner);
    let ownerClosed: number | null = null;
    owner.on('connection-close', (e: { code: number } | null) => (ownerClosed = e?.code ?? 0));

    // Only admins flip it; members read it.
    const member = await inviteAccount(base, 'member');
    expect((await call('GET', '/api/workspace/settings', member.token)).body).toEqual({ shareLinks: true });
    expect((await call('PUT', '/api/workspace/settings', member.token, { shareLinks: false })).status).toBe(403);
    expect((await call('PUT', '/api/workspace/settings', null, { shareLinks: false })).status).toBe(401);
    const bad = await call('PUT', '/api/workspace/settings', TEST_ADMIN_TOKEN, { shareLinks: 'no' });
    expect(bad.status).toBe(400);
    expect(messageOf(bad.body)).toContain('shareLinks');

    const closed = new Promise<number>((r) =>
      guest.on('connection-close', (e: { code: number } | null) => r(e?.code ?? 0)),
    );
    const off = await call('PUT', '/api/workspace/settings', TEST_ADMIN_TOKEN, { shareLinks: false });
    expect(off).toEqual({ status: 200, body: { shareLinks: false } });
    expect(await closed).toBe(4401);
    // Edits the guest's client makes afterwards are never stored.
    createRecord(doc, 'stages', { title: 'After links were turned off', order: 1 }, userOrigin('gail'));
    expect(await upgradeStatus(mapId, session)).toBe(403);
    guest.destroy();

    const refused = await call('POST', `/api/maps/${mapId}/links`, TEST_ADMIN_TOKEN, { role: 'viewer' });
    expect(refused.status).toBe(403);
    expect(messageOf(refused.body)).toContain('share links are turned off');
    const viaSession = await call('GET', `/api/maps/${mapId}`, session);
    expect(viaSession.status).toBe(403);
    expect(messageOf(viaSession.body)).toContain('share links are turned off');
    expect((await call('POST', '/api/join', null, { token: linkToken, name: 'Late' })).status).toBe(403);
    expect((await call('POST', '/api/join/check', null, { token: linkToken })).status).toBe(403);

    // The owner's own socket and REST calls carry on.
    expect(ownerClosed).toBeNull();
    expect((await call('GET', `/api/maps/${mapId}`, TEST_ADMIN_TOKEN)).status).toBe(200);
    const titles = await server.rooms.withDoc(mapId, (d) => readRecords(d, 'stages').map((s) => s.title));
    expect(titles).toEqual(['While links work']);

    // The change is audited, once.
    const audit = await call('GET', '/api/audit?action=workspace_settings_changed', TEST_ADMIN_TOKEN);
    const entries = audit.body!.entries as Array<{ detail: Record<string, unknown> }>;
    expect(entries.map((e) => e.detail)).toEqual([{ shareLinks: false }]);

    // On again: the same link works again (it was never revoked).
    expect((await call('PUT', '/api/workspace/settings', TEST_ADMIN_TOKEN, { shareLinks: true })).status).toBe(200);
    expect(await upgradeStatus(mapId, session)).toBe(101);
    owner.destroy();
  });
});

describe('audit log filters', () => {
  it('filters by kind, actor and date, pages with `next`, and names the actors; bad filters are a 400', async () => {
    const member = await inviteAccount(base, 'member');
    const me = (await call('GET', '/api/auth/me', member.token)).body!.account as { id: string; name: string };
    const mapId = (await call('POST', '/api/maps', member.token, { title: 'Audit me' })).body!.id as string;
    expect((await call('DELETE', `/api/maps/${mapId}`, member.token)).status).toBe(204);
    const byActor = await call('GET', `/api/audit?actor=${me.id}`, TEST_ADMIN_TOKEN);
    const entries = byActor.body!.entries as Array<{ action: string; actorId: string }>;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.actorId === me.id)).toBe(true);
    expect(entries.map((e) => e.action)).toContain('map_deleted');
    expect((byActor.body!.actors as Record<string, string>)[me.id]).toBe(me.name);
    const deleted = await call('GET', `/api/audit?action=map_deleted&actor=${me.id}`, TEST_ADMIN_TOKEN);
    expect((deleted.body!.entries as unknown[]).length).toBe(1);
    expect((await call('GET', '/api/audit?until=2000-01-01', TEST_ADMIN_TOKEN)).body!.entries).toEqual([]);
    const first = await call('GET', '/api/audit?limit=1', TEST_ADMIN_TOKEN);
    const next = first.body!.next as number;
    expect(typeof next).toBe('number');
    const second = await call('GET', `/api/audit?limit=1&before=${next}`, TEST_ADMIN_TOKEN);
    expect((second.body!.entries as Array<{ seq: number }>)[0]!.seq).toBeLessThan(next);
    const bad = await call('GET', '/api/audit?action=nonsense&since=yesterday', TEST_ADMIN_TOKEN);
    expect(bad.status).toBe(400);
    expect(messageOf(bad.body)).toContain('since');
    expect((await call('GET', '/api/audit', member.token)).status).toBe(403);
  });
});
