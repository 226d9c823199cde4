import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { applySnapshot, createRecord, readRecords, serverOrigin, userOrigin } from '@journeycraft/doc';
import { sampleSupportMap } from '@journeycraft/export';
import { type RunningServer } from '../src/index.js';
import { TEST_ADMIN_TOKEN, inviteAccount, ownerHeaders } from './auth-helpers.js';
import { acknowledged, connectProvider, createMap, joinLink, nextSynced, startTestServer, waitFor } from './helpers.js';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startTestServer({ roomIdleMs: 60_000 }));
});
afterAll(async () => {
  await server.close();
});

/** A request over a real socket; `token` null sends no credential at all. */
async function call(method: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> | null };
}

function upgradeStatus(mapId: string, token: string | null): Promise<number> {
  return new Promise((resolve) => {
    const q = token ? `?token=${encodeURIComponent(token)}` : '';
    const ws = new WebSocket(`${base.replace('http', 'ws')}/sync/${mapId}${q}`);
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => {});
  });
}

describe('strangers get nothing, and the owner keeps the map', () => {
  it('refuses the takeover of issue 12: list, facilitator link, invitation-only switch, delete; the owner stays connected', async () => {
    const mapId = await createMap(base, 'Payroll journey');
    const owner = connectProvider(base, mapId);
    await nextSynced(owner);
    let ownerClosed: number | null = null;
    owner.on('connection-close', (e: { code: number } | null) => (ownerClosed = e?.code ?? 0));

    const list = await call('GET', '/api/maps', null);
    expect(list.status).toBe(401);
    expect(JSON.stringify(list.body)).not.toContain('Payroll');
    expect((await call('GET', `/api/maps/${mapId}`, null)).status).toBe(401);
    expect(await upgradeStatus(mapId, null)).toBe(401);
    const link = await call('POST', `/api/maps/${mapId}/links`, null, { role: 'facilitator' });
    expect(link.status).toBe(401);
    expect(link.body).toMatchObject({ error: { code: 'unauthorized' } });
    expect((await call('PATCH', `/api/maps/${mapId}`, null, { access: 'links' })).status).toBe(401);
    expect((await call('DELETE', `/api/maps/${mapId}`, null)).status).toBe(401);
    // A forged or made-up token is no better.
    expect((await call('DELETE', `/api/maps/${mapId}`, 'v1.eyJ9.forged')).status).toBe(401);
    expect((await call('DELETE', `/api/maps/${mapId}`, 'jct_madeup')).status).toBe(401);

    // The owner keeps the map, its access and a live socket.
    const mine = await call('GET', `/api/maps/${mapId}`, TEST_ADMIN_TOKEN);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: mapId, access: 'open' });
    expect(
      ((await call('GET', '/api/maps', TEST_ADMIN_TOKEN)).body!.maps as Array<{ id: string }>).map((m) => m.id),
    ).toContain(mapId);
    createRecord(owner.doc, 'stages', { title: 'Still mine', order: 0 }, userOrigin('owner'));
    await acknowledged(owner);
    expect(ownerClosed).toBeNull();
    owner.destroy();
  });

  it('refuses anonymous library writes and template previews; the library is unchanged', async () => {
    const entry = { name: 'Stranger skill', kind: 'skill', description: 'x', levels: [] };
    const write = await call('POST', '/api/library', null, entry);
    expect(write.status).toBe(401);
    expect((await call('DELETE', '/api/library/cmp-empathy', null)).status).toBe(401);
    expect((await call('GET', '/api/library', null)).status).toBe(401);
    const preview = await fetch(`${base}/api/export/template/preview`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'Hello {{ role.title }}',
    });
    expect(preview.status).toBe(401);
    const library = await call('GET', '/api/library', TEST_ADMIN_TOKEN);
    expect(library.status).toBe(200);
    expect(JSON.stringify(library.body)).not.toContain('Stranger skill');
  });

  it('lets a workspace member open a shared map but not delete it, change its access or manage its links', async () => {
    const mapId = await createMap(base, 'Shared onboarding');
    const member = await inviteAccount(base, 'member');
    expect((await call('GET', `/api/maps/${mapId}/snapshot`, member.token)).status).toBe(200);
    expect((await call('DELETE', `/api/maps/${mapId}`, member.token)).status).toBe(403);
    expect((await call('PATCH', `/api/maps/${mapId}`, member.token, { access: 'links' })).status).toBe(403);
    expect((await call('POST', `/api/maps/${mapId}/links`, member.token, { role: 'editor' })).status).toBe(403);
    expect((await call('POST', '/api/library', member.token, { name: 'Member skill', kind: 'skill' })).status).toBe(
      403,
    );
    // Their own map is theirs to delete.
    const own = await call('POST', '/api/maps', member.token, { title: 'My own' });
    expect(own.status).toBe(201);
    // Private maps of others are not listed to them.
    const priv = await createMap(base, 'Private to the owner');
    expect((await call('PATCH', `/api/maps/${priv}`, TEST_ADMIN_TOKEN, { access: 'links' })).status).toBe(200);
    const listed = (await call('GET', '/api/maps', member.token)).body!.maps as Array<{ id: string }>;
    expect(listed.map((m) => m.id)).toContain(own.body!.id);
    expect(listed.map((m) => m.id)).not.toContain(priv);
    const refused = await call('GET', `/api/maps/${priv}`, member.token);
    expect(refused.status).toBe(403);
    expect(String((refused.body!.error as { message: string }).message)).toContain('ask its owner');
    // A member's private map: another member is told whom to ask, by name (never the title).
    expect((await call('PATCH', `/api/maps/${own.body!.id as string}`, member.token, { access: 'links' })).status).toBe(
      200,
    );
    const me = (await call('GET', '/api/auth/me', member.token)).body!.account as { name: string };
    const other = await inviteAccount(base, 'member');
    const asked = await call('GET', `/api/maps/${own.body!.id as string}`, other.token);
    expect(asked.status).toBe(403);
    const message = String((asked.body!.error as { message: string }).message);
    expect(message).toContain(`ask its owner, ${me.name}, to share it`);
    expect(message).not.toContain('My own');
    expect((await call('DELETE', `/api/maps/${own.body!.id as string}`, member.token)).status).toBe(204);
    expect((await call('GET', `/api/maps/${mapId}`, TEST_ADMIN_TOKEN)).status).toBe(200);
  });
});

describe('a deleted map can be restored, by its owner or an admin only', () => {
  it('hides a deleted map everywhere (list, REST, sync), lists it to who may restore it, and brings it back whole', async () => {
    const member = await inviteAccount(base, 'member');
    const own = await call('POST', '/api/maps', member.token, { title: 'Workshop map' });
    const id = own.body!.id as string;
    // Something on it, written over a real socket.
    const doc = new Y.Doc();
    const provider = connectProvider(base, id, doc, member.token);
    await nextSynced(provider);
    createRecord(doc, 'stages', { title: 'Onboarding', order: 0 }, userOrigin('member'));
    await acknowledged(provider);
    provider.destroy();
    const before = (await call('GET', `/api/maps/${id}/snapshot`, member.token)).body!;
    expect(JSON.stringify(before)).toContain('Onboarding');

    const other = await inviteAccount(base, 'member');
    expect((await call('DELETE', `/api/maps/${id}`, other.token)).status).toBe(403);
    expect((await call('DELETE', `/api/maps/${id}`, member.token)).status).toBe(204);

    expect((await call('GET', `/api/maps/${id}`, member.token)).status).toBe(404);
    const listed = (await call('GET', '/api/maps', member.token)).body!.maps as Array<{ id: string }>;
    expect(listed.map((m) => m.id)).not.toContain(id);
    expect(await upgradeStatus(id, member.token)).toBe(404);

    const trash = (await call('GET', '/api/maps/trash', member.token)).body!.maps as Array<{
      id: string;
      title: string;
      restoreUntil: string;
    }>;
    const entry = trash.find((m) => m.id === id)!;
    expect(entry.title).toBe('Workshop map');
    expect(Date.parse(entry.restoreUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    // Another member neither sees it in their trash nor can restore it; strangers learn nothing.
    const theirs = (await call('GET', '/api/maps/trash', other.token)).body!.maps as Array<{ id: string }>;
    expect(theirs.map((m) => m.id)).not.toContain(id);
    expect((await call('POST', `/api/maps/${id}/restore`, other.token)).status).toBe(403);
    expect((await call('POST', `/api/maps/${id}/restore`, null)).status).toBe(401);
    expect((await call('GET', '/api/maps/trash', null)).status).toBe(401);

    const restored = await call('POST', `/api/maps/${id}/restore`, member.token);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id, title: 'Workshop map' });
    expect((await call('GET', `/api/maps/${id}/snapshot`, member.token)).body).toEqual(before);
    expect(await upgradeStatus(id, member.token)).toBe(101);
    const again = await call('POST', `/api/maps/${id}/restore`, member.token);
    expect(again.status).toBe(404);
    expect((again.body!.error as { message: string }).message).toContain('can be restored for 24 hours');

    // An admin may restore anybody's deleted map.
    expect((await call('DELETE', `/api/maps/${id}`, member.token)).status).toBe(204);
    expect((await call('POST', `/api/maps/${id}/restore`, TEST_ADMIN_TOKEN)).status).toBe(200);
    expect((await call('GET', `/api/maps/${id}`, member.token)).status).toBe(200);
  });
});

describe('ended credentials close their live sockets', () => {
  it('closes an expired link session within a second of expiry; its later edits are not stored', async () => {
    const mapId = await createMap(base, 'Short workshop');
    const made = await call('POST', `/api/maps/${mapId}/links`, TEST_ADMIN_TOKEN, {
      role: 'editor',
      expiresInHours: 1.5 / 3600,
    });
    expect(made.status).toBe(201);
    const expiresAt = Date.parse(made.body!.expiresAt as string);
    const session = await joinLink(base, made.body!.token as string, 'Eddie');
    const doc = new Y.Doc();
    const guest = connectProvider(base, mapId, doc, session);
    await nextSynced(guest);
    createRecord(doc, 'stages', { title: 'Before expiry', order: 0 }, userOrigin('eddie'));
    await acknowledged(guest);
    const closed = await new Promise<{ code: number; at: number }>((resolve) =>
      guest.on('connection-close', (e: { code: number } | null) => resolve({ code: e?.code ?? 0, at: Date.now() })),
    );
    expect(closed.code).toBe(4401);
    // Generous bound the issue asks for: within a second of expiry.
    expect(closed.at - expiresAt).toBeLessThan(1000);
    // The stock client keeps editing offline and tries to reconnect; the server refuses it.
    createRecord(doc, 'stages', { title: 'After expiry', order: 1 }, userOrigin('eddie'));
    expect(await upgradeStatus(mapId, session)).toBe(401);
    await new Promise((r) => setTimeout(r, 600));
    guest.destroy();
    const titles = await server.rooms.withDoc(mapId, (d) => readRecords(d, 'stages').map((s) => s.title));
    expect(titles).toEqual(['Before expiry']);
  });

  it('closes the sockets of a revoked session at once, and of a removed member', async () => {
    const mapId = await createMap(base, 'Revocation');
    const member = await inviteAccount(base, 'member');
    const sessions = await fetch(`${base}/api/auth/sessions`, { headers: { cookie: `jc_session=${member.cookie}` } });
    const [session] = ((await sessions.json()) as { sessions: Array<{ id: string }> }).sessions;
    // A browser tab of the member, on the session cookie.
    const tab = new WebSocket(`${base.replace('http', 'ws')}/sync/${mapId}`, {
      headers: { cookie: `jc_session=${member.cookie}` },
    });
    await new Promise((r) => tab.once('open', r));
    const closed = new Promise<number>((r) => tab.once('close', (code) => r(code)));
    const revoked = await fetch(`${base}/api/auth/sessions/${session!.id}`, {
      method: 'DELETE',
      headers: ownerHeaders(),
    });
    expect(revoked.status).toBe(204);
    expect(await closed).toBe(4401);
    expect((await call('GET', `/api/maps/${mapId}`, null)).status).toBe(401);
    const stillToken = connectProvider(base, mapId, new Y.Doc(), member.token);
    await nextSynced(stillToken);
    const tokenClosed = new Promise<number>((r) =>
      stillToken.on('connection-close', (e: { code: number } | null) => r(e?.code ?? 0)),
    );
    expect((await call('DELETE', `/api/workspace/members/${member.id}`, TEST_ADMIN_TOKEN)).status).toBe(204);
    expect(await tokenClosed).toBe(4401);
    await waitFor(() => true);
    stillToken.destroy();
    expect((await call('GET', `/api/maps/${mapId}`, member.token)).status).toBe(401);
  });
});

describe('audit log', () => {
  it('records sign-in, member changes, access and link changes, deletion and HR exports (no contents); admins read it', async () => {
    const mapId = await createMap(base, 'Audited map');
    const member = await inviteAccount(base, 'member');
    expect(
      (await call('PATCH', `/api/workspace/members/${member.id}`, TEST_ADMIN_TOKEN, { role: 'guest' })).status,
    ).toBe(200);
    expect((await call('PATCH', `/api/maps/${mapId}`, TEST_ADMIN_TOKEN, { access: 'links' })).status).toBe(200);
    const link = await call('POST', `/api/maps/${mapId}/links`, TEST_ADMIN_TOKEN, { role: 'viewer' });
    const guest = await joinLink(base, link.body!.token as string, 'Vic Viewer');
    await server.rooms.withDoc(mapId, (doc) => applySnapshot(doc, sampleSupportMap(), serverOrigin('template')));
    const exported = await fetch(`${base}/api/maps/${mapId}/roles/r-agent/export?kind=interview-guide&format=md`, {
      headers: { authorization: `Bearer ${guest}` },
    });
    expect(exported.status).toBe(200);
    const body = await exported.text();
    expect((await call('DELETE', `/api/maps/${mapId}/links/${link.body!.id as string}`, TEST_ADMIN_TOKEN)).status).toBe(
      200,
    );
    expect((await call('DELETE', `/api/maps/${mapId}`, TEST_ADMIN_TOKEN)).status).toBe(204);

    expect((await call('GET', '/api/audit', member.token)).status).toBe(403);
    expect((await call('GET', '/api/audit', null)).status).toBe(401);
    const audit = await call('GET', '/api/audit?limit=500', TEST_ADMIN_TOKEN);
    expect(audit.status).toBe(200);
    const entries = audit.body!.entries as Array<{
      action: string;
      actorId: string | null;
      actorRole: string | null;
      mapId: string | null;
      target: string | null;
      detail: Record<string, unknown>;
    }>;
    const of = (action: string) =>
      entries.filter((e) => e.action === action && (e.mapId === mapId || e.target === member.id));
    expect(entries.some((e) => e.action === 'invitation_accepted' && e.actorId === member.id)).toBe(true);
    expect(of('member_role_changed')[0]).toMatchObject({ actorRole: 'owner', detail: { from: 'member', to: 'guest' } });
    expect(of('map_access_changed')[0]).toMatchObject({ detail: { from: 'open', to: 'links' } });
    expect(of('link_created')[0]).toMatchObject({ detail: { role: 'viewer' } });
    expect(of('link_revoked')).toHaveLength(1);
    expect(of('map_deleted')).toHaveLength(1);
    const hr = of('hr_export')[0]!;
    expect(hr).toMatchObject({
      target: 'r-agent',
      detail: { kind: 'interview-guide', format: 'md', mapRole: 'viewer', roleName: 'Contact centre agent' },
    });
    expect(hr.detail.link).toBe(link.body!.id);
    // Who, role and kind only: nothing of the document itself.
    const text = JSON.stringify(entries);
    for (const line of body
      .split('\n')
      .filter((l) => l.trim().length > 20)
      .slice(0, 5)) {
      expect(text).not.toContain(line.trim());
    }
  });
});
