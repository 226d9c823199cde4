import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import type { MapSnapshot } from '@journeycraft/schema';
import {
  collection,
  createMapDoc,
  createRecord,
  deleteRecord,
  metaMap,
  readRecords,
  updateMeta,
  updateRecord,
  userOrigin,
  addSticky,
  clusterStickies,
  moveSticky,
  readRecord,
} from '@journeycraft/doc';
import { GuardedChange, inspectUpdate, type RunningServer } from '../src/index.js';
import { TEST_ADMIN_TOKEN } from './auth-helpers.js';
import { acknowledged, createMap, nextSynced, startTestServer, waitFor } from './helpers.js';

const F = userOrigin('facilitator');
const E = userOrigin('editor');
const editor = { role: 'editor' as const, key: 'k-ed', name: 'Eddie' };

/** A doc with a locked card T1 (connected to T2, with an owner role) and the update an editor starts from. */
function lockedWorld() {
  const doc = createMapDoc();
  const s = createRecord(doc, 'stages', { title: 'Stage', order: 1 }, F);
  const l = createRecord(doc, 'lanes', { title: 'Lane', kind: 'touchpoints', order: 1 }, F);
  const t1 = createRecord(doc, 'touchpoints', { stageId: s.id, laneId: l.id, title: 'Agreed card', locked: true }, F);
  const t2 = createRecord(doc, 'touchpoints', { stageId: s.id, laneId: l.id, title: 'Open card' }, F);
  const c = createRecord(doc, 'connections', { fromId: t1.id, toId: t2.id }, F);
  const r = createRecord(doc, 'roles', { name: 'Agent' }, F);
  const a = createRecord(doc, 'assignments', { touchpointId: t1.id, roleId: r.id, involvement: 'owner' }, F);
  return { doc, t1, t2, c, a };
}

/** Applies `update` to `doc` the way the room does, as `principal`; returns the reasons refused. */
function guarded(doc: Y.Doc, update: Uint8Array, principal = editor): string[] {
  const inspection = inspectUpdate(doc, update);
  if (!inspection.ok) return [inspection.reason];
  const change = GuardedChange.capture(doc, inspection.targets);
  Y.applyUpdate(doc, update, 'client');
  const refusals = change.judge(principal);
  if (refusals.length) change.restore(refusals, 'guard', update);
  return refusals.map((r) => r.reason);
}

function editsOf(server: Y.Doc, edit: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

describe('sync guard (unit)', () => {
  it('refuses a delete set naming clocks the server has not seen, before applying anything', () => {
    const { doc } = lockedWorld();
    const client = doc.clientID;
    const state = Y.getState(doc.store, client);
    const ds = encoding.createEncoder();
    // An update with no structs and one delete range of the facilitator's future clocks.
    encoding.writeVarUint(ds, 0);
    encoding.writeVarUint(ds, 1);
    encoding.writeVarUint(ds, client);
    encoding.writeVarUint(ds, 1);
    encoding.writeVarUint(ds, state);
    encoding.writeVarUint(ds, 50);
    const update = encoding.toUint8Array(ds);
    expect(inspectUpdate(doc, update)).toMatchObject({ ok: false, metric: 'unknown_delete' });
    // Known clocks are fine: the same range ending at the current state.
    const known = encoding.createEncoder();
    for (const n of [0, 1, client, 1, 0, state]) encoding.writeVarUint(known, n);
    expect(inspectUpdate(doc, encoding.toUint8Array(known))).toMatchObject({ ok: true });
  });

  it('refuses structs that build on changes the server has not seen (they would stay pending)', () => {
    const { doc } = lockedWorld();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(other);
    createRecord(other, 'stages', { title: 'First', order: 2 }, E);
    const mid = Y.encodeStateVector(other);
    createRecord(other, 'stages', { title: 'Second', order: 3 }, E);
    const second = Y.encodeStateAsUpdate(other, mid);
    expect(inspectUpdate(doc, second)).toMatchObject({ ok: false, metric: 'pending' });
    expect(inspectUpdate(doc, Y.encodeStateAsUpdate(other, sv))).toMatchObject({ ok: true });
  });

  it("puts back a locked card's connections and assignments an editor deleted, and says why", () => {
    const { doc, t1, c, a } = lockedWorld();
    const update = editsOf(doc, (copy) => {
      deleteRecord(copy, 'connections', c.id, E);
      deleteRecord(copy, 'assignments', a.id, E);
    });
    const reasons = guarded(doc, update);
    expect(reasons).toEqual(['"Agreed card" is locked by a facilitator', '"Agreed card" is locked by a facilitator']);
    expect(readRecords(doc, 'connections').map((x) => x.id)).toEqual([c.id]);
    expect(readRecords(doc, 'assignments').map((x) => x.id)).toEqual([a.id]);
    // An editor's deletion of the card itself is refused whole (its connections would go with it).
    expect(
      guarded(
        doc,
        editsOf(doc, (copy) => deleteRecord(copy, 'touchpoints', t1.id, E)),
      ),
    ).toHaveLength(
      3, // the card, its connection and its assignment
    );
    expect(readRecords(doc, 'touchpoints').some((t) => t.id === t1.id)).toBe(true);
  });

  it('keeps what it allows: an editor edits the open card while its locked neighbour stays', () => {
    const { doc, t2 } = lockedWorld();
    const update = editsOf(doc, (copy) => updateRecord(copy, 'touchpoints', t2.id, { title: 'Edited' }, E));
    expect(guarded(doc, update)).toEqual([]);
    expect(readRecords(doc, 'touchpoints').find((t) => t.id === t2.id)?.title).toBe('Edited');
  });

  it("stamps a new comment's author from the session and refuses rewriting it later", () => {
    const { doc, t2 } = lockedWorld();
    const forged = editsOf(doc, (copy) =>
      createRecord(
        copy,
        'comments',
        { targetId: t2.id, authorName: 'Fiona Facilitator', body: 'Ship it', createdAt: new Date().toISOString() },
        E,
      ),
    );
    expect(guarded(doc, forged)).toHaveLength(2);
    const [comment] = readRecords(doc, 'comments');
    expect(comment).toMatchObject({ authorName: 'Eddie', authorKey: 'k-ed' });
    const rewrite = editsOf(doc, (copy) =>
      updateRecord(copy, 'comments', comment!.id, { authorName: 'Someone else' }, E),
    );
    expect(guarded(doc, rewrite)).toEqual(['the author is set from who you are signed in as and cannot be changed']);
    expect(readRecords(doc, 'comments')[0]!.authorName).toBe('Eddie');
  });

  it('refuses writes outside the map layout for all but facilitators, and deletes them', () => {
    const { doc } = lockedWorld();
    const update = editsOf(doc, (copy) => copy.getMap('evil').set('x', 'y'.repeat(100)));
    expect(guarded(doc, update)).toEqual(['this is not part of a map']);
    expect(doc.getMap('evil').size).toBe(0);
  });
});

let server: RunningServer;
let base: string;

beforeAll(async () => {
  ({ server, base } = await startTestServer());
});
afterAll(async () => {
  await server.close();
});

async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as T;
}

async function guest(mapId: string, role: string, name: string): Promise<string> {
  const link = await post<{ token: string }>(`/api/maps/${mapId}/links`, { role });
  return (await post<{ sessionToken: string }>('/api/join', { token: link.token, name })).sessionToken;
}

interface Client {
  provider: WebsocketProvider;
  doc: Y.Doc;
  notices: Array<{ kind: string; message: string; resync: boolean }>;
}

function connect(mapId: string, token: string = TEST_ADMIN_TOKEN): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace('http', 'ws')}/sync`, mapId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  const notices: Client['notices'] = [];
  provider.messageHandlers[4] = (_encoder, decoder) => {
    notices.push(JSON.parse(decoding.readVarString(decoder)) as Client['notices'][number]);
  };
  return { provider, doc, notices };
}

async function storedSnapshot(mapId: string): Promise<MapSnapshot> {
  const res = await fetch(`${base}/api/maps/${mapId}/snapshot`, {
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as MapSnapshot;
}

/** A facilitator's map with a locked card T1 (connected to T2, an owner role attached). */
async function lockedMap() {
  const mapId = await createMap(base);
  const fac = connect(mapId);
  await nextSynced(fac.provider);
  const s = createRecord(fac.doc, 'stages', { title: 'Stage', order: 1 }, F);
  const l = createRecord(fac.doc, 'lanes', { title: 'Lane', kind: 'touchpoints', order: 1 }, F);
  const t1 = createRecord(fac.doc, 'touchpoints', { stageId: s.id, laneId: l.id, title: 'Agreed' }, F);
  const t2 = createRecord(fac.doc, 'touchpoints', { stageId: s.id, laneId: l.id, title: 'Open' }, F);
  const c = createRecord(fac.doc, 'connections', { fromId: t1.id, toId: t2.id }, F);
  const r = createRecord(fac.doc, 'roles', { name: 'Agent' }, F);
  const a = createRecord(fac.doc, 'assignments', { touchpointId: t1.id, roleId: r.id, involvement: 'owner' }, F);
  updateRecord(fac.doc, 'touchpoints', t1.id, { locked: true }, F);
  await acknowledged(fac.provider);
  return { mapId, fac, t1, t2, c, a };
}

describe('sync guard over a real socket: crafted updates', () => {
  it("an editor deleting a locked card's connections and roles: refused, told, re-synced; the facilitator keeps them", async () => {
    const { mapId, fac, c, a } = await lockedMap();
    const ed = connect(mapId, await guest(mapId, 'editor', 'Eddie'));
    await nextSynced(ed.provider);
    deleteRecord(ed.doc, 'connections', c.id, E);
    deleteRecord(ed.doc, 'assignments', a.id, E);
    await waitFor(() => ed.notices.length > 0, 5000, 'refusal notice');
    expect(ed.notices[0]).toMatchObject({ kind: 'refused', message: expect.stringMatching(/locked by a facilitator/) });
    await waitFor(() => readRecords(ed.doc, 'connections').length === 1, 5000, "attacker's copy re-synced");
    expect(readRecords(ed.doc, 'assignments').map((x) => x.id)).toEqual([a.id]);
    await acknowledged(fac.provider);
    expect(readRecords(fac.doc, 'connections').map((x) => x.id)).toEqual([c.id]);
    expect(readRecords(fac.doc, 'assignments').map((x) => x.id)).toEqual([a.id]);
    const stored = await storedSnapshot(mapId);
    expect(stored.connections.map((x) => x.id)).toEqual([c.id]);
    expect(stored.assignments.map((x) => x.id)).toEqual([a.id]);
    ed.provider.destroy();
    fac.provider.destroy();
  });

  it("a delete set naming the facilitator's future clocks is refused; the facilitator's next stage and lock exist", async () => {
    const { mapId, fac, t2 } = await lockedMap();
    const token = await guest(mapId, 'editor', 'Mallory');
    const attacker = connect(mapId, token);
    await nextSynced(attacker.provider);
    const client = fac.doc.clientID;
    const next = Y.getState(fac.doc.store, client);
    const ds = encoding.createEncoder();
    for (const n of [0, 1, client, 1, next, 500]) encoding.writeVarUint(ds, n);
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, 0);
    syncProtocol.writeUpdate(frame, encoding.toUint8Array(ds));
    attacker.provider.ws!.send(encoding.toUint8Array(frame));
    await waitFor(() => attacker.notices.length > 0, 5000, 'refusal notice');
    expect(attacker.notices[0]).toMatchObject({ resync: true, message: expect.stringMatching(/has not seen/) });
    // The facilitator goes on: a new stage and a lock, with exactly those clocks.
    createRecord(fac.doc, 'stages', { title: 'Created after the attack', order: 2 }, F);
    updateRecord(fac.doc, 'touchpoints', t2.id, { locked: true }, F);
    await acknowledged(fac.provider);
    const stored = await storedSnapshot(mapId);
    expect(stored.stages.map((s) => s.title)).toContain('Created after the attack');
    expect(stored.touchpoints.find((t) => t.id === t2.id)?.locked).toBe(true);
    await waitFor(
      () => readRecords(attacker.doc, 'stages').some((s) => s.title === 'Created after the attack'),
      5000,
      'attacker sees the stage',
    );
    attacker.provider.destroy();
    fac.provider.destroy();
  });

  it('delete-only updates of votes, the session and locks by an editor on an unlocked map are put back', async () => {
    const mapId = await createMap(base);
    const fac = connect(mapId);
    await nextSynced(fac.provider);
    const s = createRecord(fac.doc, 'stages', { title: 'Stage', order: 1 }, F);
    const l = createRecord(fac.doc, 'lanes', { title: 'Lane', kind: 'touchpoints', order: 1 }, F);
    const t = createRecord(fac.doc, 'touchpoints', { stageId: s.id, laneId: l.id, title: 'Voted' }, F);
    const at = new Date().toISOString();
    for (const voterKey of ['a', 'b']) createRecord(fac.doc, 'votes', { targetId: t.id, voterKey, createdAt: at }, F);
    updateMeta(
      fac.doc,
      {
        session: {
          timer: null,
          spotlightStageId: s.id,
          followClientId: 7,
          participantMode: false,
          voting: null,
          presentation: null,
        },
      },
      F,
    );
    updateRecord(fac.doc, 'stages', s.id, { locked: true }, F);
    await acknowledged(fac.provider);
    const ed = connect(mapId, await guest(mapId, 'editor', 'Eddie'));
    await nextSynced(ed.provider);
    ed.doc.transact(() => {
      collection(ed.doc, 'votes').forEach((_, id) => collection(ed.doc, 'votes').delete(id));
      metaMap(ed.doc).delete('session');
      collection(ed.doc, 'stages').get(s.id)!.delete('locked');
    }, E);
    await waitFor(() => ed.notices.length > 0, 5000, 'refusal notice');
    expect(ed.notices[0]!.message).toMatch(/votes are cast in the voting round/);
    await waitFor(() => readRecords(ed.doc, 'votes').length === 2, 5000, "attacker's copy re-synced");
    const stored = await storedSnapshot(mapId);
    expect(stored.votes).toHaveLength(2);
    expect(stored.meta.session?.spotlightStageId).toBe(s.id);
    expect(stored.stages[0]!.locked).toBe(true);
    await acknowledged(fac.provider);
    expect(readRecords(fac.doc, 'votes')).toHaveLength(2);
    ed.provider.destroy();
    fac.provider.destroy();
  });

  it("a commenter's comment reaches the facilitator, with the author the session says", async () => {
    const { mapId, fac, t1 } = await lockedMap();
    const commenter = connect(mapId, await guest(mapId, 'commenter', 'Cora'));
    await nextSynced(commenter.provider);
    createRecord(
      commenter.doc,
      'comments',
      {
        targetId: t1.id,
        authorName: 'Fiona Facilitator',
        body: 'Can we revisit?',
        createdAt: new Date().toISOString(),
      },
      userOrigin('cora'),
    );
    await waitFor(() => readRecords(fac.doc, 'comments').length === 1, 5000, 'comment reaches the facilitator');
    await waitFor(() => readRecords(fac.doc, 'comments')[0]!.authorName === 'Cora', 5000, 'author stamped');
    expect(readRecords(commenter.doc, 'comments')[0]).toMatchObject({ authorName: 'Cora', body: 'Can we revisit?' });
    // Anything else a commenter writes is put back.
    createRecord(commenter.doc, 'stages', { title: 'Nope', order: 9 }, userOrigin('cora'));
    await waitFor(() => commenter.notices.some((n) => /commenters can add comments/.test(n.message)), 5000, 'told');
    await waitFor(() => readRecords(commenter.doc, 'stages').length === 1, 5000, 're-synced');
    expect((await storedSnapshot(mapId)).stages.map((s) => s.title)).toEqual(['Stage']);
    commenter.provider.destroy();
    fac.provider.destroy();
  });
  it("a commenter's sticky reaches the facilitator and moves; clustering others' stickies is put back, with why", async () => {
    const { mapId, fac, t1 } = await lockedMap();
    const commenter = connect(mapId, await guest(mapId, 'commenter', 'Cora'));
    await nextSynced(commenter.provider);
    const cora = userOrigin('cora');
    const place = { stageId: t1.stageId, laneId: t1.laneId };
    const mine = addSticky(commenter.doc, { text: 'Too many forms', place, author: { name: 'Cora', key: null } }, cora);
    await waitFor(() => readRecord(fac.doc, 'notes', mine.id) !== undefined, 5000, 'sticky reaches the facilitator');
    await waitFor(() => readRecord(commenter.doc, 'notes', mine.id)?.authorKey !== null, 5000, 'author key stamped');
    moveSticky(commenter.doc, mine.id, { x: 40, y: 900 }, cora);
    await waitFor(() => readRecord(fac.doc, 'notes', mine.id)?.x === 40, 5000, 'the move reaches the facilitator');
    const theirs = addSticky(fac.doc, { text: 'Slow login', place, author: { name: null, key: null } }, F);
    await waitFor(
      () => readRecord(commenter.doc, 'notes', theirs.id) !== undefined,
      5000,
      'facilitator sticky arrives',
    );
    clusterStickies(commenter.doc, mine.id, theirs.id, cora);
    await waitFor(() => commenter.notices.some((n) => /clusters is for editors/.test(n.message)), 5000, 'told');
    await waitFor(() => readRecords(commenter.doc, 'clusters').length === 0, 5000, 're-synced');
    const stored = await storedSnapshot(mapId);
    expect(stored.clusters).toEqual([]);
    expect(stored.notes.find((n) => n.id === theirs.id)).toMatchObject({ clusterId: null, stageId: t1.stageId });
    commenter.provider.destroy();
    fac.provider.destroy();
  });
});
