import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createRecord, readRecords, userOrigin } from '@journeycraft/doc';
import type { WebsocketProvider } from 'y-websocket';
import {
  acknowledged,
  awarenessFrame,
  connectProvider,
  contentAtFirstSync,
  createMap,
  joinLink,
  nextSynced,
  rawSyncClient,
  shareLink,
  spawnServer,
  tempDir,
  waitFor,
  type ChildServer,
} from './helpers.js';
import WebSocket from 'ws';
import { TEST_ADMIN_TOKEN, inviteAccount, ownerHeaders } from './auth-helpers.js';
import { REDIS_URL, freshPostgresDatabase } from './services.js';

const servers: ChildServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
});

/** A TCP proxy to Redis on a fixed local port that the test switches off and on. */
async function redisProxy(): Promise<{ url: string; start(): Promise<void>; stop(): Promise<void> }> {
  const target = new URL(REDIS_URL);
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  let server: net.Server | null = null;
  const sockets = new Set<net.Socket>();
  return {
    url: `redis://127.0.0.1:${port}`,
    start: () =>
      new Promise<void>((resolve) => {
        server = net.createServer((client) => {
          const upstream = net.connect(Number(target.port || 6379), target.hostname);
          for (const s of [client, upstream]) {
            sockets.add(s);
            s.on('error', () => {});
            s.on('close', () => {
              sockets.delete(s);
              client.destroy();
              upstream.destroy();
            });
          }
          client.pipe(upstream).pipe(client);
        });
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
  };
}

async function readiness(
  url: string,
): Promise<{ status: number; ms: number; body: { checks: Record<string, string> } }> {
  const started = performance.now();
  const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
  return {
    status: res.status,
    ms: performance.now() - started,
    body: (await res.json()) as { checks: Record<string, string> },
  };
}

async function cluster(): Promise<[ChildServer, ChildServer]> {
  const env = { DATABASE_URL: await freshPostgresDatabase(), REDIS_URL, COMPACT_EVERY: '300' };
  const a = await spawnServer(tempDir(), env);
  const b = await spawnServer(tempDir(), env);
  servers.push(a, b);
  return [a, b];
}

describe('scale-out: two instances sharing PostgreSQL + Redis', () => {
  it('clients on different instances see each other live and converge', async () => {
    const [one, two] = await cluster();
    const mapId = await createMap(one.url, 'Shared');
    expect(
      (await (await fetch(`${two.url}/api/maps/${mapId}`, { headers: ownerHeaders() })).json()) as object,
    ).toMatchObject({ title: 'Shared' });
    const a = connectProvider(one.url, mapId);
    const b = connectProvider(two.url, mapId);
    await Promise.all([nextSynced(a), nextSynced(b)]);
    createRecord(a.doc, 'stages', { title: 'From one', order: 1 }, userOrigin('a'));
    await waitFor(() => readRecords(b.doc, 'stages').length === 1, 5000, 'edit relayed one -> two');
    createRecord(b.doc, 'stages', { title: 'From two', order: 2 }, userOrigin('b'));
    await waitFor(() => readRecords(a.doc, 'stages').length === 2, 5000, 'edit relayed two -> one');
    for (let i = 0; i < 200; i++) (i % 2 ? a : b).doc.getMap('burst').set(`k${i}`, i);
    await waitFor(
      () => a.doc.getMap('burst').size === 200 && b.doc.getMap('burst').size === 200,
      10_000,
      'convergence',
    );
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));

    // Presence is relayed under the account's name (the owner, signed in by token), whatever the client claims.
    b.awareness.setLocalStateField('user', { name: 'Bea', color: '#00aa00' });
    await waitFor(
      () =>
        [...a.awareness.getStates().values()].some(
          (s) => (s as { user?: { name?: string; color?: string } }).user?.color === '#00aa00',
        ),
      5000,
      'presence relayed',
    );
    const relayed = [...a.awareness.getStates().values()].find(
      (s) => (s as { user?: { color?: string } }).user?.color === '#00aa00',
    ) as { user: { name: string } };
    expect(relayed.user.name).toBe('Administrator');
    a.destroy();
    b.destroy();
  });

  it('kill -9 one instance mid-burst: every acknowledged update is on the other, and the client resumes there', async () => {
    const [one, two] = await cluster();
    const mapId = await createMap(one.url);
    const doc = new Y.Doc();
    const writer = connectProvider(one.url, mapId, doc);
    await nextSynced(writer);
    const burst = doc.getMap('burst');
    let acked = 0;
    for (let chunk = 0; chunk < 20; chunk++) {
      for (let i = 0; i < 100; i++) burst.set(`k${chunk * 100 + i}`, chunk);
      if (chunk === 12) {
        await one.kill9(); // chunk 12 is in flight, not acknowledged
        break;
      }
      await acknowledged(writer);
      acked = (chunk + 1) * 100;
    }
    writer.destroy();
    expect(acked).toBe(1200);

    const seen = await contentAtFirstSync(two.url, mapId, (d) => {
      const m = d.getMap('burst');
      let present = 0;
      for (let i = 0; i < acked; i++) if (m.has(`k${i}`)) present++;
      return present;
    });
    expect(seen).toBe(acked);

    // the client reconnects to the surviving instance and its unacknowledged edits arrive too
    const resumed = connectProvider(two.url, mapId, doc);
    await nextSynced(resumed);
    await acknowledged(resumed);
    expect(await contentAtFirstSync(two.url, mapId, (d) => d.getMap('burst').size)).toBe(1300);
    resumed.destroy();
  });

  it('a viewer on another instance cannot overwrite a person’s presence through the relay', async () => {
    const [one, two] = await cluster();
    const cursorOf = (p: WebsocketProvider, id: number) =>
      (p.awareness.getStates().get(id) as { cursor?: { x: number }; user?: { name?: string } } | undefined) ?? null;
    const mapId = await createMap(one.url);
    const vera = await rawSyncClient(
      one.url,
      mapId,
      await joinLink(one.url, await shareLink(one.url, mapId, 'editor'), 'Vera'),
    );
    const malSession = await joinLink(two.url, await shareLink(two.url, mapId, 'viewer'), 'Mal');
    const id = 8080;
    vera.send(awarenessFrame([{ clientId: id, clock: 1, state: { user: { color: '#ff0000' }, cursor: { x: 1 } } }]));
    const watchOne = connectProvider(one.url, mapId);
    await nextSynced(watchOne);
    await waitFor(() => cursorOf(watchOne, id)?.user?.name === 'Vera', 5000, 'Vera on one');

    // Mal is the first on instance two: two may not know whose id it is yet, but one does.
    const mal = await rawSyncClient(two.url, mapId, malSession);
    mal.send(awarenessFrame([{ clientId: id, clock: 50, state: { user: { color: '#000000' }, cursor: { x: 666 } } }]));
    const watchTwo = connectProvider(two.url, mapId);
    await nextSynced(watchTwo);
    vera.send(awarenessFrame([{ clientId: id, clock: 51, state: { user: { color: '#ff0000' }, cursor: { x: 2 } } }]));
    await waitFor(() => cursorOf(watchOne, id)?.cursor?.x === 2, 5000, 'Vera still hers on one');
    await waitFor(() => cursorOf(watchTwo, id)?.cursor?.x === 2, 5000, 'Vera seen on two');
    // now two knows whose id it is: Mal is refused there too, and nothing reaches one
    mal.send(awarenessFrame([{ clientId: id, clock: 90, state: { user: { color: '#000000' }, cursor: { x: 667 } } }]));
    await waitFor(() => mal.denied.some((d) => /another person/.test(d)), 5000, 'Mal refused on two');
    await new Promise((r) => setTimeout(r, 300));
    for (const w of [watchOne, watchTwo])
      expect(cursorOf(w, id)).toMatchObject({ user: { name: 'Vera', role: 'editor' }, cursor: { x: 2 } });
    await Promise.all([vera.close(), mal.close()]);
    watchOne.destroy();
    watchTwo.destroy();
  });

  it('an instance started with Redis unreachable serves alone, reports not ready within a second, and joins the relay when Redis is back', async () => {
    const proxy = await redisProxy();
    const databaseUrl = await freshPostgresDatabase();
    const cutOff = await spawnServer(tempDir(), { DATABASE_URL: databaseUrl, REDIS_URL: proxy.url });
    const other = await spawnServer(tempDir(), { DATABASE_URL: databaseUrl, REDIS_URL });
    servers.push(cutOff, other);
    const down = await readiness(cutOff.url);
    expect(down.status).toBe(503);
    expect(down.ms).toBeLessThan(1000);
    expect(down.body.checks.storage).toBe('ok');
    expect(down.body.checks.relay).not.toBe('ok');

    const mapId = await createMap(other.url);
    const a = connectProvider(cutOff.url, mapId);
    const b = connectProvider(other.url, mapId);
    await Promise.all([nextSynced(a), nextSynced(b)]);
    createRecord(a.doc, 'stages', { title: 'While cut off', order: 1 }, userOrigin('a'));
    await acknowledged(a); // stored, though not relayed

    await proxy.start();
    const start = Date.now();
    let ready = await readiness(cutOff.url);
    while (ready.status !== 200 && Date.now() - start < 15_000) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await readiness(cutOff.url);
    }
    expect(ready.status).toBe(200);
    // it asked the others to reread storage: what it stored while cut off reaches b
    await waitFor(() => readRecords(b.doc, 'stages').length === 1, 10_000, 'edit made while cut off reaches b');
    createRecord(b.doc, 'stages', { title: 'Live from b', order: 2 }, userOrigin('b'));
    await waitFor(() => readRecords(a.doc, 'stages').length === 2, 5000, 'relay two -> one');
    createRecord(a.doc, 'stages', { title: 'Live from a', order: 3 }, userOrigin('a'));
    await waitFor(() => readRecords(b.doc, 'stages').length === 3, 5000, 'relay one -> two');

    // losing Redis again: readiness answers 503 within a second (it used to hang)
    await proxy.stop();
    const lost = await readiness(cutOff.url);
    expect(lost.status).toBe(503);
    expect(lost.ms).toBeLessThan(1000);
    a.destroy();
    b.destroy();
  });
});

/** A socket on `/sync/<mapId>` with a bearer token (`?token=`) or a browser session cookie; resolves once open. */
async function liveSocket(
  url: string,
  mapId: string,
  cred: { token: string } | { cookie: string },
): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws =
    'token' in cred
      ? new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${mapId}?token=${encodeURIComponent(cred.token)}`)
      : new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${mapId}`, {
          headers: { cookie: `jc_session=${cred.cookie}` },
        });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

/** The status the /sync upgrade answers for `token` (101 when it is let in). */
function upgradeStatus(url: string, mapId: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync/${mapId}?token=${encodeURIComponent(token)}`);
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('error', () => {});
  });
}

/** Waits (up to 15 s) until `/readyz` of `url` answers `status`. */
async function waitForStatus(url: string, status: number): Promise<void> {
  const start = Date.now();
  while ((await readiness(url)).status !== status) {
    if (Date.now() - start > 15_000) throw new Error(`readiness of ${url} never became ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An editor share link of `mapId`, made by the owner: its id and token. */
async function editorLink(url: string, mapId: string): Promise<{ id: string; token: string }> {
  const made = await fetch(`${url}/api/maps/${mapId}/links`, {
    method: 'POST',
    headers: ownerHeaders({ 'content-type': 'application/json' }),
    body: JSON.stringify({ role: 'editor' }),
  });
  expect(made.status).toBe(201);
  return (await made.json()) as { id: string; token: string };
}

async function send(url: string, method: string, path: string, body?: unknown, headers = ownerHeaders()) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.status;
}

describe('scale-out: what one instance revokes closes the sockets on the other', () => {
  it('a revoked link: its socket on the other instance closes with 4401, and its later edits are not stored', async () => {
    const [one, two] = await cluster();
    const mapId = await createMap(one.url, 'Revoked across instances');
    const link = await editorLink(one.url, mapId);
    const session = await joinLink(one.url, link.token, 'Gwen');
    const doc = new Y.Doc();
    const guest = connectProvider(two.url, mapId, doc, session);
    await nextSynced(guest);
    createRecord(doc, 'stages', { title: 'Before revocation', order: 0 }, userOrigin('gwen'));
    await acknowledged(guest);
    const closed = new Promise<number>((resolve) =>
      guest.on('connection-close', (e: { code: number } | null) => resolve(e?.code ?? 0)),
    );
    expect(await send(one.url, 'DELETE', `/api/maps/${mapId}/links/${link.id}`)).toBe(200);
    expect(await closed).toBe(4401);
    // The stock client goes on editing offline and tries to reconnect: refused on both instances.
    createRecord(doc, 'stages', { title: 'After revocation', order: 1 }, userOrigin('gwen'));
    expect(await upgradeStatus(two.url, mapId, session)).toBe(401);
    expect(await upgradeStatus(one.url, mapId, session)).toBe(401);
    guest.destroy();
    const stored = await contentAtFirstSync(one.url, mapId, (d) => readRecords(d, 'stages').map((s) => s.title));
    expect(stored).toEqual(['Before revocation']);
  });

  it('sign-out, a revoked API token, removal from a map, share links off and deletion reach the other instance', async () => {
    const [one, two] = await cluster();
    const mapId = await createMap(one.url, 'Private across instances');
    expect(await send(one.url, 'PATCH', `/api/maps/${mapId}`, { access: 'links' })).toBe(200);
    const member = await inviteAccount(one.url, 'member');
    expect(await send(one.url, 'PUT', `/api/maps/${mapId}/members/${member.id}`, { role: 'editor' })).toBe(200);

    // A browser tab (session cookie) on two; the session is signed out on one.
    const tab = await liveSocket(two.url, mapId, { cookie: member.cookie });
    const out = await fetch(`${one.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: `jc_session=${member.cookie}`, origin: one.url },
    });
    expect(out.status).toBeLessThan(300);
    expect(await tab.closed).toBe(4401);

    // A script's API token on two; the token is revoked on one.
    const second = await inviteAccount(one.url, 'member');
    expect(await send(one.url, 'PUT', `/api/maps/${mapId}/members/${second.id}`, { role: 'editor' })).toBe(200);
    const script = await liveSocket(two.url, mapId, { token: second.token });
    const tokens = await fetch(`${one.url}/api/auth/tokens`, { headers: { authorization: `Bearer ${second.token}` } });
    const [token] = ((await tokens.json()) as { tokens: Array<{ id: string }> }).tokens;
    expect(
      await send(one.url, 'DELETE', `/api/auth/tokens/${token!.id}`, undefined, {
        authorization: `Bearer ${second.token}`,
      }),
    ).toBe(204);
    expect(await script.closed).toBe(4401);

    // The member's own token on two; they are removed from the map on one.
    const editor = await liveSocket(two.url, mapId, { token: member.token });
    expect(await send(one.url, 'DELETE', `/api/maps/${mapId}/members/${member.id}`)).toBe(204);
    expect(await editor.closed).toBe(4401);
    expect(await upgradeStatus(two.url, mapId, member.token)).toBe(403);

    // A guest by link on two; share links are turned off for the workspace on one.
    const guest = await liveSocket(two.url, mapId, {
      token: await joinLink(one.url, await shareLink(one.url, mapId, 'viewer'), 'Gus'),
    });
    const watcher = await liveSocket(two.url, mapId, { token: TEST_ADMIN_TOKEN });
    expect(await send(one.url, 'PUT', '/api/workspace/settings', { shareLinks: false })).toBe(200);
    expect(await guest.closed).toBe(4401);

    // The map is deleted on one: the owner's socket on two closes with 4404.
    expect(watcher.ws.readyState).toBe(WebSocket.OPEN);
    expect(await send(one.url, 'DELETE', `/api/maps/${mapId}`)).toBe(204);
    expect(await watcher.closed).toBe(4404);
  });
  it('a revocation told while an instance was cut off from Redis closes its sockets when it is back', async () => {
    const proxy = await redisProxy();
    await proxy.start();
    const databaseUrl = await freshPostgresDatabase();
    const cutOff = await spawnServer(tempDir(), { DATABASE_URL: databaseUrl, REDIS_URL: proxy.url });
    const other = await spawnServer(tempDir(), { DATABASE_URL: databaseUrl, REDIS_URL });
    servers.push(cutOff, other);
    const mapId = await createMap(other.url, 'Revoked during an outage');
    const link = await editorLink(other.url, mapId);
    const guest = await liveSocket(cutOff.url, mapId, { token: await joinLink(other.url, link.token, 'Otto') });
    const owner = await liveSocket(cutOff.url, mapId, { token: TEST_ADMIN_TOKEN });

    await proxy.stop();
    await waitForStatus(cutOff.url, 503);
    expect(await send(other.url, 'DELETE', `/api/maps/${mapId}/links/${link.id}`)).toBe(200);
    await proxy.start();
    await waitForStatus(cutOff.url, 200);
    expect(await guest.closed).toBe(4401);
    // The owner's credential still opens the map: their socket stays.
    expect(owner.ws.readyState).toBe(WebSocket.OPEN);
    owner.ws.close();
    await proxy.stop();
  });
});
