import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { MapSnapshotSchema } from '@journeycraft/schema';
import { createRecord, readRecords, snapshot, updateMeta, updateRecord, userOrigin } from '@journeycraft/doc';
import { type RunningServer } from '../src/index.js';
import { TEST_ADMIN_TOKEN, inviteAccount } from './auth-helpers.js';
import { acknowledged, createMap, nextSynced, startTestServer, waitFor } from './helpers.js';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startTestServer({ roomIdleMs: 60_000 }));
});
afterAll(async () => {
  await server.close();
});

async function api<T = unknown>(
  path: string,
  init: RequestInit & { token?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  // The owner unless the test says otherwise ('none': no credential at all).
  const token = init.token ?? TEST_ADMIN_TOKEN;
  if (token !== 'none') headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}${path}`, { ...init, headers });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function link(mapId: string, role: string, extra: object = {}): Promise<{ id: string; token: string }> {
  const res = await api<{ id: string; token: string }>(`/api/maps/${mapId}/links`, {
    method: 'POST',
    body: JSON.stringify({ role, ...extra }),
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function join(token: string, name: string): Promise<string> {
  const res = await api<{ sessionToken: string }>('/api/join', {
    method: 'POST',
    body: JSON.stringify({ token, name }),
  });
  expect(res.status).toBe(200);
  return res.body.sessionToken;
}

function provider(mapId: string, token: string = TEST_ADMIN_TOKEN, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`${base.replace('http', 'ws')}/sync`, mapId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...(token !== 'none' ? { params: { token } } : {}),
  });
}

function upgradeStatus(mapId: string, token: string = TEST_ADMIN_TOKEN): Promise<number> {
  return new Promise((resolve) => {
    const query = token !== 'none' ? `?token=${encodeURIComponent(token)}` : '';
    const ws = new WebSocket(`${base.replace('http', 'ws')}/sync/${mapId}${query}`);
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => {});
  });
}

const stored = async (mapId: string) =>
  (await api<{ stages: Array<{ title: string }> }>(`/api/maps/${mapId}/snapshot`)).body;

describe('share links and permissions, enforced on the server', () => {
  it("drops a viewer's document updates; the stored document is unchanged", async () => {
    const mapId = await createMap(base, 'Viewer test');
    const owner = provider(mapId);
    await nextSynced(owner);
    createRecord(owner.doc, 'stages', { title: 'Original', order: 1 }, userOrigin('owner'));
    await acknowledged(owner);

    const viewerSession = await join((await link(mapId, 'viewer')).token, 'Val Viewer');
    const viewer = provider(mapId, viewerSession);
    await nextSynced(viewer);
    expect(readRecords(viewer.doc, 'stages').map((s) => s.title)).toEqual(['Original']);
    // a modified client ignores its read-only UI and writes anyway
    createRecord(viewer.doc, 'stages', { title: 'Vandalism', order: 2 }, userOrigin('viewer'));
    updateRecord(
      viewer.doc,
      'stages',
      readRecords(viewer.doc, 'stages')[0]!.id,
      { title: 'Defaced' },
      userOrigin('viewer'),
    );
    await acknowledged(viewer);
    await acknowledged(owner);

    expect((await stored(mapId)).stages.map((s) => s.title)).toEqual(['Original']);
    expect(readRecords(owner.doc, 'stages').map((s) => s.title)).toEqual(['Original']);
    // and a fresh client, after the room is reloaded from storage, sees the same
    await server.rooms.unload(mapId);
    const fresh = provider(mapId);
    await nextSynced(fresh);
    expect(readRecords(fresh.doc, 'stages').map((s) => s.title)).toEqual(['Original']);
    for (const p of [owner, viewer, fresh]) p.destroy();
  });

  it('commenters cannot change the map through sync, but can comment through the API', async () => {
    const mapId = await createMap(base);
    const session = await join((await link(mapId, 'commenter')).token, 'Cora');
    const p = provider(mapId, session);
    await nextSynced(p);
    createRecord(p.doc, 'stages', { title: 'Nope', order: 1 }, userOrigin('c'));
    await acknowledged(p);
    expect((await stored(mapId)).stages).toHaveLength(0);
    const comment = await api<{ authorName: string }>(`/api/maps/${mapId}/comments`, {
      method: 'POST',
      token: session,
      body: JSON.stringify({ targetId: 'someTouchpoint', body: 'Hold music is too loud', authorName: 'The CEO' }),
    });
    expect(comment.status).toBe(201);
    expect(comment.body.authorName).toBe('Cora'); // the name the guest joined under, not the one claimed
    const stage = await api(`/api/maps/${mapId}/versions`, {
      method: 'POST',
      token: session,
      body: JSON.stringify({ name: 'x' }),
    });
    expect(stage.status).toBe(403);
    p.destroy();
  });

  it('refuses expired and revoked tokens at the upgrade, and disconnects sessions of a revoked link', async () => {
    const mapId = await createMap(base);
    const editorLink = await link(mapId, 'editor');
    const session = await join(editorLink.token, 'Eddie');
    expect(await upgradeStatus(mapId, session)).toBe(101);

    const live = provider(mapId, session);
    await nextSynced(live);
    const closed = new Promise<number>((resolve) =>
      live.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    const revoked = await api<{ revokedAt: string | null }>(`/api/maps/${mapId}/links/${editorLink.id}`, {
      method: 'DELETE',
    });
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(await closed).toBe(4401);
    live.destroy();
    expect(await upgradeStatus(mapId, session)).toBe(401);
    const rejoin = await api<{ error: { message: string } }>('/api/join', {
      method: 'POST',
      body: JSON.stringify({ token: editorLink.token, name: 'Eddie' }),
    });
    expect(rejoin.status).toBe(401);
    expect(rejoin.body.error.message).toMatch(/revoked/);
    // The join page asks before greeting: a revoked link says so, a live one tells its role and map.
    const check = (token: string) =>
      api<{ role?: string; mapTitle?: string; error?: { message: string } }>('/api/join/check', {
        method: 'POST',
        body: JSON.stringify({ token }),
      });
    const dead = await check(editorLink.token);
    expect(dead.status).toBe(401);
    expect(dead.body.error?.message).toMatch(/revoked/);
    const live2 = await check((await link(mapId, 'commenter')).token);
    expect(live2.status).toBe(200);
    expect(live2.body).toMatchObject({ role: 'commenter', mapTitle: expect.any(String) });
    expect((await check(session)).status).toBe(401);
    expect((await check('not-a-token-at-all')).status).toBe(401);

    const shortLink = await link(mapId, 'editor', { expiresInHours: 0.0003 }); // about one second
    const shortSession = await join(shortLink.token, 'Shorty');
    await new Promise((r) => setTimeout(r, 1300));
    expect(await upgradeStatus(mapId, shortSession)).toBe(401);

    // tampered and foreign tokens
    expect(await upgradeStatus(mapId, session.slice(0, -3) + 'AAA')).toBe(401);
    const other = await createMap(base);
    expect(await upgradeStatus(other, await join((await link(mapId, 'viewer')).token, 'X'))).toBe(403);
  });

  it('overwrites awareness that claims another name or role', async () => {
    const mapId = await createMap(base);
    const session = await join((await link(mapId, 'editor')).token, 'Priya');
    const guest = provider(mapId, session);
    const watcher = provider(mapId);
    await Promise.all([nextSynced(guest), nextSynced(watcher)]);
    guest.awareness.setLocalStateField('user', { name: 'The Facilitator', role: 'facilitator', color: '#123456' });
    await waitFor(() => watcher.awareness.getStates().has(guest.doc.clientID), 5000, 'guest presence');
    await waitFor(
      () =>
        (watcher.awareness.getStates().get(guest.doc.clientID) as { user?: { name?: string } })?.user?.name === 'Priya',
      5000,
      'stamped name',
    );
    const user = (watcher.awareness.getStates().get(guest.doc.clientID) as { user: Record<string, unknown> }).user;
    expect(user).toMatchObject({ name: 'Priya', role: 'editor', color: '#123456' });
    expect(user.guestId).toBeUndefined(); // guest ids open ballots; they are not shown to others
    guest.destroy();
    watcher.destroy();
  });

  it('facilitator locks: an editor cannot change a locked stage or its cards (changes are put back), a facilitator can', async () => {
    const mapId = await createMap(base);
    const fac = provider(mapId, await join((await link(mapId, 'facilitator')).token, 'Fran'));
    const ed = provider(mapId, await join((await link(mapId, 'editor')).token, 'Ed'));
    await Promise.all([nextSynced(fac), nextSynced(ed)]);
    const F = userOrigin('fran');
    const E = userOrigin('ed');
    const locked = createRecord(fac.doc, 'stages', { title: 'Settled', order: 1 }, F);
    const open = createRecord(fac.doc, 'stages', { title: 'Open', order: 2 }, F);
    const lane = createRecord(fac.doc, 'lanes', { title: 'Touchpoints', kind: 'touchpoints', order: 1 }, F);
    const card = createRecord(fac.doc, 'touchpoints', { stageId: locked.id, laneId: lane.id, title: 'Agreed card' }, F);
    updateRecord(fac.doc, 'stages', locked.id, { locked: true }, F);
    await acknowledged(fac);
    await waitFor(() => readRecords(ed.doc, 'stages').some((s) => s.locked), 5000, 'lock reaches editor');

    updateRecord(ed.doc, 'stages', locked.id, { title: 'Renamed by editor' }, E); // refused
    updateRecord(ed.doc, 'touchpoints', card.id, { title: 'Edited by editor' }, E); // refused: card in a locked stage
    createRecord(ed.doc, 'touchpoints', { stageId: locked.id, laneId: lane.id, title: 'Sneaked in' }, E); // refused
    updateRecord(ed.doc, 'stages', locked.id, { locked: false }, E); // refused: only facilitators unlock
    updateRecord(ed.doc, 'stages', open.id, { title: 'Open (edited)' }, E); // allowed
    await acknowledged(ed);

    const snap = MapSnapshotSchema.parse((await api(`/api/maps/${mapId}/snapshot`)).body);
    expect(snap.stages.map((s) => [s.title, s.locked])).toEqual([
      ['Settled', true],
      ['Open (edited)', false],
    ]);
    expect(snap.touchpoints.map((t) => t.title)).toEqual(['Agreed card']);
    // the editor's own copy is put back too, and later edits of that editor still go through
    await waitFor(
      () =>
        readRecords(ed.doc, 'touchpoints')
          .map((t) => t.title)
          .join() === 'Agreed card',
      5000,
      'revert on editor',
    );
    expect(readRecords(ed.doc, 'stages').map((s) => [s.title, s.locked])).toEqual(
      snap.stages.map((s) => [s.title, s.locked]),
    );

    updateRecord(fac.doc, 'stages', locked.id, { title: 'Settled (facilitator)' }, F);
    updateMeta(fac.doc, { locked: true }, F);
    await acknowledged(fac);
    updateRecord(ed.doc, 'stages', open.id, { title: 'Map lock ignored' }, E); // refused: map locked
    await acknowledged(ed);
    const after = MapSnapshotSchema.parse((await api(`/api/maps/${mapId}/snapshot`)).body);
    expect(after.stages.map((s) => s.title)).toEqual(['Settled (facilitator)', 'Open (edited)']);
    expect(after.meta.locked).toBe(true);
    fac.destroy();
    ed.destroy();
  });

  it('a private map refuses workspace members who are not on it; its owner switches it, not a facilitator link', async () => {
    const mapId = await createMap(base);
    const facSession = await join((await link(mapId, 'facilitator')).token, 'Fran');
    const colleague = await inviteAccount(base, 'member');
    // Shared with the workspace (the default): a member opens it.
    const member = provider(mapId, colleague.token);
    await nextSynced(member);
    const closed = new Promise<number>((resolve) =>
      member.on('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)),
    );
    const byLink = await api(`/api/maps/${mapId}`, {
      method: 'PATCH',
      token: facSession,
      body: JSON.stringify({ access: 'links' }),
    });
    expect(byLink.status).toBe(403);
    const res = await api<{ access: string }>(`/api/maps/${mapId}`, {
      method: 'PATCH',
      body: JSON.stringify({ access: 'links' }),
    });
    expect(res.body.access).toBe('links');
    expect(await closed).toBe(4401);
    member.destroy();
    expect(await upgradeStatus(mapId, colleague.token)).toBe(403);
    expect(await upgradeStatus(mapId, 'none')).toBe(401);
    expect((await api(`/api/maps/${mapId}/snapshot`, { token: colleague.token })).status).toBe(403);
    expect((await api(`/api/maps/${mapId}/snapshot`, { token: 'none' })).status).toBe(401);
    expect((await api(`/api/maps/${mapId}/snapshot`, { token: facSession })).status).toBe(200);
    expect(await upgradeStatus(mapId, facSession)).toBe(101);
    expect(await upgradeStatus(mapId)).toBe(101);
  });
});

describe('anonymous notes', () => {
  it('are stored with no author at all', async () => {
    const mapId = await createMap(base);
    const session = await join((await link(mapId, 'commenter')).token, 'Zelda Secretname');
    const res = await api<{ authorName: string | null; text: string }>(`/api/maps/${mapId}/notes`, {
      method: 'POST',
      token: session,
      body: JSON.stringify({ text: 'The refund policy scares people', anonymous: true }),
    });
    expect(res.status).toBe(201);
    expect(res.body.authorName).toBeNull();
    await server.rooms.unload(mapId);
    const stored = await server.storage.loadDoc(mapId);
    const bytes = Buffer.concat([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]);
    expect(bytes.includes(Buffer.from('Zelda'))).toBe(false);
    expect(bytes.includes(Buffer.from('refund policy'))).toBe(true);
  });
});

describe('version history', () => {
  it('saves named versions, shows an old one read-only, diffs, restores as a new change, and undoes the restore', async () => {
    const mapId = await createMap(base);
    const p = provider(mapId);
    await nextSynced(p);
    const me = userOrigin('me');
    const a = createRecord(p.doc, 'stages', { title: 'Awareness', order: 1 }, me);
    await acknowledged(p);
    const v1 = await api<{ id: string }>(`/api/maps/${mapId}/versions`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Before workshop' }),
    });
    expect(v1.status).toBe(201);

    updateRecord(p.doc, 'stages', a.id, { title: 'Discover' }, me);
    createRecord(p.doc, 'stages', { title: 'Buy', order: 2 }, me);
    await acknowledged(p);

    const list = await api<{ versions: Array<{ name: string }> }>(`/api/maps/${mapId}/versions`);
    expect(list.body.versions.map((v) => v.name)).toEqual(['Before workshop']);
    const old = MapSnapshotSchema.parse((await api(`/api/maps/${mapId}/versions/${v1.body.id}/snapshot`)).body);
    expect(old.stages.map((s) => s.title)).toEqual(['Awareness']);
    const diff = await api<{ stages: { added: string[]; changed: string[]; removed: string[] } }>(
      `/api/maps/${mapId}/versions/${v1.body.id}/diff`,
    );
    expect(diff.body.stages.changed).toEqual([a.id]);
    expect(diff.body.stages.added).toHaveLength(1);

    const restore = await api<{ undoVersion: { id: string } }>(`/api/maps/${mapId}/versions/${v1.body.id}/restore`, {
      method: 'POST',
    });
    expect(restore.status).toBe(200);
    await waitFor(() => readRecords(p.doc, 'stages').length === 1, 5000, 'restore reaches the client');
    expect(readRecords(p.doc, 'stages').map((s) => s.title)).toEqual(['Awareness']);

    await api(`/api/maps/${mapId}/versions/${restore.body.undoVersion.id}/restore`, { method: 'POST' });
    await waitFor(() => readRecords(p.doc, 'stages').length === 2, 5000, 'undo of the restore');
    expect(readRecords(p.doc, 'stages').map((s) => s.title)).toEqual(['Discover', 'Buy']);
    expect(snapshot(p.doc).stages).toHaveLength(2);
    expect((await api(`/api/maps/${mapId}/versions/nope/snapshot`)).status).toBe(404);
    p.destroy();
  });
});

describe('dot voting', () => {
  it('hides ballots until the facilitator reveals them, enforces the per-person limit, publishes anonymous results', async () => {
    const mapId = await createMap(base);
    const fac = await join((await link(mapId, 'facilitator')).token, 'Fran');
    const p1 = await join((await link(mapId, 'editor')).token, 'Pat');
    const p2 = await join((await link(mapId, 'commenter')).token, 'Quinn');
    const watcher = provider(mapId, fac);
    await nextSynced(watcher);

    const roundRes = await api<{ id: string }>(`/api/maps/${mapId}/vote-rounds`, {
      method: 'POST',
      token: fac,
      body: JSON.stringify({ title: 'Worst pain point', votesPerPerson: 2, anonymous: true }),
    });
    expect(roundRes.status).toBe(201);
    const roundId = roundRes.body.id;
    await waitFor(
      () =>
        readRecords(watcher.doc, 'votes').length === 0 &&
        (watcher.doc.getMap('meta').get('session') as { voting?: { status: string } } | undefined)?.voting?.status ===
          'open',
      5000,
      'round visible',
    );

    const vote = (token: string, targetId: string) =>
      api(`/api/maps/${mapId}/vote-rounds/${roundId}/ballots`, {
        method: 'POST',
        token,
        body: JSON.stringify({ targetId }),
      });
    expect((await vote(p1, 'hold-music')).status).toBe(201);
    expect((await vote(p1, 'hold-music')).status).toBe(201);
    const third = await vote(p1, 'billing');
    expect(third.status).toBe(409);
    expect((await vote(p2, 'billing')).status).toBe(201);

    type Status = { mine: string[]; remaining: number; results: unknown; ballotsCast: number | null };
    const asP1 = await api<Status>(`/api/maps/${mapId}/vote-rounds/${roundId}`, { token: p1 });
    expect(asP1.body).toMatchObject({
      mine: ['hold-music', 'hold-music'],
      remaining: 0,
      results: null,
      ballotsCast: null,
    });
    const asFac = await api<Status>(`/api/maps/${mapId}/vote-rounds/${roundId}`, { token: fac });
    expect(asFac.body).toMatchObject({ results: null, ballotsCast: 3 });
    // nothing about the ballots is in the shared document yet
    expect(readRecords(watcher.doc, 'votes')).toHaveLength(0);
    // a participant cannot reveal
    expect((await api(`/api/maps/${mapId}/vote-rounds/${roundId}/reveal`, { method: 'POST', token: p1 })).status).toBe(
      403,
    );

    expect((await api(`/api/maps/${mapId}/vote-rounds/${roundId}/reveal`, { method: 'POST', token: fac })).status).toBe(
      200,
    );
    await waitFor(() => readRecords(watcher.doc, 'votes').length === 3, 5000, 'results published');
    const votes = readRecords(watcher.doc, 'votes');
    expect(votes.filter((v) => v.targetId === 'hold-music')).toHaveLength(2);
    expect(votes.some((v) => /Pat|Quinn/.test(v.voterKey))).toBe(false);
    const after = await api<{ results: Array<{ targetId: string; votes: number; voters: string[] }> }>(
      `/api/maps/${mapId}/vote-rounds/${roundId}`,
      { token: p2 },
    );
    expect(after.body.results).toEqual([
      { targetId: 'hold-music', votes: 2, voters: [] },
      { targetId: 'billing', votes: 1, voters: [] },
    ]);
    expect((await vote(p2, 'billing')).status).toBe(409); // round is over
    watcher.destroy();
  });

  it('only facilitators run the session: an editor starting the timer or forging votes is put back', async () => {
    const mapId = await createMap(base);
    const ed = provider(mapId, await join((await link(mapId, 'editor')).token, 'Ed'));
    await nextSynced(ed);
    const E = userOrigin('ed');
    updateMeta(
      ed.doc,
      {
        session: {
          timer: { startedAt: Date.now(), durationMs: 60_000, pausedRemainingMs: null },
          spotlightStageId: null,
          followClientId: null,
          participantMode: false,
          voting: null,
          presentation: null,
        },
      },
      E,
    );
    createRecord(ed.doc, 'votes', { targetId: 'x', voterKey: 'fake', createdAt: new Date().toISOString() }, E);
    createRecord(ed.doc, 'stages', { title: 'Normal edit', order: 1 }, E);
    await acknowledged(ed);
    const snap = MapSnapshotSchema.parse((await api(`/api/maps/${mapId}/snapshot`)).body);
    expect(snap.meta.session).toBeNull();
    expect(snap.votes).toHaveLength(0);
    expect(snap.stages.map((s) => s.title)).toEqual(['Normal edit']);
    ed.destroy();
  });
});
