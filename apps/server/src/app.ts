import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { ErrorCode, JourneycraftError, SyncCloseCode, toIssues, type ErrorBody } from '@journeycraft/schema';
import type { Storage } from './storage/types.js';
import type { Rooms } from './sync/rooms.js';
import type { Logger } from './log.js';
import { mapRoutes } from './routes/maps.js';
import { libraryRoutes } from './routes/library.js';
import type { Metrics } from './metrics.js';
import { Auth } from './auth.js';
import { sessionRoutes } from './routes/sessions.js';
import { votingRoutes } from './routes/voting.js';
import { exportRoutes } from './routes/exports.js';
import { assessmentRoutes } from './routes/assessments.js';
import { summaryRoutes } from './routes/summary.js';
import { hrRoutes } from './routes/hr.js';
import { withTimeout } from './timeout.js';
import { Access } from './accounts/authorize.js';
import { Accounts } from './accounts/service.js';
import { openSqliteAccounts } from './accounts/sqlite.js';
import { accountRoutes } from './accounts/routes.js';
import { installAccessGuards } from './accounts/guards.js';
import type { ExportPool } from './exports/pool.js';
import { MAX_TEMPLATE_BYTES } from '@journeycraft/export';
import { MAX_IMAGE_BYTES } from '@journeycraft/schema';
import type { ImageStore } from './images/types.js';
import { openSqliteImages } from './images/sqlite.js';
import { imageRoutes } from './routes/images.js';
import { pictureRoutes } from './routes/picture.js';

/** Routes that take a template upload. */
const TEMPLATE_ROUTE = /^\/api\/(?:export\/template\/preview|maps\/[^/]+\/roles\/[^/]+\/export\/template)$/;
/** Room for a multipart form's boundaries and headers around a template. */
const TEMPLATE_FORM_OVERHEAD = 64 * 1024;
/** The route that takes a picture upload. */
const IMAGE_ROUTE = /^\/api\/maps\/[^/]+\/images$/;
import { oidcRoutes, type OidcSettings } from './accounts/oidc.js';

/** Longest a readiness check may take before it counts as failed. */
const READY_CHECK_MS = 800;

export interface AppDeps {
  /** Token checks; defaults to one keyed by the storage's secret. */
  auth?: Auth;
  /** Who may do what; defaults to accounts kept in memory (tests). */
  access?: Access;
  /** Browser origins (besides the server's own) allowed to send state-changing requests with the session cookie. */
  allowedOrigins?: string[];
  /** OpenID Connect sign-in, when configured. */
  oidc?: OidcSettings | undefined;
  storage: Storage;
  /** Pictures of maps; defaults to an in-memory store (tests). */
  images?: ImageStore | undefined;
  rooms: Rooms;
  log: Logger;
  maxBodyBytes: number;
  /** How long a deleted map stays restorable before it is purged (default 24 h; 0 purges at once). */
  mapRestoreMs?: number | undefined;
  metrics?: Metrics | undefined;
  /** Worker threads that render documents and templates; one default pool per process when absent. */
  exportPool?: ExportPool | undefined;
  /** Extra readiness checks (e.g. the Redis relay); each throws when not ready. */
  checks?: { relay?: (() => Promise<void>) | undefined };
}

function errorJson(code: ErrorBody['error']['code'], message: string): ErrorBody {
  return { error: { code, message } };
}

/** The HTTP API as a Hono app (no listening, no static files): testable with `app.request()`. */
export function createApp(appDeps: AppDeps): Hono {
  const auth = appDeps.auth ?? new Auth(appDeps.storage);
  const access = appDeps.access ?? new Access(new Accounts(openSqliteAccounts(':memory:'), appDeps.storage), auth);
  const images = appDeps.images ?? openSqliteImages(':memory:');
  const deps = { ...appDeps, auth, access, images };
  const app = new Hono();
  // A session that ends (signed out, revoked, account removed or its role changed) closes its live sockets now.
  // Share links turned off for the workspace close every link session's sockets.
  access.accounts.onEnded(({ sessionId, accountId, links }) => {
    appDeps.rooms.closeConnsEverywhere(
      {
        ...(sessionId ? { sessionId } : {}),
        ...(accountId ? { accountId } : {}),
        ...(links ? { anyLink: true } : {}),
      },
      SyncCloseCode.AccessRevoked,
      links ? 'share links were turned off for this workspace' : 'your session has ended',
    );
  });

  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => c.json(errorJson(ErrorCode.PayloadTooLarge, `request body is larger than ${maxSize} bytes`), 413),
    });
  const generalBody = limitBody(deps.maxBodyBytes);
  // Template uploads may be as large as the advertised MAX_TEMPLATE_BYTES (plus a form's framing);
  // the route checks the file itself against exactly MAX_TEMPLATE_BYTES.
  const templateBody = limitBody(Math.max(deps.maxBodyBytes, MAX_TEMPLATE_BYTES + TEMPLATE_FORM_OVERHEAD));
  // A picture may be MAX_IMAGE_BYTES (plus a form's framing); the route checks the file itself.
  const imageBody = bodyLimit({
    maxSize: MAX_IMAGE_BYTES + TEMPLATE_FORM_OVERHEAD,
    onError: (c) =>
      c.json(
        errorJson(
          ErrorCode.PayloadTooLarge,
          `the picture is larger than ${MAX_IMAGE_BYTES / (1024 * 1024)} MB, the most a picture may be`,
        ),
        413,
      ),
  });
  app.use('/api/*', (c, next) =>
    TEMPLATE_ROUTE.test(c.req.path)
      ? templateBody(c, next)
      : IMAGE_ROUTE.test(c.req.path) && c.req.method === 'POST'
        ? imageBody(c, next)
        : generalBody(c, next),
  );

  app.use('*', async (c, next) => {
    await next();
    if (c.res.status >= 500) deps.metrics?.errors.inc({ kind: 'http' });
  });

  /** Liveness: the process answers. */
  app.get('/healthz', (c) => c.json({ ok: true }));
  /** Readiness: storage (and the relay, when configured) answer. */
  app.get('/readyz', async (c) => {
    const checks: Record<string, string> = {};
    let ok = true;
    // Each check is bounded: an unreachable Redis or database gives 503 within a second, not a hang.
    const probe = async (name: string, fn: () => Promise<void>) => {
      try {
        await withTimeout(fn(), READY_CHECK_MS, name);
        checks[name] = 'ok';
      } catch (err) {
        ok = false;
        checks[name] = (err as Error).message || 'failed';
      }
    };
    await Promise.all([
      probe('storage', () => deps.storage.ping()),
      ...(deps.checks?.relay ? [probe('relay', deps.checks.relay)] : []),
    ]);
    return c.json({ ok, checks }, ok ? 200 : 503);
  });
  if (deps.metrics) {
    const registry = deps.metrics.registry;
    app.get('/metrics', async (c) => c.text(await registry.metrics(), 200, { 'content-type': registry.contentType }));
  }
  // Authorization: who is asking, CSRF for cookie sessions, workspace-level routes, audit of HR exports.
  installAccessGuards(app, { access, allowedOrigins: appDeps.allowedOrigins ?? [] });
  app.route(
    '/api',
    accountRoutes({ ...deps, oidc: appDeps.oidc ? { enabled: true, label: appDeps.oidc.label } : undefined }),
  );
  if (appDeps.oidc) {
    app.route(
      '/api',
      oidcRoutes({ settings: appDeps.oidc, accounts: access.accounts, storage: deps.storage, log: deps.log }),
    );
  }
  app.route('/api/maps', mapRoutes(deps));
  app.route('/api/library', libraryRoutes(deps));
  app.route('/api', sessionRoutes(deps));
  app.route('/api', votingRoutes(deps));
  app.route('/api', exportRoutes(deps));
  app.route('/api', assessmentRoutes(deps));
  app.route('/api', summaryRoutes(deps));
  app.route('/api', hrRoutes(deps));
  app.route('/api', imageRoutes(deps));
  app.route('/api', pictureRoutes(deps));
  app.all('/api/*', (c) => c.json(errorJson(ErrorCode.NotFound, `no API route ${c.req.method} ${c.req.path}`), 404));

  app.onError((err, c) => {
    if (err instanceof JourneycraftError) return c.json(err.toBody(), err.status as ContentfulStatusCode);
    if (err instanceof ZodError) {
      const issues = toIssues(err);
      return c.json(
        {
          error: {
            code: ErrorCode.BadRequest,
            message: `invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
            issues,
          },
        },
        400,
      );
    }
    if (err instanceof HTTPException) {
      return c.json(errorJson(err.status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest, err.message), err.status);
    }
    deps.log('error', 'unhandled error', { path: c.req.path, error: String(err), stack: (err as Error).stack });
    return c.json(errorJson(ErrorCode.Internal, 'internal server error'), 500);
  });

  return app;
}
