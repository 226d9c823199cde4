import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type * as OidcClient from 'openid-client';
import { newId, WorkspaceRole } from '@journeycraft/schema';
import type { Storage } from '../storage/types.js';
import type { Logger } from '../log.js';
import type { Accounts } from './service.js';
import type { AccountRecord } from './types.js';
import { overTls, setSessionCookie } from './routes.js';

/**
 * OpenID Connect sign-in (any standard provider: Okta, Entra ID, Google, Keycloak) with
 * openid-client: discovery, authorization code + PKCE (S256), state and nonce checks, ID-token
 * validation (signature, issuer, audience = our client id, expiry), just-in-time accounts,
 * allowed e-mail domains and optional group → workspace-role mapping.
 *
 * Why openid-client: it is the certified relying-party library of the same author as the
 * certified `oidc-provider` we test against, small (no framework), and it does the protocol's
 * checks (state, nonce, PKCE, iss/aud/exp/iat, JWKS rotation) itself, so we do not hand-roll them.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Callback URL registered at the provider; derived from the request when unset. */
  redirectUri: string | undefined;
  scopes: string;
  /** E-mail domains allowed to sign in (lower case); empty allows any. */
  allowedDomains: string[];
  /** ID-token claim holding the person's groups. */
  groupsClaim: string;
  /** Group → workspace role; the strongest match wins. Empty: no mapping. */
  roleMap: Map<string, WorkspaceRole>;
  /** Role of new accounts no group maps (default member). */
  defaultRole: WorkspaceRole;
  /** Text of the sign-in button. */
  label: string;
  /** Seconds of clock difference tolerated when checking ID-token times (default 30). */
  clockToleranceSeconds: number;
}

const STATE_COOKIE = 'jc_oidc';
const STATE_TTL_MS = 10 * 60_000;
const RANK: Record<WorkspaceRole, number> = { guest: 0, member: 1, admin: 2, owner: 3 };

/** Reads OIDC_* variables; undefined when OIDC_ISSUER is not set (OpenID Connect off). */
export function readOidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  if (!env.OIDC_CLIENT_ID) throw new Error('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  const roleMap = new Map<string, WorkspaceRole>();
  for (const pair of (env.OIDC_ROLE_MAP ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [group, role] = pair.split('=').map((s) => s.trim());
    const parsed = WorkspaceRole.exclude(['owner']).safeParse(role);
    if (!group || !parsed.success) throw new Error(`OIDC_ROLE_MAP entry "${pair}" must be group=admin|member|guest`);
    roleMap.set(group, parsed.data);
  }
  const defaultRole = WorkspaceRole.exclude(['owner']).safeParse(env.OIDC_DEFAULT_ROLE || 'member');
  if (!defaultRole.success) throw new Error('OIDC_DEFAULT_ROLE must be admin, member or guest');
  const tolerance = Number(env.OIDC_CLOCK_TOLERANCE_SECONDS ?? 30);
  if (!Number.isInteger(tolerance) || tolerance < 0)
    throw new Error('OIDC_CLOCK_TOLERANCE_SECONDS must be a whole number');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUri: env.OIDC_REDIRECT_URI || undefined,
    scopes: env.OIDC_SCOPES || 'openid email profile',
    allowedDomains: (env.OIDC_ALLOWED_DOMAINS ?? '')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
    groupsClaim: env.OIDC_GROUPS_CLAIM || 'groups',
    roleMap,
    defaultRole: defaultRole.data,
    label: env.OIDC_LABEL || 'your company account',
    clockToleranceSeconds: tolerance,
  };
}

/** What the browser carries between the start of a sign-in and the provider's answer (signed, short-lived). */
interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  redirectUri: string;
  exp: number;
}

/** A path on this site to return to after signing in (never another site). */
function safeReturnTo(raw: string | undefined): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/';
}

/** The OpenID Connect routes: `GET /api/auth/oidc/start` and `GET /api/auth/oidc/callback`. */
export function oidcRoutes(deps: { settings: OidcSettings; accounts: Accounts; storage: Storage; log: Logger }): Hono {
  const { settings, accounts } = deps;
  const api = new Hono();
  let config: Promise<OidcClient.Configuration> | null = null;
  // Loaded only when OpenID Connect is configured (a server without it never loads the library).
  const library = import('openid-client');
  library.catch(() => {}); // a failure is reported to the request that needs the library

  /** Discovery happens on first use (the provider may start after us) and is retried after a failure. */
  const configuration = () => {
    config ??= (async () => {
      const client = await library;
      const issuer = new URL(settings.issuer);
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      const found = await client.discovery(
        issuer,
        settings.clientId,
        {
          ...(settings.clientSecret ? { client_secret: settings.clientSecret } : {}),
          [client.clockTolerance]: settings.clockToleranceSeconds,
        },
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        // Plain HTTP only for a provider on this machine (development and tests).
        issuer.protocol === 'http:' && loopback ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      return found;
    })().catch((err: unknown) => {
      config = null;
      throw err;
    });
    return config;
  };

  const key = async () => Buffer.from(await deps.storage.getSecret(), 'base64url');
  const seal = async (p: Pending) => {
    const body = Buffer.from(JSON.stringify(p)).toString('base64url');
    return `${body}.${createHmac('sha256', await key())
      .update(`oidc.${body}`)
      .digest('base64url')}`;
  };
  const unseal = async (value: string | undefined): Promise<Pending | null> => {
    const [body, mac] = (value ?? '').split('.');
    if (!body || !mac) return null;
    const expected = createHmac('sha256', await key())
      .update(`oidc.${body}`)
      .digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const pending = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Pending;
    return pending.exp > Date.now() ? pending : null;
  };

  const refuse = (c: Context, message: string) => {
    deleteCookie(c, STATE_COOKIE, { path: '/api/auth/oidc' });
    return c.redirect(`/?signin_error=${encodeURIComponent(message)}`, 303);
  };

  api.get('/auth/oidc/start', async (c) => {
    let found: OidcClient.Configuration;
    try {
      found = await configuration();
    } catch (err) {
      deps.log('error', 'OpenID Connect discovery failed', { issuer: settings.issuer, error: String(err) });
      return refuse(c, 'the sign-in service cannot be reached right now; try again in a moment');
    }
    const client = await library;
    const verifier = client.randomPKCECodeVerifier();
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      returnTo: safeReturnTo(c.req.query('returnTo')),
      redirectUri: settings.redirectUri ?? new URL('/api/auth/oidc/callback', c.req.url).toString(),
      exp: Date.now() + STATE_TTL_MS,
    };
    setCookie(c, STATE_COOKIE, await seal(pending), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: overTls(c),
      path: '/api/auth/oidc',
      maxAge: STATE_TTL_MS / 1000,
    });
    const url = client.buildAuthorizationUrl(found, {
      redirect_uri: pending.redirectUri,
      scope: settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return c.redirect(url.toString(), 302);
  });

  api.get('/auth/oidc/callback', async (c) => {
    const pending = await unseal(getCookie(c, STATE_COOKIE));
    if (!pending) return refuse(c, 'the sign-in took too long or was started elsewhere; start again');
    const providerError = c.req.query('error');
    if (providerError) {
      return refuse(c, `the identity provider refused: ${c.req.query('error_description') ?? providerError}`);
    }
    let claims: OidcClient.IDToken | undefined;
    try {
      const found = await configuration();
      const client = await library;
      const current = new URL(c.req.url);
      const callback = new URL(pending.redirectUri);
      callback.search = current.search;
      const tokens = await client.authorizationCodeGrant(found, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      // openid-client wraps the precise check that failed (nonce, exp, aud…) as the cause.
      // A refusal of the token endpoint carries the provider's error (e.g. invalid_grant).
      const cause = (err as { cause?: unknown }).cause;
      const answer = err as { error?: unknown; error_description?: unknown };
      const reason =
        typeof answer.error === 'string'
          ? `the provider answered ${answer.error}${typeof answer.error_description === 'string' ? ` (${answer.error_description})` : ''}`
          : cause instanceof Error
            ? cause.message
            : (err as Error).message;
      deps.log('warn', 'OpenID Connect sign-in refused', { error: String(err), reason });
      await accounts.audit('sign_in_failed', null, { detail: { method: 'oidc', reason: reason.slice(0, 200) } });
      return refuse(c, `the sign-in could not be verified: ${reason}`);
    }
    if (!claims) return refuse(c, 'the identity provider sent no ID token');
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : '';
    if (!email) return refuse(c, 'the identity provider did not tell us your e-mail address');
    if (claims.email_verified === false)
      return refuse(c, 'your e-mail address is not verified at the identity provider');
    const domain = email.split('@')[1] ?? '';
    if (settings.allowedDomains.length && !settings.allowedDomains.includes(domain)) {
      await accounts.audit('sign_in_failed', null, { target: email, detail: { method: 'oidc', reason: 'domain' } });
      return refuse(c, `accounts of ${domain} cannot sign in to this workspace`);
    }
    const groups = claims[settings.groupsClaim];
    const mapped = Array.isArray(groups)
      ? groups
          .map((g) => settings.roleMap.get(String(g)))
          .filter((r): r is WorkspaceRole => !!r)
          .sort((a, b) => RANK[b] - RANK[a])[0]
      : undefined;
    const externalId = `${claims.iss}|${claims.sub}`;
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : email;
    let account: AccountRecord | null =
      (await accounts.store.getAccountByExternalId(externalId)) ?? (await accounts.store.getAccountByEmail(email));
    if (account && account.externalId && account.externalId !== externalId) {
      return refuse(c, 'this e-mail address belongs to another sign-in; ask an admin');
    }
    if (!account) {
      const first = await accounts.needsSetup();
      const record: AccountRecord = {
        id: newId(),
        email,
        name,
        role: first ? 'owner' : (mapped ?? settings.defaultRole),
        passwordHash: null,
        externalId,
        createdAt: new Date().toISOString(),
      };
      account = first
        ? ((await accounts.store.createAccount(record, { onlyIfEmpty: true })) ??
          (await accounts.store.createAccount({ ...record, role: mapped ?? settings.defaultRole })))
        : await accounts.store.createAccount(record);
      if (account!.role === 'owner') await accounts.adoptExistingMaps(account!);
      await accounts.audit('member_role_changed', account, {
        target: account!.id,
        detail: { from: null, to: account!.role, via: 'oidc' },
      });
    } else if (mapped && account.role !== 'owner' && account.role !== mapped) {
      // The provider's groups decide the role when a mapping is configured.
      account = await accounts.setRole(account, account.id, mapped);
    }
    const { session, sessionRecord } = await accounts.startSession(account!);
    await accounts.audit('sign_in', account, { target: account!.id, detail: { method: 'oidc' } });
    deleteCookie(c, STATE_COOKIE, { path: '/api/auth/oidc' });
    setSessionCookie(c, session, sessionRecord);
    return c.redirect(pending.returnTo, 303);
  });

  return api;
}
