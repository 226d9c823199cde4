import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import { RawBody, download, request } from '../src/client';
import { getMap } from '../src/api';
import { removeCompetency } from '../src/library/api';
import { createLink, listVersions, setMapAccess } from '../src/workshop/api';
import { exportMapZip } from '../src/export/api';
import { lookupOfError } from '../src/connection/useMapConnection';

/** What one fetch was asked to do. */
interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: string | undefined;
}

let calls: Call[];

function answer(make: (call: Call) => Response) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const call: Call = {
      url,
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body,
      credentials: init.credentials,
    };
    calls.push(call);
    return make(call);
  });
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function browserWith(items: Record<string, string>) {
  const store = new Map(Object.entries(items));
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
    addEventListener() {},
    removeEventListener() {},
  });
}

const joinedMapA = {
  'journeycraft.join.map-a': JSON.stringify({
    sessionToken: 'session-of-map-a',
    mapId: 'map-a',
    role: 'editor',
    name: 'Robin',
    guestId: 'g1',
  }),
};

beforeEach(() => {
  calls = [];
  browserWith(joinedMapA);
});
afterEach(() => vi.unstubAllGlobals());

describe('the one HTTP client', () => {
  it('derives the link session from the map in the path, for JSON calls and downloads alike, and for that map only', async () => {
    answer((c) =>
      c.url.includes('export.zip')
        ? new Response('zip', { headers: { 'content-disposition': 'attachment; filename="a.zip"' } })
        : c.url.includes('versions')
          ? json(200, { versions: [] })
          : json(200, { id: 'map-a', title: 'A', access: 'open', createdAt: 'x', updatedAt: 'x' }),
    );
    await getMap('map-a').catch(() => undefined);
    await listVersions('map-a');
    const file = await exportMapZip('map-a', 'docx', ['job-description']);
    await getMap('map-b').catch(() => undefined);
    await request('GET', '/api/library');
    expect(calls.map((c) => c.headers.authorization ?? null)).toEqual([
      'Bearer session-of-map-a',
      'Bearer session-of-map-a',
      'Bearer session-of-map-a',
      null,
      null,
    ]);
    expect(file.filename).toBe('a.zip');
    expect(calls.every((c) => c.credentials === 'same-origin')).toBe(true);
  });

  it('asks what only an owner or admin may do as the signed-in account, never with the link session', async () => {
    answer((c) =>
      c.method === 'POST'
        ? json(201, { id: 'l1', mapId: 'map-a', role: 'viewer', label: '', createdAt: 'x', token: 't' })
        : new Response(null, { status: 204 }),
    );
    await setMapAccess('map-a', 'links');
    await createLink('map-a', { role: 'viewer' }).catch(() => undefined);
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.headers.authorization)).toEqual([undefined, undefined]);
    expect(calls[0]!.headers['content-type']).toBe('application/json');
    expect(calls[0]!.body).toBe(JSON.stringify({ access: 'links' }));
  });

  it("turns every failure into one JourneycraftError with the server's code and message", async () => {
    answer(() => json(403, { error: { code: 'forbidden', message: 'you have no access to this map' } }));
    const refused = await request('GET', '/api/maps/map-a').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(JourneycraftError);
    expect((refused as JourneycraftError).code).toBe(ErrorCode.Forbidden);
    expect((refused as JourneycraftError).message).toBe('you have no access to this map');

    answer(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    const proxy = (await request('GET', '/api/maps').catch((e: unknown) => e)) as JourneycraftError;
    expect([proxy.code, proxy.message]).toEqual([ErrorCode.Internal, 'The server answered 502.']);

    answer(() => new Response('', { status: 401 }));
    expect(((await request('GET', '/api/maps').catch((e: unknown) => e)) as JourneycraftError).code).toBe(
      ErrorCode.Unauthorized,
    );

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const offline = (await download('/api/maps/map-a/export.zip', { fallbackName: 'x' }).catch(
      (e: unknown) => e,
    )) as JourneycraftError;
    expect(offline).toBeInstanceOf(JourneycraftError);
    expect(offline.message).toContain('Could not reach the Journeycraft server');

    answer(() => new Response('not json', { status: 200 }));
    expect(((await request('GET', '/api/maps').catch((e: unknown) => e)) as Error).message).toBe(
      'The server sent an answer we could not read.',
    );
  });

  it('sends raw bodies with their own content type, and answers undefined for 204', async () => {
    answer(() => new Response(null, { status: 204 }));
    expect(await request('POST', '/api/library/import', new RawBody('a,b', 'text/csv'))).toBeUndefined();
    expect(calls[0]!.headers['content-type']).toBe('text/csv');
    expect(calls[0]!.body).toBe('a,b');
    expect(await removeCompetency('team-skill')).toBeNull();
  });
});

describe('what a failed map lookup means for the page', () => {
  it('tells no access (403, with whom to ask), a dead link (401), no map (404) and no server apart', () => {
    const forbidden = new JourneycraftError(ErrorCode.Forbidden, 'ask its owner, Ada, to share it with you');
    expect(lookupOfError(forbidden)).toEqual({
      kind: 'denied',
      forbidden: true,
      message: 'ask its owner, Ada, to share it with you',
    });
    expect(lookupOfError(new JourneycraftError(ErrorCode.Unauthorized, 'this link has expired'))).toEqual({
      kind: 'denied',
      forbidden: false,
      message: 'this link has expired',
    });
    expect(lookupOfError(new JourneycraftError(ErrorCode.NotFound, 'no map'))).toEqual({ kind: 'missing' });
    expect(lookupOfError(new TypeError('offline')).kind).toBe('unreachable');
  });
});
