import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import {
  AcceptInvitationInputSchema,
  AuditAction,
  CreateApiTokenInputSchema,
  CreateInvitationInputSchema,
  ErrorCode,
  IdSchema,
  JourneycraftError,
  LoginInputSchema,
  SetMapMemberInputSchema,
  SetWorkspaceRoleInputSchema,
  SetupInputSchema,
  SyncCloseCode,
  toIssues,
} from '@journeycraft/schema';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { SESSION_COOKIE, allow, authorize, jsonBody, whoOf } from '../routes/http.js';
import type { Access } from './authorize.js';
import { publicAccount, type Accounts } from './service.js';
import type { AccountRecord, SessionRecord } from './types.js';

export interface AccountRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  access: Access;
  /** OpenID Connect, when configured: shown on the sign-in page. */
  oidc?: { enabled: boolean; label: string } | undefined;
}

function idParam(c: Context, name: string): string {
  const value = c.req.param(name);
  if (!IdSchema.safeParse(value).success)
    throw new JourneycraftError(ErrorCode.BadRequest, `${name} is not a valid id`);
  return value!;
}

/** True when the request came over TLS (directly or through a proxy that says so). */
export function overTls(c: Context): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  );
}

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over TLS, lasting as long as the session. */
export function setSessionCookie(c: Context, value: string, session: SessionRecord): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: overTls(c),
    path: '/',
    expires: new Date(session.expiresAt),
  });
}

/** Address of the caller for rate limiting (the socket's, not a header a client could forge). */
function clientOf(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

const instant = (what: string) =>
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), { message: `${what} is not a date` })
    .transform((v) => new Date(v).toISOString())
    .optional();
const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
  action: AuditAction.optional(),
  actor: IdSchema.optional(),
  since: instant('since'),
  until: instant('until'),
});

const SetOwnerInputSchema = z.strictObject({ accountId: IdSchema });
const WorkspaceSettingsInputSchema = z.strictObject({ shareLinks: z.boolean() });

/**
 * Sign-in and workspace API: first-run set-up, sign-in and out, who am I, sessions, API tokens,
 * invitations, workspace members and roles, map members and owner, and the audit log.
 */
export function accountRoutes(deps: AccountRoutesDeps): Hono {
  const { rooms, access } = deps;
  const accounts: Accounts = access.accounts;
  const store = accounts.store;
  const api = new Hono();

  const actor = async (id: string | null | undefined) => (id ? await store.getAccount(id) : null);
  const signedIn = async (c: Context) => {
    const who = await whoOf(c);
    if (who.kind !== 'account') throw new JourneycraftError(ErrorCode.Unauthorized, 'sign in first');
    return who;
  };

  /** Public: whether the workspace needs its owner, who is signed in (if anyone), which sign-in methods exist. */
  api.get('/auth/state', async (c) => {
    let account: AccountRecord | null = null;
    try {
      const who = await whoOf(c);
      if (who.kind === 'account') account = who.account;
    } catch {
      account = null; // a dead cookie: signed out
    }
    return c.json({
      setupNeeded: await accounts.needsSetup(),
      account: account ? publicAccount(account) : null,
      oidc: deps.oidc ?? { enabled: false, label: '' },
    });
  });

  api.post('/auth/setup', async (c) => {
    const input = await jsonBody(c, SetupInputSchema);
    const { account, session, sessionRecord } = await accounts.setup(input);
    setSessionCookie(c, session, sessionRecord);
    return c.json({ account: publicAccount(account) }, 201);
  });

  api.post('/auth/login', async (c) => {
    const input = await jsonBody(c, LoginInputSchema);
    const { account, session, sessionRecord } = await accounts.login(input, clientOf(c));
    setSessionCookie(c, session, sessionRecord);
    return c.json({ account: publicAccount(account) });
  });

  api.post('/auth/logout', async (c) => {
    let who;
    try {
      who = await whoOf(c);
    } catch {
      who = null;
    }
    if (who?.kind === 'account' && who.sessionId) {
      await accounts.revokeSession(who.sessionId);
      await accounts.audit('sign_out', who.account, { target: who.account.id });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  api.get('/auth/me', async (c) => {
    const who = await signedIn(c);
    return c.json({ account: publicAccount(who.account), sessionId: who.sessionId });
  });

  api.get('/auth/sessions', async (c) => {
    const who = await signedIn(c);
    const sessions = await store.listSessions(who.account.id);
    return c.json({
      sessions: sessions.map(({ tokenHash: _h, ...s }) => ({ ...s, current: s.id === who.sessionId })),
    });
  });

  /** Revokes one of your sessions (admins: anyone's); its live sockets close at once. */
  api.delete('/auth/sessions/:sessionId', async (c) => {
    const who = await signedIn(c);
    const id = idParam(c, 'sessionId');
    const session = await store.getSession(id);
    const mayManage = who.account.role === 'owner' || who.account.role === 'admin';
    if (!session || (session.accountId !== who.account.id && !mayManage)) {
      throw new JourneycraftError(ErrorCode.NotFound, `session "${id}" does not exist`);
    }
    await accounts.revokeSession(id);
    await accounts.audit('session_revoked', who.account, { target: session.accountId, detail: { session: id } });
    return c.body(null, 204);
  });

  api.post('/auth/tokens', async (c) => {
    const who = await signedIn(c);
    const input = await jsonBody(c, CreateApiTokenInputSchema);
    const { record, token } = await accounts.createToken(who.account, input.name, input.expiresInDays);
    const { tokenHash: _h, ...shown } = record;
    return c.json({ ...shown, token }, 201);
  });

  api.get('/auth/tokens', async (c) => {
    const who = await signedIn(c);
    const tokens = await store.listApiTokens(who.account.id);
    return c.json({ tokens: tokens.map(({ tokenHash: _h, ...t }) => t) });
  });

  api.delete('/auth/tokens/:tokenId', async (c) => {
    const who = await signedIn(c);
    const id = idParam(c, 'tokenId');
    const mine = (await store.listApiTokens(who.account.id)).find((t) => t.id === id);
    if (!mine) throw new JourneycraftError(ErrorCode.NotFound, `API token "${id}" does not exist`);
    await store.revokeApiToken(id);
    rooms.closeConnsEverywhere({ tokenId: id }, SyncCloseCode.AccessRevoked, 'this API token was revoked');
    await accounts.audit('api_token_revoked', who.account, { target: id });
    return c.body(null, 204);
  });

  /** Public: what an invitation link offers (the accept page shows it). */
  api.get('/auth/invitations/:token', async (c) => {
    const invitation = await accounts.invitation(c.req.param('token'));
    return c.json({ role: invitation.role, email: invitation.email, expiresAt: invitation.expiresAt });
  });

  api.post('/auth/invitations/accept', async (c) => {
    const input = await jsonBody(c, AcceptInvitationInputSchema);
    const { account, session, sessionRecord } = await accounts.accept(input);
    setSessionCookie(c, session, sessionRecord);
    return c.json({ account: publicAccount(account) }, 201);
  });

  /** Members see who is in the workspace (to share maps with them); admins also see e-mails of everyone. */
  api.get('/workspace/members', async (c) => {
    await allow(c, 'workspace.use');
    return c.json({ members: (await store.listAccounts()).map(publicAccount) });
  });

  api.patch('/workspace/members/:accountId', async (c) => {
    const { who } = await allow(c, 'members.manage');
    const id = idParam(c, 'accountId');
    const input = await jsonBody(c, SetWorkspaceRoleInputSchema);
    const target = await store.getAccount(id);
    if (!target) throw new JourneycraftError(ErrorCode.NotFound, `member "${id}" does not exist`);
    if (target.role === 'owner') {
      throw new JourneycraftError(ErrorCode.Forbidden, "the workspace owner's role cannot be changed");
    }
    if (target.role === 'admin' && who.account.role !== 'owner') {
      throw new JourneycraftError(ErrorCode.Forbidden, 'only the owner changes the role of an admin');
    }
    // Their sessions' sockets close (see Accounts.setRole); they reconnect with the new role.
    const updated = await accounts.setRole(who.account, id, input.role);
    return c.json({ member: publicAccount(updated!) });
  });

  api.delete('/workspace/members/:accountId', async (c) => {
    const { who } = await allow(c, 'members.manage');
    const id = idParam(c, 'accountId');
    const target = await store.getAccount(id);
    if (!target) throw new JourneycraftError(ErrorCode.NotFound, `member "${id}" does not exist`);
    if (target.role === 'owner')
      throw new JourneycraftError(ErrorCode.Forbidden, 'the workspace owner cannot be removed');
    if (target.role === 'admin' && who.account.role !== 'owner') {
      throw new JourneycraftError(ErrorCode.Forbidden, 'only the owner removes an admin');
    }
    await accounts.removeAccount(who.account, id);
    return c.body(null, 204);
  });

  /** Workspace settings: members read them (the share dialog says when links are off), admins change them. */
  api.get('/workspace/settings', async (c) => {
    await allow(c, 'workspace.use');
    return c.json({ shareLinks: await accounts.shareLinksOn() });
  });

  api.put('/workspace/settings', async (c) => {
    const { who } = await allow(c, 'members.manage');
    const input = await jsonBody(c, WorkspaceSettingsInputSchema);
    // Off: link creation answers 403, existing links and their sessions stop working, live link sockets close now.
    await accounts.setShareLinks(who.account, input.shareLinks);
    return c.json({ shareLinks: await accounts.shareLinksOn() });
  });

  api.post('/workspace/invitations', async (c) => {
    const { who } = await allow(c, 'members.manage');
    const input = await jsonBody(c, CreateInvitationInputSchema);
    if (input.role === 'admin' && who.account.role !== 'owner') {
      throw new JourneycraftError(ErrorCode.Forbidden, 'only the owner invites admins');
    }
    const { invitation, token } = await accounts.invite(who.account, input);
    const { tokenHash: _h, ...shown } = invitation;
    return c.json({ ...shown, token }, 201);
  });

  api.get('/workspace/invitations', async (c) => {
    await allow(c, 'members.manage');
    return c.json({ invitations: (await store.listInvitations()).map(({ tokenHash: _h, ...i }) => i) });
  });

  api.delete('/workspace/invitations/:invitationId', async (c) => {
    const { who } = await allow(c, 'members.manage');
    const id = idParam(c, 'invitationId');
    const invitation = await store.revokeInvitation(id);
    if (!invitation) throw new JourneycraftError(ErrorCode.NotFound, `invitation "${id}" does not exist`);
    await accounts.audit('invitation_revoked', who.account, { target: id });
    return c.body(null, 204);
  });

  /** A map's owner and members (anyone who can open the map sees who else can). */
  api.get('/maps/:id/members', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    return c.json({
      owner: await store.getMapOwner(map.id),
      access: map.access,
      members: await store.listMapMembers(map.id),
    });
  });

  api.put('/maps/:id/members/:accountId', async (c) => {
    const { map, principal } = await authorize(c, deps, 'manage');
    const id = idParam(c, 'accountId');
    const input = await jsonBody(c, SetMapMemberInputSchema);
    if (!(await store.getAccount(id))) throw new JourneycraftError(ErrorCode.NotFound, `member "${id}" does not exist`);
    await store.setMapMember(map.id, id, input.role);
    // Their open sockets carry the old role: close them, the client reconnects with the new one.
    rooms.closeConns(map.id, { accountId: id }, SyncCloseCode.AccessRevoked, 'your role changed');
    await accounts.audit('map_member_set', await actor(principal.accountId), {
      mapId: map.id,
      target: id,
      detail: { role: input.role },
    });
    return c.json({ members: await store.listMapMembers(map.id) });
  });

  api.delete('/maps/:id/members/:accountId', async (c) => {
    const { map, principal } = await authorize(c, deps, 'manage');
    const id = idParam(c, 'accountId');
    if (!(await store.removeMapMember(map.id, id))) {
      throw new JourneycraftError(ErrorCode.NotFound, `"${id}" is not a member of this map`);
    }
    rooms.closeConns(map.id, { accountId: id }, SyncCloseCode.AccessRevoked, 'removed from the map');
    await accounts.audit('map_member_removed', await actor(principal.accountId), { mapId: map.id, target: id });
    return c.body(null, 204);
  });

  api.put('/maps/:id/owner', async (c) => {
    const { map, principal } = await authorize(c, deps, 'manage');
    const input = await jsonBody(c, SetOwnerInputSchema);
    const next = await store.getAccount(input.accountId);
    if (!next || next.role === 'guest') {
      throw new JourneycraftError(ErrorCode.BadRequest, 'the new owner must be a member of the workspace');
    }
    await store.setMapOwner(map.id, next.id);
    await accounts.audit('map_owner_changed', await actor(principal.accountId), { mapId: map.id, target: next.id });
    return c.json({ owner: next.id });
  });

  api.get('/audit', async (c) => {
    await allow(c, 'audit.read');
    const parsed = AuditQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      throw new JourneycraftError(
        ErrorCode.ValidationFailed,
        `invalid audit query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    }
    const q = parsed.data;
    const entries = await store.listAudit({
      limit: q.limit,
      beforeSeq: q.before,
      action: q.action,
      actorId: q.actor,
      since: q.since,
      until: q.until,
    });
    // Names of the actors, for people reading the log (ids stay the record).
    const actors = await Promise.all([...new Set(entries.map((e) => e.actorId).filter(Boolean))].map(actor));
    return c.json({
      entries,
      actors: Object.fromEntries(actors.filter((a) => a !== null).map((a) => [a.id, a.name])),
      next: entries.length === q.limit ? entries[entries.length - 1]!.seq : null,
    });
  });

  return api;
}
