import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deleteRecord, readRecord, serverOrigin, updateMeta, updateRecord } from '@journeycraft/doc';
import { checkJobPosting, sampleHrSettings, sampleSupportMap } from '@journeycraft/export';
import type { createApp } from '../src/index.js';
import { sampleMapApp } from './helpers.js';

const setup = sampleMapApp;

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

type ErrorJson = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

async function guestToken(app: ReturnType<typeof createApp>, mapId: string, role: string): Promise<string> {
  const link = (await (await app.request(`/api/maps/${mapId}/links`, json('POST', { role }))).json()) as {
    token: string;
  };
  const joined = (await (
    await app.request('/api/join', json('POST', { token: link.token, name: 'Guest' }))
  ).json()) as {
    sessionToken: string;
  };
  return joined.sessionToken;
}

describe('HR facts of a role (REST)', () => {
  it('stores the facts in the map document, by role id or name, and reads them back', async () => {
    const { app, id, rooms } = await setup();
    const facts = {
      jobCode: 'CC-104',
      grade: 'B3',
      salary: { currency: 'GBP', min: 24000, max: 27500, period: 'YEAR' },
      exemptStatus: 'non_exempt',
      employmentType: ['FULL_TIME', 'PART_TIME'],
      reportsToRoleId: 'r-lead',
      workArrangement: 'hybrid',
      locations: [{ streetAddress: '1 Wharf Street', locality: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' }],
      schedule: '37.5 hours a week on a rota between 8:00 and 20:00, Monday to Saturday',
      travel: 'None',
      education: { required: ['GCSE English and Maths (or equivalent)'], preferred: [] },
      experience: { required: [], preferred: ['A year in a customer-facing job'] },
      physicalDemands: 'Sitting at a screen with a headset for most of the shift',
      workEnvironment: 'Open-plan office; calls with upset customers',
    };
    // A role reference that is a bare "%" once the router decoded it is a 404, not a 500.
    const odd = await app.request(`/api/maps/${id}/roles/%25/hr`);
    expect(odd.status).toBe(404);
    expect(((await odd.json()) as { error: { message: string } }).error.message).toContain('role "%"');
    const put = await app.request(
      `/api/maps/${id}/roles/${encodeURIComponent('Contact centre agent')}/hr`,
      json('PUT', facts),
    );
    expect(put.status).toBe(200);
    const saved = (await put.json()) as { roleId: string; facts: Record<string, unknown> };
    expect(saved.roleId).toBe('r-agent');
    expect(saved.facts).toMatchObject({ ...facts, locations: [{ ...facts.locations[0], region: '' }] });
    const stored = await rooms.withDoc(id, (doc) => readRecord(doc, 'roles', 'r-agent')!);
    expect(stored).toMatchObject({
      name: 'Contact centre agent',
      jobCode: 'CC-104',
      grade: 'B3',
      reportsToRoleId: 'r-lead',
    });

    // A second change touches only what it names.
    await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', { grade: 'B4' }));
    const got = (await (await app.request(`/api/maps/${id}/roles/r-agent/hr`)).json()) as {
      facts: Record<string, unknown>;
      issues: unknown[];
    };
    expect(got.facts).toMatchObject({ grade: 'B4', jobCode: 'CC-104', travel: 'None' });
    expect(got.issues).toEqual([]);
  });

  it('refuses bad values with 400 naming each field, and inconsistent ones with 422', async () => {
    const { app, id } = await setup();
    const bad = await app.request(
      `/api/maps/${id}/roles/r-agent/hr`,
      json('PUT', {
        employmentType: ['BANANA'],
        salary: { currency: 'pounds', min: 30000, max: 20000, period: 'YEAR' },
        locations: [{ locality: 'Leeds', country: 'England' }],
        colour: 'red',
      }),
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as ErrorJson;
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['employmentType.0', 'salary.currency', 'locations.0.country']));
    expect(body.error.message).toMatch(/colour/);
    const inverted = await app.request(
      `/api/maps/${id}/roles/r-agent/hr`,
      json('PUT', { salary: { currency: 'GBP', min: 30000, max: 20000, period: 'YEAR' } }),
    );
    expect(((await inverted.json()) as ErrorJson).error.issues).toEqual([
      { path: 'salary.min', message: 'the lowest amount must not be above the highest' },
    ]);

    const closes = await app.request(
      `/api/maps/${id}/roles/r-agent/hr`,
      json('PUT', { postingOpenedOn: '2026-03-02', postingClosesOn: '2026-03-01' }),
    );
    expect(closes.status).toBe(422);
    expect(((await closes.json()) as ErrorJson).error.issues![0]).toMatchObject({ path: 'postingClosesOn' });

    const remote = await app.request(
      `/api/maps/${id}/roles/r-agent/hr`,
      json('PUT', { workArrangement: 'remote', locations: [] }),
    );
    expect(remote.status).toBe(422);
    expect(((await remote.json()) as ErrorJson).error.message).toMatch(/applicants may live/);

    const self = await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', { reportsToRoleId: 'r-agent' }));
    expect(self.status).toBe(422);
    const ghost = await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', { reportsToRoleId: 'r-ghost' }));
    expect(((await ghost.json()) as ErrorJson).error.message).toMatch(/no role "r-ghost"/);
    // A circle: the billing specialist reports to the lead, the agent (in the sample) too; the lead
    // cannot then report to either of them.
    expect(
      (await app.request(`/api/maps/${id}/roles/r-billing/hr`, json('PUT', { reportsToRoleId: 'r-lead' }))).status,
    ).toBe(200);
    const circle = await app.request(`/api/maps/${id}/roles/r-lead/hr`, json('PUT', { reportsToRoleId: 'r-billing' }));
    expect(circle.status).toBe(422);
    expect(((await circle.json()) as ErrorJson).error.message).toMatch(/Billing specialist already reports/);

    expect((await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', '[1,2]'))).status).toBe(400);
    expect((await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', '{oops'))).status).toBe(400);
    expect((await app.request(`/api/maps/${id}/roles/nobody/hr`, json('PUT', { grade: 'A' }))).status).toBe(404);
  });

  it('viewers read the facts but cannot change them; a lock stops editors', async () => {
    const { app, id, rooms } = await setup();
    const viewer = await guestToken(app, id, 'viewer');
    const auth = { authorization: `Bearer ${viewer}` };
    expect((await app.request(`/api/maps/${id}/roles/r-agent/hr`, { headers: auth })).status).toBe(200);
    const refused = await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', { grade: 'Z' }, auth));
    expect(refused.status).toBe(403);
    const editor = await guestToken(app, id, 'editor');
    const asEditor = { authorization: `Bearer ${editor}` };
    expect((await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', { grade: 'B2' }, asEditor))).status).toBe(
      200,
    );
    await rooms.withDoc(id, (doc) => updateMeta(doc, { locked: true }, serverOrigin('rename')));
    const locked = await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', { grade: 'B3' }, asEditor));
    expect(locked.status).toBe(403);
    expect(((await locked.json()) as ErrorJson).error.message).toMatch(/locked/);
    expect(await rooms.withDoc(id, (doc) => readRecord(doc, 'roles', 'r-agent')!.grade)).toBe('B2');
  });

  it('deleting a role clears the reporting line of the roles under it', async () => {
    const { app, id, rooms } = await setup();
    await app.request(`/api/maps/${id}/roles/r-agent/hr`, json('PUT', { reportsToRoleId: 'r-lead', grade: 'B3' }));
    await rooms.withDoc(id, (doc) => deleteRecord(doc, 'roles', 'r-lead', serverOrigin('rename')));
    const agent = await rooms.withDoc(id, (doc) => readRecord(doc, 'roles', 'r-agent')!);
    expect(agent).toMatchObject({ reportsToRoleId: null, grade: 'B3' });
  });
});

describe('workspace HR settings (REST)', () => {
  it('answers defaults, saves the settings, and refuses bad ones naming the field', async () => {
    const { app, storage } = await setup();
    const first = (await (await app.request('/api/settings/hr')).json()) as { settings: Record<string, unknown> };
    expect(first.settings).toMatchObject({ employerName: '', paperSize: 'A4', register: 'plain' });
    const settings = {
      employerName: 'Northwind Energy Ltd',
      website: 'https://northwind.example',
      logoUrl: 'https://northwind.example/logo.png',
      benefits: '25 days of holiday plus bank holidays; 8% pension',
      applyUrl: 'https://jobs.northwind.example/apply',
      applyEmail: 'jobs@northwind.example',
      directApply: true,
      equalOpportunity: 'We welcome applications from everyone.',
      adjustments: 'Tell us about any adjustment you need to take part in the interview.',
      disclaimer: 'This description is not exhaustive: other reasonable duties may be asked of the post holder.',
      paperSize: 'Letter',
      register: 'formal',
    };
    const put = await app.request('/api/settings/hr', json('PUT', settings));
    expect(put.status).toBe(200);
    expect(((await (await app.request('/api/settings/hr')).json()) as { settings: unknown }).settings).toEqual(
      settings,
    );
    expect(await storage.getHrSettings()).toEqual(settings);

    const bad = await app.request(
      '/api/settings/hr',
      json('PUT', { website: 'javascript:alert(1)', applyEmail: 'not-an-email', paperSize: 'A3', extra: 1 }),
    );
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as ErrorJson;
    expect(err.error.issues!.map((i) => i.path)).toEqual(
      expect.arrayContaining(['website', 'applyEmail', 'paperSize']),
    );
    expect(err.error.message).toMatch(/extra/);
    expect(await storage.getHrSettings()).toEqual(settings);
  });

  it('a guest token does not reach the workspace settings', async () => {
    const { app, id } = await setup();
    const token = await guestToken(app, id, 'facilitator');
    const auth = { authorization: `Bearer ${token}` };
    expect((await app.request('/api/settings/hr', { headers: auth })).status).toBe(403);
    const put = await app.request('/api/settings/hr', json('PUT', { employerName: 'Evil' }, auth));
    expect(put.status).toBe(403);
    expect(((await put.json()) as ErrorJson).error.message).toMatch(/workspace members/);
  });
});

describe('JobPosting export (REST)', () => {
  const agentLd = (id: string, extra = '') => `/api/maps/${id}/roles/r-agent/export?kind=job-ad&format=jsonld${extra}`;

  it('a role with its HR facts passes the JobPosting checker; datePosted is stored at the first export and stays', async () => {
    const { app, id, rooms } = await setup();
    await app.request('/api/settings/hr', json('PUT', sampleHrSettings()));
    // Reopen the posting: no stored opening day, a closing date far ahead.
    await rooms.withDoc(id, (doc) =>
      updateRecord(
        doc,
        'roles',
        'r-agent',
        { postingOpenedOn: null, postingClosesOn: '2099-12-31' },
        serverOrigin('rename'),
      ),
    );
    const first = await app.request(agentLd(id));
    expect(first.status).toBe(200);
    const posting = (await first.json()) as Record<string, unknown>;
    const today = new Date().toISOString().slice(0, 10);
    expect(checkJobPosting(posting, today)).toEqual([]);
    expect(posting).toMatchObject({
      datePosted: today,
      validThrough: '2099-12-31',
      hiringOrganization: { name: 'Northwind Energy Ltd', sameAs: 'https://northwind-energy.example' },
      baseSalary: { '@type': 'MonetaryAmount', currency: 'GBP' },
      jobLocation: { address: { addressLocality: 'Leeds', addressCountry: 'GB' } },
      directApply: true,
    });
    expect(await rooms.withDoc(id, (doc) => readRecord(doc, 'roles', 'r-agent')!.postingOpenedOn)).toBe(today);
    // Later exports carry the stored day, even once the clock has moved on.
    await rooms.withDoc(id, (doc) =>
      updateRecord(doc, 'roles', 'r-agent', { postingOpenedOn: '2026-01-05' }, serverOrigin('rename')),
    );
    const again = (await (await app.request(agentLd(id))).json()) as { datePosted: string };
    expect(again.datePosted).toBe('2026-01-05');
    // The HTML ad embeds the same posting.
    const html = await (await app.request(`/api/maps/${id}/roles/r-agent/export?kind=job-ad&format=html`)).text();
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect((JSON.parse(script) as { datePosted: string }).datePosted).toBe('2026-01-05');
  });

  it('a role without a location gets a 422 naming what is missing, and nothing is stored', async () => {
    const { app, id, rooms } = await setup();
    await app.request('/api/settings/hr', json('PUT', sampleHrSettings()));
    const res = await app.request(
      `/api/maps/${id}/roles/${encodeURIComponent('Team lead')}/export?kind=job-ad&format=jsonld`,
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('unprocessable');
    expect(body.error.message).toMatch(/Team lead cannot be published yet: jobLocation: required/);
    expect(body.error.issues!.map((i) => i.path)).toEqual(['jobLocation']);
    expect(await rooms.withDoc(id, (doc) => readRecord(doc, 'roles', 'r-lead')!.postingOpenedOn)).toBeNull();
  });

  it('refuses BANANA as employment type (400) and a closing date in the past (422); no employer is a 422 too', async () => {
    const { app, id } = await setup();
    const banana = await app.request(agentLd(id, '&employmentType=BANANA&organization=Northwind'));
    expect(banana.status).toBe(400);
    expect(((await banana.json()) as ErrorJson).error.message).toMatch(
      /employmentType: comma-separated schema.org values/,
    );
    const past = await app.request(agentLd(id, '&validThrough=2020-01-01&organization=Northwind'));
    expect(past.status).toBe(422);
    expect(((await past.json()) as ErrorJson).error.message).toMatch(/validThrough/);
    const noEmployer = await app.request(agentLd(id, '&validThrough=2099-01-01'));
    expect(noEmployer.status).toBe(422);
    expect(((await noEmployer.json()) as ErrorJson).error.message).toMatch(
      /hiringOrganization.name: required.*set the legal employer name in the HR settings/,
    );
  });
});

describe('custom templates with HR facts (REST)', () => {
  it('refuses an unknown field naming it and the known ones, or fills it blank on request and says which', async () => {
    const { app, id } = await setup();
    const url = `/api/maps/${id}/roles/r-agent/export/template?extension=txt`;
    const body = 'Reports to {{ role.reportsTo }} in {{ role.location }}; cost centre {{ costCentre }}.';
    const refused = await app.request(url, { method: 'POST', body });
    expect(refused.status).toBe(400);
    const err = (await refused.json()) as ErrorJson;
    expect(err.error.message).toMatch(/unknown field "costCentre"; the fields are: .*role\.reportsTo/);
    const blank = await app.request(`${url}&unknownFields=blank`, { method: 'POST', body });
    expect(blank.status).toBe(200);
    expect(blank.headers.get('x-blank-fields')).toBe('costCentre');
    expect(await blank.text()).toBe(
      'Reports to Team lead in Hybrid: partly at Leeds, United Kingdom, partly from home; cost centre .',
    );
    const bad = await app.request(`${url}&unknownFields=maybe`, { method: 'POST', body });
    expect(bad.status).toBe(400);
  });
});

describe('pnpm export with HR facts (CLI)', () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const run = (args: string[], cwd: string) =>
    spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, INIT_CWD: cwd },
      encoding: 'utf8',
    });

  it('takes HR facts and settings as flags and files, checks them, and fills templates blank on request', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-cli-hr-'));
    fs.writeFileSync(path.join(dir, 'map.json'), JSON.stringify(sampleSupportMap()));
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(sampleHrSettings()));
    fs.writeFileSync(path.join(dir, 'lead.json'), JSON.stringify({ jobCode: 'CC-201', grade: 'C1' }));
    const base = ['--map', 'map.json', '--role', 'Team lead', '--settings', 'settings.json'];
    const flags = [
      '--hr',
      'lead.json',
      '--location',
      'Glasgow, GB',
      '--salary',
      'GBP 31000-34500 YEAR',
      '--employment-type',
      'FULL_TIME',
      '--closes',
      '2099-01-31',
    ];
    const ld = run([...base, ...flags, '--kind', 'job-ad', '--format', 'jsonld', '--out', '-'], dir);
    expect(ld.status, ld.stderr).toBe(0);
    const posting = JSON.parse(ld.stdout) as Record<string, unknown>;
    expect(checkJobPosting(posting, new Date().toISOString().slice(0, 10))).toEqual([]);
    expect(posting).toMatchObject({
      title: 'Team lead',
      identifier: { value: 'CC-201' },
      jobLocation: { address: { addressLocality: 'Glasgow', addressCountry: 'GB' } },
      baseSalary: { currency: 'GBP', value: { minValue: 31000, maxValue: 34500, unitText: 'YEAR' } },
      hiringOrganization: { name: 'Northwind Energy Ltd' },
    });

    // Without a location the posting cannot be published: the reason, and exit code 2.
    const missing = run([...base, '--kind', 'job-ad', '--format', 'jsonld', '--out', '-'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/jobLocation: required/);
    const bad = run([...base, '--salary', 'lots', '--kind', 'job-ad', '--format', 'md', '--out', '-'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--salary "lots": write it as "GBP 24000-27500 YEAR"/);
    const banana = run(
      [...base, '--employment-type', 'BANANA', '--kind', 'job-ad', '--format', 'md', '--out', '-'],
      dir,
    );
    expect(banana.status).toBe(2);
    expect(banana.stderr).toMatch(/employmentType/);

    fs.writeFileSync(path.join(dir, 'letter.txt'), '{{ role.grade }} in {{ role.location }} for {{ ledger }}');
    const refused = run([...base, ...flags, '--template', 'letter.txt', '--out', '-'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/unknown field "ledger"/);
    const blank = run([...base, ...flags, '--template', 'letter.txt', '--blank-unknown', '--out', '-'], dir);
    expect(blank.status, blank.stderr).toBe(0);
    expect(blank.stdout).toBe('C1 in On site: Glasgow, United Kingdom for ');
    expect(blank.stderr).toContain('left blank (not fields we have): ledger');
  });

  it('takes the interview options and the paper size', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-cli-interview-'));
    fs.writeFileSync(path.join(dir, 'map.json'), JSON.stringify(sampleSupportMap()));
    const guide = (...args: string[]) =>
      run(['--map', 'map.json', '--role', 'r-agent', '--kind', 'interview-guide', ...args, '--out', '-'], dir);
    interface Doc {
      paper?: string;
      properties: { label: string; value: string }[];
      blocks: { type: string; text?: string }[];
    }
    const json = (r: ReturnType<typeof run>) => {
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Doc;
    };
    const headings = (d: Doc) => d.blocks.filter((b) => b.type === 'heading').map((b) => b.text ?? '');

    // The pick by name or id, in the order given, for a 45-minute sitting on US Letter.
    const picked = json(
      guide(
        '--format',
        'json',
        '--length',
        '45',
        '--competencies',
        'Empathy, defusing-anger,listening carefully',
        '--paper',
        'Letter',
      ),
    );
    expect(picked.paper).toBe('Letter');
    expect(picked.properties).toContainEqual({ label: 'Length', value: '45 minutes' });
    expect(headings(picked).filter((h) => /^\d\. /.test(h))).toEqual([
      expect.stringMatching(/^1\. Empathy · /),
      expect.stringMatching(/^2\. Defusing anger · /),
      expect.stringMatching(/^3\. Listening carefully · /),
    ]);
    // Without --paper: the settings' paper (A4 by default).
    expect(json(guide('--format', 'json')).paper).toBe('A4');

    // A panel of two: one guide each, zipped; --member picks one guide.
    const panel = run(
      [
        '--map',
        'map.json',
        '--role',
        'r-agent',
        '--kind',
        'interview-guide',
        '--format',
        'md',
        '--panel',
        '2',
        '--out',
        'panel.zip',
      ],
      dir,
    );
    expect(panel.status, panel.stderr).toBe(0);
    const zip = fs.readFileSync(path.join(dir, 'panel.zip'));
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.toString('latin1')).toMatch(/interviewer-1\.md[\s\S]*interviewer-2\.md/);
    const second = json(guide('--format', 'json', '--interviewers', 'Ana,Ben', '--member', '2'));
    const first = json(guide('--format', 'json', '--interviewers', 'Ana,Ben', '--member', '1'));
    const asked = (d: Doc) =>
      headings(d)
        .filter((h) => /^\d\. /.test(h))
        .map((h) => h.replace(/^\d\. | · .*$/g, ''));
    expect(asked(first).length).toBeGreaterThan(0);
    expect(asked(second).length).toBeGreaterThan(0);
    expect(asked(first).filter((c) => asked(second).includes(c))).toEqual([]);

    // Bad values: the flag and what it takes, exit code 2.
    for (const [args, message] of [
      [['--length', '50'], /--length "50": one of 45, 60, 90/],
      [['--paper', 'A3'], /--paper "A3": A4 or Letter/],
      [['--panel', '9'], /--panel "9": a whole number 1 to 3/],
      [['--competencies', 'Empathy,Juggling'], /the role does not need "Juggling"/],
    ] as const) {
      const bad = guide('--format', 'md', ...args);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(message);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
