import { Link, useSearch } from 'wouter';

/**
 * Where a workspace page (library, HR settings) was opened from, when it was a map's page:
 * `?from=/maps/<id>/<section>`. Only paths of our own map pages are taken (never another site).
 */
export function returnPath(search: string): string | null {
  const from = new URLSearchParams(search).get('from');
  return from && /^\/maps\/[A-Za-z0-9_-]{1,64}(\/(roles|coverage))?$/.test(from) ? from : null;
}

/** The path of a workspace page that leads back to `here` (a map page). */
export function withReturn(path: string, here: string): string {
  return `${path}?from=${encodeURIComponent(here)}`;
}

/** "← Back to the map" when the page was opened from a map; nothing otherwise. */
export function BackToMap() {
  const back = returnPath(useSearch());
  if (!back) return null;
  return (
    <Link href={back} className="btn btn-ghost btn-sm">
      ← Back to the map
    </Link>
  );
}
