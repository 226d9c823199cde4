import type { ImageInfo } from '@journeycraft/schema';
import { openSqliteImages, openSqliteStorage, Rooms, silentLogger } from '../src/index.js';
import type { ExportPool } from '../src/exports/pool.js';
import { ownerApp } from './auth-helpers.js';

/**
 * A test server with pictures (SQLite in memory, the given export pool) signed in as the owner,
 * and helpers to call it: JSON requests, a new map, a picture upload.
 */
export function pictureApp(pool: ExportPool, opts: { mapRestoreMs?: number; maxBodyBytes?: number } = {}) {
  const storage = openSqliteStorage(':memory:');
  const images = openSqliteImages(':memory:');
  const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 1000, idleMs: 60_000 });
  const app = ownerApp({
    storage,
    images,
    rooms,
    log: silentLogger,
    maxBodyBytes: 1024 * 1024,
    exportPool: pool,
    ...opts,
  });
  const json = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await app.request(url, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const newMap = async (title = 'Pictures') => (await json('POST', '/api/maps', { title })).body.id as string;
  const upload = async (mapId: string, bytes: Uint8Array<ArrayBuffer> | string, type = 'image/png', headers = {}) => {
    const res = await app.request(`/api/maps/${mapId}/images`, {
      method: 'POST',
      headers: { 'content-type': type, ...headers },
      body: bytes,
    });
    return {
      status: res.status,
      body: (await res.json()) as ImageInfo & { url: string; error?: { code: string; message: string } },
    };
  };
  return { app, storage, images, rooms, json, newMap, upload };
}
