import { Hono } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import {
  CommentSchema,
  CreateNoteInputSchema,
  CreateShareLinkInputSchema,
  CreateVersionInputSchema,
  ErrorCode,
  IdSchema,
  JoinInputSchema,
  CheckLinkInputSchema,
  type LinkOffer,
  JourneycraftError,
  SyncCloseCode,
  newId,
  type JoinResult,
  type ShareLink,
  type VersionSummary,
} from '@journeycraft/schema';
import {
  createMapDoc,
  createRecord,
  diffSnapshots,
  readRecord,
  restoreSnapshot,
  serverOrigin,
  snapshot,
  updateRecord,
} from '@journeycraft/doc';
import type { Auth } from '../auth.js';
import type { Access } from '../accounts/authorize.js';
import type { Storage } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { authorKeyOf } from '../sync/guard.js';
import { authorize, jsonBody } from './http.js';

export interface SessionRoutesDeps {
  storage: Storage;
  rooms: Rooms;
  auth: Auth;
  access: Access;
}

const CreateCommentInputSchema = z.strictObject({
  targetId: IdSchema,
  body: z.string().trim().min(1, 'a comment needs text').max(10_000),
  threadId: IdSchema.nullable().optional(),
  mentions: z.array(z.string().max(200)).max(50).optional(),
  /** Used only by workspace members; guests always comment under the name they joined with. */
  authorName: z.string().trim().min(1).max(60).optional(),
});
const UpdateCommentInputSchema = z.strictObject({ resolved: z.boolean() });

function param(c: { req: { param(name: string): string | undefined } }, name: string): string {
  const value = c.req.param(name);
  if (!IdSchema.safeParse(value).success)
    throw new JourneycraftError(ErrorCode.BadRequest, `${name} is not a valid id`);
  return value!;
}

/** State of a version as a plain snapshot. */
function versionSnapshot(state: Uint8Array) {
  const doc = createMapDoc();
  try {
    Y.applyUpdate(doc, state);
    return snapshot(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Workshop and history API: share links (create, list, revoke), joining as a guest, who am I,
 * anonymous notes, comments for commenters, and versions (save, list, view, diff, restore).
 */
export function sessionRoutes(deps: SessionRoutesDeps): Hono {
  const { storage, rooms, auth } = deps;
  const api = new Hono();

  const withToken = async (link: ShareLink) => ({ ...link, token: await auth.linkToken(link) });

  const audit = async (
    principal: { accountId?: string | null | undefined },
    action: 'link_created' | 'link_revoked',
    link: ShareLink,
  ) => {
    const actor = principal.accountId ? await deps.access.accounts.store.getAccount(principal.accountId) : null;
    await deps.access.accounts.audit(action, actor, {
      mapId: link.mapId,
      target: link.id,
      detail: { role: link.role, expiresAt: link.expiresAt },
    });
  };

  // Share links bring guests in: only the map's owner or an admin manages them.
  api.post('/maps/:id/links', async (c) => {
    const { map, principal } = await authorize(c, deps, 'manage');
    await c.get('access').requireShareLinks();
    const input = await jsonBody(c, CreateShareLinkInputSchema);
    const now = Date.now();
    const link = await storage.createShareLink({
      id: newId(),
      mapId: map.id,
      role: input.role,
      label: input.label ?? '',
      createdAt: new Date(now).toISOString(),
      expiresAt: input.expiresInHours ? new Date(now + input.expiresInHours * 3_600_000).toISOString() : null,
      revokedAt: null,
    });
    await audit(principal, 'link_created', link);
    return c.json(await withToken(link), 201);
  });

  api.get('/maps/:id/links', async (c) => {
    const { map } = await authorize(c, deps, 'manage');
    const links = await storage.listShareLinks(map.id);
    return c.json({ links: await Promise.all(links.map(withToken)) });
  });

  api.delete('/maps/:id/links/:linkId', async (c) => {
    const { map, principal } = await authorize(c, deps, 'manage');
    const linkId = param(c, 'linkId');
    const existing = await storage.getShareLink(linkId);
    if (!existing || existing.mapId !== map.id) {
      throw new JourneycraftError(ErrorCode.NotFound, `share link "${linkId}" does not exist on this map`);
    }
    const link = await storage.revokeShareLink(linkId);
    if (link) await audit(principal, 'link_revoked', link);
    // Everyone who joined through it is disconnected now, not at their next reconnect.
    rooms.closeConns(map.id, { linkId }, SyncCloseCode.AccessRevoked, 'link revoked');
    return c.json(link);
  });

  // Asked by the join page before the guest types a name: a revoked or expired link says so at
  // once instead of greeting. Only a live link tells its role and the map's title.
  api.post('/join/check', async (c) => {
    const input = await jsonBody(c, CheckLinkInputSchema);
    await c.get('access').requireShareLinks();
    const link = await auth.inspectLink(input.token);
    const map = await storage.getMap(link.mapId);
    if (!map) throw new JourneycraftError(ErrorCode.NotFound, 'the map of this link was deleted');
    const offer: LinkOffer = { role: link.role, mapTitle: map.title, expiresAt: link.expiresAt };
    return c.json(offer);
  });

  api.post('/join', async (c) => {
    const input = await jsonBody(c, JoinInputSchema);
    await c.get('access').requireShareLinks();
    const { sessionToken, link, guestId } = await auth.join(input.token, input.name);
    const result: JoinResult = {
      sessionToken,
      mapId: link.mapId,
      role: link.role,
      name: input.name,
      guestId,
      authorKey: authorKeyOf({ role: link.role, name: input.name, guestId, linkId: link.id }),
    };
    return c.json(result);
  });

  /** Who the caller is on this map (role, and the name a guest joined under). */
  api.get('/maps/:id/access', async (c) => {
    const { map, principal } = await authorize(c, deps, 'viewer');
    return c.json({ mapId: map.id, access: map.access, ...principal, authorKey: authorKeyOf(principal) });
  });

  api.post('/maps/:id/notes', async (c) => {
    const { map, principal } = await authorize(c, deps, 'commenter');
    const input = await jsonBody(c, CreateNoteInputSchema);
    // An anonymous note is written by the server itself: no name, no client id of the author,
    // and this handler logs nothing about who sent it.
    const note = await rooms.withDoc(map.id, (doc) =>
      createRecord(
        doc,
        'notes',
        {
          text: input.text,
          stageId: input.stageId ?? null,
          laneId: input.laneId ?? null,
          authorName: input.anonymous ? null : (principal.name ?? null),
          authorKey: input.anonymous ? null : authorKeyOf(principal),
          createdAt: new Date().toISOString(),
        },
        serverOrigin('create'),
      ),
    );
    return c.json(note, 201);
  });

  api.post('/maps/:id/comments', async (c) => {
    const { map, principal } = await authorize(c, deps, 'commenter');
    const input = await jsonBody(c, CreateCommentInputSchema);
    const comment = await rooms.withDoc(map.id, (doc) => {
      if (input.threadId && !readRecord(doc, 'comments', input.threadId)) {
        throw new JourneycraftError(ErrorCode.NotFound, `comment thread "${input.threadId}" does not exist`);
      }
      return createRecord(
        doc,
        'comments',
        CommentSchema.omit({ id: true }).parse({
          targetId: input.targetId,
          threadId: input.threadId ?? null,
          body: input.body,
          mentions: input.mentions ?? [],
          authorName: principal.name ?? input.authorName ?? 'Workspace member',
          authorKey: authorKeyOf(principal),
          createdAt: new Date().toISOString(),
        }),
        serverOrigin('create'),
      );
    });
    return c.json(comment, 201);
  });

  api.patch('/maps/:id/comments/:commentId', async (c) => {
    const { map } = await authorize(c, deps, 'commenter');
    const commentId = param(c, 'commentId');
    const input = await jsonBody(c, UpdateCommentInputSchema);
    const comment = await rooms.withDoc(map.id, (doc) =>
      updateRecord(doc, 'comments', commentId, { resolved: input.resolved }, serverOrigin('create')),
    );
    return c.json(comment);
  });

  api.get('/maps/:id/versions', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    return c.json({ versions: await storage.listVersions(map.id) });
  });

  api.post('/maps/:id/versions', async (c) => {
    const { map } = await authorize(c, deps, 'editor');
    const input = await jsonBody(c, CreateVersionInputSchema);
    const state = await rooms.withDoc(map.id, (doc) => Y.encodeStateAsUpdate(doc));
    const version: VersionSummary = {
      id: newId(),
      mapId: map.id,
      name: input.name,
      auto: false,
      createdAt: new Date().toISOString(),
    };
    return c.json(await storage.createVersion(version, state), 201);
  });

  const loadVersion = async (mapId: string, versionId: string) => {
    const found = await storage.getVersion(mapId, versionId);
    if (!found) throw new JourneycraftError(ErrorCode.NotFound, `version "${versionId}" does not exist on this map`);
    return found;
  };

  api.get('/maps/:id/versions/:versionId/snapshot', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    const { state } = await loadVersion(map.id, param(c, 'versionId'));
    return c.json(versionSnapshot(state));
  });

  /** Diff between two versions; `to=current` (default) compares with the live map. */
  api.get('/maps/:id/versions/:versionId/diff', async (c) => {
    const { map } = await authorize(c, deps, 'viewer');
    const from = versionSnapshot((await loadVersion(map.id, param(c, 'versionId'))).state);
    const toParam = c.req.query('to') ?? 'current';
    const to =
      toParam === 'current'
        ? await rooms.withDoc(map.id, (doc) => snapshot(doc))
        : IdSchema.safeParse(toParam).success
          ? versionSnapshot((await loadVersion(map.id, toParam)).state)
          : (() => {
              throw new JourneycraftError(ErrorCode.BadRequest, 'to must be a version id or "current"');
            })();
    return c.json(diffSnapshots(from, to));
  });

  /**
   * Restores a version as a new change. The state just before is saved first as an automatic
   * version, so the restore itself can be undone by restoring that one.
   */
  api.post('/maps/:id/versions/:versionId/restore', async (c) => {
    const { map } = await authorize(c, deps, 'facilitator');
    const { summary, state } = await loadVersion(map.id, param(c, 'versionId'));
    const target = versionSnapshot(state);
    const before = await rooms.withDoc(map.id, (doc) => Y.encodeStateAsUpdate(doc));
    const undo = await storage.createVersion(
      {
        id: newId(),
        mapId: map.id,
        name: `Before restoring “${summary.name}”`.slice(0, 200),
        auto: true,
        createdAt: new Date().toISOString(),
      },
      before,
    );
    await rooms.withDoc(map.id, (doc) => restoreSnapshot(doc, target, serverOrigin('restore')));
    return c.json({ restored: summary, undoVersion: undo });
  });

  return api;
}
