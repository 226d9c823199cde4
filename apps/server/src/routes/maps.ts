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
} from '@journeycraft/schema';
import { createMapDoc, serverOrigin, snapshot, updateMeta } from '@journeycraft/doc';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { authorize, jsonBody } from './http.js';
import type { Auth } from '../auth.js';

export interface MapRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
}

/**
 * REST API for maps: list, create, read, rename / change access, duplicate, delete, snapshot.
 * Map routes check the caller's role (workspace members on open maps act as facilitators).
 */
export function mapRoutes(deps: MapRoutesDeps): Hono {
  const { storage, rooms } = deps;
  const api = new Hono();

  api.get('/', async (c) => c.json({ maps: await storage.listMaps() }));

  api.post('/', async (c) => {
    const input = await jsonBody(c, CreateMapInputSchema);
    const doc = createMapDoc();
    updateMeta(doc, { title: input.title, description: input.description ?? '' }, serverOrigin('create'));
    const map = await storage.createMap({ id: newId(), title: input.title }, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    return c.json(map, 201);
  });

  api.get('/:id', async (c) => c.json((await authorize(c, deps, 'viewer')).map));

  api.patch('/:id', async (c) => {
    const { map } = await authorize(c, deps, 'facilitator');
    const input = await jsonBody(c, RenameMapInputSchema);
    let result = map;
    if (input.title !== undefined) {
      const title = input.title;
      // The title lives in the doc (so open clients see it live) and in the map list.
      await rooms.withDoc(map.id, (doc) => updateMeta(doc, { title }, serverOrigin('rename')));
      result = (await storage.setMapTitle(map.id, title)) ?? result;
    }
    if (input.access !== undefined && input.access !== map.access) {
      result = (await storage.setMapAccess(map.id, input.access)) ?? result;
      if (input.access === 'links') {
        // Workspace members without a link lose access at once.
        rooms.closeConns(
          map.id,
          (conn) => !conn.principal?.linkId,
          SyncCloseCode.AccessRevoked,
          'map is now invitation-only',
        );
      }
    }
    return c.json(result);
  });

  api.post('/:id/duplicate', async (c) => {
    const { map: source } = await authorize(c, deps, 'facilitator');
    const input = await jsonBody(c, DuplicateMapInputSchema);
    const state = await rooms.withDoc(source.id, (doc) => Y.encodeStateAsUpdate(doc));
    const copy = createMapDoc();
    Y.applyUpdate(copy, state);
    const title = input.title ?? `Copy of ${source.title}`.slice(0, 200);
    updateMeta(copy, { title }, serverOrigin('duplicate'));
    const map = await storage.createMap({ id: newId(), title }, Y.encodeStateAsUpdate(copy));
    copy.destroy();
    return c.json(map, 201);
  });

  api.delete('/:id', async (c) => {
    const { map } = await authorize(c, deps, 'facilitator');
    rooms.drop(map.id, SyncCloseCode.MapDeleted, 'map deleted');
    if (!(await storage.deleteMap(map.id))) {
      throw new JourneycraftError(ErrorCode.NotFound, `map "${map.id}" does not exist`);
    }
    return c.body(null, 204);
  });

  api.get('/:id/snapshot', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    return c.json(await rooms.withDoc(map.id, (doc) => snapshot(doc)));
  });

  return api;
}
