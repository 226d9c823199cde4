import {
  ErrorCode,
  JoinResultSchema,
  LinkOfferSchema,
  MapMemberSchema,
  JourneycraftError,
  MapSnapshotSchema,
  ShareLinkSchema,
  ShareRole,
  VersionSummarySchema,
  type JoinResult,
  type LinkOffer,
  type MapAccess,
  type MapMember,
  type MapSnapshot,
  type ShareLink,
  type VersionSummary,
} from '@journeycraft/schema';
import { download, request, saveFile } from '../client';

/**
 * The workshop REST API (share links, joining, access, dot voting, notes, versions, the session
 * summary), typed, over the one client (`client.ts`), which adds the map's link session when this
 * browser joined by link.
 */

const map = (id: string) => `/api/maps/${encodeURIComponent(id)}`;

interface Parser<T> {
  safeParse(json: unknown): { success: true; data: T } | { success: false };
}

function parse<T>(schema: Parser<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new JourneycraftError(ErrorCode.Internal, `The server sent ${what} we could not read.`);
  return parsed.data;
}

/** A parser from a type guard, for answers the schema package has no schema for. */
function guard<T>(ok: (json: unknown) => boolean): Parser<T> {
  return { safeParse: (json) => (ok(json) ? { success: true, data: json as T } : { success: false }) };
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isArrayOf = (v: unknown, item: (x: unknown) => boolean) => Array.isArray(v) && v.every(item);
const isString = (v: unknown) => typeof v === 'string';

/** A share link with the token its URL carries. */
export type LinkWithToken = ShareLink & { token: string };
const LinkWithTokenSchema: Parser<LinkWithToken> = {
  safeParse(json) {
    const link = ShareLinkSchema.safeParse(json);
    if (!link.success || !isObject(json) || !isString(json.token)) return { success: false };
    return { success: true, data: { ...link.data, token: json.token as string } };
  },
};
const LinkListSchema: Parser<LinkWithToken[]> = {
  safeParse(json) {
    if (!Array.isArray(json)) return { success: false };
    const out: LinkWithToken[] = [];
    for (const item of json) {
      const r = LinkWithTokenSchema.safeParse(item);
      if (!r.success) return { success: false };
      out.push(r.data);
    }
    return { success: true, data: out };
  },
};

/** What only a map's owner or an admin may do (links, access, members) is asked as the signed-in account. */
const MANAGE = { asAccount: true } as const;

/** The address a share link opens: the join page of this app. */
export function joinUrl(token: string): string {
  return `${location.origin}/join/${encodeURIComponent(token)}`;
}

export async function listLinks(mapId: string): Promise<LinkWithToken[]> {
  const json = (await request('GET', `${map(mapId)}/links`, undefined, MANAGE)) as { links?: unknown };
  return parse(LinkListSchema, json?.links, 'share links');
}

export async function createLink(
  mapId: string,
  input: { role: ShareRole; label?: string; expiresInHours?: number },
): Promise<LinkWithToken> {
  return parse(LinkWithTokenSchema, await request('POST', `${map(mapId)}/links`, input, MANAGE), 'a share link');
}

export async function revokeLink(mapId: string, linkId: string): Promise<ShareLink> {
  const json = await request('DELETE', `${map(mapId)}/links/${encodeURIComponent(linkId)}`, undefined, MANAGE);
  return parse(ShareLinkSchema, json, 'a share link');
}

/** What an invitation link offers (role, map), or the error saying why it no longer works. */
export async function checkLink(linkToken: string): Promise<LinkOffer> {
  return parse(LinkOfferSchema, await request('POST', '/api/join/check', { token: linkToken }), 'an invitation');
}

export async function joinWithLink(linkToken: string, name: string): Promise<JoinResult> {
  return parse(JoinResultSchema, await request('POST', '/api/join', { token: linkToken, name }), 'a session');
}

/** Who the caller is on a map: its access mode, their role, and the name a guest joined under. */
export interface Access {
  mapId: string;
  access: MapAccess;
  role: ShareRole;
  name: string | null;
  guestId: string | null;
  /** The key the server writes as the author of this session's comments and notes. */
  authorKey?: string | null;
  /** The map's owner or a workspace admin: manages its access, members and links. */
  owner?: boolean;
}
const AccessSchema = guard<Access>(
  (j) => isObject(j) && isString(j.mapId) && ShareRole.safeParse(j.role).success && isString(j.access),
);

export async function getAccess(mapId: string): Promise<Access> {
  return parse(AccessSchema, await request('GET', `${map(mapId)}/access`), 'access rights');
}

/** A map's owner and members with their per-map roles (`GET /api/maps/:id/members`). */
export interface MapMembers {
  owner: string | null;
  access: MapAccess;
  members: MapMember[];
}
const MapMembersSchema = guard<MapMembers>(
  (j) =>
    isObject(j) &&
    (j.owner === null || isString(j.owner)) &&
    isArrayOf(j.members, (m) => MapMemberSchema.safeParse(m).success),
);

export async function getMapMembers(mapId: string): Promise<MapMembers> {
  return parse(MapMembersSchema, await request('GET', `${map(mapId)}/members`, undefined, MANAGE), 'map members');
}

/** Adds a workspace member to the map with a role, or changes their role; their open sockets reconnect with it. */
export async function setMapMember(mapId: string, accountId: string, role: ShareRole): Promise<void> {
  await request('PUT', `${map(mapId)}/members/${encodeURIComponent(accountId)}`, { role }, MANAGE);
}

export async function removeMapMember(mapId: string, accountId: string): Promise<void> {
  await request('DELETE', `${map(mapId)}/members/${encodeURIComponent(accountId)}`, undefined, MANAGE);
}

/** Who may open the map: for its owner or an admin, signed in (never asked with a link session). */
export async function setMapAccess(mapId: string, access: MapAccess): Promise<void> {
  await request('PATCH', map(mapId), { access }, MANAGE);
}

// ---- dot voting ----

/** A voting round as one voter sees it: their own dots, and results only once revealed. */
export interface RoundView {
  round: { id: string; title: string; votesPerPerson: number; anonymous: boolean; status: string };
  /** False without a session or link of one's own (a workspace member without a link). */
  canVote: boolean;
  mine: string[];
  remaining: number;
  ballotsCast: number | null;
  results: Array<{ targetId: string; votes: number; voters: string[] }> | null;
}
const RoundViewSchema = guard<RoundView>(
  (j) =>
    isObject(j) &&
    isObject(j.round) &&
    typeof j.canVote === 'boolean' &&
    isArrayOf(j.mine, isString) &&
    typeof j.remaining === 'number' &&
    (j.results === null || Array.isArray(j.results)),
);

export async function openVoteRound(
  mapId: string,
  input: { title: string; votesPerPerson: number; anonymous: boolean },
): Promise<void> {
  await request('POST', `${map(mapId)}/vote-rounds`, input);
}

export async function getVoteRound(mapId: string, roundId: string): Promise<RoundView> {
  const json = await request('GET', `${map(mapId)}/vote-rounds/${roundId}`, undefined);
  return parse(RoundViewSchema, json, 'a voting round');
}

export async function castVote(mapId: string, roundId: string, targetId: string): Promise<void> {
  await request('POST', `${map(mapId)}/vote-rounds/${roundId}/ballots`, { targetId });
}

export async function removeVote(mapId: string, roundId: string, targetId: string): Promise<void> {
  await request('DELETE', `${map(mapId)}/vote-rounds/${roundId}/ballots/${encodeURIComponent(targetId)}`);
}

export async function endVoteRound(mapId: string, roundId: string, action: 'reveal' | 'close'): Promise<void> {
  await request('POST', `${map(mapId)}/vote-rounds/${roundId}/${action}`, {});
}

// ---- notes ----

export async function postNote(
  mapId: string,
  input: { text: string; stageId: string | null; anonymous: boolean },
): Promise<void> {
  await request('POST', `${map(mapId)}/notes`, input);
}

// ---- versions ----

export async function listVersions(mapId: string): Promise<VersionSummary[]> {
  const json = (await request('GET', `${map(mapId)}/versions`)) as { versions?: unknown };
  return parse(
    guard<VersionSummary[]>((j) => isArrayOf(j, (v) => VersionSummarySchema.safeParse(v).success)),
    json?.versions,
    'versions',
  );
}

export async function saveVersion(mapId: string, name: string): Promise<VersionSummary> {
  return parse(VersionSummarySchema, await request('POST', `${map(mapId)}/versions`, { name }), 'a version');
}

export async function versionSnapshot(mapId: string, versionId: string): Promise<MapSnapshot> {
  const json = await request('GET', `${map(mapId)}/versions/${versionId}/snapshot`);
  return parse(MapSnapshotSchema, json, 'a version');
}

/** Ids added, changed and removed in one record kind. */
export interface KindDiff {
  added: string[];
  changed: string[];
  removed: string[];
}
const isKindDiff = (v: unknown): v is KindDiff =>
  isObject(v) && isArrayOf(v.added, isString) && isArrayOf(v.changed, isString) && isArrayOf(v.removed, isString);
const DiffSchema = guard<{ totals: VersionDiff['totals'] } & Record<string, unknown>>(
  (j) => isObject(j) && isObject(j.totals) && typeof j.totals.added === 'number',
);
export interface VersionDiff {
  totals: { added: number; changed: number; removed: number };
  kinds: Record<string, KindDiff>;
}

/** What changed from a version to the live map. */
export async function diffVersion(mapId: string, versionId: string): Promise<VersionDiff> {
  const json = parse(
    DiffSchema,
    await request('GET', `${map(mapId)}/versions/${versionId}/diff?to=current`),
    'a comparison',
  );
  const kinds: Record<string, KindDiff> = {};
  for (const [key, value] of Object.entries(json)) if (isKindDiff(value)) kinds[key] = value;
  return { totals: json.totals, kinds };
}

/** A restore, with the automatic version that undoes it. */
export interface Restored {
  restored: VersionSummary;
  undoVersion: VersionSummary;
}
const RestoreSchema = guard<Restored>(
  (j) =>
    isObject(j) &&
    VersionSummarySchema.safeParse(j.restored).success &&
    VersionSummarySchema.safeParse(j.undoVersion).success,
);

export async function restoreVersion(mapId: string, versionId: string): Promise<Restored> {
  const json = await request('POST', `${map(mapId)}/versions/${versionId}/restore`, {});
  return parse(RestoreSchema, json, 'a restore');
}

// ---- session summary ----

/** Downloads the session summary (Markdown or PDF) as a file named after the map. */
export async function downloadSummary(mapId: string, format: 'md' | 'pdf', title: string): Promise<void> {
  const name = `${title.replace(/[^\w\- ]+/g, '').trim() || 'map'} - session summary.${format}`;
  const file = await download(`${map(mapId)}/summary?format=${format}`, { fallbackName: name });
  saveFile({ ...file, filename: name });
}
