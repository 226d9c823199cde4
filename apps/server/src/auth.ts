import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  ErrorCode,
  JourneycraftError,
  ShareRole,
  roleAtLeast,
  type MapSummary,
  type ShareLink,
} from '@journeycraft/schema';
import type { Storage } from './storage/types.js';

/**
 * Who is acting on a map: a signed-in account with its role there (see accounts/authorize.ts),
 * or a share-link guest with the link's role and the name they joined under.
 */
export interface Principal {
  role: ShareRole;
  /**
   * Display name the server stamps on presence and authorship: the guest's (fixed by their link
   * session) or the signed-in account's; null only for in-process tests that bypass sign-in.
   */
  name: string | null;
  /** Random id of a guest session; null for workspace members. */
  guestId: string | null;
  /** Share link the session came from; null for workspace members. */
  linkId: string | null;
  /** Signed-in account (absent or null for share-link guests). */
  accountId?: string | null;
  /** Browser session of the account (null for API tokens and links): revoking it closes its sockets. */
  sessionId?: string | null;
  /** API token of the account (null for browser sessions and links): revoking it closes its sockets. */
  tokenId?: string | null;
  /** When the credential stops working (ms since epoch); live sockets are closed then. */
  expiresAt?: number | null;
  /** Owner of the map or workspace admin: may delete it, change its access, members and links. */
  owner?: boolean;
}

/** A principal without identity (in-process tests of rooms that bypass authorization). */
export const MEMBER: Principal = Object.freeze({ role: 'facilitator', name: null, guestId: null, linkId: null });

const PayloadSchema = z.object({
  k: z.enum(['link', 'session']),
  l: z.string(),
  m: z.string(),
  r: ShareRole,
  e: z.number().nullable(),
  n: z.string().optional(),
  g: z.string().optional(),
});
type Payload = z.infer<typeof PayloadSchema>;

const SESSION_DAYS = 30;

/** Signs and checks share-link and session tokens (HMAC-SHA256 with the workspace secret). */
export class Auth {
  private secret: Promise<Buffer> | null = null;
  constructor(private readonly storage: Storage) {}

  private key(): Promise<Buffer> {
    this.secret ??= this.storage.getSecret().then((s) => Buffer.from(s, 'base64url'));
    return this.secret;
  }

  private async sign(payload: Payload): Promise<string> {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const mac = createHmac('sha256', await this.key())
      .update(`v1.${body}`)
      .digest('base64url');
    return `v1.${body}.${mac}`;
  }

  private async read(token: string): Promise<Payload> {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'v1') throw unauthorized('the access token is malformed');
    const expected = createHmac('sha256', await this.key())
      .update(`v1.${parts[1]}`)
      .digest();
    const given = Buffer.from(parts[2]!, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw unauthorized('the access token is not valid');
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    } catch {
      throw unauthorized('the access token is malformed');
    }
    const parsed = PayloadSchema.safeParse(json);
    if (!parsed.success) throw unauthorized('the access token is malformed');
    return parsed.data;
  }

  /** The token a share link carries (re-issued identically on demand; never stored). */
  linkToken(link: ShareLink): Promise<string> {
    return this.sign({ k: 'link', l: link.id, m: link.mapId, r: link.role, e: expiry(link.expiresAt) });
  }

  /** Checks a link and its stored state (exists, not revoked, not expired). */
  private async liveLink(payload: Payload): Promise<ShareLink> {
    if (payload.e !== null && payload.e <= Date.now()) throw unauthorized('this link has expired');
    const link = await this.storage.getShareLink(payload.l);
    if (!link || link.mapId !== payload.m) throw unauthorized('this link does not exist any more');
    if (link.revokedAt) throw unauthorized('this link was revoked by the facilitator');
    if (link.expiresAt && Date.parse(link.expiresAt) <= Date.now()) throw unauthorized('this link has expired');
    return link;
  }

  /** The live link a link token stands for; a dead one (expired, revoked, unknown) throws why. */
  async inspectLink(linkToken: string): Promise<ShareLink> {
    const payload = await this.read(linkToken);
    if (payload.k !== 'link') throw unauthorized('use the invitation link to join');
    return this.liveLink(payload);
  }

  /** A guest joins with a link token and a display name and gets a session token. */
  async join(linkToken: string, name: string): Promise<{ sessionToken: string; link: ShareLink; guestId: string }> {
    const payload = await this.read(linkToken);
    if (payload.k !== 'link') throw unauthorized('use the invitation link to join');
    const link = await this.liveLink(payload);
    const guestId = randomBytes(9).toString('base64url');
    const sessionEnd = Date.now() + SESSION_DAYS * 86_400_000;
    const e = payload.e === null ? sessionEnd : Math.min(payload.e, sessionEnd);
    const sessionToken = await this.sign({
      k: 'session',
      l: link.id,
      m: link.mapId,
      r: link.role,
      e,
      n: name,
      g: guestId,
    });
    return { sessionToken, link, guestId };
  }

  /**
   * Who the holder of a share-link token acts as on `map`: its link must still be live and belong
   * to this map. (Signed-in accounts are decided by `Access.authorize`.)
   */
  async principal(
    map: MapSummary,
    token: string | undefined,
    opts: { requireSession?: boolean } = {},
  ): Promise<Principal> {
    if (!token) throw unauthorized('open your invitation link, or sign in');
    const payload = await this.read(token);
    if (payload.m !== map.id) throw new JourneycraftError(ErrorCode.Forbidden, 'this access token is for another map');
    if (opts.requireSession && payload.k !== 'session') throw unauthorized('join with the invitation link first');
    const link = await this.liveLink(payload);
    const linkEnd = expiry(link.expiresAt);
    const expiresAt = payload.e === null ? linkEnd : linkEnd === null ? payload.e : Math.min(payload.e, linkEnd);
    return {
      role: payload.r,
      name: payload.n ?? null,
      guestId: payload.g ?? null,
      linkId: payload.l,
      accountId: null,
      sessionId: null,
      expiresAt,
    };
  }
}

/** Throws 403 unless `principal` may act as `needed`. */
export function requireRole(principal: Principal, needed: ShareRole): void {
  if (!roleAtLeast(principal.role, needed)) {
    throw new JourneycraftError(
      ErrorCode.Forbidden,
      `this needs the ${needed} role; your link gives ${principal.role}`,
    );
  }
}

function unauthorized(message: string): JourneycraftError {
  return new JourneycraftError(ErrorCode.Unauthorized, message);
}

function expiry(expiresAt: string | null): number | null {
  return expiresAt ? Date.parse(expiresAt) : null;
}
