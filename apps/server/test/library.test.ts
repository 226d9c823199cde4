import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinLibrary, exportCsv } from '@journeycraft/library';
import { openSqliteStorage, Rooms, silentLogger } from '../src/index.js';
import { ownerApp } from './auth-helpers.js';

function makeApp() {
  const storage = openSqliteStorage(':memory:');
  const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 500, idleMs: 60_000 });
  return ownerApp({ storage, rooms, log: silentLogger, maxBodyBytes: 1024 * 1024 });
}

type Entry = { id: string; name: string; origin: string; levels: Array<{ behaviours: string[] }> };
const list = async (app: ReturnType<typeof makeApp>) =>
  ((await (await app.request('/api/library')).json()) as { competencies: Entry[] }).competencies;

const custom = {
  id: 'upsell-with-care',
  kind: 'how',
  name: 'Upselling with care',
  definition: 'Offers more only when it serves the customer.',
  levels: [1, 2, 3, 4, 5].map((level) => ({ level, name: `Level ${level}`, behaviours: [`Does ${level}`] })),
};

describe('REST /api/library', () => {
  it('lists the built-ins, lets teams add, edit, revert and delete entries', async () => {
    const app = makeApp();
    const initial = await list(app);
    expect(initial).toHaveLength(builtinLibrary.length);
    expect(initial.every((e) => e.origin === 'builtin')).toBe(true);

    const created = await app.request('/api/library', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(custom),
    });
    expect(created.status).toBe(201);
    expect((await list(app)).find((e) => e.id === custom.id)?.origin).toBe('workspace');
    const dup = await app.request('/api/library', { method: 'POST', body: JSON.stringify(custom) });
    expect(dup.status).toBe(409);

    const builtin = builtinLibrary[0]!;
    const edited = { ...builtin, name: `${builtin.name} (our version)` };
    const put = await app.request(`/api/library/${builtin.id}`, { method: 'PUT', body: JSON.stringify(edited) });
    expect(put.status).toBe(200);
    expect((await list(app)).find((e) => e.id === builtin.id)).toMatchObject({ origin: 'modified', name: edited.name });

    const revert = await app.request(`/api/library/${builtin.id}`, { method: 'DELETE' });
    expect(await revert.json()).toMatchObject({ origin: 'builtin', name: builtin.name });
    expect((await app.request(`/api/library/${builtin.id}`, { method: 'DELETE' })).status).toBe(409);
    expect((await app.request(`/api/library/${custom.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/library/${custom.id}`)).status).toBe(404);
  });

  it('validates edits with readable errors', async () => {
    const app = makeApp();
    const bad = await app.request('/api/library', {
      method: 'POST',
      body: JSON.stringify({ ...custom, levels: custom.levels.slice(0, 3) }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_failed', issues: [{ path: 'levels' }] } });
    const mismatch = await app.request('/api/library/other-id', { method: 'PUT', body: JSON.stringify(custom) });
    expect(mismatch.status).toBe(400);
  });

  it('imports a CSV framework all-or-nothing; a malformed file names the bad line and changes nothing', async () => {
    const app = makeApp();
    const good = exportCsv([{ ...custom, kind: 'how', category: 'Sales', source: 'Team' } as never]);
    const ok = await app.request('/api/library/import?format=csv', { method: 'POST', body: good });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ imported: 1, ids: [custom.id] });
    const before = await list(app);

    const brokenCsv = [
      'id,kind,name,category,definition,level,level_name,behaviours',
      'another-one,how,Another,,Defined,1,Starting,Greets | Smiles',
      'another-one,how,Another,,Defined,2,Growing,Asks',
      'another-one,how,Another,,Defined,seven,Solid,Checks back', // line 4: a level that is not a number
      'another-one,how,Another,,Defined,4,Strong,Coaches',
      'another-one,how,Another,,Defined,5,Expert,Teaches',
    ].join('\n');
    const broken = await app.request('/api/library/import?format=csv', { method: 'POST', body: brokenCsv });
    expect(broken.status).toBe(400);
    const body = (await broken.json()) as { error: { message: string; issues: Array<{ path: string }> } };
    expect(body.error.issues[0]!.path).toBe('line 4');
    expect(body.error.message).toMatch(/library is unchanged/);
    expect(await list(app)).toEqual(before);

    expect((await app.request('/api/library/import?format=xml', { method: 'POST', body: good })).status).toBe(400);
    expect((await app.request('/api/library/import', { method: 'POST', body: '' })).status).toBe(400);
  });

  it('exports the library as CSV, JSON and CASE 1.1', async () => {
    const app = makeApp();
    const csv = await app.request('/api/library/export?format=csv');
    expect(csv.headers.get('content-disposition')).toMatch(/competency-library\.csv/);
    expect(await csv.text()).toContain(builtinLibrary[0]!.name);
    const json = (await (await app.request('/api/library/export?format=json')).json()) as { competencies: unknown[] };
    expect(json.competencies).toHaveLength(builtinLibrary.length);
    const cas = (await (await app.request('/api/library/export?format=case')).json()) as { CFItems: unknown[] };
    expect(cas.CFItems.length).toBeGreaterThanOrEqual(builtinLibrary.length);
  });

  it('previews a CASE package from a standards server (dry run stores nothing), then imports what is valid', async () => {
    const app = makeApp();
    const before = await list(app);
    const text = readFileSync(
      fileURLToPath(new URL('../../../packages/library/test/fixtures/opensalt-sample-framework.json', import.meta.url)),
      'utf8',
    );
    for (const url of ['/api/library/import?format=case&dryRun=1', '/api/library/import/preview?format=case']) {
      const res = await app.request(url, { method: 'POST', body: text });
      expect(res.status).toBe(200);
      const preview = (await res.json()) as {
        dryRun: boolean;
        caseVersion: string;
        groups: number;
        competencies: Array<{
          id: string;
          itemType: string;
          levelsFrom: string;
          replaces: boolean;
          mapping: unknown[];
        }>;
        dropped: Array<{ path: string; label: string; reason: string }>;
      };
      expect(preview).toMatchObject({ dryRun: true, caseVersion: '1.0', groups: 4 });
      expect(preview.competencies).toHaveLength(12);
      expect(new Set(preview.competencies.map((c) => c.itemType))).toEqual(new Set(['Standard', 'Component']));
      expect(
        preview.competencies.every((c) => c.levelsFrom === 'generic' && c.mapping.length === 5 && !c.replaces),
      ).toBe(true);
      expect(preview.dropped.map((d) => d.label)).toContain('exactMatchOf');
      expect(await list(app)).toEqual(before);
    }
    const done = await app.request('/api/library/import?format=case', { method: 'POST', body: text });
    expect(done.status).toBe(200);
    const body = (await done.json()) as { imported: number; ids: string[]; dropped: unknown[] };
    expect(body.imported).toBe(12);
    expect(body.dropped).toHaveLength(4);
    const after = await list(app);
    expect(after).toHaveLength(before.length + 12);
    const imported = after.filter((e) => body.ids.includes(e.id)) as unknown as Array<{
      itemType: string;
      origin: string;
    }>;
    expect(
      imported.every((e) => e.origin === 'workspace' && (e.itemType === 'Standard' || e.itemType === 'Component')),
    ).toBe(true);
    // The preview now says these ids would replace what is there.
    const again = (await (await app.request('/api/library/import/preview', { method: 'POST', body: text })).json()) as {
      competencies: Array<{ replaces: boolean }>;
    };
    expect(again.competencies.every((c) => c.replaces)).toBe(true);
  });

  it('answers a package with nothing importable, or a bad dryRun value, with a 4xx and issues', async () => {
    const app = makeApp();
    const none = await app.request('/api/library/import?format=case&dryRun=1', {
      method: 'POST',
      body: JSON.stringify({ CFDocument: { title: 'x' }, CFItems: [{ identifier: 'a' }] }),
    });
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({
      error: { code: 'validation_failed', issues: [{ path: 'CFItems' }, { path: 'CFItems[0].fullStatement' }] },
    });
    const bad = await app.request('/api/library/import?format=case&dryRun=maybe', { method: 'POST', body: '{}' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'bad_request' } });
  });
});
