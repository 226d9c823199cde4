import { describe, expect, it } from 'vitest';
import { sampleMapApp } from './sample-app.js';
import { ANONYMOUS_HEADERS } from './auth-helpers.js';

const setup = () => sampleMapApp();

type Cell = {
  roleId: string;
  competencyId: string;
  requiredLevel: number;
  required: number;
  supply: number;
  shortfall: number;
};
interface Answer {
  assessments: Array<{ person: string; roleId: string; competencyId: string; level: number }>;
  coverage: {
    roles: Array<{ id: string }>;
    competencies: Array<{ id: string }>;
    cells: (Cell | null)[][];
    totalShortfall: number;
  };
  imported?: number;
}
const cellOf = (a: Answer, roleId: string, competencyId: string) =>
  a.coverage.cells[a.coverage.roles.findIndex((r) => r.id === roleId)]![
    a.coverage.competencies.findIndex((c) => c.id === competencyId)
  ];

// Billing specialist (headcount 4) needs order-billing-systems at 4, clear-explanation at 3.
const CSV = [
  'person,role,competency,level,assessed_on,assessor,note',
  'Ana,Billing specialist,order-billing-systems,4,2026-11-02,Lee,',
  'Ben,r-billing,Order and billing systems,5,,,',
  'Cleo,Billing specialist,order-billing-systems,2,,,"needs the refund module"',
  'Ana,Billing specialist,clear-explanation,3,,,',
].join('\n');

describe('assessments of a map', () => {
  it('imports the CSV, answers coverage with supply and shortfall, and replaces rows on re-import', async () => {
    const { app, id } = await setup();
    const empty = (await (await app.request(`/api/maps/${id}/assessments`)).json()) as Answer;
    expect(empty.assessments).toEqual([]);
    expect(cellOf(empty, 'r-billing', 'order-billing-systems')).toMatchObject({ required: 4, supply: 0, shortfall: 4 });

    const res = await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', body: CSV });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Answer;
    expect(body.imported).toBe(4);
    expect(cellOf(body, 'r-billing', 'order-billing-systems')).toEqual({
      roleId: 'r-billing',
      competencyId: 'order-billing-systems',
      requiredLevel: 4,
      required: 4,
      supply: 2,
      assessed: 3,
      shortfall: 2,
    });
    expect(cellOf(body, 'r-billing', 'clear-explanation')).toMatchObject({ supply: 1, shortfall: 3 });

    // Cleo is reassessed at 4: her row is replaced, the others kept.
    const again = await app.request(`/api/maps/${id}/assessments/import?role=r-billing`, {
      method: 'POST',
      body: 'person,competency,level\nCleo,order-billing-systems,4\n',
    });
    expect(again.status).toBe(200);
    const after = (await again.json()) as Answer;
    expect(after.assessments).toHaveLength(4);
    expect(cellOf(after, 'r-billing', 'order-billing-systems')).toMatchObject({ supply: 3, shortfall: 1 });
    const read = (await (await app.request(`/api/maps/${id}/assessments`)).json()) as Answer;
    expect(read.assessments).toEqual(after.assessments);

    // The coverage matrix export counts the stored assessments as supply.
    const csv = await (await app.request(`/api/maps/${id}/export?kind=coverage-matrix&format=csv`)).text();
    expect(csv).toContain('L4 · 3/4');
  });

  it('refuses a bad CSV with line-numbered issues and saves nothing', async () => {
    const { app, id } = await setup();
    await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', body: CSV });
    const before = await (await app.request(`/api/maps/${id}/assessments`)).text();
    const bad = [
      'person,role,competency,level',
      'Dee,Billing specialist,order-billing-systems,4',
      'Eve,Astronaut,order-billing-systems,4', // line 3: unknown role
      ',Billing specialist,order-billing-systems,4', // line 4: no person
      'Fay,Billing specialist,juggling,4', // line 5: unknown competency
      'Gus,Billing specialist,order-billing-systems,9', // line 6: level out of range
    ].join('\n');
    const res = await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', body: bad });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; issues: { path: string; message: string }[] };
    };
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/nothing was saved/);
    expect(error.issues).toEqual([
      { path: 'line 3', message: 'role "Astronaut" is not on this map' },
      { path: 'line 4', message: 'person is empty' },
      { path: 'line 5', message: 'competency "juggling" is not a competency of this map' },
      { path: 'line 6', message: expect.stringContaining('level must be a whole number from 0 to 5') },
    ]);
    expect(await (await app.request(`/api/maps/${id}/assessments`)).text()).toBe(before);

    const noRole = await app.request(`/api/maps/${id}/assessments/import`, {
      method: 'POST',
      body: 'person,competency,level\nAna,order-billing-systems,4',
    });
    expect(noRole.status).toBe(400);
    expect(await noRole.json()).toMatchObject({
      error: { issues: [{ path: 'line 1', message: expect.stringContaining('"role"') }] },
    });
    const unknownRole = await app.request(`/api/maps/${id}/assessments/import?role=nobody`, {
      method: 'POST',
      body: CSV,
    });
    expect(unknownRole.status).toBe(404);
    const emptyFile = await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', body: '  ' });
    expect(emptyFile.status).toBe(400);
    const big = await app.request(`/api/maps/${id}/assessments/import`, {
      method: 'POST',
      body: 'x'.repeat(600 * 1024),
    });
    expect(big.status).toBe(413);
  });

  it('PUT replaces the whole set; crafted bodies get a 4xx, never a 500', async () => {
    const { app, id } = await setup();
    const put = (body: unknown) =>
      app.request(`/api/maps/${id}/assessments`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const row = { person: 'Ana', roleId: 'r-billing', competencyId: 'order-billing-systems', level: 4 };
    const ok = await put({ assessments: [row] });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Answer).assessments).toEqual([{ ...row, assessedOn: '', assessor: '', note: '' }]);
    for (const bad of [
      { assessments: [{ ...row, level: 6 }] },
      { assessments: [{ ...row, level: '4' }] },
      { assessments: [{ ...row, roleId: 'r-ghost' }] },
      { assessments: [{ ...row, competencyId: 'juggling' }] },
      { assessments: [{ ...row, person: 'x'.repeat(201) }] },
      { assessments: [{ ...row, isAdmin: true }] },
      { assessments: [{ ...row, roleId: '../../etc' }] },
      { assessments: 'all' },
      [row],
      '{"assessments": [',
    ]) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/validation_failed|bad_request/);
    }
    expect(((await (await app.request(`/api/maps/${id}/assessments`)).json()) as Answer).assessments).toHaveLength(1);
    expect((await put({ assessments: [] })).status).toBe(200);
    expect(((await (await app.request(`/api/maps/${id}/assessments`)).json()) as Answer).assessments).toEqual([]);
    expect((await app.request('/api/maps/no-such-map/assessments')).status).toBe(404);
  });

  it('follows the export rule on invitation-only maps: viewers read, editors write, strangers get nothing', async () => {
    const { app, id } = await setup();
    const json = { 'content-type': 'application/json' };
    const link = async (role: string) => {
      const res = await app.request(`/api/maps/${id}/links`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ role }),
      });
      const { token } = (await res.json()) as { token: string };
      const joined = await app.request('/api/join', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ token, name: role }),
      });
      return ((await joined.json()) as { sessionToken: string }).sessionToken;
    };
    const facilitator = await link('facilitator');
    const viewer = await link('viewer');
    const editor = await link('editor');
    const as = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
    const closed = await app.request(`/api/maps/${id}`, {
      method: 'PATCH',
      headers: { ...json, ...as(facilitator) },
      body: JSON.stringify({ access: 'links' }),
    });
    // Who may open a map is for its owner (or an admin), not for a facilitator link.
    expect(closed.status).toBe(403);
    const byOwner = await app.request(`/api/maps/${id}`, {
      method: 'PATCH',
      headers: json,
      body: JSON.stringify({ access: 'links' }),
    });
    expect(byOwner.status).toBe(200);
    expect(
      (await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', headers: as(editor), body: CSV }))
        .status,
    ).toBe(200);

    expect((await app.request(`/api/maps/${id}/assessments`, { headers: ANONYMOUS_HEADERS })).status).toBe(401);
    expect((await app.request(`/api/maps/${id}/assessments`, { headers: as('forged.token') })).status).toBe(401);
    const read = await app.request(`/api/maps/${id}/assessments`, { headers: as(viewer) });
    expect(read.status).toBe(200);
    expect(((await read.json()) as Answer).assessments).toHaveLength(4);
    // A viewer may export (and so read) but not change them.
    expect(
      (
        await app.request(`/api/maps/${id}/roles/r-billing/export?kind=job-description&format=md`, {
          headers: as(viewer),
        })
      ).status,
    ).toBe(200);
    const write = await app.request(`/api/maps/${id}/assessments`, {
      method: 'PUT',
      headers: { ...json, ...as(viewer) },
      body: JSON.stringify({ assessments: [] }),
    });
    expect(write.status).toBe(403);
    expect(
      (await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', headers: as(viewer), body: CSV }))
        .status,
    ).toBe(403);
    expect(
      (
        await app.request(`/api/maps/${id}/assessments/import`, {
          method: 'POST',
          headers: ANONYMOUS_HEADERS,
          body: CSV,
        })
      ).status,
    ).toBe(401);
  });

  it('a deleted map keeps its assessments only while it can be restored; purged, they are gone', async () => {
    const { app, id, storage } = await setup();
    await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', body: CSV });
    expect((await app.request(`/api/maps/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await storage.getAssessments(id)).toHaveLength(4); // restorable: nothing removed yet
    expect((await app.request(`/api/maps/${id}/restore`, { method: 'POST' })).status).toBe(200);
    expect((await (await app.request(`/api/maps/${id}/assessments`)).json()).assessments).toHaveLength(4);

    const purging = await sampleMapApp('Purged at once', { mapRestoreMs: 0 });
    await purging.app.request(`/api/maps/${purging.id}/assessments/import`, { method: 'POST', body: CSV });
    expect(await purging.storage.getAssessments(purging.id)).toHaveLength(4);
    expect((await purging.app.request(`/api/maps/${purging.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await purging.storage.getAssessments(purging.id)).toEqual([]);
  });
});
