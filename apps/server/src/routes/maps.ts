import { Hono } from 'hono';
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

export interface MapRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
  access: Access;
}

/**
 * REST API for maps: list, create, read, rename / change access, duplicate, delete, snapshot.
 * Every route asks the one authorization function (accounts/authorize.ts); the creator owns a
 * new map; only its owner or an admin deletes it or changes its access.
 */
export function mapRoutes(deps: MapRoutesDeps): Hono {
  const { storage, rooms, access } = deps;
  const accounts = access.accounts;
  const api = new Hono();

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
      (conn) => !!conn.principal?.accountId && !allowed.has(conn.principal.accountId),
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
    const map = await storage.createMap({ id, title }, Y.encodeStateAsUpdate(copy));
    copy.destroy();
    return c.json(map, 201);
  });

  api.delete('/:id', async (c) => {
    const { map, principal } = await authorize(c, deps, 'manage');
    rooms.drop(map.id, SyncCloseCode.MapDeleted, 'map deleted');
    if (!(await storage.deleteMap(map.id))) {
      throw new JourneycraftError(ErrorCode.NotFound, `map "${map.id}" does not exist`);
    }
    await accounts.store.forgetMap(map.id);
    await accounts.audit('map_deleted', await accounts.store.getAccount(principal.accountId ?? ''), {
      mapId: map.id,
      detail: { title: map.title },
    });
    return c.body(null, 204);
  });

  api.get('/:id/snapshot', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    return c.json(await rooms.withDoc(map.id, (doc) => snapshot(doc)));
  });

  return api;
}
