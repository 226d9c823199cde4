import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { applySnapshot, readRecords, serverOrigin } from '@journeycraft/doc';
import { sampleSupportMap } from '@journeycraft/export';
import { newId, type ShareRole, type WorkspaceRole } from '@journeycraft/schema';
import { silentLogger, type RunningServer } from '../src/index.js';
import { TEST_ADMIN_TOKEN, ownerApp } from './auth-helpers.js';
import { repoRoot, startTestServer } from './helpers.js';
import { openSqliteStorage, Rooms } from '../src/index.js';

/**
 * The permission matrix: every REST route and /sync, asked by every kind of principal, over real
 * sockets. What each principal may do is stated here, independently of the server's code (SPEC
 * and `allowed`); the test checks the server agrees and writes the result to docs/permissions.md.
 */

type MapLevel = 'view' | 'comment' | 'edit' | 'facilitate' | 'manage';
type Level = 'public' | 'signed-in' | 'member' | 'admin' | MapLevel;

interface Principal {
  label: string;
  kind: 'anonymous' | 'account' | 'link' | 'dead-link';
  workspaceRole?: WorkspaceRole;
  /** Role on the matrix map: a map role, 'owner', or none. */
  mapRole?: ShareRole | 'owner' | null;
  linkRole?: ShareRole;
}

const PRINCIPALS: Principal[] = [
  { label: 'anonymous', kind: 'anonymous' },
  { label: 'guest account, not on the map', kind: 'account', workspaceRole: 'guest', mapRole: null },
  { label: 'member without access', kind: 'account', workspaceRole: 'member', mapRole: null },
  { label: 'viewer (member)', kind: 'account', workspaceRole: 'member', mapRole: 'viewer' },
  { label: 'commenter (member)', kind: 'account', workspaceRole: 'member', mapRole: 'commenter' },
  { label: 'editor (member)', kind: 'account', workspaceRole: 'member', mapRole: 'editor' },
  { label: 'facilitator (member)', kind: 'account', workspaceRole: 'member', mapRole: 'facilitator' },
  { label: 'map owner (member)', kind: 'account', workspaceRole: 'member', mapRole: 'owner' },
  { label: 'workspace admin', kind: 'account', workspaceRole: 'admin', mapRole: null },
  { label: 'viewer link', kind: 'link', linkRole: 'viewer' },
  { label: 'commenter link', kind: 'link', linkRole: 'commenter' },
  { label: 'editor link', kind: 'link', linkRole: 'editor' },
  { label: 'facilitator link', kind: 'link', linkRole: 'facilitator' },
  { label: 'expired link', kind: 'dead-link' },
  { label: 'revoked link', kind: 'dead-link' },
  { label: 'link of another map', kind: 'dead-link' },
];

const MAP_RANK: Record<MapLevel, number> = { view: 0, comment: 1, edit: 2, facilitate: 3, manage: 4 };
const ROLE_RANK: Record<ShareRole | 'owner', number> = { viewer: 0, commenter: 1, editor: 2, facilitator: 3, owner: 4 };

/** The rule, as the issue states it. */
function allowed(p: Principal, level: Level): boolean {
  if (level === 'public') return true;
  if (p.kind === 'anonymous' || p.kind === 'dead-link') return false;
  if (p.kind === 'link')
    return level in MAP_RANK && level !== 'manage' && ROLE_RANK[p.linkRole!] >= MAP_RANK[level as MapLevel];
  const ws = p.workspaceRole!;
  if (level === 'signed-in') return true;
  if (level === 'member') return ws !== 'guest';
  if (level === 'admin') return ws === 'admin';
  if (ws === 'admin') return true;
  return p.mapRole != null && ROLE_RANK[p.mapRole] >= MAP_RANK[level];
}

/** What a request needs: names of ids in the world, filled into `:param`s. */
interface World {
  id: string;
  roleId: string;
  versionId: string;
  roundId: string;
  commentId: string;
  imageId: string;
  credentials: Map<string, string | null>;
}

interface Spec {
  method: string;
  path: string;
  /** All of these must hold (e.g. duplicating needs a workspace member who facilitates the map). */
  needs: Level[];
  body?: (w: World) => Promise<unknown> | unknown;
  /** Sent as-is with this content type instead of JSON. */
  raw?: { type: string; data: string | Uint8Array<ArrayBuffer> };
  /** Fills params that each call needs fresh (a member to remove, a link to revoke). */
  params?: (w: World) => Promise<Record<string, string>>;
  /** Runs on a world of its own per principal (the call destroys what it acts on). */
  fresh?: boolean;
  label?: string;
}

let server: RunningServer;
let base: string;
let shared: World;
let otherMapSession = '';
let loginBody = { email: '', password: '' };

const authHeader = (token: string | null): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

async function http(method: string, url: string, token: string | null, body?: unknown, raw?: Spec['raw']) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...authHeader(token), 'content-type': raw?.type ?? 'application/json' },
    ...(raw ? { body: raw.data } : body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await res.arrayBuffer();
  return res.status;
}

async function ownerCall<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...authHeader(TEST_ADMIN_TOKEN), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** An account made straight in the store, with an API token. */
async function account(role: WorkspaceRole): Promise<{ id: string; token: string }> {
  const record = await server.accounts.store.createAccount({
    id: newId(),
    email: `${newId().toLowerCase()}@matrix.test`,
    name: `Matrix ${role}`,
    role,
    passwordHash: null,
    externalId: null,
    createdAt: new Date().toISOString(),
  });
  const { token } = await server.accounts.createToken(record!, 'matrix');
  return { id: record!.id, token };
}

const accounts = new Map<string, { id: string; token: string }>();

async function linkSession(
  mapId: string,
  role: ShareRole,
  expiresInHours?: number,
): Promise<{ id: string; session: string }> {
  const link = await ownerCall<{ id: string; token: string }>('POST', `/api/maps/${mapId}/links`, {
    role,
    ...(expiresInHours ? { expiresInHours } : {}),
  });
  const joined = await ownerCall<{ sessionToken: string }>('POST', '/api/join', {
    token: link.token,
    name: `As ${role}`,
  });
  return { id: link.id, session: joined.sessionToken };
}

/** A private map owned by the "map owner" member, with members, links and a version, round and comment. */
async function makeWorld(): Promise<World> {
  const owner = accounts.get('map owner (member)')!;
  const res = await fetch(`${base}/api/maps`, {
    method: 'POST',
    headers: { ...authHeader(owner.token), 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Matrix map' }),
  });
  const { id } = (await res.json()) as { id: string };
  await server.rooms.withDoc(id, (doc) => applySnapshot(doc, sampleSupportMap(), serverOrigin('template')));
  await ownerCall('PATCH', `/api/maps/${id}`, { access: 'links' });
  for (const p of PRINCIPALS) {
    if (p.kind === 'account' && p.mapRole && p.mapRole !== 'owner') {
      await server.accounts.store.setMapMember(id, accounts.get(p.label)!.id, p.mapRole);
    }
  }
  const credentials = new Map<string, string | null>();
  credentials.set('anonymous', null);
  for (const [label, a] of accounts) credentials.set(label, a.token);
  for (const p of PRINCIPALS)
    if (p.kind === 'link') credentials.set(p.label, (await linkSession(id, p.linkRole!)).session);
  const expiring = await linkSession(id, 'editor', 0.3 / 3600);
  const revoked = await linkSession(id, 'editor');
  await ownerCall('DELETE', `/api/maps/${id}/links/${revoked.id}`);
  credentials.set('expired link', expiring.session);
  credentials.set('revoked link', revoked.session);
  credentials.set('link of another map', otherMapSession);
  const roleId = await server.rooms.withDoc(id, (doc) => readRecords(doc, 'roles')[0]!.id);
  const version = await ownerCall<{ id: string }>('POST', `/api/maps/${id}/versions`, { name: 'v1' });
  const round = await ownerCall<{ id: string }>('POST', `/api/maps/${id}/vote-rounds`, { title: 'Pick' });
  const comment = await ownerCall<{ id: string }>('POST', `/api/maps/${id}/comments`, {
    targetId: roleId,
    body: 'A comment',
  });
  const image = (await (
    await fetch(`${base}/api/maps/${id}/images`, {
      method: 'POST',
      headers: { ...authHeader(TEST_ADMIN_TOKEN), 'content-type': 'image/png' },
      body: TINY_PNG,
    })
  ).json()) as { id: string };
  // Let the short link expire.
  await new Promise((r) => setTimeout(r, 400));
  return {
    id,
    roleId,
    versionId: version.id,
    roundId: round.id,
    commentId: comment.id,
    imageId: image.id,
    credentials,
  };
}

/** A 1×1 PNG. */
const TINY_PNG: Uint8Array<ArrayBuffer> = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const freshMember = async () => ({ accountId: (await account('member')).id });

const SPEC: Spec[] = [
  { method: 'GET', path: '/healthz', needs: ['public'] },
  { method: 'GET', path: '/readyz', needs: ['public'] },
  { method: 'GET', path: '/api/auth/state', needs: ['public'] },
  {
    method: 'POST',
    path: '/api/auth/setup',
    needs: ['public'],
    body: () => ({ email: 'x@y.z', name: 'X', password: 'long enough pw' }),
  },
  { method: 'POST', path: '/api/auth/login', needs: ['public'], body: () => loginBody },
  { method: 'POST', path: '/api/auth/logout', needs: ['public'] },
  { method: 'GET', path: '/api/auth/me', needs: ['signed-in'] },
  { method: 'GET', path: '/api/auth/sessions', needs: ['signed-in'] },
  {
    method: 'DELETE',
    path: '/api/auth/sessions/:sessionId',
    needs: ['signed-in'],
    params: async () => ({ sessionId: 'unknownSession' }),
  },
  { method: 'POST', path: '/api/auth/tokens', needs: ['signed-in'], body: () => ({ name: 'script' }) },
  { method: 'GET', path: '/api/auth/tokens', needs: ['signed-in'] },
  {
    method: 'DELETE',
    path: '/api/auth/tokens/:tokenId',
    needs: ['signed-in'],
    params: async () => ({ tokenId: 'unknownToken' }),
  },
  {
    method: 'GET',
    path: '/api/auth/invitations/:token',
    needs: ['public'],
    params: async () => ({ token: 'jci_unknown' }),
  },
  {
    method: 'POST',
    path: '/api/auth/invitations/accept',
    needs: ['public'],
    body: () => ({ token: 'jci_unknown_invitation', email: 'n@e.w', name: 'N', password: 'long enough pw' }),
  },
  { method: 'GET', path: '/api/workspace/members', needs: ['member'] },
  {
    method: 'PATCH',
    path: '/api/workspace/members/:accountId',
    needs: ['admin'],
    params: freshMember,
    body: () => ({ role: 'guest' }),
  },
  { method: 'DELETE', path: '/api/workspace/members/:accountId', needs: ['admin'], params: freshMember },
  { method: 'POST', path: '/api/workspace/invitations', needs: ['admin'], body: () => ({ role: 'member' }) },
  { method: 'GET', path: '/api/workspace/invitations', needs: ['admin'] },
  {
    method: 'DELETE',
    path: '/api/workspace/invitations/:invitationId',
    needs: ['admin'],
    params: async () => ({
      invitationId: (await ownerCall<{ id: string }>('POST', '/api/workspace/invitations', { role: 'member' })).id,
    }),
  },
  { method: 'GET', path: '/api/audit', needs: ['admin'] },
  { method: 'GET', path: '/api/workspace/settings', needs: ['member'] },
  // Kept on: turning links off would change what every link row below answers.
  { method: 'PUT', path: '/api/workspace/settings', needs: ['admin'], body: () => ({ shareLinks: true }) },
  { method: 'GET', path: '/api/maps', needs: ['signed-in'] },
  { method: 'POST', path: '/api/maps', needs: ['member'], body: () => ({ title: 'New' }) },
  { method: 'GET', path: '/api/maps/:id', needs: ['view'] },
  {
    method: 'PATCH',
    path: '/api/maps/:id',
    label: 'PATCH /api/maps/:id (title)',
    needs: ['facilitate'],
    body: () => ({ title: 'Renamed' }),
  },
  {
    method: 'PATCH',
    path: '/api/maps/:id',
    label: 'PATCH /api/maps/:id (access)',
    needs: ['manage'],
    body: () => ({ access: 'links' }),
  },
  { method: 'POST', path: '/api/maps/:id/duplicate', needs: ['member', 'facilitate'], body: () => ({}) },
  { method: 'DELETE', path: '/api/maps/:id', needs: ['manage'], fresh: true },
  { method: 'GET', path: '/api/maps/trash', needs: ['member'] },
  {
    method: 'POST',
    path: '/api/maps/:id/restore',
    needs: ['manage'],
    fresh: true,
    // The map of this world is deleted first: restoring is only for a deleted map.
    params: async (w) => {
      await ownerCall('DELETE', `/api/maps/${w.id}`);
      return {};
    },
  },
  { method: 'GET', path: '/api/maps/:id/snapshot', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/members', needs: ['view'] },
  {
    method: 'PUT',
    path: '/api/maps/:id/members/:accountId',
    needs: ['manage'],
    params: freshMember,
    body: () => ({ role: 'viewer' }),
  },
  {
    method: 'DELETE',
    path: '/api/maps/:id/members/:accountId',
    needs: ['manage'],
    params: async (w) => {
      const { accountId } = await freshMember();
      await server.accounts.store.setMapMember(w.id, accountId, 'viewer');
      return { accountId };
    },
  },
  {
    method: 'PUT',
    path: '/api/maps/:id/owner',
    needs: ['manage'],
    body: () => ({ accountId: accounts.get('map owner (member)')!.id }),
  },
  { method: 'GET', path: '/api/library', needs: ['member'] },
  { method: 'GET', path: '/api/library/export', needs: ['member'] },
  {
    method: 'POST',
    path: '/api/library/import/preview',
    needs: ['member'],
    raw: { type: 'text/csv', data: 'name\nX\n' },
  },
  { method: 'POST', path: '/api/library/import', needs: ['admin'], raw: { type: 'text/csv', data: 'name\nX\n' } },
  { method: 'GET', path: '/api/library/:lib', needs: ['member'], params: async () => ({ lib: 'unknown-entry' }) },
  { method: 'POST', path: '/api/library', needs: ['admin'], body: () => ({}) },
  {
    method: 'PUT',
    path: '/api/library/:lib',
    needs: ['admin'],
    params: async () => ({ lib: 'unknown-entry' }),
    body: () => ({}),
  },
  { method: 'DELETE', path: '/api/library/:lib', needs: ['admin'], params: async () => ({ lib: 'unknown-entry' }) },
  { method: 'POST', path: '/api/maps/:id/links', needs: ['manage'], body: () => ({ role: 'viewer' }) },
  { method: 'GET', path: '/api/maps/:id/links', needs: ['manage'] },
  {
    method: 'DELETE',
    path: '/api/maps/:id/links/:linkId',
    needs: ['manage'],
    params: async (w) => ({ linkId: (await linkSession(w.id, 'viewer')).id }),
  },
  {
    method: 'POST',
    path: '/api/join',
    needs: ['public'],
    body: async (w) => ({
      token: (await ownerCall<{ token: string }>('POST', `/api/maps/${w.id}/links`, { role: 'viewer' })).token,
      name: 'Joiner',
    }),
  },
  {
    method: 'POST',
    path: '/api/join/check',
    needs: ['public'],
    body: async (w) => ({
      token: (await ownerCall<{ token: string }>('POST', `/api/maps/${w.id}/links`, { role: 'viewer' })).token,
    }),
  },
  { method: 'GET', path: '/api/maps/:id/access', needs: ['view'] },
  { method: 'POST', path: '/api/maps/:id/notes', needs: ['comment'], body: () => ({ text: 'A note' }) },
  {
    method: 'POST',
    path: '/api/maps/:id/comments',
    needs: ['comment'],
    body: (w) => ({ targetId: w.roleId, body: 'Hi', authorName: 'M' }),
  },
  { method: 'PATCH', path: '/api/maps/:id/comments/:commentId', needs: ['comment'], body: () => ({ resolved: true }) },
  { method: 'GET', path: '/api/maps/:id/versions', needs: ['view'] },
  { method: 'POST', path: '/api/maps/:id/versions', needs: ['edit'], body: () => ({ name: 'Saved' }) },
  { method: 'GET', path: '/api/maps/:id/versions/:versionId/snapshot', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/versions/:versionId/diff', needs: ['view'] },
  { method: 'POST', path: '/api/maps/:id/versions/:versionId/restore', needs: ['facilitate'] },
  { method: 'POST', path: '/api/maps/:id/vote-rounds', needs: ['facilitate'], body: () => ({ title: 'Round' }) },
  { method: 'GET', path: '/api/maps/:id/vote-rounds/:roundId', needs: ['view'] },
  {
    method: 'POST',
    path: '/api/maps/:id/vote-rounds/:roundId/ballots',
    needs: ['comment'],
    body: (w) => ({ targetId: w.roleId, voterKey: 'matrix-voter-key' }),
  },
  {
    method: 'DELETE',
    path: '/api/maps/:id/vote-rounds/:roundId/ballots/:targetId',
    needs: ['comment'],
    params: async (w) => ({ targetId: w.roleId }),
  },
  { method: 'POST', path: '/api/maps/:id/vote-rounds/:roundId/reveal', needs: ['facilitate'] },
  { method: 'POST', path: '/api/maps/:id/vote-rounds/:roundId/close', needs: ['facilitate'] },
  { method: 'GET', path: '/api/export/kinds', needs: ['member'] },
  { method: 'GET', path: '/api/export/template-fields', needs: ['member'] },
  {
    method: 'POST',
    path: '/api/export/template/preview',
    needs: ['member'],
    raw: { type: 'text/plain', data: 'Hi {{ x }}' },
  },
  {
    method: 'POST',
    path: '/api/maps/:id/roles/:roleId/export/template',
    needs: ['view'],
    raw: { type: 'text/plain', data: 'Hi {{ x }}' },
  },
  { method: 'GET', path: '/api/maps/:id/roles/:roleId/export?kind=job-description&format=md', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/roles/:roleId/export.zip?format=md', needs: ['view'] },
  {
    method: 'POST',
    path: '/api/maps/:id/roles/:roleId/development-plan?format=md',
    needs: ['view'],
    raw: { type: 'text/csv', data: 'person,competency,level\n' },
  },
  { method: 'GET', path: '/api/maps/:id/export?kind=coverage-matrix&format=csv', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/export.zip?format=md', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/export-batches/:batchId', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/roles/:roleId/interview-plan', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/assessments', needs: ['view'] },
  { method: 'PUT', path: '/api/maps/:id/assessments', needs: ['edit'], body: () => ({ assessments: [] }) },
  { method: 'POST', path: '/api/maps/:id/assessments/import', needs: ['edit'], raw: { type: 'text/csv', data: 'x\n' } },
  { method: 'GET', path: '/api/maps/:id/summary?format=md', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/map.svg', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/map.png?width=64', needs: ['view'] },
  { method: 'GET', path: '/api/maps/:id/map.pdf', needs: ['view'] },
  { method: 'GET', path: '/api/settings/hr', needs: ['member'] },
  { method: 'PUT', path: '/api/settings/hr', needs: ['admin'], body: () => ({}) },
  { method: 'GET', path: '/api/maps/:id/roles/:roleId/hr', needs: ['view'] },
  { method: 'POST', path: '/api/maps/:id/images', needs: ['edit'], raw: { type: 'image/png', data: TINY_PNG } },
  { method: 'GET', path: '/api/maps/:id/images/:imageId', needs: ['view'] },
  { method: 'PUT', path: '/api/maps/:id/roles/:roleId/hr', needs: ['edit'], body: () => ({}) },
];

const routeKey = (method: string, p: string) => `${method} ${p.split('?')[0]!.replace(/:lib\b/, ':id')}`;

function upgrade(mapId: string, token: string | null): Promise<number> {
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

beforeAll(async () => {
  ({ server, base } = await startTestServer({ roomIdleMs: 60_000 }));
  await ownerCall('GET', '/api/maps'); // the owner exists
  for (const p of PRINCIPALS) if (p.kind === 'account') accounts.set(p.label, await account(p.workspaceRole!));
  // One account with a password, so the sign-in route has something to accept.
  const invitation = await ownerCall<{ token: string }>('POST', '/api/workspace/invitations', { role: 'member' });
  loginBody = { email: 'login@matrix.test', password: 'matrix password 1' };
  await ownerCall('POST', '/api/auth/invitations/accept', { token: invitation.token, name: 'Login', ...loginBody });
  const other = await ownerCall<{ id: string }>('POST', '/api/maps', { title: 'Another map' });
  otherMapSession = (await linkSession(other.id, 'facilitator')).session;
  shared = await makeWorld();
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('permission matrix', () => {
  it('covers every REST route the app has', () => {
    const storage = openSqliteStorage(':memory:');
    const app = ownerApp({
      storage,
      rooms: new Rooms({ storage, log: silentLogger, compactEvery: 500, idleMs: 1000 }),
      log: silentLogger,
      maxBodyBytes: 1 << 20,
    });
    const specified = new Set(SPEC.map((s) => routeKey(s.method, s.path)));
    const routes = new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...routes].filter((r) => !specified.has(r))).toEqual([]);
  });

  it('answers every route and /sync as the rule says, for every principal; the table goes to docs/permissions.md', async () => {
    const rows: string[] = [];
    const mismatches: string[] = [];
    for (const spec of SPEC) {
      const cells: string[] = [];
      for (const p of PRINCIPALS) {
        const world = spec.fresh ? await makeWorld() : shared;
        const params: Record<string, string> = {
          id: world.id,
          roleId: world.roleId,
          versionId: world.versionId,
          roundId: world.roundId,
          commentId: world.commentId,
          imageId: world.imageId,
          ...(spec.params ? await spec.params(world) : {}),
        };
        const url = spec.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? name));
        const body = spec.body ? await spec.body(world) : undefined;
        const status = await http(spec.method, url, world.credentials.get(p.label) ?? null, body, spec.raw);
        const expectAllowed = spec.needs.every((n) => allowed(p, n));
        const refused = status === 401 || status === 403;
        if (expectAllowed === refused || status >= 500)
          mismatches.push(`${spec.label ?? `${spec.method} ${spec.path}`} as ${p.label}: ${status}`);
        if (p.kind === 'anonymous' && !expectAllowed && status !== 401)
          mismatches.push(`${spec.path} anonymous: ${status}, not 401`);
        cells.push(refused ? `**${status}**` : `✓ ${status}`);
      }
      rows.push(
        `| \`${spec.label ?? `${spec.method} ${spec.path.split('?')[0]}`}\` | ${spec.needs.join(' + ')} | ${cells.join(' | ')} |`,
      );
    }
    const syncCells: string[] = [];
    for (const p of PRINCIPALS) {
      const status = await upgrade(shared.id, shared.credentials.get(p.label) ?? null);
      if ((status === 101) !== allowed(p, 'view')) mismatches.push(`/sync as ${p.label}: ${status}`);
      syncCells.push(status === 101 ? '✓ 101' : `**${status}**`);
    }
    rows.push(`| \`WS /sync/:mapId\` | view | ${syncCells.join(' | ')} |`);
    expect(mismatches).toEqual([]);

    const doc = [
      '# Permissions',
      '',
      'Generated by `apps/server/test/permissions.test.ts` (do not edit by hand): every REST route and the',
      '`/sync` WebSocket upgrade, asked over real sockets by each kind of principal, on a map that is',
      'private to its members (owned by a member; members hold map roles; guests come by share link).',
      '`✓ <status>`: allowed (the status the route then gave: 404, 409 or 400 mean it checked the request',
      'past authorization); **401**: not signed in or the credential is dead; **403**: known but not allowed.',
      'Levels: `public`; `signed-in` (any account); `member` (workspace member or above, not a guest);',
      '`admin` (workspace owner or admin); `view` < `comment` < `edit` < `facilitate` < `manage` on the map',
      '(`manage`: the map owner or an admin). One workspace per server, so "another workspace" does not apply.',
      '',
      `| route | needs | ${PRINCIPALS.map((p) => p.label).join(' | ')} |`,
      `| --- | --- | ${PRINCIPALS.map(() => '---').join(' | ')} |`,
      ...rows,
      '',
    ].join('\n');
    fs.mkdirSync(path.join(repoRoot, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, 'docs/permissions.md'), doc);
  }, 240_000);
});
