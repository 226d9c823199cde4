import type { ImageInfo, ImageType } from '@journeycraft/schema';

/**
 * Where the pictures of maps are kept (touchpoint and persona images), apart from the documents,
 * which hold only their ids. Implementations: SQLite (a table in the server's database file) and
 * PostgreSQL. Contract: `put` is durable (committed, fsynced) when its promise resolves; a picture
 * belongs to one map and lives until that map is deleted (`deleteMap`); pictures are never changed.
 */
export interface ImageStore {
  readonly kind: string;
  /** Stores a picture of `info.mapId` under `info.id`; durable when it resolves. */
  put(info: ImageInfo, data: Uint8Array): Promise<void>;
  /** A picture of a map with its bytes; null if that map has no such picture. */
  get(mapId: string, id: string): Promise<{ info: ImageInfo; data: Uint8Array } | null>;
  /** How many pictures a map keeps and their bytes (for its limits). */
  usage(mapId: string): Promise<{ count: number; bytes: number }>;
  /** Copies every picture of `from` to `to` under the same ids (a duplicated map's document names them); returns how many. */
  copyMap(from: string, to: string): Promise<number>;
  /** Deletes every picture of a map; returns how many there were. */
  deleteMap(mapId: string): Promise<number>;
  /** Pictures stored in all, for every map (tests: what a deletion leaves). */
  count(): Promise<number>;
  close(): Promise<void>;
}

/** A stored picture's row as both databases name its columns. */
export interface ImageRow {
  map_id: string;
  id: string;
  type: ImageType;
  width: number;
  height: number;
  bytes: number;
  created_at: string | Date;
}

/** The API's description of a stored row. */
export function imageInfoOf(r: ImageRow): ImageInfo {
  return {
    id: r.id,
    mapId: r.map_id,
    type: r.type,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    createdAt: typeof r.created_at === 'string' ? r.created_at : r.created_at.toISOString(),
  };
}
