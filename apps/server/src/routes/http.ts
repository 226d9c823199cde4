import type { Context } from 'hono';
import type { z } from 'zod';
import {
  ErrorCode,
  JourneycraftError,
  IdSchema,
  toIssues,
  type MapSummary,
  type ShareRole,
} from '@journeycraft/schema';
import { getCookie } from 'hono/cookie';
import type { Principal } from '../auth.js';
import { actionFor, type Access, type WorkspaceAction } from '../accounts/authorize.js';
import type { Who } from '../accounts/service.js';
import type { Storage } from '../storage/types.js';

/** Reads and validates a JSON body; bad JSON or invalid fields throw a 400 JourneycraftError. */
export async function jsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  let raw: unknown;
  const text = await c.req.text();
  if (text.trim() === '') raw = {};
  else {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new JourneycraftError(ErrorCode.BadRequest, `request body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new JourneycraftError(
      ErrorCode.ValidationFailed,
      `invalid request body: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return result.data;
}

/** Validates the `:id` path parameter. */
export function mapIdParam(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!IdSchema.safeParse(id).success) {
    throw new JourneycraftError(ErrorCode.BadRequest, 'map id must be 1-64 letters, digits, "_" or "-"');
  }
  return id;
}

/** Name of the browser session cookie. */
export const SESSION_COOKIE = 'jc_session';

/** The bearer credential of a request: `Authorization: Bearer …` or `?token=`. */
export function tokenOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim() || undefined;
  return c.req.query('token') || undefined;
}

/** Who is asking (bearer token first, then the session cookie); resolved once per request. */
export async function whoOf(c: Context): Promise<Who> {
  const cached = c.get('who');
  if (cached) return cached;
  const who = await c.get('access').accounts.identify(tokenOf(c), getCookie(c, SESSION_COOKIE));
  c.set('who', who);
  return who;
}

/** Checks the caller may do a workspace `action` (library, templates, members, audit) and returns who they are. */
export async function allow(
  c: Context,
  action: WorkspaceAction,
): Promise<{ principal: Principal; who: Extract<Who, { kind: 'account' }> }> {
  const who = await whoOf(c);
  const principal = await c.get('access').authorize(who, null, action);
  return { principal, who: who as Extract<Who, { kind: 'account' }> };
}

/**
 * Loads the map of `:id` and checks the caller may act on it with at least `needed` (a map
 * role, or `manage`: owner or admin), through the one authorization function.
 */
export async function authorize(
  c: Context,
  deps: { storage: Storage },
  needed: ShareRole | 'manage',
): Promise<{ map: MapSummary; principal: Principal }> {
  const id = mapIdParam(c);
  const map = await deps.storage.getMap(id);
  const who = await whoOf(c);
  if (!map) {
    // Strangers learn nothing about which ids exist.
    if (who.kind === 'anonymous') throw new JourneycraftError(ErrorCode.Unauthorized, 'sign in first');
    throw new JourneycraftError(ErrorCode.NotFound, `map "${id}" does not exist`);
  }
  const principal = await c.get('access').authorize(who, map, needed === 'manage' ? 'manage' : actionFor(needed));
  c.set('principal', principal);
  return { map, principal };
}

declare module 'hono' {
  interface ContextVariableMap {
    /** The authorization function of this app (set by createApp). */
    access: Access;
    /** Who is asking, once resolved (see whoOf). */
    who: Who;
    /** Who the caller acts as on the map of the route, once authorized. */
    principal: Principal;
    /** The name of the role an HR export of this request was about (for the audit log). */
    exportedRole: string;
  }
}
