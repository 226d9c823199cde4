import { crc32 } from 'node:zlib';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAP_KINDS,
  ROLE_KINDS,
  buildMapDocument,
  buildRoleDocument,
  renderDocx,
  sampleSupportMap,
  type ExportDocument,
} from '../src/index.js';
import { roleFor } from './helpers.js';

/**
 * The DOCX package as Word reads it: every part well-formed XML with its namespaces bound, listed in
 * [Content_Types].xml and reachable through the relationships, text escaped, the same tree giving the
 * same bytes. (LibreOffice opening and laying out every kind: export.test.ts, forms.test.ts, layout.test.ts.)
 */

const now = new Date('2026-03-02T09:00:00Z');
const map = sampleSupportMap();
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** Parses XML strictly: any error or warning (unbound prefix, bad entity, unclosed tag) throws. */
function parse(xml: string, name: string) {
  return new DOMParser({
    onError: (level, message) => {
      throw new Error(`${name}: ${level}: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
}

function parts(docx: Uint8Array): Record<string, string> {
  const files = unzipSync(docx);
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** The text of a body as Word shows it: w:t content, w:tab as a tab, paragraphs on their own lines. */
function bodyText(documentXml: string): string {
  const doc = parse(documentXml, 'document.xml');
  const out: string[] = [];
  for (const p of Array.from(doc.getElementsByTagNameNS(W, 'p'))) {
    let line = '';
    for (const el of Array.from((p as Element).getElementsByTagNameNS(W, '*'))) {
      if (el.localName === 't') line += el.textContent ?? '';
      if (el.localName === 'tab' && el.parentNode?.nodeName === 'w:r') line += '\t';
    }
    out.push(line);
  }
  return out.join('\n');
}

const tricky: ExportDocument = {
  format: 'journeycraft.document',
  version: 1,
  kind: 'job-description',
  title: 'Tom & Jerry <Ltd> "quoted" \'apos\' ]]>',
  subtitle: 'Tab\there, bell\u0007, form feed\f, emoji 🙂',
  orientation: 'landscape',
  meta: { mapTitle: 'Map <&>', roleId: 'r', roleName: 'Role "R"', generatedAt: '2026-03-02T09:00:00.000Z' },
  marking: 'Confidential',
  properties: [{ label: 'A & B', value: '<x>' }],
  blocks: [
    { type: 'heading', level: 1, text: 'H <1>' },
    { type: 'list', ordered: true, items: [['one'], ['two']] },
    { type: 'paragraph', content: ['plain ', { text: 'bold & <b>', bold: true }] },
    { type: 'list', ordered: true, items: [['again']] },
    { type: 'list', ordered: false, items: [['bullet']] },
    {
      type: 'table',
      id: 't',
      title: 'T',
      columns: [{ header: 'Name & co' }, { header: 'Done', input: 'check' }, { header: 'Note', input: 'text' }],
      rows: [['Row "1"', '', '']],
    },
    { type: 'choice', label: 'Pick <one>', options: ['Yes & no'] },
    { type: 'signatures', parties: ['Manager & "HR"'] },
  ],
  primaryTable: 't',
  paper: 'Letter',
};

describe('DOCX package', () => {
  it('every part of every kind is well-formed, typed and reachable through the relationships', async () => {
    const docs = [
      ...ROLE_KINDS.map((kind) => buildRoleDocument(map, roleFor(kind), kind, { now })),
      ...MAP_KINDS.map((kind) => buildMapDocument(map, kind, { now })),
      tricky,
    ];
    for (const doc of docs) {
      const files = parts(await renderDocx(doc));
      for (const [name, xml] of Object.entries(files)) expect(() => parse(xml, `${doc.kind}/${name}`)).not.toThrow();

      // Each part has a content type (an override, or the default for .rels / .xml).
      const types = files['[Content_Types].xml']!;
      for (const name of Object.keys(files)) {
        if (name === '[Content_Types].xml' || name.endsWith('.rels')) continue;
        expect(types, name).toContain(`PartName="/${name}"`);
      }
      // Every relationship points at a part of the package, and every part but the rels is pointed at.
      const targets = new Set<string>();
      for (const [rels, base] of [
        ['_rels/.rels', ''],
        ['word/_rels/document.xml.rels', 'word/'],
      ] as const) {
        for (const m of files[rels]!.matchAll(/Target="([^"]+)"/g)) targets.add(base + m[1]);
      }
      for (const t of targets) expect(files[t], t).toBeDefined();
      for (const name of Object.keys(files)) {
        if (name !== '[Content_Types].xml' && !name.endsWith('.rels')) expect(targets.has(name), name).toBe(true);
      }
      // Each numbered list's numId is defined in numbering.xml, and so is the bullets'.
      const numIds = new Set([...files['word/document.xml']!.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
      for (const id of numIds) expect(files['word/numbering.xml'], `numId ${id}`).toContain(`<w:num w:numId="${id}">`);
      // The footer the section refers to is the package's footer.
      expect(files['word/document.xml']).toMatch(/<w:footerReference w:type="default" r:id="rId4"\/>/);
      expect(files['word/_rels/document.xml.rels']).toContain(
        'Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"',
      );
    }
  });

  it('escapes markup, drops characters XML cannot hold, and writes tabs as Word tabs', async () => {
    const files = parts(await renderDocx(tricky));
    const text = bodyText(files['word/document.xml']!);
    expect(text).toContain('Tom & Jerry <Ltd> "quoted" \'apos\' ]]>');
    expect(text).toContain('Tab\there, bell, form feed, emoji 🙂');
    expect(text).toContain('plain bold & <b>');
    expect(text).toContain('Manager & "HR"');
    // eslint-disable-next-line no-control-regex
    const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
    for (const [name, xml] of Object.entries(files)) expect(notXml.test(xml), name).toBe(false);
    // Content control names are attributes: escaped there too, and read back whole.
    const aliases = [...files['word/document.xml']!.matchAll(/<w:alias w:val="([^"]*)"\/>/g)].map((m) =>
      parse(`<a v="${m[1]}"/>`, 'alias').documentElement!.getAttribute('v'),
    );
    expect(aliases).toContain('H <1> · Pick <one> · Yes & no');
    expect(aliases).toContain('Sign-off · Manager & "HR" · Name');
    // Document properties and footer.
    expect(parse(files['docProps/core.xml']!, 'core').getElementsByTagName('dc:title')[0]!.textContent).toBe(
      'Tom & Jerry <Ltd> "quoted" \'apos\' ]]>: Tab\there, bell, form feed, emoji 🙂',
    );
    expect(bodyText(files['word/footer1.xml']!)).toBe(
      'CONFIDENTIAL · Tom & Jerry <Ltd> "quoted" \'apos\' ]]> · Role "R"\tPage  of ',
    );
  });

  it('gives each numbered list its own numbering (each restarts at 1), bullets share one', async () => {
    const files = parts(await renderDocx(tricky));
    const ids = [...files['word/document.xml']!.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(ids).toEqual([2, 2, 3, 1]);
    expect(files['word/numbering.xml']).toContain(
      '<w:num w:numId="3"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
    );
  });

  it('lays out the page from the tree: paper, orientation and the footer tab at the right margin', async () => {
    const files = parts(await renderDocx(tricky));
    // US Letter landscape: 11 × 8.5 in, 2 cm margins; the right tab stop at the content width.
    expect(files['word/document.xml']).toContain('<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"/>');
    expect(files['word/footer1.xml']).toContain('<w:tab w:val="right" w:pos="13572"/>');
    const a4 = parts(await renderDocx({ ...tricky, orientation: 'portrait', paper: 'A4' }));
    expect(a4['word/document.xml']).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
  });

  it('is a valid zip (checksums match) and the same tree always gives the same bytes', async () => {
    const doc = buildRoleDocument(map, 'r-agent', 'interview-guide', { now });
    const a = await renderDocx(doc);
    const b = await renderDocx(structuredClone(doc));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // The central directory's CRC-32 of each file matches its content.
    const files = unzipSync(a);
    const view = new DataView(a.buffer, a.byteOffset, a.byteLength);
    const end = a.byteLength - 22;
    expect(view.getUint32(end, true)).toBe(0x06054b50);
    let at = view.getUint32(end + 16, true);
    const count = view.getUint16(end + 10, true);
    expect(count).toBe(Object.keys(files).length);
    for (let i = 0; i < count; i++) {
      expect(view.getUint32(at, true)).toBe(0x02014b50);
      const nameLength = view.getUint16(at + 28, true);
      const name = strFromU8(a.subarray(at + 46, at + 46 + nameLength));
      expect(view.getUint32(at + 16, true), name).toBe(crc32(files[name]!) >>> 0);
      expect(view.getUint32(at + 24, true), name).toBe(files[name]!.length);
      at += 46 + nameLength;
    }
  });
});
