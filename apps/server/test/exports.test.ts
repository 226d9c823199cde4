import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8, strToU8, zipSync } from 'fflate';
import { applySnapshot, serverOrigin } from '@journeycraft/doc';
import { sampleSupportMap } from '@journeycraft/export';
import { openSqliteStorage, Rooms, silentLogger } from '../src/index.js';
import { ownerApp } from './auth-helpers.js';
import { minimalDocx, sampleMapApp } from './sample-app.js';

const setup = () => sampleMapApp();

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('export routes', () => {
  it('lists kinds and formats', async () => {
    const { app } = await setup();
    const res = await app.request('/api/export/kinds');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { kinds: { kind: string; formats: string[] }[]; formats: { format: string }[] };
    expect(body.kinds.map((k) => k.kind)).toContain('interview-guide');
    expect(body.kinds.find((k) => k.kind === 'job-ad')!.formats).toContain('jsonld');
    expect(body.formats.map((f) => f.format)).toEqual(['docx', 'pdf', 'md', 'html', 'json', 'jsonld', 'xlsx', 'csv']);
  });

  it('exports a role document as a download, by role id or name', async () => {
    const { app, id } = await setup();
    const docx = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=interview-guide&format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(docx.headers.get('content-disposition')).toContain('filename="contact-centre-agent-interview-guide.docx"');
    const bytes = new Uint8Array(await docx.arrayBuffer());
    expect(Object.keys(unzipSync(bytes))).toContain('word/document.xml');
    expect(strFromU8(unzipSync(bytes)['word/document.xml']!)).toContain('Defusing anger');

    const pdf = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=review-form&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(strFromU8(new Uint8Array(await pdf.arrayBuffer()).subarray(0, 5))).toBe('%PDF-');

    const ld = await app.request(
      `/api/maps/${id}/roles/${encodeURIComponent('Contact centre agent')}/export?kind=job-ad&format=jsonld&organization=Northwind&employmentType=FULL_TIME&validThrough=2099-12-31`,
    );
    expect(ld.status).toBe(200);
    expect(await ld.json()).toMatchObject({
      '@type': 'JobPosting',
      title: 'Contact centre agent',
      hiringOrganization: { name: 'Northwind' },
      employmentType: 'FULL_TIME',
    });

    const csv = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=scorecard&format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const raw = new Uint8Array(await csv.arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(strFromU8(raw.subarray(3))).toMatch(/^#,Competency,Weight,Level needed,Rating,Weight × rating\r\n/);
  });

  it('answers bad input with 4xx JSON naming the problem', async () => {
    const { app, id } = await setup();
    const kind = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=poem&format=docx`);
    expect(kind.status).toBe(400);
    expect(await errorOf(kind)).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('kind') });

    const noFormat = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=job-ad`);
    expect(noFormat.status).toBe(400);
    expect((await errorOf(noFormat)).message).toContain('format');

    const ld = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=interview-guide&format=jsonld`);
    expect(ld.status).toBe(400);
    expect((await errorOf(ld)).message).toMatch(/not available for interview-guide/);

    const extra = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=job-ad&format=md&colour=red`);
    expect(extra.status).toBe(400);

    const role = await app.request(`/api/maps/${id}/roles/nobody/export?kind=job-ad&format=md`);
    expect(role.status).toBe(404);
    expect(await errorOf(role)).toMatchObject({ code: 'not_found', message: expect.stringContaining('nobody') });

    expect((await app.request(`/api/maps/nomap/roles/r-agent/export?kind=job-ad&format=md`)).status).toBe(404);
    const batch = await app.request(`/api/maps/${id}/export.zip?format=docx&kinds=job-ad,poem`);
    expect(batch.status).toBe(400);
    expect((await errorOf(batch)).message).toContain('"poem"');
  });

  it('plans the interview from the query: length, the pick of competencies, the panel', async () => {
    const { app, id } = await setup();
    const base = `/api/maps/${id}/roles/r-agent/export?kind=interview-guide&format=md`;
    const short = await app.request(`${base}&length=45&competencies=warmth,empathy`);
    expect(short.status).toBe(200);
    const md = await short.text();
    expect(md).toContain('**Length:** 45 minutes');
    expect(md).toMatch(/1\. Warm and friendly manner · /);
    expect(md).toMatch(/2\. Empathy · /);
    expect(md).not.toMatch(/\d\. Defusing anger · /);

    const panel = await app.request(`${base}&interviewers=${encodeURIComponent('Ana Silva,Ben Okafor')}`);
    expect(panel.status).toBe(200);
    expect(panel.headers.get('content-type')).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(await panel.arrayBuffer()))).sort()).toEqual([
      'contact-centre-agent-interview-guide-1-ana-silva.md',
      'contact-centre-agent-interview-guide-2-ben-okafor.md',
    ]);
    const second = await app.request(`${base}&panel=2&member=2`);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('Interviewer 1 opens and closes the interview');

    const planned = await app.request(`/api/maps/${id}/roles/r-agent/interview-plan?length=90&panel=2`);
    expect(planned.status).toBe(200);
    const plan = (await planned.json()) as {
      minutes: number;
      interviewers: string[];
      competencies: { id: string; member: number; minutes: number; weight: number }[];
      notCovered: { id: string; reason: string }[];
      candidates: { id: string }[];
    };
    expect(plan.minutes).toBe(90);
    expect(plan.interviewers).toEqual(['Interviewer 1', 'Interviewer 2']);
    expect(plan.competencies).toHaveLength(6);
    expect(new Set(plan.competencies.map((pc) => pc.member))).toEqual(new Set([1, 2]));
    expect(plan.competencies.reduce((s, pc) => s + pc.weight, 0)).toBe(100);
    expect(plan.candidates).toHaveLength(9);
    expect(plan.notCovered.map((n) => n.id)).toContain('living-the-brand-promise');
    const badPlan = await app.request(`/api/maps/${id}/roles/r-agent/interview-plan?competencies=nope`);
    expect(badPlan.status).toBe(400);
    expect((await errorOf(badPlan)).message).toMatch(/does not need "nope"/);

    for (const [query, message] of [
      ['&length=50', /length/],
      ['&competencies=nope', /does not need "nope"/],
      ['&competencies=living-the-brand-promise', /organisational/],
      ['&panel=4', /panel/],
      ['&panel=2&member=3', /panel member 3/],
    ] as const) {
      const res = await app.request(`${base}${query}`);
      expect(res.status, query).toBe(400);
      expect((await errorOf(res)).message, query).toMatch(message);
    }
  });

  it('offers the plan that fits: 422 for a succession plan of a many-seat role, a pipeline plan from the stored assessments', async () => {
    const { app, id } = await setup();
    const refused = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=succession-plan&format=pdf`);
    expect(refused.status).toBe(422);
    expect((await errorOf(refused)).message).toMatch(/Contact centre agent has 24 seats.*pipeline-plan/);

    const csv = ['person,role,competency,level', 'Ana,r-agent,empathy,4', 'Ben,r-agent,empathy,2'].join('\n');
    expect((await app.request(`/api/maps/${id}/assessments/import`, { method: 'POST', body: csv })).status).toBe(200);
    const plan = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=pipeline-plan&format=csv`);
    expect(plan.status).toBe(200);
    expect(await plan.text()).toContain('Empathy,HOW,4,Yes,1 of 24,23,High');

    const zip = await app.request(`/api/maps/${id}/roles/r-agent/export.zip?format=md`);
    const names = Object.keys(unzipSync(new Uint8Array(await zip.arrayBuffer())));
    expect(names).toContain('contact-centre-agent-pipeline-plan.md');
    expect(names).not.toContain('contact-centre-agent-succession-plan.md');
  });

  it('takes the paper size per export: US Letter or A4', async () => {
    const { app, id } = await setup();
    const media = async (query: string) => {
      const res = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=review-form&format=pdf${query}`);
      expect(res.status).toBe(200);
      return /\/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(strFromU8(new Uint8Array(await res.arrayBuffer())))!;
    };
    const letter = await media('&paperSize=Letter');
    expect([Number(letter[1]), Number(letter[2])]).toEqual([612, 792]);
    const a4 = await media('');
    expect(Math.round(Number(a4[1]))).toBe(595);
    const bad = await app.request(`/api/maps/${id}/roles/r-agent/export?kind=review-form&format=pdf&paperSize=A5`);
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toContain('paperSize');
  });

  it('zips every role of a map, and every kind of a role', async () => {
    const { app, id } = await setup();
    const all = await app.request(`/api/maps/${id}/export.zip?format=md&kinds=job-description,interview-guide`);
    expect(all.status).toBe(200);
    expect(all.headers.get('content-type')).toBe('application/zip');
    const entries = Object.keys(unzipSync(new Uint8Array(await all.arrayBuffer()))).sort();
    expect(entries).toHaveLength(6);
    expect(entries).toContain('team-lead/team-lead-interview-guide.md');

    const one = await app.request(`/api/maps/${id}/roles/r-billing/export.zip?format=html`);
    expect(one.status).toBe(200);
    const files = unzipSync(new Uint8Array(await one.arrayBuffer()));
    expect(Object.keys(files)).toContain('billing-specialist-succession-plan.html');
  });

  it('exports the coverage matrix and development plans from an assessments CSV', async () => {
    const { app, id } = await setup();
    const xlsx = await app.request(`/api/maps/${id}/export?kind=coverage-matrix&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('billing-support-call-coverage-matrix.xlsx');

    const csv = 'person,competency,level\nSam Patel,empathy,2\nSam Patel,Defusing anger,3\n';
    const plan = await app.request(`/api/maps/${id}/roles/r-agent/development-plan?format=md`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(plan.status).toBe(200);
    const md = await plan.text();
    expect(md).toContain('Sam Patel');
    expect(md).toContain('Empathy: from level 2 to level 4');

    const bad = await app.request(`/api/maps/${id}/roles/r-agent/development-plan?format=md`, {
      method: 'POST',
      body: 'person,competency,level\nSam,juggling,9\n',
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/line 2: competency "juggling"/);
  });

  it('fills an uploaded DOCX or text template, and names the bad tag of a broken one', async () => {
    const { app, id } = await setup();
    const docx = minimalDocx([
      'Profile: {role.name}',
      '{#competencies}',
      '- {name} (level {level})',
      '{/competencies}',
    ]);
    const filled = await app.request(`/api/maps/${id}/roles/r-agent/export/template`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: docx,
    });
    expect(filled.status).toBe(200);
    expect(filled.headers.get('content-disposition')).toContain('contact-centre-agent-custom.docx');
    const xml = strFromU8(unzipSync(new Uint8Array(await filled.arrayBuffer()))['word/document.xml']!);
    expect(xml).toContain('Profile: Contact centre agent');
    expect(xml).toContain('- Empathy (level 4)');
    expect(xml).not.toContain('{');

    const form = new FormData();
    form.append(
      'template',
      new File(['# {{ role.name }}\n{% for t in touchpoints %}* {{ t.title }}\n{% endfor %}'], 'profile.md'),
    );
    const text = await app.request(`/api/maps/${id}/roles/Team%20lead/export/template`, { method: 'POST', body: form });
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(text.headers.get('content-disposition')).toContain('team-lead-custom.md');
    expect(await text.text()).toBe('# Team lead\n* Call answered\n* Billing dispute call\n* Satisfaction survey\n');

    const unknown = await app.request(`/api/maps/${id}/roles/r-agent/export/template`, {
      method: 'POST',
      body: minimalDocx(['{#competencies}{nmae}{/competencies}']),
    });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toContain('{nmae}');

    const liquid = await app.request(`/api/maps/${id}/roles/r-agent/export/template`, {
      method: 'POST',
      body: '{{ role.bonus }}',
    });
    expect(liquid.status).toBe(400);
    expect((await errorOf(liquid)).message).toContain('role.bonus');

    const notWord = await app.request(`/api/maps/${id}/roles/r-agent/export/template`, {
      method: 'POST',
      body: zipSync({ 'x.txt': strToU8('x') }),
    });
    expect(notWord.status).toBe(400);
    expect((await errorOf(notWord)).message).toMatch(/not a Word document/);
    const binary = await app.request(`/api/maps/${id}/roles/r-agent/export/template`, {
      method: 'POST',
      body: new Uint8Array([0xff, 0xfe, 0x00, 0x00]),
    });
    expect(binary.status).toBe(400);
  });

  it('lists the template fields with sample values and previews a template', async () => {
    const { app } = await setup();
    const fields = (await (await app.request('/api/export/template-fields')).json()) as {
      fields: { name: string }[];
      sample: { role: { name: string } };
    };
    expect(fields.fields.map((f) => f.name)).toContain('competencies');
    expect(fields.sample.role.name).toBe('Contact centre agent');
    const preview = await app.request('/api/export/template/preview?extension=txt', {
      method: 'POST',
      body: '{{ organization }}: {{ role.name }}',
    });
    expect(preview.status).toBe(200);
    expect(await preview.text()).toBe('Northwind Energy: Contact centre agent');
  });

  it('names a filled text template after the format inside `.liquid`, and never after a binary format', async () => {
    const { app } = await setup();
    const previewOf = async (name: string, text: string) => {
      const form = new FormData();
      form.append('template', new File([text], name));
      const res = await app.request('/api/export/template/preview', { method: 'POST', body: form });
      expect(res.status).toBe(200);
      return { disposition: res.headers.get('content-disposition'), type: res.headers.get('content-type'), res };
    };
    const letter = await previewOf('offer.html.liquid', '<p>{{ role.name }}</p>');
    expect(letter.disposition).toContain('filename="template-preview.html"');
    expect(letter.type).toBe('text/html; charset=utf-8');
    const notWord = await previewOf('profile.docx', 'Hi {{ role.name }}');
    expect(notWord.disposition).toContain('filename="template-preview.txt"');
    expect(notWord.type).toBe('text/plain; charset=utf-8');
    expect(await notWord.res.text()).toBe('Hi Contact centre agent');
  });
});

describe('pnpm export (CLI)', () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const run = (args: string[], cwd: string) =>
    execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], {
      // Like `pnpm export`: node runs in the repository, INIT_CWD is where the user typed the command.
      cwd: fileURLToPath(new URL('../../..', import.meta.url)),
      env: { ...process.env, INIT_CWD: cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('exports from the SQLite data directory and from a snapshot file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jc-cli-'));
    const storage = openSqliteStorage(path.join(dir, 'journeycraft.sqlite'));
    const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 500, idleMs: 60_000 });
    const app = ownerApp({ storage, rooms, log: silentLogger, maxBodyBytes: 1024 * 1024 });
    const created = await app.request('/api/maps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Billing support call' }),
    });
    const { id } = (await created.json()) as { id: string };
    await rooms.withDoc(id, (doc) => applySnapshot(doc, sampleSupportMap(), serverOrigin('template')));
    await rooms.shutdown();
    await storage.close();

    const md = run(
      ['--data-dir', dir, '--map', id, '--role', 'Team lead', '--kind', 'job-ad', '--format', 'md', '--out', '-'],
      dir,
    );
    expect(md.toString()).toContain('# Team lead');

    fs.writeFileSync(path.join(dir, 'map.json'), JSON.stringify(sampleSupportMap()));
    run(['--map', 'map.json', '--role', 'r-agent', '--kind', 'interview-guide', '--format', 'docx'], dir);
    const docx = fs.readFileSync(path.join(dir, 'contact-centre-agent-interview-guide.docx'));
    expect(Object.keys(unzipSync(new Uint8Array(docx)))).toContain('word/document.xml');

    // Map ids (and file names) may start with "-": still the value of --map, not an option.
    fs.copyFileSync(path.join(dir, 'map.json'), path.join(dir, '-dash.json'));
    const fromDash = run(
      ['--map', '-dash.json', '--role', 'Team lead', '--kind', 'job-ad', '--format', 'md', '--out', '-'],
      dir,
    );
    expect(fromDash.toString()).toContain('# Team lead');

    let failure = '';
    try {
      run(['--map', 'map.json', '--role', 'Nobody', '--kind', 'job-ad'], dir);
    } catch (err) {
      failure = String((err as { stderr: Buffer }).stderr);
    }
    expect(failure).toContain('no role "Nobody"');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
