import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  ErrorCode,
  HrSettingsSchema,
  JourneycraftError,
  defaultHrSettings,
  hrFactsIssues,
  hrFactsOf,
  type HrSettings,
  type MapSnapshot,
} from '@journeycraft/schema';
import { openPosting, readMeta, readRecords, serverOrigin, setRoleHrFacts } from '@journeycraft/doc';
import { findRole } from '@journeycraft/export';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import type { Auth } from '../auth.js';
import { allow, authorize, jsonBody } from './http.js';

export interface HrRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
}

const HR_ORIGIN = serverOrigin('hr-facts');

/** Any JSON object: `setRoleHrFacts` checks each key and value and names every bad one. */
const HrPatchBody = z.record(z.string(), z.unknown());

/** The workspace HR settings, defaults when never saved. */
export async function hrSettingsOf(storage: Storage): Promise<HrSettings> {
  return (await storage.getHrSettings()) ?? defaultHrSettings();
}

/**
 * Stores the day a role's JobPosting was first published (its `datePosted`), unless one is stored:
 * every later export then carries the same date. Written by the server, whoever exported.
 */
export async function openPostingOnce(
  deps: Pick<HrRoutesDeps, 'rooms'>,
  mapId: string,
  roleIds: readonly string[],
  day: string,
): Promise<void> {
  await deps.rooms.withDoc(mapId, (doc) => {
    for (const id of roleIds) openPosting(doc, id, day, HR_ORIGIN);
  });
}

function roleRef(c: Context, snap: Pick<MapSnapshot, 'roles' | 'meta'>): string {
  // The router has decoded the parameter already (decoding again made `%25` a 500).
  const ref = c.req.param('roleId') ?? '';
  const id = findRole(snap as MapSnapshot, ref);
  if (!id) throw new JourneycraftError(ErrorCode.NotFound, `role "${ref}" is not on the map "${snap.meta.title}"`);
  return id;
}

/**
 * HR facts of a role (`GET|PUT /api/maps/:id/roles/:roleId/hr`: viewers read, editors write, a
 * facilitator's map lock holds) and the workspace HR settings (`GET|PUT /api/settings/hr`).
 */
export function hrRoutes(deps: HrRoutesDeps): Hono {
  const api = new Hono();

  // Workspace HR settings: members read them, admins change them (a share link reaches one map only).
  api.get('/settings/hr', async (c) => {
    await allow(c, 'workspace.use');
    return c.json({ settings: await hrSettingsOf(deps.storage) });
  });

  api.put('/settings/hr', async (c) => {
    await allow(c, 'hr.settings');
    const settings = await jsonBody(c, HrSettingsSchema);
    await deps.storage.putHrSettings(settings);
    return c.json({ settings });
  });

  api.get('/maps/:id/roles/:roleId/hr', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    const out = await deps.rooms.withDoc(map.id, (doc) => {
      const roles = readRecords(doc, 'roles');
      const roleId = roleRef(c, { roles, meta: readMeta(doc) });
      const facts = hrFactsOf(roles.find((r) => r.id === roleId)!);
      return { roleId, facts, issues: hrFactsIssues(facts, roleId) };
    });
    return c.json(out);
  });

  api.put('/maps/:id/roles/:roleId/hr', async (c) => {
    const { map, principal } = await authorize(c, deps, 'editor');
    const body = await jsonBody(c, HrPatchBody);
    const role = await deps.rooms.withDoc(map.id, (doc) => {
      const meta = readMeta(doc);
      if (meta.locked && principal.role !== 'facilitator') {
        throw new JourneycraftError(ErrorCode.Forbidden, 'the facilitator has locked this map');
      }
      const roles = readRecords(doc, 'roles');
      return setRoleHrFacts(doc, roleRef(c, { roles, meta }), body, HR_ORIGIN);
    });
    return c.json({ roleId: role.id, facts: hrFactsOf(role) });
  });

  return api;
}
