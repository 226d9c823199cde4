import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { RequirementSchema, RoleSchema, type MapSnapshot } from '@journeycraft/schema';
import { buildRoleProfile } from '@journeycraft/profiles';
import {
  KIND_INFO,
  ROLE_KINDS,
  buildRoleDocument,
  documentJsonSchema,
  exportMap,
  exportMapBatch,
  exportRole,
  exportRoleBatch,
  exportDevelopmentPlans,
  parseAssessmentsCsv,
  sampleSupportMap,
  jobPosting,
  sampleHrSettings,
  renderHtml,
  renderMarkdown,
  type ExportFile,
  type ExportFormat,
  type RoleKind,
} from '../src/index.js';
import { docxToText, pdfToText, roleFor } from './helpers.js';

const now = new Date('2026-03-02T09:00:00Z');
const map = sampleSupportMap();

/** Words every document of a kind must contain (title and something from the map). */
const EXPECTED: Record<RoleKind | 'coverage-matrix', string[]> = {
  'job-description': ['Job description', 'Contact centre agent', 'Billing dispute call', 'Empathy', 'Reports to'],
  'job-ad': ['Contact centre agent', 'Northwind Energy', 'What you will do', '£24,000 to £27,500 a year'],
  'interview-guide': ['Structured interview guide', 'Defusing anger', 'Listen for', 'Scorecard', 'No evidence'],
  scorecard: ['Candidate scorecard', 'Empathy', 'Recommendation'],
  'review-form': ['Performance review', 'First contact resolution', 'Never put an upset customer on hold'],
  'observation-checklist': [
    'Observation and coaching checklist',
    'Feedback log',
    'Team climate check',
    'Billing dispute call',
  ],
  'development-plan': ['Development plan', 'Contact centre agent', 'Empathy', 'Agreed actions'],
  'onboarding-plan': ['Onboarding plan', 'Shadow a colleague', 'Billing dispute call'],
  'succession-plan': ['Succession plan', 'Bench strength', 'Successor candidates', 'Team lead', 'CONFIDENTIAL'],
  'pipeline-plan': ['Pipeline plan', 'Contact centre agent', 'Bench per competency', 'INTERNAL'],
  'coverage-matrix': ['Coverage matrix', 'Billing specialist', 'Team lead', 'Contact centre agent'],
};

const files = new Map<string, { kind: string; format: ExportFormat; file: ExportFile }>();

beforeAll(async () => {
  for (const kind of ROLE_KINDS) {
    for (const format of KIND_INFO.find((k) => k.kind === kind)!.formats) {
      const file = await exportRole(map, roleFor(kind), kind, format, { now, organization: 'Northwind Energy' });
      files.set(`${kind}.${format}`, { kind, format, file });
    }
  }
  for (const format of KIND_INFO.find((k) => k.kind === 'coverage-matrix')!.formats) {
    files.set(`coverage-matrix.${format}`, {
      kind: 'coverage-matrix',
      format,
      file: await exportMap(map, 'coverage-matrix', format, { now }),
    });
  }
});

function text(key: string): string {
  return new TextDecoder().decode(files.get(key)!.file.bytes);
}

describe('every kind in every format', () => {
  it('generates each kind × format with the right file type', () => {
    const expectedCount = KIND_INFO.reduce((n, k) => n + k.formats.length, 0);
    expect(files.size).toBe(expectedCount);
    for (const { format, file } of files.values()) {
      expect(file.bytes.byteLength).toBeGreaterThan(30);
      if (format === 'docx' || format === 'xlsx') expect(strFromU8(file.bytes.subarray(0, 2))).toBe('PK');
      if (format === 'pdf') expect(strFromU8(file.bytes.subarray(0, 5))).toBe('%PDF-');
    }
  });

  it('DOCX files open in LibreOffice and hold the expected text', () => {
    const docx: Record<string, Uint8Array> = {};
    for (const [key, { format, file }] of files)
      if (format === 'docx') docx[`${key.replace('.docx', '')}.docx`] = file.bytes;
    const texts = docxToText(docx);
    for (const [name, body] of Object.entries(texts)) {
      const kind = name.replace(/\.docx$/, '') as keyof typeof EXPECTED;
      for (const word of EXPECTED[kind]) expect(body, `${name} should contain "${word}"`).toContain(word);
    }
  });

  it('PDF files hold the expected text (Roboto, page numbers)', () => {
    for (const [key, { kind, format, file }] of files) {
      if (format !== 'pdf') continue;
      const body = pdfToText(file.bytes);
      for (const word of EXPECTED[kind as keyof typeof EXPECTED]) expect(body, `${key}: "${word}"`).toContain(word);
      expect(body).toMatch(/Page 1 of \d+/);
    }
  });

  it('Markdown and HTML hold the expected text', () => {
    for (const [key, { kind, format }] of files) {
      if (format !== 'md' && format !== 'html') continue;
      const body = text(key).replace(/\\/g, '').replace(/&#39;/g, "'");
      for (const word of EXPECTED[kind as keyof typeof EXPECTED]) expect(body, `${key}: "${word}"`).toContain(word);
    }
    expect(text('interview-guide.html')).toContain('@media print');
  });
});

describe('JSON', () => {
  const published = JSON.parse(fs.readFileSync(new URL('../document.schema.json', import.meta.url), 'utf8')) as object;

  it('the published schema file is the one generated from the code', () => {
    expect(published).toEqual(documentJsonSchema());
  });

  it('every JSON export validates against the published schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    const validate = ajv.compile(published);
    let checked = 0;
    for (const [key, { format }] of files) {
      if (format !== 'json') continue;
      const ok = validate(JSON.parse(text(key)));
      expect(ok, `${key}: ${JSON.stringify(validate.errors)}`).toBe(true);
      checked++;
    }
    expect(checked).toBe(KIND_INFO.length);
    expect(validate({ format: 'journeycraft.document', version: 1 })).toBe(false);
  });
});

describe('JSON-LD JobPosting', () => {
  // Every rule of the JobPosting is tested in hr.test.ts; here the file of the batch above.
  it('is the checked JobPosting of the role', () => {
    const ld = JSON.parse(text('job-ad.jsonld')) as Record<string, unknown>;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'Contact centre agent',
      datePosted: '2026-03-01',
      hiringOrganization: { '@type': 'Organization', name: 'Northwind Energy' },
      identifier: { '@type': 'PropertyValue', value: 'REQ-2026-031' },
      occupationalCategory: 'Customer care',
      totalJobOpenings: 2,
    });
    expect(ld.description).toMatch(/^<p class="lead">Northwind Energy is looking for a Contact centre agent/);
    expect(ld.skills).toContain('Empathy');
  });

  it('escapes HTML in the description', () => {
    const m = structuredClone(map);
    m.roles[0]!.purpose = '<img src=x onerror=alert(1)>';
    const ld = jobPosting({ map: m, profile: buildProfile(m), now, organization: '', settings: sampleHrSettings() });
    expect(ld.description).not.toContain('<img');
    expect(ld.description).toContain('&#60;img');
  });
});

function buildProfile(m: MapSnapshot) {
  return buildRoleProfile(m, 'r-agent')!;
}

describe('formula injection and escaping', () => {
  function hostileMap(): MapSnapshot {
    const m = structuredClone(map);
    m.roles.push(RoleSchema.parse({ id: 'r-evil', name: '@evil role', team: '+team' }));
    m.requirements.push(
      RequirementSchema.parse({
        id: 'q-evil',
        roleId: 'r-evil',
        touchpointId: 't-dispute',
        competencyId: 'empathy',
        level: 3,
        behaviour: '=cmd()',
      }),
      RequirementSchema.parse({
        id: 'q-evil2',
        roleId: 'r-evil',
        touchpointId: 't-answer',
        competencyId: 'warmth',
        level: 2,
        behaviour: '-2+3',
      }),
    );
    m.competencies.find((c) => c.id === 'warmth')!.name = '=HYPERLINK("http://x","y")';
    return m;
  }

  it('CSV cells that start with = + - @ tab or CR get a leading apostrophe', async () => {
    const m = hostileMap();
    const csv = new TextDecoder().decode(
      (await exportRole(m, 'r-evil', 'observation-checklist', 'csv', { now })).bytes,
    );
    expect(csv).toContain("'=cmd()");
    expect(csv).toContain("'-2+3");
    const matrix = new TextDecoder().decode((await exportMap(m, 'coverage-matrix', 'csv', { now })).bytes);
    expect(matrix).toContain("'@evil role");
    expect(matrix).toContain(`"'=HYPERLINK(""http://x"",""y"")",HOW`);
    for (const line of (csv + matrix).replace(/^\uFEFF/, '').split('\r\n')) {
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('XLSX has no formula cell and keeps the text', async () => {
    const m = hostileMap();
    for (const file of [
      await exportRole(m, 'r-evil', 'observation-checklist', 'xlsx', { now }),
      await exportRole(m, 'r-evil', 'scorecard', 'xlsx', { now }),
      await exportMap(m, 'coverage-matrix', 'xlsx', { now }),
    ]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
      const values: string[] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            expect(cell.formula).toBeFalsy();
            values.push(String(cell.value));
          }),
        ),
      );
      for (const v of values) expect(v).not.toMatch(/^[=+\-@\t\r]/);
      if (file.filename.includes('observation')) expect(values).toContain("'=cmd()");
    }
  });

  it('HTML escapes all user text; Markdown escapes markup', () => {
    const m = structuredClone(map);
    m.roles[0]!.name = '<script>alert("x")</script>';
    m.requirements[0]!.behaviour = '<img src=x onerror=alert(1)> & **bold**';
    const doc = buildRoleDocument(m, 'r-agent', 'observation-checklist', { now });
    const html = renderHtml(doc);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;script&#62;');
    const md = renderMarkdown(doc);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\*\\*bold\\*\\*');
  });
});

describe('documents are pure', () => {
  it('the same map and time give the same document, and the map is not changed', () => {
    const before = structuredClone(map);
    for (const kind of ROLE_KINDS) {
      expect(buildRoleDocument(map, roleFor(kind), kind, { now })).toEqual(
        buildRoleDocument(map, roleFor(kind), kind, { now }),
      );
    }
    expect(map).toEqual(before);
  });

  it('an unknown role is a not_found error', () => {
    expect(() => buildRoleDocument(map, 'nobody', 'job-description')).toThrow(/role "nobody" is not on the map/);
  });

  it('a role with nothing on the map still gets every document', async () => {
    const m = structuredClone(map);
    m.roles.push(RoleSchema.parse({ id: 'r-new', name: 'Quality analyst' }));
    // One seat: the succession plan fits, the pipeline plan does not (and says so).
    await expect(exportRole(m, 'r-new', 'pipeline-plan', 'md', { now })).rejects.toThrow(/succession plan/);
    for (const kind of ROLE_KINDS.filter((k) => k !== 'pipeline-plan')) {
      const file = await exportRole(m, 'r-new', kind, 'md', { now });
      expect(new TextDecoder().decode(file.bytes)).toContain('Quality analyst');
    }
  });
});

describe('batches', () => {
  it('zips one kind for every role', async () => {
    const progress: number[] = [];
    const zip = await exportMapBatch(map, ['interview-guide'], 'docx', { now, onProgress: (d) => progress.push(d) });
    const entries = Object.keys(unzipSync(zip.bytes)).sort();
    expect(entries).toEqual([
      'billing-specialist-interview-guide.docx',
      'contact-centre-agent-interview-guide.docx',
      'team-lead-interview-guide.docx',
    ]);
    expect(progress).toEqual([1, 2, 3]);
    expect(zip.filename).toBe('billing-support-call-interview-guide-docx.zip');
  });

  it('lets timers run between the documents of a batch (the server keeps syncing meanwhile)', async () => {
    // A timer queued before the batch fires only if the batch yields to the event loop.
    const turns: number[] = [];
    const seenAt: number[] = [];
    let done = 0;
    const tick = () => {
      turns.push(done);
      if (turns.length < 50) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await exportMapBatch(map, ['job-description', 'interview-guide'], 'md', {
      now,
      onProgress: (d) => {
        done = d;
        seenAt.push(turns.length);
      },
    });
    // the loop turned between documents: the timer saw the batch part-done, not only before or after
    expect(turns.some((d) => d > 0 && d < 6)).toBe(true);
    expect(new Set(seenAt).size).toBeGreaterThan(1);
  });

  it('stores DOCX entries in a batch zip without deflating them again', async () => {
    const zip = await exportMapBatch(map, ['interview-guide'], 'docx', { now });
    const view = new DataView(zip.bytes.buffer, zip.bytes.byteOffset, zip.bytes.byteLength);
    // local file header: signature PK\x03\x04, compression method at offset 8 (0 = stored)
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(8, true)).toBe(0);
    expect(Object.keys(unzipSync(zip.bytes))).toHaveLength(3);
  });

  it('zips every kind for one role', async () => {
    const zip = await exportRoleBatch(map, 'r-lead', 'md', { now });
    const entries = Object.keys(unzipSync(zip.bytes));
    // The team lead has 3 seats: its succession plan, not a pipeline plan.
    expect(entries).toHaveLength(ROLE_KINDS.length - 1);
    expect(entries).toContain('team-lead-succession-plan.md');
    expect(entries).not.toContain('team-lead-pipeline-plan.md');
  });
});

describe('development plans from assessments', () => {
  const csv = [
    'person,competency,level,assessed_on,assessor,note',
    'Sam Patel,empathy,2,2026-02-01,Ana,Apologises but does not name the impact',
    'Sam Patel,Defusing anger,4,2026-02-01,Ana,',
    'Sam Patel,listening-carefully,3,,,',
    'Jo Kim;bad',
  ].join('\n');

  it('rejects a bad file with line numbers', () => {
    const result = parseAssessmentsCsv(csv, map.competencies);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ line: 5 });
    const missing = parseAssessmentsCsv('name,level\nx,1', map.competencies);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors[0]!.message).toMatch(/missing "person", "competency"/);
  });

  it('builds the gap table and goals from assessed levels', async () => {
    const result = parseAssessmentsCsv(csv.split('\n').slice(0, 4).join('\n'), map.competencies);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const doc = buildRoleDocument(map, 'r-agent', 'development-plan', {
      now,
      person: 'Sam Patel',
      assessments: result.assessments,
    });
    const gaps = doc.blocks.find((b) => b.type === 'table' && b.id === 'gaps');
    expect(gaps?.type === 'table' && gaps.rows[0]).toEqual(['Empathy', 'HOW', '4', '2', '2', 'High']);
    expect(gaps?.type === 'table' && gaps.rows.find((r) => r[0] === 'Defusing anger')).toEqual([
      'Defusing anger',
      'HOW',
      '4',
      '4',
      '0',
      'Met',
    ]);
    const md = renderMarkdown(doc);
    expect(md).toContain('Empathy: from level 2 to level 4');
    expect(md).toContain('Apologises but does not name the impact');

    const two = parseAssessmentsCsv(`${csv.split('\n').slice(0, 4).join('\n')}\nJo Kim,empathy,4,,,`, map.competencies);
    if (!two.ok) throw new Error('expected ok');
    const zip = await exportDevelopmentPlans(map, 'r-agent', two.assessments, 'md', { now });
    expect(Object.keys(unzipSync(zip.bytes)).sort()).toEqual([
      'contact-centre-agent-development-plan-jo-kim.md',
      'contact-centre-agent-development-plan-sam-patel.md',
    ]);
  });
});
