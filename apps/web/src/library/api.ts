import { CompetencySchema, ErrorCode, JourneycraftError, type Competency } from '@journeycraft/schema';
import { RawBody, download, request, type DownloadedFile } from '../client';

/** The workspace competency library over REST (`/api/library`). Every failure is a JourneycraftError. */

/** Where a library entry comes from: shipped, shipped then edited by the team, or the team's own. */
export type LibraryOrigin = 'builtin' | 'modified' | 'workspace';
export type LibraryEntry = Competency & { origin: LibraryOrigin };
export type FrameworkFormat = 'csv' | 'json' | 'case';

const ORIGINS: readonly string[] = ['builtin', 'modified', 'workspace'];

function entry(raw: unknown): LibraryEntry | null {
  const parsed = CompetencySchema.safeParse(raw);
  if (!parsed.success) return null;
  const origin = (raw as { origin?: unknown }).origin;
  return {
    ...parsed.data,
    origin: typeof origin === 'string' && ORIGINS.includes(origin) ? (origin as LibraryOrigin) : 'workspace',
  };
}

function one(json: unknown): LibraryEntry {
  const e = entry(json);
  if (!e) throw new JourneycraftError(ErrorCode.Internal, 'The server sent a competency we could not read.');
  return e;
}

/** Every competency in the workspace library: built-ins (as shipped or as edited) and the team's own. */
export async function listLibrary(): Promise<LibraryEntry[]> {
  const json = (await request('GET', '/api/library')) as { competencies?: unknown };
  if (!Array.isArray(json?.competencies)) {
    throw new JourneycraftError(ErrorCode.Internal, 'The server sent a library we could not read.');
  }
  return json.competencies.map(entry).filter((e): e is LibraryEntry => e !== null);
}

/** Adds a new competency (409 if the id is taken). */
export async function addCompetency(competency: Competency): Promise<LibraryEntry> {
  return one(await request('POST', '/api/library', competency));
}

/** Saves an edit (a built-in becomes "modified"). */
export async function saveCompetency(competency: Competency): Promise<LibraryEntry> {
  return one(await request('PUT', `/api/library/${encodeURIComponent(competency.id)}`, competency));
}

/** Reverts an edited built-in to the shipped version, or deletes a team competency (then null). */
export async function removeCompetency(id: string): Promise<LibraryEntry | null> {
  const json = await request('DELETE', `/api/library/${encodeURIComponent(id)}`);
  return json === undefined ? null : one(json);
}

/** One competency an import would create, as the server's preview describes it. */
export interface ImportPreviewEntry {
  id: string;
  name: string;
  itemType?: string;
  category: string;
  /** rubric / skill-levels / generic (CASE), file (CSV, JSON). */
  levelsFrom: string;
  sourceLevels: number;
  mapping: Array<{ level: number; from: string[]; between?: boolean }>;
  /** True when a library entry with this id exists and would be replaced. */
  replaces: boolean;
}

/** What importing a file would do (`POST /api/library/import/preview`). Nothing is stored. */
export interface ImportPreview {
  format: FrameworkFormat;
  caseVersion?: string;
  title?: string;
  groups: number;
  competencies: ImportPreviewEntry[];
  dropped: Array<{ path: string; label: string; reason: string }>;
}

const plain = (text: string) => new RawBody(text, 'text/plain; charset=utf-8');
const asString = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** Asks the server what a framework file would import and drop; stores nothing. */
export async function previewLibraryImport(text: string, format?: FrameworkFormat): Promise<ImportPreview> {
  const query = format ? `?format=${format}` : '';
  const json = asRecord(await request('POST', `/api/library/import/preview${query}`, plain(text)));
  return {
    format: (['csv', 'json', 'case'].includes(asString(json.format)) ? json.format : 'case') as FrameworkFormat,
    ...(typeof json.caseVersion === 'string' ? { caseVersion: json.caseVersion } : {}),
    ...(typeof json.title === 'string' ? { title: json.title } : {}),
    groups: typeof json.groups === 'number' ? json.groups : 0,
    competencies: asArray(json.competencies).map((raw) => {
      const e = asRecord(raw);
      return {
        id: asString(e.id),
        name: asString(e.name),
        ...(typeof e.itemType === 'string' ? { itemType: e.itemType } : {}),
        category: asString(e.category),
        levelsFrom: asString(e.levelsFrom),
        sourceLevels: typeof e.sourceLevels === 'number' ? e.sourceLevels : 0,
        mapping: asArray(e.mapping).map((m) => {
          const r = asRecord(m);
          return {
            level: typeof r.level === 'number' ? r.level : 0,
            from: asArray(r.from).filter((x): x is string => typeof x === 'string'),
            ...(r.between === true ? { between: true } : {}),
          };
        }),
        replaces: e.replaces === true,
      };
    }),
    dropped: asArray(json.dropped).map((raw) => {
      const d = asRecord(raw);
      return { path: asString(d.path), label: asString(d.label), reason: asString(d.reason) };
    }),
  };
}

/**
 * Imports a framework file. CSV and JSON are all or nothing (a bad file's error carries
 * line-numbered issues); CASE imports what is valid and lists what it dropped.
 */
export async function importLibrary(
  text: string,
  format?: FrameworkFormat,
): Promise<{ imported: number; ids: string[]; dropped: number }> {
  const query = format ? `?format=${format}` : '';
  const json = asRecord(await request('POST', `/api/library/import${query}`, plain(text)));
  return {
    imported: typeof json.imported === 'number' ? json.imported : 0,
    ids: asArray(json.ids).filter((x): x is string => typeof x === 'string'),
    dropped: asArray(json.dropped).length,
  };
}

/** The whole library as a file in a format (`GET /api/library/export`). */
export function downloadLibrary(format: FrameworkFormat): Promise<DownloadedFile> {
  return download(`/api/library/export?format=${format}`, { fallbackName: `competency-library.${format}` });
}
