import { timingSafeEqual } from 'node:crypto';
import {
  ErrorCode,
  JourneycraftError,
  newId,
  type AcceptInvitationInput,
  type Account,
  type AuditAction,
  type CreateInvitationInput,
  type LoginInput,
  type SetupInput,
} from '@journeycraft/schema';
import type { Storage } from '../storage/types.js';
import type { Logger } from '../log.js';
import { dummyHash, hashPassword, newSecret, secretHash, verifyPassword } from './passwords.js';
import { LoginLimiter } from './ratelimit.js';
import type { AccountRecord, AccountStore, ApiTokenRecord, InvitationRecord, SessionRecord } from './types.js';

/**
 * Who is asking, before any map is considered: nobody, a signed-in account (browser session or
 * API token), or the holder of a share-link token (checked against its map by `authorize`).
 */
export type Who =
  | { kind: 'anonymous' }
  | {
      kind: 'account';
      account: AccountRecord;
      /** Browser session (cookie) or null for API tokens. */
      sessionId: string | null;
      tokenId: string | null;
      /** When this credential stops working (ms since epoch), null for never. */
      expiresAt: number | null;
      /** How the credential came: a cookie needs CSRF checks, a bearer token does not. */
      via: 'cookie' | 'bearer';
    }
  | { kind: 'link'; token: string };

export const ANONYMOUS: Who = Object.freeze({ kind: 'anonymous' });

export interface AccountsOptions {
  /** Browser sessions last this long (default 14 days). */
  sessionDays?: number;
  /** ADMIN_API_TOKEN: a bearer token that acts as the first owner (scripted installs, tests). */
  adminToken?: string | undefined;
  log?: Logger;
  limiter?: LoginLimiter;
}

/** The public view of an account. */
export function publicAccount(a: AccountRecord): Account {
  return { id: a.id, email: a.email, name: a.name, role: a.role, createdAt: a.createdAt };
}

const unauthorized = (message: string) => new JourneycraftError(ErrorCode.Unauthorized, message);

/**
 * Local accounts: first-run owner set-up, sign-in with rate limiting, revocable sessions,
 * invitations by link, API tokens; and who a credential belongs to.
 */
/** Key of the workspace setting that turns share links off ('off') or on. */
const SHARE_LINKS_SETTING = 'shareLinks';

/** What ended: one session, every session of an account, or (`links`) every share-link session. */
export interface Ended {
  sessionId?: string;
  accountId?: string;
  links?: boolean;
}

export class Accounts {
  readonly limiter: LoginLimiter;
  private readonly sessionMs: number;
  private readonly adminToken: Buffer | null;
  /** Called when sessions or tokens end, so their live sockets can be closed at once. */
  private readonly endListeners = new Set<(ended: Ended) => void>();

  constructor(
    readonly store: AccountStore,
    private readonly storage: Storage,
    private readonly opts: AccountsOptions = {},
  ) {
    this.limiter = opts.limiter ?? new LoginLimiter();
    this.sessionMs = (opts.sessionDays ?? 14) * 86_400_000;
    this.adminToken = opts.adminToken ? Buffer.from(opts.adminToken) : null;
  }

  /** Whether share links work in this workspace (on unless an admin turned them off). */
  async shareLinksOn(): Promise<boolean> {
    return (await this.store.getSetting(SHARE_LINKS_SETTING)) !== 'off';
  }

  /** Turns share links on or off for the workspace (audited); listeners close link sockets when off. */
  async setShareLinks(actor: AccountRecord, on: boolean): Promise<void> {
    const before = await this.shareLinksOn();
    await this.store.setSetting(SHARE_LINKS_SETTING, on ? 'on' : 'off');
    if (before !== on) await this.audit('workspace_settings_changed', actor, { detail: { shareLinks: on } });
    if (!on) this.ended({ links: true });
  }

  /** Registers a listener for ended sessions (revoked, signed out, account removed). */
  onEnded(listener: (ended: Ended) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  private ended(ended: Ended): void {
    for (const l of this.endListeners) l(ended);
  }

  audit(
    action: AuditAction,
    actor: AccountRecord | null,
    fields: {
      mapId?: string | null;
      target?: string | null;
      detail?: Record<string, string | number | boolean | null>;
    } = {},
  ) {
    return this.store.appendAudit({
      action,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      mapId: fields.mapId ?? null,
      target: fields.target ?? null,
      detail: fields.detail ?? {},
    });
  }

  async needsSetup(): Promise<boolean> {
    return (await this.store.countAccounts()) === 0;
  }

  /** With ADMIN_API_TOKEN set on a fresh install: creates the owner the token acts as. */
  async bootstrap(email = 'admin@localhost'): Promise<void> {
    if (!this.adminToken || !(await this.needsSetup())) return;
    const owner = await this.store.createAccount(
      {
        id: newId(),
        email,
        name: 'Administrator',
        role: 'owner',
        passwordHash: null,
        externalId: null,
        createdAt: new Date().toISOString(),
      },
      { onlyIfEmpty: true },
    );
    if (owner) await this.adoptExistingMaps(owner);
  }

  /** Existing maps without an owner (made before accounts existed) go to `owner`. */
  async adoptExistingMaps(owner: AccountRecord): Promise<number> {
    const maps = await this.storage.listMaps();
    return this.store.adoptMaps(
      maps.map((m) => m.id),
      owner.id,
    );
  }

  /** The first visitor of a fresh install creates the owner account (once, atomically). */
  async setup(input: SetupInput): Promise<{ account: AccountRecord; session: string; sessionRecord: SessionRecord }> {
    if (!(await this.needsSetup())) {
      throw new JourneycraftError(ErrorCode.Conflict, 'this workspace is already set up; sign in instead');
    }
    const account = await this.store.createAccount(
      {
        id: newId(),
        email: input.email,
        name: input.name,
        role: 'owner',
        passwordHash: await hashPassword(input.password),
        externalId: null,
        createdAt: new Date().toISOString(),
      },
      { onlyIfEmpty: true },
    );
    if (!account) throw new JourneycraftError(ErrorCode.Conflict, 'this workspace is already set up; sign in instead');
    const adopted = await this.adoptExistingMaps(account);
    await this.audit('setup', account, { target: account.id, detail: { adoptedMaps: adopted } });
    return { account, ...(await this.startSession(account)) };
  }

  /** Starts a browser session; returns the cookie value (shown once, stored hashed). */
  async startSession(account: AccountRecord): Promise<{ session: string; sessionRecord: SessionRecord }> {
    const session = newSecret('jcs_');
    const now = Date.now();
    const sessionRecord: SessionRecord = {
      id: newId(),
      accountId: account.id,
      tokenHash: secretHash(session),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.sessionMs).toISOString(),
      revokedAt: null,
    };
    await this.store.createSession(sessionRecord);
    return { session, sessionRecord };
  }

  /** Signs in with e-mail and password. Refuses with 429 after too many failures from one address. */
  async login(
    input: LoginInput,
    client: string,
  ): Promise<{ account: AccountRecord; session: string; sessionRecord: SessionRecord }> {
    const key = `${client}|${input.email}`;
    const wait = this.limiter.blockedFor(key, client);
    if (wait > 0) {
      throw new JourneycraftError(
        ErrorCode.RateLimited,
        `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`,
      );
    }
    const account = await this.store.getAccountByEmail(input.email);
    const ok = account?.passwordHash
      ? await verifyPassword(input.password, account.passwordHash)
      : (await verifyPassword(input.password, await dummyHash()), false);
    if (!account || !ok) {
      this.limiter.fail(key, client);
      await this.audit('sign_in_failed', null, { target: input.email, detail: { client } });
      throw unauthorized('that e-mail and password do not match an account');
    }
    this.limiter.succeed(key);
    await this.audit('sign_in', account, { target: account.id, detail: { method: 'password' } });
    return { account, ...(await this.startSession(account)) };
  }

  /** Revokes a session; its live sockets are closed. */
  async revokeSession(id: string): Promise<SessionRecord | null> {
    const session = await this.store.revokeSession(id);
    if (session) this.ended({ sessionId: id });
    return session;
  }

  /** Who a request or connection is, from its bearer token or session cookie (no map yet). */
  async identify(bearer: string | undefined, cookie: string | undefined): Promise<Who> {
    if (bearer) {
      if (bearer.startsWith('jct_') || bearer.startsWith('jcs_')) return this.fromSecret(bearer, 'bearer');
      if (this.adminToken && safeEqual(Buffer.from(bearer), this.adminToken)) return this.fromAdminToken();
      return { kind: 'link', token: bearer };
    }
    if (cookie) return this.fromSecret(cookie, 'cookie');
    return ANONYMOUS;
  }

  private async fromAdminToken(): Promise<Who> {
    await this.bootstrap();
    const owner = (await this.store.listAccounts()).find((a) => a.role === 'owner');
    if (!owner) throw unauthorized('the workspace has no owner yet');
    return { kind: 'account', account: owner, sessionId: null, tokenId: null, expiresAt: null, via: 'bearer' };
  }

  private async fromSecret(secret: string, via: 'cookie' | 'bearer'): Promise<Who> {
    const hash = secretHash(secret);
    if (secret.startsWith('jct_')) {
      const token = await this.store.getApiTokenByHash(hash);
      if (!token || token.revokedAt) throw unauthorized('this API token was revoked or does not exist');
      const expiresAt = token.expiresAt ? Date.parse(token.expiresAt) : null;
      if (expiresAt !== null && expiresAt <= Date.now()) throw unauthorized('this API token has expired');
      const account = await this.store.getAccount(token.accountId);
      if (!account) throw unauthorized('the account of this API token was removed');
      return { kind: 'account', account, sessionId: null, tokenId: token.id, expiresAt, via };
    }
    const session = await this.store.getSessionByHash(hash);
    if (!session) throw unauthorized('your session has ended; sign in again');
    if (session.revokedAt) throw unauthorized('your session was signed out; sign in again');
    const expiresAt = Date.parse(session.expiresAt);
    if (expiresAt <= Date.now()) throw unauthorized('your session has expired; sign in again');
    const account = await this.store.getAccount(session.accountId);
    if (!account) throw unauthorized('your account was removed from this workspace');
    return { kind: 'account', account, sessionId: session.id, tokenId: null, expiresAt, via };
  }

  /** An admin invites someone: the returned token goes into the invitation link (shown once). */
  async invite(
    by: AccountRecord,
    input: CreateInvitationInput,
  ): Promise<{ invitation: InvitationRecord; token: string }> {
    const token = newSecret('jci_');
    const now = Date.now();
    const invitation: InvitationRecord = {
      id: newId(),
      tokenHash: secretHash(token),
      role: input.role,
      email: input.email ?? null,
      createdBy: by.id,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + input.expiresInDays * 86_400_000).toISOString(),
      usedAt: null,
      revokedAt: null,
    };
    await this.store.createInvitation(invitation);
    await this.audit('invitation_created', by, {
      target: invitation.id,
      detail: { role: invitation.role, email: invitation.email },
    });
    return { invitation, token };
  }

  /** What an invitation link offers (for the accept page), or why it no longer works. */
  async invitation(token: string): Promise<InvitationRecord> {
    const invitation = await this.store.getInvitationByHash(secretHash(token));
    if (!invitation) throw new JourneycraftError(ErrorCode.NotFound, 'this invitation link does not exist');
    if (invitation.revokedAt) throw new JourneycraftError(ErrorCode.Forbidden, 'this invitation was withdrawn');
    if (invitation.usedAt) throw new JourneycraftError(ErrorCode.Conflict, 'this invitation was already used; sign in');
    if (Date.parse(invitation.expiresAt) <= Date.now()) {
      throw new JourneycraftError(ErrorCode.Forbidden, 'this invitation has expired; ask for a new one');
    }
    return invitation;
  }

  /** Accepts an invitation: creates the account and signs it in. */
  async accept(input: AcceptInvitationInput) {
    const invitation = await this.invitation(input.token);
    if (invitation.email && invitation.email !== input.email) {
      throw new JourneycraftError(ErrorCode.Forbidden, `this invitation is for ${invitation.email}`);
    }
    if (await this.store.getAccountByEmail(input.email)) {
      throw new JourneycraftError(ErrorCode.Conflict, 'an account with this e-mail exists; sign in instead');
    }
    const account = await this.store.acceptInvitation(invitation.id, {
      id: newId(),
      email: input.email,
      name: input.name,
      role: invitation.role,
      passwordHash: await hashPassword(input.password),
      externalId: null,
      createdAt: new Date().toISOString(),
    });
    if (!account) throw new JourneycraftError(ErrorCode.Conflict, 'this invitation was already used; sign in');
    await this.audit('invitation_accepted', account, { target: invitation.id, detail: { role: account.role } });
    return { account, ...(await this.startSession(account)) };
  }

  /** Creates an API token (shown once). */
  async createToken(
    account: AccountRecord,
    name: string,
    expiresInDays?: number,
  ): Promise<{ record: ApiTokenRecord; token: string }> {
    const token = newSecret('jct_');
    const now = Date.now();
    const record: ApiTokenRecord = {
      id: newId(),
      accountId: account.id,
      name,
      tokenHash: secretHash(token),
      createdAt: new Date(now).toISOString(),
      expiresAt: expiresInDays ? new Date(now + expiresInDays * 86_400_000).toISOString() : null,
      revokedAt: null,
    };
    await this.store.createApiToken(record);
    await this.audit('api_token_created', account, { target: record.id, detail: { name } });
    return { record, token };
  }

  /** Removes an account; its sessions end now. */
  async removeAccount(by: AccountRecord, id: string): Promise<boolean> {
    const removed = await this.store.deleteAccount(id);
    if (removed) {
      this.ended({ accountId: id });
      await this.audit('member_removed', by, { target: id });
    }
    return removed;
  }

  /** Changes a workspace role; live sockets are re-checked by closing them (they reconnect with the new role). */
  async setRole(by: AccountRecord, id: string, role: AccountRecord['role']): Promise<AccountRecord | null> {
    const before = await this.store.getAccount(id);
    const account = await this.store.setWorkspaceRole(id, role);
    if (account) {
      this.ended({ accountId: id });
      await this.audit('member_role_changed', by, { target: id, detail: { from: before?.role ?? null, to: role } });
    }
    return account;
  }
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
