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
import { requireRole, type Auth, type Principal } from '../auth.js';
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

/** The access token of a request: `Authorization: Bearer …` or `?token=`. */
export function tokenOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header?.toLowerCase().startsWith('bearer ')) return header.slice(7).trim() || undefined;
  return c.req.query('token') || undefined;
}

/** Loads the map of `:id` and checks the caller may act on it with at least `needed`. */
export async function authorize(
  c: Context,
  deps: { auth: Auth; storage: Storage },
  needed: ShareRole,
): Promise<{ map: MapSummary; principal: Principal }> {
  const id = mapIdParam(c);
  const map = await deps.storage.getMap(id);
  if (!map) throw new JourneycraftError(ErrorCode.NotFound, `map "${id}" does not exist`);
  const principal = await deps.auth.principal(map, tokenOf(c));
  requireRole(principal, needed);
  return { map, principal };
}
