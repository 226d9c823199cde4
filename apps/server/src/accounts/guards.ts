import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import { SESSION_COOKIE, tokenOf, whoOf } from '../routes/http.js';
import type { Access, WorkspaceAction } from './authorize.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Document exports of a map whose every success is audited (who, role, kind; never contents). */
const HR_EXPORT = /^\/api\/maps\/([^/]+)\/(?:roles\/([^/]+)\/)?(export(?:\.zip)?|export\/template|development-plan)$/;

/**
 * CSRF, as Go's net/http CrossOriginProtection decides it: a state-changing request that relies
 * on the session cookie is refused when the browser says it is cross-site (`Sec-Fetch-Site`), or
 * its `Origin` is another host, unless that origin is allowed (ALLOWED_ORIGINS). Requests with
 * neither header do not come from a browser (which always sends one on such requests) and carry
 * no ambient risk; bearer-token requests are not checked. With SameSite=Lax cookies on top.
 */
function checkCsrf(c: Context, allowedOrigins: readonly string[]): void {
  if (SAFE_METHODS.has(c.req.method) || tokenOf(c) || !getCookie(c, SESSION_COOKIE)) return;
  const origin = c.req.header('origin');
  if (origin && allowedOrigins.includes(origin)) return;
  const site = c.req.header('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return;
  if (!site) {
    if (!origin) return;
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    const own = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || new URL(c.req.url).host;
    if (host === own) return;
  }
  throw new JourneycraftError(
    ErrorCode.Forbidden,
    'cross-site request refused: state-changing requests with the session cookie must come from this site',
  );
}

/** The workspace action a library request needs: reading (and previewing an import) is for members, changing for admins. */
function libraryAction(c: Context): WorkspaceAction {
  if (SAFE_METHODS.has(c.req.method)) return 'workspace.use';
  if (c.req.method === 'POST' && c.req.path === '/api/library/import/preview') return 'workspace.use';
  return 'library.write';
}

/**
 * Installs what every API request goes through before its route: the authorization function in
 * the context, the CSRF check, workspace-level authorization of the library and the export
 * template endpoints, and the audit entry of every HR document export.
 */
export function installAccessGuards(app: Hono, opts: { access: Access; allowedOrigins: readonly string[] }): void {
  const { access } = opts;
  app.use('/api/*', async (c, next) => {
    c.set('access', access);
    checkCsrf(c, opts.allowedOrigins);
    await next();
  });
  const member = (action: (c: Context) => WorkspaceAction) => async (c: Context, next: () => Promise<void>) => {
    await access.authorize(await whoOf(c), null, action(c));
    await next();
  };
  app.use('/api/library', member(libraryAction));
  app.use('/api/library/*', member(libraryAction));
  app.use(
    '/api/export/*',
    member(() => 'workspace.use'),
  );
  app.use('/api/maps/:id/*', async (c, next) => {
    await next();
    const match = HR_EXPORT.exec(c.req.path);
    if (!match || c.res.status !== 200) return;
    const who = c.get('who');
    if (who?.kind !== 'account' && who?.kind !== 'link') return;
    const principal = c.get('principal');
    const kind =
      match[3] === 'development-plan'
        ? 'development-plan'
        : match[3] === 'export/template'
          ? 'template'
          : (c.req.query('kind') ?? c.req.query('kinds') ?? 'all');
    await access.accounts.audit('hr_export', who.kind === 'account' ? who.account : null, {
      mapId: decodeURIComponent(match[1]!),
      target: match[2] ? decodeURIComponent(match[2]) : null,
      detail: {
        roleName: c.get('exportedRole') ?? null,
        kind,
        format: c.req.query('format') ?? null,
        mapRole: principal?.role ?? null,
        link: principal?.linkId ?? null,
        zip: match[3]!.endsWith('.zip'),
      },
    });
  });
}
