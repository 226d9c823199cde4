import { ErrorCode, JourneycraftError, MapSummarySchema, type MapSummary } from '@journeycraft/schema';
import type { CountOf } from '@journeycraft/ui';
import { request } from './client';

/** The maps REST API of apps/server, typed, over the one client (`client.ts`). Every failure is a JourneycraftError. */

const MapListSchema = MapSummarySchema.array();

function summary(json: unknown): MapSummary {
  const parsed = MapSummarySchema.safeParse(json);
  if (!parsed.success) throw new JourneycraftError(ErrorCode.Internal, 'The server sent a map we could not read.');
  return parsed.data;
}

export async function listMaps(): Promise<MapSummary[]> {
  const json = (await request('GET', '/api/maps')) as { maps?: unknown };
  const parsed = MapListSchema.safeParse(json?.maps);
  if (!parsed.success) throw new JourneycraftError(ErrorCode.Internal, 'The server sent a map list we could not read.');
  return parsed.data;
}

export async function getMap(id: string): Promise<MapSummary> {
  return summary(await request('GET', `/api/maps/${encodeURIComponent(id)}`));
}

export async function createMap(title: string): Promise<MapSummary> {
  return summary(await request('POST', '/api/maps', { title }));
}

export async function renameMap(id: string, title: string): Promise<MapSummary> {
  return summary(await request('PATCH', `/api/maps/${encodeURIComponent(id)}`, { title }));
}

export async function duplicateMap(id: string, title?: string): Promise<MapSummary> {
  return summary(await request('POST', `/api/maps/${encodeURIComponent(id)}/duplicate`, title ? { title } : {}));
}

export async function deleteMap(id: string): Promise<void> {
  await request('DELETE', `/api/maps/${encodeURIComponent(id)}`);
}

/** What goes with a map when it is deleted: its stages, cards and roles (from its snapshot). */
export async function mapContents(id: string): Promise<CountOf[]> {
  const json = (await request('GET', `/api/maps/${encodeURIComponent(id)}/snapshot`)) as Record<string, unknown>;
  const count = (key: string) => (Array.isArray(json?.[key]) ? (json[key] as unknown[]).length : 0);
  return [
    { count: count('stages'), one: 'stage' },
    { count: count('touchpoints'), one: 'card' },
    { count: count('roles'), one: 'role' },
  ];
}

/** A deleted map its owner or an admin can still restore, until `restoreUntil`. */
export type DeletedMap = MapSummary & { deletedAt: string; restoreUntil: string };

/** The deleted maps the signed-in person may restore, most recent first. */
export async function listDeletedMaps(): Promise<DeletedMap[]> {
  const json = (await request('GET', '/api/maps/trash')) as { maps?: unknown };
  const items = Array.isArray(json?.maps) ? (json.maps as Array<Record<string, unknown>>) : null;
  const maps = items?.map((item) => {
    const map = MapSummarySchema.safeParse(item);
    const { deletedAt, restoreUntil } = item;
    if (!map.success || typeof deletedAt !== 'string' || typeof restoreUntil !== 'string') return null;
    return { ...map.data, deletedAt, restoreUntil };
  });
  if (!maps || maps.some((m) => m === null)) {
    throw new JourneycraftError(ErrorCode.Internal, 'The server sent a list of deleted maps we could not read.');
  }
  return maps as DeletedMap[];
}

/** Brings a deleted map back as it was (owner or admin, while it can be restored). */
export async function restoreMap(id: string): Promise<MapSummary> {
  return summary(await request('POST', `/api/maps/${encodeURIComponent(id)}/restore`));
}
