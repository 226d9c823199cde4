import { Hono, type Context } from 'hono';
import * as Y from 'yjs';
import {
  CreateMapInputSchema,
  DuplicateMapInputSchema,
  ErrorCode,
  JourneycraftError,
  RenameMapInputSchema,
  SyncCloseCode,
  newId,
  type MapSummary,
} from '@journeycraft/schema';
import { createMapDoc, serverOrigin, snapshot, updateMeta } from '@journeycraft/doc';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { allow, authorize, jsonBody, whoOf } from './http.js';
import type { Auth } from '../auth.js';
import type { Access } from '../accounts/authorize.js';
import type { ImageStore } from '../images/types.js';

export interface MapRoutesDeps {
  storage: Storage;
  /** Pictures of maps: copied with a duplicate, deleted when a map is purged. */
  images: ImageStore;
  rooms: Rooms;
  auth: Auth;
  access: Access;
  /** How long a deleted map stays restorable (default 24 h). */
  mapRestoreMs?: number | undefined;
}

/** By default a deleted map can be restored for a day. */
export const MAP_RESTORE_MS = 24 * 60 * 60 * 1000;

/**
 * REST API for maps: list, create, read, rename / change access, duplicate, delete, restore,
 * snapshot. Every route asks the one authorization function (accounts/authorize.ts); the creator
 * owns a new map; only its owner or an admin deletes it, restores it or changes its access.
 * A delete puts the map in the trash (closed for everyone, listed nowhere, nothing removed);
 * it is purged with everything stored for it once `mapRestoreMs` has passed.
 */
export function mapRoutes(deps: MapRoutesDeps): Hono {
  const { storage, images, rooms, access } = deps;
  const accounts = access.accounts;
  const restoreMs = deps.mapRestoreMs ?? MAP_RESTORE_MS;
  const api = new Hono();

  const restoreUntil = (deletedAt: string) => new Date(Date.parse(deletedAt) + restoreMs).toISOString();

  /** Removes for good every trashed map whose restore window has passed. */
  const purgeExpired = async () => {
    const now = Date.now();
    for (const { map, deletedAt } of await storage.listTrashedMaps()) {
      if (Date.parse(deletedAt) + restoreMs > now) continue;
      // Pictures first: a purge cut short leaves the (expired) map to be purged again, never stray pictures.
      await images.deleteMap(map.id);
      if (await storage.deleteMap(map.id)) {
        await accounts.store.forgetMap(map.id);
        await accounts.audit('map_purged', null, { mapId: map.id, detail: { title: map.title } });
      }
    }
  };

  /** The trashed maps this caller may restore (owner or admin), with until when. */
  const restorable = async (c: Context) => {
    await purgeExpired();
    const who = await whoOf(c);
    const out: Array<MapSummary & { deletedAt: string; restoreUntil: string }> = [];
    for (const { map, deletedAt } of await storage.listTrashedMaps()) {
      try {
        await access.authorize(who, map, 'manage');
        out.push({ ...map, deletedAt, restoreUntil: restoreUntil(deletedAt) });
      } catch {
        // not theirs to restore: not listed
      }
    }
    return out;
  };

  /** Only the maps the caller may open. */
  api.get('/', async (c) => c.json({ maps: await access.visibleMaps(await whoOf(c), await storage.listMaps()) }));

  /** Closes the sockets of accounts that can no longer open `map` (after its access changed). */
  const closeWithoutAccess = async (map: MapSummary) => {
    const allowed = new Set<string>();
    for (const account of await accounts.store.listAccounts()) {
      if ((await access.mapRole(account, map)) !== null) allowed.add(account.id);
    }
    rooms.closeConns(
      map.id,
      { accountsExcept: [...allowed] },
      SyncCloseCode.AccessRevoked,
      'this map is no longer shared with you',
    );
  };

  api.post('/', async (c) => {
    const { who } = await allow(c, 'map.create');
    const input = await jsonBody(c, CreateMapInputSchema);
    const doc = createMapDoc();
    updateMeta(doc, { title: input.title, description: input.description ?? '' }, serverOrigin('create'));
    const id = newId();
    await accounts.store.setMapOwner(id, who.account.id);
    const map = await storage.createMap({ id, title: input.title }, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    return c.json(map, 201);
  });

  /** Deleted maps the caller may still restore. */
  api.get('/trash', async (c) => {
    await allow(c, 'map.create');
    return c.json({ maps: await restorable(c) });
  });

  api.get('/:id', async (c) => c.json((await authorize(c, deps, 'viewer')).map));

  api.patch('/:id', async (c) => {
    const input = await jsonBody(c, RenameMapInputSchema);
    // Renaming is for facilitators; who may open the map is for its owner and admins.
    const { map, principal } = await authorize(c, deps, input.access !== undefined ? 'manage' : 'facilitator');
    let result = map;
    if (input.title !== undefined) {
      const title = input.title;
      // The title lives in the doc (so open clients see it live) and in the map list.
      await rooms.withDoc(map.id, (doc) => updateMeta(doc, { title }, serverOrigin('rename')));
      result = (await storage.setMapTitle(map.id, title)) ?? result;
    }
    if (input.access !== undefined && input.access !== map.access) {
      result = (await storage.setMapAccess(map.id, input.access)) ?? result;
      await accounts.audit('map_access_changed', await accounts.store.getAccount(principal.accountId ?? ''), {
        mapId: map.id,
        detail: { from: map.access, to: input.access },
      });
      if (input.access === 'links') await closeWithoutAccess(result);
    }
    return c.json(result);
  });

  api.post('/:id/duplicate', async (c) => {
    const { who } = await allow(c, 'map.create');
    const { map: source } = await authorize(c, deps, 'facilitator');
    const input = await jsonBody(c, DuplicateMapInputSchema);
    const state = await rooms.withDoc(source.id, (doc) => Y.encodeStateAsUpdate(doc));
    const copy = createMapDoc();
    Y.applyUpdate(copy, state);
    const title = input.title ?? `Copy of ${source.title}`.slice(0, 200);
    updateMeta(copy, { title }, serverOrigin('duplicate'));
    const id = newId();
    await accounts.store.setMapOwner(id, who.account.id);
    // The copy's document names the source's pictures by id: they are copied first, so the copy is never without them.
    await images.copyMap(source.id, id);
    let map: MapSummary;
    try {
      map = await storage.createMap({ id, title }, Y.encodeStateAsUpdate(copy));
    } catch (err) {
      await images.deleteMap(id); // no copy, no pictures left for it
      throw err;
    } finally {
      copy.destroy();
    }
    return c.json(map, 201);
  });

  api.delete('/:id', async (c) => {
    const { map, principal } = await authorize(c, deps, 'manage');
    rooms.drop(map.id, SyncCloseCode.MapDeleted, 'map deleted');
    if (!(await storage.trashMap(map.id))) {
      throw new JourneycraftError(ErrorCode.NotFound, `map "${map.id}" does not exist`);
    }
    await accounts.audit('map_deleted', await accounts.store.getAccount(principal.accountId ?? ''), {
      mapId: map.id,
      detail: { title: map.title },
    });
    await purgeExpired();
    return c.body(null, 204);
  });

  /** Brings a deleted map back, as it was, while its restore window lasts (owner or admin). */
  api.post('/:id/restore', async (c) => {
    const id = c.req.param('id');
    const who = await whoOf(c);
    await purgeExpired();
    const trashed = (await storage.listTrashedMaps()).find((t) => t.map.id === id);
    if (!trashed) {
      if (who.kind === 'anonymous') throw new JourneycraftError(ErrorCode.Unauthorized, 'sign in first');
      throw new JourneycraftError(
        ErrorCode.NotFound,
        `map "${id}" is not among the deleted maps (a deleted map can be restored for ${hours(restoreMs)})`,
      );
    }
    const principal = await access.authorize(who, trashed.map, 'manage');
    const map = await storage.restoreMap(id);
    if (!map) throw new JourneycraftError(ErrorCode.NotFound, `map "${id}" was restored already`);
    await accounts.audit('map_restored', await accounts.store.getAccount(principal.accountId ?? ''), {
      mapId: id,
      detail: { title: map.title },
    });
    return c.json(map);
  });

  api.get('/:id/snapshot', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    return c.json(await rooms.withDoc(map.id, (doc) => snapshot(doc)));
  });

  return api;
}

/** "24 hours", "1 hour", "30 minutes" */
function hours(ms: number): string {
  if (ms >= 3_600_000) {
    const h = Math.round(ms / 3_600_000);
    return `${h} hour${h === 1 ? '' : 's'}`;
  }
  const m = Math.max(0, Math.round(ms / 60_000));
  return `${m} minute${m === 1 ? '' : 's'}`;
}
