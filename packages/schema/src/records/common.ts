import { z } from 'zod';

/** Record ids: URL-safe, 1..64 chars. Generated ids are 21 chars. */
export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"');
export type Id = z.infer<typeof IdSchema>;

/** A short single-line name (titles, labels). */
export const NameSchema = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
/** Longer free text (descriptions, definitions, comments). */
export const TextSchema = z.string().max(10_000, 'at most 10,000 characters');

/** Sort key for ordered records: lower comes first, ties broken by id. */
export const OrderSchema = z.number().finite();

/** Proficiency level on the 1..5 scale used throughout the product. */
export const LevelSchema = z.number().int().min(1, 'levels go from 1 to 5').max(5, 'levels go from 1 to 5');
export type Level = z.infer<typeof LevelSchema>;

/** ISO-8601 timestamp string. */
export const TimestampSchema = z.iso.datetime({ offset: true });

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** Random 21-character URL-safe id (126 bits), from the platform's CSPRNG. */
export function newId(): string {
  const bytes = new Uint8Array(21);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}
