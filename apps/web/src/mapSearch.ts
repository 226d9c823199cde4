import type { MapSummary } from '@journeycraft/schema';

/** How the map list can be ordered. */
export type MapSort = 'updated' | 'title' | 'created';

export const mapSortOptions: ReadonlyArray<{ value: MapSort; label: string }> = [
  { value: 'updated', label: 'Last changed' },
  { value: 'title', label: 'Title (A to Z)' },
  { value: 'created', label: 'Newest first' },
];

/** Lower case without accents, so "cafe" finds "Café". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The maps whose title (or description, when the summary has one) holds every word of `query`,
 * in the chosen order. Ties keep a stable order by title, then id.
 */
export function searchMaps<M extends MapSummary & { description?: string }>(
  maps: readonly M[],
  query: string,
  sort: MapSort,
): M[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const hits = words.length
    ? maps.filter((m) => {
        const text = fold(`${m.title} ${m.description ?? ''}`);
        return words.every((w) => text.includes(w));
      })
    : [...maps];
  const byTitle = (a: M, b: M) =>
    a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
  const newest = (key: 'updatedAt' | 'createdAt') => (a: M, b: M) =>
    Date.parse(b[key]) - Date.parse(a[key]) || byTitle(a, b);
  return hits.sort(sort === 'title' ? byTitle : newest(sort === 'created' ? 'createdAt' : 'updatedAt'));
}

/** "3 of 12 maps", or "12 maps" when nothing is filtered out. */
export function mapCountText(shown: number, total: number): string {
  const noun = total === 1 ? 'map' : 'maps';
  return shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
}
