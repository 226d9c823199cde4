import { ErrorCode, JourneycraftError, type Issue } from '@journeycraft/schema';
import { sessionTokenForPath } from './workshop/tokens';

/**
 * The one HTTP client of the web app: every page, every download and every feature's API module
 * talks to the server through `request` (JSON) or `download` (files). It
 * - sends the browser's session cookie (same origin) and, for `/api/maps/<id>/…`, the share-link
 *   session this browser joined that map with, as `Authorization: Bearer` (decided here only);
 * - relies on the browser's own `Sec-Fetch-Site`/`Origin` headers for CSRF: the server refuses a
 *   state-changing cookie request that is cross-site (apps/server/src/accounts/guards.ts), and a
 *   page of another site cannot make the browser send a same-origin one;
 * - turns every failure (no connection, a 4xx/5xx answer, an unreadable answer) into one
 *   `JourneycraftError` carrying the server's code, message and issues.
 */

/** A request body that is not JSON: text with its content type, a multipart form, or a file. */
export class RawBody {
  constructor(
    readonly body: string | FormData | Blob,
    readonly type?: string,
  ) {}
}

export interface RequestOptions {
  /**
   * Speak as the signed-in account even if this browser joined the map by link: what only an
   * owner or admin may do (access, members, links) is never asked with a link session.
   */
  asAccount?: boolean;
  signal?: AbortSignal;
}

/** How far a download has come; `total` is null when the server did not say how long it is. */
export interface DownloadProgress {
  received: number;
  total: number | null;
}

/** A file fetched from the server, ready to save. */
export interface DownloadedFile {
  filename: string;
  blob: Blob;
  /** Fields a custom template named that the server does not have, filled blank on request (`X-Blank-Fields`). */
  blankFields?: string[];
}

export interface DownloadOptions extends RequestOptions {
  method?: 'GET' | 'POST';
  body?: RawBody;
  /** Saved under this name when the server does not name the file. */
  fallbackName: string;
  onProgress?: (p: DownloadProgress) => void;
}

const unreachable = () =>
  new JourneycraftError(
    ErrorCode.Internal,
    'Could not reach the Journeycraft server. Check your connection and try again.',
  );

/** The JourneycraftError for an answer we could not make sense of. */
export const unreadable = (what = 'an answer') =>
  new JourneycraftError(ErrorCode.Internal, `The server sent ${what} we could not read.`);

/** The credential headers of a request to `path`: the map's share-link session, if any (see RequestOptions). */
export function credentialHeaders(path: string, opts: RequestOptions = {}): Record<string, string> {
  const token = opts.asAccount ? null : sessionTokenForPath(path);
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function send(
  method: string,
  path: string,
  body: unknown,
  accept: string,
  opts: RequestOptions,
): Promise<Response> {
  const raw = body instanceof RawBody ? body : null;
  const headers: Record<string, string> = { accept, ...credentialHeaders(path, opts) };
  if (raw?.type) headers['content-type'] = raw.type;
  else if (!raw && body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ? raw.body : body === undefined ? null : JSON.stringify(body),
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw unreachable();
  }
  if (!res.ok) throw errorFromBody(res.status, await res.text().catch(() => ''));
  return res;
}

/**
 * One JSON call: `body` goes as JSON (or as it is, for a RawBody); answers the parsed JSON, or
 * undefined for 204 / an empty answer. Failures throw a JourneycraftError with the server's message.
 */
export async function request(
  method: string,
  path: string,
  body?: unknown,
  opts: RequestOptions = {},
): Promise<unknown> {
  const res = await send(method, path, body, 'application/json', opts);
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw unreadable();
  }
}

/** Fetches a generated file (role documents, zips, summaries, template previews); a failed answer throws the server's error. */
export async function download(path: string, options: DownloadOptions): Promise<DownloadedFile> {
  const res = await send(options.method ?? 'GET', path, options.body, '*/*', options);
  let blob: Blob;
  try {
    blob = await readBody(res, options.onProgress);
  } catch (err) {
    if (options.signal?.aborted) throw err;
    throw new JourneycraftError(ErrorCode.Internal, 'The download was interrupted. Try again.');
  }
  const blanks = res.headers.get('x-blank-fields');
  return {
    filename: filenameFrom(res.headers.get('content-disposition'), options.fallbackName),
    blob,
    ...(blanks ? { blankFields: blanks.split(',').filter(Boolean) } : {}),
  };
}

/** The JourneycraftError an API error answer stands for (`{ error: { code, message, issues? } }`). */
export function errorFrom(status: number, json: unknown): JourneycraftError {
  const error = (json as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | undefined)?.error;
  const known = Object.values(ErrorCode) as string[];
  const code =
    typeof error?.code === 'string' && known.includes(error.code)
      ? (error.code as ErrorCode)
      : status === 401
        ? ErrorCode.Unauthorized
        : status === 403
          ? ErrorCode.Forbidden
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

/** Like errorFrom, from the body text (a plain "The server answered 502." when it is not JSON). */
export function errorFromBody(status: number, text: string): JourneycraftError {
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: errorFrom falls back to the status
  }
  return errorFrom(status, json);
}

/** A message fit to show a person, from anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof JourneycraftError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

/**
 * The file name a response is saved under: `filename*` (UTF-8) from its Content-Disposition, else
 * `filename`, else `fallback`. Path separators are never kept.
 */
export function filenameFrom(disposition: string | null, fallback: string): string {
  let name = '';
  const star = disposition && /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      name = decodeURIComponent(star[1].trim());
    } catch {
      name = '';
    }
  }
  if (!name) {
    const plain = disposition && /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(disposition);
    name = plain ? (plain[1] ?? plain[2] ?? '') : '';
  }
  name = name.replace(/[/\\]/g, '_').trim();
  return name || fallback;
}

/**
 * Reads a response body to a Blob, reporting bytes received after each chunk (total from
 * Content-Length, or null when the server does not send it).
 */
export async function readBody(res: Response, onProgress?: (p: DownloadProgress) => void): Promise<Blob> {
  const type = res.headers.get('content-type') ?? 'application/octet-stream';
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  onProgress?.({ received: 0, total });
  if (!res.body) {
    const blob = await res.blob();
    onProgress?.({ received: blob.size, total: total ?? blob.size });
    return new Blob([blob], { type });
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress?.({ received, total: total !== null && received <= total ? total : null });
  }
  return new Blob(chunks, { type });
}

/** Hands a fetched file to the browser as a download under its own name. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken its copy once the click is handled; give it a moment before freeing it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
