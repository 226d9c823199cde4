import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  KIND_INFO,
  ROLE_KINDS,
  buildMapDocument,
  buildRoleDocument,
  renderDocument,
  sampleSupportMap,
  type ExportDocument,
} from '../src/index.js';
import { roleFor, tempDir } from './helpers.js';

/**
 * Layout as a reader sees it: every kind of the sample map in DOCX (through LibreOffice, one soffice
 * call) and PDF, read back with `pdftotext -bbox-layout` (words with their lines and blocks). Fails
 * on a word broken across two lines inside a block (a table cell breaking "Requir|ed"), and on a
 * last page that holds only a signature block.
 */

const now = new Date('2026-03-02T09:00:00Z');
const map = sampleSupportMap();

interface Word {
  text: string;
}
interface Page {
  /** Blocks of lines of words, in reading order. */
  blocks: Word[][][];
}

const norm = (w: string) =>
  w
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** Every word a document can print: its tree, plus what the renderers add around it. */
function vocabulary(doc: ExportDocument): Set<string> {
  const text = `${JSON.stringify(doc)} Page of Rating Level What you see Required level Signed by Name Signature Date`;
  return new Set(
    text
      .split(/[\s"\\]+|\\n/)
      .map(norm)
      .filter(Boolean),
  );
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** pdftotext -bbox-layout, parsed into pages → blocks → lines → words. */
function layoutOf(pdf: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', pdf, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  }).toString('utf8');
  return xml
    .split(/<page\b/)
    .slice(1)
    .map((page) => ({
      blocks: page
        .split(/<block\b/)
        .slice(1)
        .map((block) =>
          block
            .split(/<line\b/)
            .slice(1)
            .map((line) => [...line.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((m) => ({ text: decode(m[1]!) }))),
        ),
    }));
}

/** Words broken across two lines: the end of a line and the start of the next make one known word. */
function brokenWords(pages: Page[], vocab: Set<string>): string[] {
  const out: string[] = [];
  for (const page of pages) {
    for (const lines of page.blocks) {
      for (let i = 0; i + 1 < lines.length; i++) {
        const last = lines[i]!.at(-1)?.text ?? '';
        const first = lines[i + 1]![0]?.text ?? '';
        // A line may end after a hyphen, a dash or a slash: that is not a broken word.
        if (!last || !first || /[-–—/]$/.test(last)) continue;
        const a = norm(last);
        const joined = norm(last + first);
        if (a && !vocab.has(a) && vocab.has(joined)) out.push(`${last}|${first}`);
      }
    }
  }
  return out;
}

/** True when the last page holds nothing but a sign-off table (and the page footer). */
function signaturesAlone(pages: Page[], doc: ExportDocument): boolean {
  const sign = doc.blocks.find((bl) => bl.type === 'signatures');
  if (!sign || sign.type !== 'signatures' || pages.length < 2) return false;
  const allowed = new Set(
    [
      'Signed by Name Signature Date Page of',
      ...sign.parties,
      doc.title,
      doc.meta.roleName ?? doc.meta.mapTitle,
      doc.marking ?? '',
    ]
      .join(' ')
      .split(/\s+/)
      .map(norm)
      .filter(Boolean),
  );
  const words = pages
    .at(-1)!
    .blocks.flat(2)
    .map((w) => norm(w.text))
    .filter(Boolean);
  return words.length > 0 && words.every((w) => allowed.has(w) || /^\d+$/.test(w));
}

const squash = (line: string) => line.normalize('NFKC').replace(/\s+/g, ' ').trim();

/** Headings that end a page (bar the last): their section starts on the next page. */
function strandedHeadings(pages: Page[], doc: ExportDocument): string[] {
  const headings = new Set(doc.blocks.flatMap((bl) => (bl.type === 'heading' ? [squash(bl.text)] : [])));
  const footer = squash(
    [...new Set([doc.marking?.toUpperCase(), doc.title, doc.meta.roleName ?? doc.meta.mapTitle])]
      .filter(Boolean)
      .join(' · '),
  );
  const out: string[] = [];
  pages.slice(0, -1).forEach((page, i) => {
    const lines = page.blocks
      .flat()
      .map((line) => squash(line.map((w) => w.text).join(' ')))
      .filter((l) => l && l !== footer && !/^Page \d+ of \d+$/.test(l));
    const last = lines.at(-1);
    if (last && headings.has(last)) out.push(`page ${i + 1}: ${last}`);
  });
  return out;
}

const docs = new Map<string, ExportDocument>();
const pdfs = new Map<string, string>();

beforeAll(async () => {
  const dir = tempDir('jc-layout-');
  const docxNames: string[] = [];
  for (const kind of ROLE_KINDS) docs.set(kind, buildRoleDocument(map, roleFor(kind), kind, { now }));
  docs.set('coverage-matrix', buildMapDocument(map, 'coverage-matrix', { now }));
  for (const [name, doc] of docs) {
    const pdf = path.join(dir, `${name}.pdf`);
    fs.writeFileSync(pdf, await renderDocument(doc, 'pdf'));
    pdfs.set(`${name}.pdf`, pdf);
    fs.writeFileSync(path.join(dir, `${name}.docx`), await renderDocument(doc, 'docx'));
    docxNames.push(`${name}.docx`);
  }
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      path.join(dir, 'lo'),
      ...docxNames.map((n) => path.join(dir, n)),
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  for (const n of docxNames) pdfs.set(n, path.join(dir, 'lo', n.replace(/\.docx$/, '.pdf')));
}, 240_000);

describe('layout of every kind in DOCX (LibreOffice) and PDF', () => {
  it('renders every kind in both formats', () => {
    expect(docs.size).toBe(KIND_INFO.length);
    expect(pdfs.size).toBe(2 * KIND_INFO.length);
    for (const file of pdfs.values()) expect(fs.existsSync(file), file).toBe(true);
  });

  it('breaks no word across lines inside a table cell', () => {
    const found: string[] = [];
    for (const [name, file] of pdfs) {
      const doc = docs.get(name.replace(/\.(pdf|docx)$/, ''))!;
      for (const w of brokenWords(layoutOf(file), vocabulary(doc))) found.push(`${name}: ${w}`);
    }
    expect(found).toEqual([]);
  });

  it('never leaves a signature block alone on the last page', () => {
    const alone = [...pdfs]
      .filter(([name, file]) => signaturesAlone(layoutOf(file), docs.get(name.replace(/\.(pdf|docx)$/, ''))!))
      .map(([name]) => name);
    expect(alone).toEqual([]);
  });

  it('never leaves a heading at the bottom of a page, away from its section', () => {
    const found: string[] = [];
    for (const [name, file] of pdfs) {
      const doc = docs.get(name.replace(/\.(pdf|docx)$/, ''))!;
      for (const h of strandedHeadings(layoutOf(file), doc)) found.push(`${name}: ${h}`);
    }
    expect(found).toEqual([]);
  });

  it('the checks catch what they look for', () => {
    const vocab = new Set(['required', 'level']);
    const page = (lines: string[][]): Page => ({ blocks: [lines.map((l) => l.map((text) => ({ text })))] });
    expect(brokenWords([page([['Requir'], ['ed', 'level']])], vocab)).toEqual(['Requir|ed']);
    expect(brokenWords([page([['Required'], ['level']])], vocab)).toEqual([]);
    const doc = docs.get('review-form')!;
    const signOnly = page([['Signed', 'by', 'Name', 'Signature', 'Date'], ['Employee'], ['Page', '7', 'of', '7']]);
    expect(signaturesAlone([page([['Anything']]), signOnly], doc)).toBe(true);
    expect(signaturesAlone([page([['Anything']]), page([['Comments'], ['Employee']])], doc)).toBe(false);
    const stranded = page([
      ['Overall', 'rating'],
      ['3.', 'Overall', 'rating'],
      ['Page', '2', 'of', '7'],
    ]);
    expect(strandedHeadings([stranded, page([['Anything']])], doc)).toEqual(['page 1: 3. Overall rating']);
    expect(
      strandedHeadings(
        [
          page([
            ['3.', 'Overall', 'rating'],
            ['One', 'rule'],
          ]),
          page([['x']]),
        ],
        doc,
      ),
    ).toEqual([]);
  });
});
