import { strFromU8, unzipSync } from 'fflate';
import { PDFCheckBox, PDFDocument, PDFTextField } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ROLE_KINDS,
  buildRoleDocument,
  renderDocx,
  renderPdf,
  sampleSupportMap,
  type ExportDocument,
  type RoleKind,
} from '../src/index.js';
import { docxToText, roleFor } from './helpers.js';

/**
 * Fillable forms: the boxes a reader fills in are content controls in DOCX (plain text, check box)
 * and AcroForm fields in PDF (text, check box), named alike, each over the box it fills.
 */

const now = new Date('2026-03-02T09:00:00Z');
const map = sampleSupportMap();

interface Control {
  alias: string;
  type: 'text' | 'check';
  multiLine: boolean;
}

/** The content controls of a DOCX body, read from word/document.xml. */
function contentControls(docx: Uint8Array): Control[] {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
  return [...xml.matchAll(/<w:sdt>(.*?)<\/w:sdt>/gs)].map((m) => {
    const pr = /<w:sdtPr>(.*?)<\/w:sdtPr>/s.exec(m[1]!)?.[1] ?? '';
    const alias = /<w:alias w:val="([^"]*)"\/>/.exec(pr)?.[1] ?? '';
    const type = pr.includes('<w14:checkbox>') ? 'check' : /<w:text\b/.test(pr) ? 'text' : ('other' as never);
    return { alias: alias.replace(/&amp;/g, '&'), type, multiLine: /<w:text w:multiLine="1"/.test(pr) };
  });
}

interface Field {
  name: string;
  type: 'text' | 'check';
  multiLine: boolean;
  page: number;
  rect: { x: number; y: number; width: number; height: number };
}

async function acroFields(pdf: Uint8Array): Promise<Field[]> {
  const doc = await PDFDocument.load(pdf);
  // PDFKit writes no /P on widgets: a widget's page is the one whose /Annots holds it.
  const annots = doc.getPages().map((p) => (p.node.Annots()?.asArray() ?? []).map((r) => doc.context.lookup(r)));
  return doc
    .getForm()
    .getFields()
    .map((f) => {
      const widget = f.acroField.getWidgets()[0]!;
      return {
        name: f.getName(),
        type: f instanceof PDFCheckBox ? 'check' : f instanceof PDFTextField ? 'text' : ('other' as never),
        multiLine: f instanceof PDFTextField && f.isMultiline(),
        page: annots.findIndex((list) => list.includes(widget.dict)),
        rect: widget.getRectangle(),
      };
    });
}

/** Every kind but the two a candidate reads (job description, job ad) has boxes to fill. */
const FORMS = ROLE_KINDS.filter((k) => k !== 'job-description' && k !== 'job-ad');

const docs = new Map<RoleKind, ExportDocument>();
const docx = new Map<RoleKind, Control[]>();
const pdf = new Map<RoleKind, Field[]>();
const pdfBytes = new Map<RoleKind, Uint8Array>();
const docxBytes = new Map<RoleKind, Uint8Array>();

beforeAll(async () => {
  for (const kind of ROLE_KINDS) {
    const doc = buildRoleDocument(map, roleFor(kind), kind, { now });
    docs.set(kind, doc);
    const d = await renderDocx(doc);
    docxBytes.set(kind, d);
    docx.set(kind, contentControls(d));
    const p = await renderPdf(doc);
    pdfBytes.set(kind, p);
    pdf.set(kind, await acroFields(p));
  }
}, 120_000);

describe('fillable DOCX (content controls)', () => {
  it('every form has typed controls, each named once', () => {
    for (const kind of FORMS) {
      const controls = docx.get(kind)!;
      expect(controls.length, kind).toBeGreaterThan(5);
      for (const c of controls) expect(['text', 'check'], `${kind}: ${c.alias}`).toContain(c.type);
      const aliases = controls.map((c) => c.alias);
      expect(new Set(aliases).size, kind).toBe(aliases.length);
      expect(aliases.every((a) => a.length > 0)).toBe(true);
    }
  });

  it('the interview guide: STAR notes, ratings with "no evidence", summary and sign-off', () => {
    const byAlias = new Map(docx.get('interview-guide')!.map((c) => [c.alias, c]));
    expect(byAlias.get('Listening carefully · Situation and task · What the candidate said and did')).toEqual(
      expect.objectContaining({ type: 'text', multiLine: true }),
    );
    for (const option of ['No evidence', '1', '5'])
      expect(byAlias.get(`Listening carefully · Rating · ${option}`)?.type, option).toBe('check');
    expect(byAlias.get('Scorecard · Listening carefully · Rating')?.type).toBe('text');
    expect(byAlias.get('Scorecard · Total')?.type).toBe('text');
    expect(byAlias.get('Scorecard · Recommendation · Strong yes')?.type).toBe('check');
    expect(byAlias.get('Not covered in this interview · Summary of the evidence')).toEqual(
      expect.objectContaining({ type: 'text', multiLine: true }),
    );
    expect(byAlias.get('Sign-off · Interviewer · Name')?.type).toBe('text');
    expect(byAlias.get('Sign-off · Interviewer · Date')?.type).toBe('text');
    // The signature itself is signed, not typed.
    expect(byAlias.has('Sign-off · Interviewer · Signature')).toBe(false);
    // Fields at the top of the form (candidate, interviewer, date).
    expect(byAlias.get('Candidate')?.type).toBe('text');
  });

  it('the review form: goal results and ratings, standards as ticks, overall rating, sign-offs', () => {
    const controls = docx.get('review-form')!;
    const aliases = controls.map((c) => c.alias);
    expect(aliases).toContain(
      'Goals from the customer journey · First contact resolution (Billing dispute call; quality scores) · Result',
    );
    expect(aliases.filter((a) => a.startsWith('Competencies · ') && a.endsWith(' · Self')).length).toBeGreaterThan(3);
    const kept = controls.filter((c) => c.alias.startsWith('Standards kept with every customer'));
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.every((c) => c.type === 'check')).toBe(true);
    expect(controls.find((c) => c.alias === 'Overall rating · Overall rating · Meets expectations')?.type).toBe(
      'check',
    );
    for (const who of ['Employee', 'Second-level manager']) expect(aliases).toContain(`Sign-off · ${who} · Date`);
  });

  it('printed values stay printed text: a filled cell is no field, candidate documents have none', () => {
    expect(docx.get('job-ad')).toEqual([]);
    expect(docx.get('job-description')).toEqual([]);
    // The scorecard's weights and required levels are printed; only rating and weighted score are fields.
    const scorecard = docx.get('interview-guide')!.filter((c) => c.alias.startsWith('Scorecard · Listening carefully'));
    expect(scorecard.map((c) => c.alias.split(' · ').at(-1)).sort()).toEqual(['Rating', 'Weight × rating']);
  });

  it('still lays out in LibreOffice with the controls in place', () => {
    const text = docxToText({ 'guide.docx': docxBytes.get('interview-guide')! })['guide.docx']!;
    expect(text).toContain('What the candidate said and did');
    // LibreOffice draws every check-box control as its box.
    const checks = docx.get('interview-guide')!.filter((c) => c.type === 'check').length;
    expect(text.split('☐').length - 1).toBe(checks);
    expect(text).toMatch(/Rating: ☐ ?No evidence ☐ ?1 ☐ ?2/);
    expect(text).toContain('Signed by Name Signature Date Interviewer');
  }, 120_000);
});

describe('fillable PDF (AcroForm)', () => {
  it('has the same fields as the DOCX, typed alike', () => {
    for (const kind of FORMS) {
      const fields = pdf.get(kind)!;
      const controls = docx.get(kind)!;
      expect(fields.map((f) => `${f.type} ${f.name}`).sort(), kind).toEqual(
        controls.map((c) => `${c.type} ${c.alias}`).sort(),
      );
    }
    expect(pdf.get('job-ad')).toEqual([]);
  });

  it('puts each field on a page, inside it, with a real size; multi-line notes', async () => {
    for (const kind of FORMS) {
      const pages = (await PDFDocument.load(pdfBytes.get(kind)!)).getPages().map((p) => p.getSize());
      for (const f of pdf.get(kind)!) {
        const size = pages[f.page];
        expect(size, `${kind}: ${f.name}`).toBeDefined();
        expect(f.rect.width, f.name).toBeGreaterThan(5);
        expect(f.rect.height, f.name).toBeGreaterThan(5);
        expect(f.rect.x, f.name).toBeGreaterThanOrEqual(0);
        expect(f.rect.y, f.name).toBeGreaterThanOrEqual(0);
        expect(f.rect.x + f.rect.width, f.name).toBeLessThanOrEqual(size!.width);
        expect(f.rect.y + f.rect.height, f.name).toBeLessThanOrEqual(size!.height);
      }
    }
    const star = pdf
      .get('interview-guide')!
      .find((f) => f.name.endsWith('· Situation and task · What the candidate said and did'))!;
    expect(star.multiLine).toBe(true);
    // A STAR note box is two lines of handwriting tall, the full cell.
    expect(star.rect.height).toBeGreaterThan(30);
  });

  it('puts a field over the box it fills: the rating ticks sit on one line, in order, on the page of their competency', () => {
    const fields = pdf.get('interview-guide')!;
    const ticks = ['No evidence', '1', '2', '3', '4', '5'].map((o) =>
      fields.find((f) => f.name === `Defusing anger · Rating · ${o}`)!,
    );
    expect(new Set(ticks.map((t) => t.page)).size).toBe(1);
    expect(new Set(ticks.map((t) => Math.round(t.rect.y))).size).toBe(1);
    const xs = ticks.map((t) => t.rect.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // The STAR notes of the same competency come before its rating.
    const notes = fields.find((f) => f.name === 'Defusing anger · Result · What the candidate said and did')!;
    expect(notes.page < ticks[0]!.page || notes.rect.y > ticks[0]!.rect.y).toBe(true);
  });

  it('fields carry no printed text over the document (the boxes print blank)', async () => {
    const text = (await PDFDocument.load(pdfBytes.get('review-form')!)).getForm().getFields();
    for (const f of text) if (f instanceof PDFTextField) expect(f.getText() ?? '').toBe('');
    for (const f of text) if (f instanceof PDFCheckBox) expect(f.isChecked()).toBe(false);
  });
});
