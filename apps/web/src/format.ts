import { NameSchema } from '@journeycraft/schema';

/** The longest title the schema accepts (maps, stages, lanes, touchpoints). */
export const MAX_TITLE = NameSchema.maxLength ?? 200;

/** A readable problem with a title, or null if the server will accept it. */
export function titleProblem(raw: string, what = 'the map'): string | null {
  const title = raw.trim();
  if (!title) return `Enter a title for ${what}.`;
  if (title.length > MAX_TITLE) return `Keep the title to ${MAX_TITLE} characters or fewer (it has ${title.length}).`;
  return null;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "just now", "5 minutes ago", "yesterday", or a date for anything older than a week. */
export function timeAgo(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const seconds = Math.round((t - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86400) return relative.format(Math.round(seconds / 86400), 'day');
  return absolute.format(t);
}

export function formatDate(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : absolute.format(t);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
