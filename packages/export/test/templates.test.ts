import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { unzipSync, strFromU8, zipSync, strToU8 } from 'fflate';
import {
  TEMPLATE_FIELDS,
  TemplateError,
  checkTemplate,
  fillTemplate,
  renderTextTemplate,
  sampleSupportMap,
  sampleTemplateData,
  type TemplateField,
} from '../src/index.js';
import { LimitExceededError } from '@journeycraft/schema';
import { docxToText } from './helpers.js';

const map = sampleSupportMap();
const now = new Date('2026-03-02T09:00:00Z');

/** A Word file whose paragraphs are the given lines (each line may mix text and tags). */
async function wordTemplate(lines: string[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function documentText(docx: Uint8Array): string {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

async function expectTemplateError(p: Promise<unknown>, pattern: RegExp): Promise<TemplateError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(pattern);
    return err as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

async function limitError(p: Promise<unknown>): Promise<LimitExceededError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(LimitExceededError);
    return err as LimitExceededError;
  }
  throw new Error('expected a LimitExceededError');
}

describe('DOCX templates (docxtemplater, logic-less)', () => {
  it('fills fields and loops over competencies, behaviours and evidence', async () => {
    const template = await wordTemplate([
      'Role profile: {role.name} ({role.team})',
      'Prepared {generatedOn} for {organization}',
      '{#competencies}',
      '{name} [{kind}], level {level} ({levelName})',
      '{#behaviours}* {.}{/behaviours}',
      '{#evidence}Where: {touchpoint}{#momentOfTruth} (moment of truth){/momentOfTruth}{/evidence}',
      '{/competencies}',
      '{#touchpoints}Touchpoint: {title} / {involvement}{/touchpoints}',
      '{#criticality.successionRisk}Succession risk: {criticality.reason}{/criticality.successionRisk}',
    ]);
    const out = await fillTemplate(map, 'r-agent', template, { now, organization: 'Northwind Energy' });
    expect(out.extension).toBe('docx');
    const text = documentText(out.bytes);
    expect(text).toContain('Role profile: Contact centre agent (Customer care)');
    expect(text).toContain('Prepared 2 March 2026 for Northwind Energy');
    const data = sampleTemplateData(now);
    for (const c of data.competencies)
      expect(text).toContain(`${c.name} [${c.kind}], level ${c.level} (${c.levelName})`);
    expect(text).toContain(`* ${data.competencies[0]!.behaviours[0]}`);
    expect(text).toContain('Where: Billing dispute call (moment of truth)');
    expect(text).toContain('Touchpoint: Follow-up email / Performs');
    expect(text).toMatch(/Succession risk: critical \(score \d+/);
    expect(text).not.toContain('{');

    // It is still a Word document a real reader opens.
    const converted = docxToText({ 'filled.docx': out.bytes });
    expect(converted['filled.docx']).toContain('Role profile: Contact centre agent');
    expect(converted['filled.docx']).toContain('Empathy [HOW], level 4 (Advanced)');
  });

  it('an unknown tag is refused, naming the tag', async () => {
    const err = await expectTemplateError(
      fillTemplate(map, 'r-agent', await wordTemplate(['Hello {role.nmae}'])),
      /unknown field "\{role\.nmae\}"/,
    );
    expect(err.tags).toContain('role.nmae');
    expect(err.status).toBe(400);
  });

  it('a syntax error is refused, naming the tag', async () => {
    await expectTemplateError(
      fillTemplate(map, 'r-agent', await wordTemplate(['{#competencies}', '{name}'])),
      /competencies/,
    );
    await expectTemplateError(fillTemplate(map, 'r-agent', await wordTemplate(['Hello {role.name'])), /role\.name/);
  });

  it('expressions are refused: the parser is logic-less', async () => {
    await expectTemplateError(
      fillTemplate(map, 'r-agent', await wordTemplate(['{role.name | upper}'])),
      /not a field name.*\{role\.name \| upper\}/,
    );
    await expectTemplateError(
      fillTemplate(map, 'r-agent', await wordTemplate(['{constructor.constructor("return process")()}'])),
      /not a field name/,
    );
  });

  it('a field used outside its loop is refused, naming it', async () => {
    await expectTemplateError(fillTemplate(map, 'r-agent', await wordTemplate(['{levelName}'])), /\{levelName\}.*loop/);
  });
});

describe('text templates (LiquidJS in a worker)', () => {
  const data = sampleTemplateData(now);

  it('renders loops and fields', async () => {
    const out = await renderTextTemplate(
      '# {{ role.name }}\n{% for c in howCompetencies %}- {{ c.name }}: level {{ c.level }}\n{% endfor %}{{ metrics | size }} metrics',
      data,
    );
    expect(out).toContain('# Contact centre agent');
    expect(out).toContain('- Empathy: level 4');
    expect(out).toMatch(/\d+ metrics$/);
  });

  it('names an unknown variable or filter', async () => {
    await expectTemplateError(renderTextTemplate('{{ role.nmae }}', data), /role\.nmae/);
    await expectTemplateError(renderTextTemplate('{{ role.name | shout }}', data), /shout/);
    await expectTemplateError(renderTextTemplate('{% for c in competencies %}', data), /for/);
  });

  it('cannot read files', async () => {
    await expectTemplateError(renderTextTemplate("{% include '/etc/passwd' %}", data), /not allowed/);
    await expectTemplateError(renderTextTemplate("{% render 'secrets' %}", data), /not allowed/);
    await expectTemplateError(renderTextTemplate("{% layout 'x' %}", data), /not allowed/);
  });

  it('stops runaway templates by time and by output size, naming the limit', async () => {
    const slow = await limitError(
      renderTextTemplate(
        '{% for i in (1..1000) %}{% for j in (1..1000) %}{% for k in (1..1000) %}{% endfor %}{% endfor %}{% endfor %}',
        data,
        { timeMs: 500 },
      ),
    );
    expect(slow.status).toBe(422);
    expect(slow.limit).toMatchObject({ name: 'timeMs', max: 500, setting: 'EXPORT_TIME_MS' });
    const big = await limitError(
      renderTextTemplate('{% for i in (1..5000) %}{{ role.purpose }}{% endfor %}', data, { maxOutputBytes: 10_000 }),
    );
    expect(big.status).toBe(413);
    expect(big.limit).toMatchObject({ name: 'outputBytes', max: 10_000 });
  });

  it('escapes every output in HTML templates', async () => {
    const m = structuredClone(map);
    m.roles[0]!.name = '<script>alert(1)</script>';
    const out = await fillTemplate(m, 'r-agent', strToU8('<h1>{{ role.name }}</h1>'), { extension: 'html' });
    expect(out.mimeType).toBe('text/html; charset=utf-8');
    expect(strFromU8(out.bytes)).toBe('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
  });
});

describe('the file a text template makes', () => {
  it('never names filled text after a binary format, and reads .markdown and .liquid sensibly', async () => {
    const fill = (extension?: string) =>
      fillTemplate(map, 'r-agent', strToU8('{{ role.name }}'), { now, ...(extension ? { extension } : {}) });
    for (const binary of ['docx', 'DOCX', 'pdf', 'xlsx', 'zip']) {
      const out = await fill(binary);
      expect(out.extension, binary).toBe('txt');
      expect(out.mimeType).toBe('text/plain; charset=utf-8');
    }
    expect((await fill('liquid')).extension).toBe('txt');
    expect((await fill('markdown')).extension).toBe('md');
    expect((await fill('markdown')).mimeType).toBe('text/markdown; charset=utf-8');
    expect((await fill('yaml')).extension).toBe('yaml');
    expect((await fill()).extension).toBe('txt');
  });

  it('escapes map text for every markup format whatever the extension, JSON inside strings, and refuses other formats', async () => {
    const m = structuredClone(map);
    m.roles.find((r) => r.id === 'r-agent')!.name = '<svg onload="alert(1)">"x" & \\y';
    const fill = (extension: string, template = '<p>{{ role.name }}</p>') =>
      fillTemplate(m, 'r-agent', strToU8(template), { now, extension });
    for (const ext of ['html', 'htm', 'xhtml', 'xht', 'xml', 'svg']) {
      const out = await fill(ext);
      expect(strFromU8(out.bytes), ext).toBe('<p>&lt;svg onload=&#34;alert(1)&#34;&gt;&#34;x&#34; &amp; \\y</p>');
    }
    expect((await fill('svg')).mimeType).toBe('image/svg+xml; charset=utf-8');
    expect((await fill('xhtml')).mimeType).toBe('application/xhtml+xml; charset=utf-8');
    const json = await fill('json', '{"role": "{{ role.name }}"}');
    expect(JSON.parse(strFromU8(json.bytes))).toEqual({ role: '<svg onload="alert(1)">"x" & \\y' });
    await expect(fill('php')).rejects.toThrow(/cannot produce "\.php" files/);
    await expect(fill('shtml')).rejects.toThrow(/cannot produce/);
  });
});

describe('template limits', () => {
  const docx = (xml: string, extra: Record<string, Uint8Array> = {}) =>
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(
        `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${xml}</w:body></w:document>`,
      ),
      ...extra,
    });
  const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;

  it('refuses a DOCX that unzips past the limit, counting what really inflates (413)', async () => {
    const bomb = docx(para('x'), { 'word/media/pad.xml': new Uint8Array(4 * 1024 * 1024) });
    expect(bomb.byteLength).toBeLessThan(64 * 1024);
    const err = await limitError(fillTemplate(map, 'r-agent', bomb, { now, maxInflatedBytes: 1024 * 1024 }));
    expect(err.status).toBe(413);
    expect(err.limit).toMatchObject({
      name: 'inflatedBytes',
      max: 1024 * 1024,
      setting: 'TEMPLATE_MAX_INFLATED_BYTES',
    });
    // Within the limit the same template fills.
    expect((await fillTemplate(map, 'r-agent', bomb, { now, maxInflatedBytes: 8 * 1024 * 1024 })).extension).toBe(
      'docx',
    );
  });

  it('stops nested loops at the expansion limit (422), and fills within it', async () => {
    const nested = (depth: number) =>
      docx(para('{#competencies}'.repeat(depth) + '{name}' + '{/competencies}'.repeat(depth)));
    const err = await limitError(fillTemplate(map, 'r-agent', nested(6), { now }));
    expect(err.status).toBe(422);
    expect(err.limit).toMatchObject({ name: 'loopExpansions', max: 100_000, setting: 'TEMPLATE_MAX_EXPANSIONS' });
    const ok = await fillTemplate(map, 'r-agent', nested(2), { now });
    expect(documentText(ok.bytes)).toContain('Empathy');
    await limitError(fillTemplate(map, 'r-agent', nested(2), { now, maxExpansions: 50 }));
  });

  it('refuses a filled DOCX larger than the output limit (413)', async () => {
    const err = await limitError(
      fillTemplate(map, 'r-agent', docx(para('{#competencies}{name} {/competencies}')), { now, maxOutputBytes: 100 }),
    );
    expect(err.status).toBe(413);
    expect(err.limit).toMatchObject({ name: 'outputBytes', max: 100 });
  });
});

describe('uploads and the field list', () => {
  it('accepts DOCX and UTF-8 text only, within the size limit', async () => {
    expect(checkTemplate(await wordTemplate(['x'])).type).toBe('docx');
    expect(checkTemplate(strToU8('Hello {{ role.name }}'))).toEqual({ type: 'text', text: 'Hello {{ role.name }}' });
    expect(() => checkTemplate(zipSync({ 'a.txt': strToU8('x') }))).toThrow(/not a Word document/);
    expect(() => checkTemplate(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toThrow(/DOCX file or UTF-8 text/);
    expect(() => checkTemplate(new Uint8Array(10), 5)).toThrow(/larger than 5 bytes/);
    expect(() => checkTemplate(new Uint8Array())).toThrow(/empty/);
    const macro = zipSync({ 'word/document.xml': strToU8('<w:document/>'), 'word/vbaProject.bin': new Uint8Array(4) });
    expect(() => checkTemplate(macro)).toThrow(/macro/);
  });

  it('documents exactly the fields templates receive', () => {
    const data = sampleTemplateData(now) as unknown as Record<string, unknown>;
    const check = (fields: readonly TemplateField[], value: Record<string, unknown>, where: string) => {
      expect(Object.keys(value).sort(), where).toEqual(fields.map((f) => f.name).sort());
      for (const f of fields) {
        const v = value[f.name];
        if (f.type === 'group') check(f.fields!, v as Record<string, unknown>, `${where}.${f.name}`);
        else if (f.type === 'list') {
          expect(Array.isArray(v), `${where}.${f.name}`).toBe(true);
          const first = (v as Record<string, unknown>[])[0];
          if (first) check(f.fields!, first, `${where}.${f.name}[0]`);
        } else if (f.type === 'list of text') expect((v as unknown[]).every((x) => typeof x === 'string')).toBe(true);
        else if (f.type === 'number') expect(typeof v, `${where}.${f.name}`).toBe('number');
        else if (f.type === 'yes/no') expect(typeof v, `${where}.${f.name}`).toBe('boolean');
        else expect(typeof v, `${where}.${f.name}`).toBe('string');
      }
    };
    check(TEMPLATE_FIELDS, data, 'data');
  });
});
