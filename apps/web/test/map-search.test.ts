import { describe, expect, it } from 'vitest';
import type { MapSummary } from '@journeycraft/schema';
import { mapCountText, searchMaps } from '../src/mapSearch';

const map = (id: string, title: string, createdAt: string, updatedAt: string): MapSummary => ({
  id,
  title,
  access: 'open',
  createdAt,
  updatedAt,
});

const maps = [
  map('a', 'Onboarding a new customer', '2026-01-01T10:00:00Z', '2026-03-01T10:00:00Z'),
  map('b', 'Café visit', '2026-02-01T10:00:00Z', '2026-02-15T10:00:00Z'),
  map('c', 'employee onboarding', '2026-03-01T10:00:00Z', '2026-01-05T10:00:00Z'),
  map('d', 'Returns', '2025-12-01T10:00:00Z', '2026-04-01T10:00:00Z'),
];

describe('map list search and sort', () => {
  it('finds maps by every word of the title, ignoring case and accents', () => {
    expect(searchMaps(maps, 'onboarding', 'title').map((m) => m.id)).toEqual(['c', 'a']);
    expect(searchMaps(maps, '  ONBOARDING   customer ', 'updated').map((m) => m.id)).toEqual(['a']);
    expect(searchMaps(maps, 'cafe', 'updated').map((m) => m.id)).toEqual(['b']);
    expect(searchMaps(maps, 'nothing like this', 'updated')).toEqual([]);
  });

  it('searches the description when the summary carries one', () => {
    const withDescription = [{ ...maps[3]!, description: 'Parcels sent back by post' }, maps[0]!];
    expect(searchMaps(withDescription, 'parcels', 'updated').map((m) => m.id)).toEqual(['d']);
  });

  it('sorts by last change, by title and by creation, without touching the input', () => {
    const before = maps.map((m) => m.id);
    expect(searchMaps(maps, '', 'updated').map((m) => m.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(searchMaps(maps, '', 'title').map((m) => m.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(searchMaps(maps, '', 'created').map((m) => m.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(maps.map((m) => m.id)).toEqual(before);
  });

  it('says how many are shown out of how many', () => {
    expect(mapCountText(3, 12)).toBe('3 of 12 maps');
    expect(mapCountText(12, 12)).toBe('12 maps');
    expect(mapCountText(1, 1)).toBe('1 map');
    expect(mapCountText(0, 1)).toBe('0 of 1 map');
  });
});
