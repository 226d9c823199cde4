import { ErrorCode, JourneycraftError, MapSummarySchema, type Issue, type MapSummary } from '@journeycraft/schema';

/** The REST API of apps/server, typed. Every failure is thrown as a JourneycraftError. */

const MapListSchema = MapSummarySchema.array();

/** One JSON call to the API; `token` (a share-link session) goes as `Authorization: Bearer`. */
export async function request(method: string, path: string, body?: unknown, token?: string | null): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new JourneycraftError(
      ErrorCode.Internal,
      'Could not reach the Journeycraft server. Check your connection and try again.',
    );
  }
  if (res.status === 204) return undefined;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: handled below
  }
  if (!res.ok) throw errorFrom(res.status, json);
  return json;
}

/** The JourneycraftError an API error answer stands for. */
export function errorFrom(status: number, json: unknown): JourneycraftError {
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

export async function getMap(id: string, token?: string | null): Promise<MapSummary> {
  return summary(await request('GET', `/api/maps/${encodeURIComponent(id)}`, undefined, token));
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

/** A message fit to show a person, from anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof JourneycraftError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/**
 * The JourneycraftError a failed response stands for, from its status and body text (the server's
 * `{ error: { code, message, issues? } }`, or a plain "The server answered 502." when it is not JSON).
 */
export function errorFromBody(status: number, text: string): JourneycraftError {
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: errorFrom falls back to the status
  }
  return errorFrom(status, json);
}
