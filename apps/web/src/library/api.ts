import { CompetencySchema, ErrorCode, JourneycraftError, type Competency, type Issue } from '@journeycraft/schema';

/** The workspace competency library over REST (`/api/library`). Every failure is a JourneycraftError. */

/** Where a library entry comes from: shipped, shipped then edited by the team, or the team's own. */
export type LibraryOrigin = 'builtin' | 'modified' | 'workspace';
export type LibraryEntry = Competency & { origin: LibraryOrigin };
export type FrameworkFormat = 'csv' | 'json' | 'case';

const ORIGINS: readonly string[] = ['builtin', 'modified', 'workspace'];

async function send(
  method: string,
  path: string,
  body?: { json: unknown } | { text: string },
): Promise<{ status: number; text: string }> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined
          ? {}
          : { 'content-type': 'json' in body ? 'application/json' : 'text/plain; charset=utf-8' }),
      },
      body: body === undefined ? null : 'json' in body ? JSON.stringify(body.json) : body.text,
    });
  } catch {
    throw new JourneycraftError(
      ErrorCode.Internal,
      'Could not reach the Journeycraft server. Check your connection and try again.',
    );
  }
  const text = res.status === 204 ? '' : await res.text();
  if (!res.ok) throw errorFrom(res.status, text);
  return { status: res.status, text };
}

function errorFrom(status: number, text: string): JourneycraftError {
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const error = (json as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | undefined)?.error;
  const known = Object.values(ErrorCode) as string[];
  const code =
    typeof error?.code === 'string' && known.includes(error.code)
      ? (error.code as ErrorCode)
      : status === 404
        ? ErrorCode.NotFound
        : status >= 500
          ? ErrorCode.Internal
          : ErrorCode.BadRequest;
  const message =
    typeof error?.message === 'string' && error.message ? error.message : `The server answered ${status}.`;
  const issues = Array.isArray(error?.issues) ? (error.issues as Issue[]) : undefined;
  return new JourneycraftError(code, message, issues);
}

function entry(raw: unknown): LibraryEntry | null {
  const parsed = CompetencySchema.safeParse(raw);
  if (!parsed.success) return null;
  const origin = (raw as { origin?: unknown }).origin;
  return {
    ...parsed.data,
    origin: typeof origin === 'string' && ORIGINS.includes(origin) ? (origin as LibraryOrigin) : 'workspace',
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JourneycraftError(ErrorCode.Internal, 'The server sent an answer we could not read.');
  }
}

function one(text: string): LibraryEntry {
  const e = entry(parse(text));
  if (!e) throw new JourneycraftError(ErrorCode.Internal, 'The server sent a competency we could not read.');
  return e;
}

/** Every competency in the workspace library: built-ins (as shipped or as edited) and the team's own. */
export async function listLibrary(): Promise<LibraryEntry[]> {
  const json = parse((await send('GET', '/api/library')).text) as { competencies?: unknown };
  if (!Array.isArray(json?.competencies)) {
    throw new JourneycraftError(ErrorCode.Internal, 'The server sent a library we could not read.');
  }
  return json.competencies.map(entry).filter((e): e is LibraryEntry => e !== null);
}

/** Adds a new competency (409 if the id is taken). */
export async function addCompetency(competency: Competency): Promise<LibraryEntry> {
  return one((await send('POST', '/api/library', { json: competency })).text);
}

/** Saves an edit (a built-in becomes "modified"). */
export async function saveCompetency(competency: Competency): Promise<LibraryEntry> {
  return one((await send('PUT', `/api/library/${encodeURIComponent(competency.id)}`, { json: competency })).text);
}

/** Reverts an edited built-in to the shipped version, or deletes a team competency (then null). */
export async function removeCompetency(id: string): Promise<LibraryEntry | null> {
  const { status, text } = await send('DELETE', `/api/library/${encodeURIComponent(id)}`);
  return status === 204 || !text ? null : one(text);
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

const asString = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** Asks the server what a framework file would import and drop; stores nothing. */
export async function previewLibraryImport(text: string, format?: FrameworkFormat): Promise<ImportPreview> {
  const query = format ? `?format=${format}` : '';
  const json = asRecord(parse((await send('POST', `/api/library/import/preview${query}`, { text })).text));
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
  const json = asRecord(parse((await send('POST', `/api/library/import${query}`, { text })).text));
  return {
    imported: typeof json.imported === 'number' ? json.imported : 0,
    ids: asArray(json.ids).filter((x): x is string => typeof x === 'string'),
    dropped: asArray(json.dropped).length,
  };
}

/** Where to download the whole library in a format. */
export function exportUrl(format: FrameworkFormat): string {
  return `/api/library/export?format=${format}`;
}
