import { ErrorCode, JourneycraftError, MapSummarySchema, type MapSummary } from '@journeycraft/schema';
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
