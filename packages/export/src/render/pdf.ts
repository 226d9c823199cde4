import { createRequire } from 'node:module';
import type { Content, ContentTable, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Block, ExportDocument, Inline, RatingScaleBlock, TableBlock } from '../model.js';
import { fitColumnWidths } from './layout.js';

const require = createRequire(import.meta.url);

interface PdfMakeServer {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(fn: (url: string) => boolean): void;
  setLocalAccessPolicy(fn: (path: string) => boolean): void;
  addTableLayouts(layouts: Record<string, CustomTableLayout>): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const ACCENT = '#1f4e79';
const GRID = '#c3ccd5';
const MUTED = '#4a5a6a';
const HEADER_FILL = '#e7eef6';
const EXPECTED_FILL = '#fff6d6';
/** A4 and US Letter in points, 2 cm margins. */
const PAGES = {
  A4: { width: 595.28, height: 841.89, margin: 56 },
  Letter: { width: 612, height: 792, margin: 56 },
} as const;

let engine: PdfMakeServer | null = null;

/** pdfmake with Roboto loaded from its bundled virtual file system; no file or network access at all. */
function pdfmake(): PdfMakeServer {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMakeServer;
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  for (const [name, data] of Object.entries(vfs)) pm.virtualfs.writeFileSync(name, Buffer.from(data, 'base64'));
  pm.setFonts({
    Roboto: {
      normal: 'Roboto-Regular.ttf',
      bold: 'Roboto-Medium.ttf',
      italics: 'Roboto-Italic.ttf',
      bolditalics: 'Roboto-MediumItalic.ttf',
    },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy(() => false);
  pm.addTableLayouts({
    jcGrid: {
      hLineWidth: () => 0.6,
      vLineWidth: () => 0.6,
      hLineColor: () => GRID,
      vLineColor: () => GRID,
      paddingLeft: () => 5,
      paddingRight: () => 5,
      paddingTop: () => 3.5,
      paddingBottom: () => 3.5,
    },
  });
  engine = pm;
  return pm;
}

function inline(content: readonly Inline[]): Content {
  return content.map((c) =>
    typeof c === 'string' ? { text: c } : { text: c.text, bold: c.bold ?? false, italics: c.italic ?? false },
  ) as Content;
}

function widths(rel: number[], total: number): number[] {
  const sum = rel.reduce((s, w) => s + w, 0) || 1;
  // pdfmake adds the cell paddings (5 + 5) and a border to each column.
  return rel.map((w) => (w / sum) * total - 10.6);
}

function headerCells(headers: string[]): TableCell[] {
  return headers.map((h) => ({ text: h, style: 'tableHeader', fillColor: HEADER_FILL }));
}

function table(t: TableBlock, contentWidth: number): ContentTable {
  const body: TableCell[][] = [headerCells(t.columns.map((c) => c.header))];
  for (const r of t.rows)
    body.push(t.columns.map((_, i) => ({ text: inline(r[i] === undefined ? [] : [r[i]!]) }) as TableCell));
  for (let i = 0; i < (t.blankRows ?? 0); i++) body.push(t.columns.map(() => ({ text: ' ', margin: [0, 6, 0, 6] })));
  return {
    table: {
      headerRows: 1,
      // A header row never ends a page on its own.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      ...(t.lines ? { heights: (row: number) => (row === 0 ? 'auto' : t.lines! * 13 + 7) } : {}),
      // Wide enough for each column's longest word: pdfmake would otherwise break it mid-word.
      widths: fitColumnWidths(t, contentWidth, 9, 10.6).map((w) => w - 10.6),
      body,
    },
    layout: 'jcGrid',
    margin: [0, 4, 0, 10],
    fontSize: 9,
  };
}

function ratingScale(s: RatingScaleBlock, contentWidth: number): Content {
  const body: TableCell[][] = [headerCells(['Rating', 'Level', 'What you see'])];
  for (const l of s.levels) {
    const fill = l.expected ? EXPECTED_FILL : undefined;
    body.push([
      { text: String(l.value), bold: true, alignment: 'center', ...(fill ? { fillColor: fill } : {}) },
      {
        stack: [l.label, ...(l.expected ? [{ text: 'Required level', bold: true, color: ACCENT, fontSize: 7.5 }] : [])],
        ...(fill ? { fillColor: fill } : {}),
      },
      { ul: l.behaviours, ...(fill ? { fillColor: fill } : {}) } as TableCell,
    ]);
  }
  return {
    unbreakable: true,
    margin: [0, 6, 0, 10],
    stack: [
      { text: s.title, bold: true, margin: [0, 0, 0, 4] },
      { table: { headerRows: 1, widths: widths([1.1, 1.8, 7], contentWidth), body }, layout: 'jcGrid', fontSize: 9 },
    ],
  };
}

function box(): Content {
  return {
    canvas: [{ type: 'rect', x: 0, y: 1.5, w: 8, h: 8, lineWidth: 0.8, lineColor: '#1d2733' }],
    width: 12,
  } as Content;
}

function fields(items: { label: string; value: string }[], contentWidth: number): Content {
  const underline = items.some((f) => f.value === '');
  const body: TableCell[][] = [];
  for (let i = 0; i < items.length; i += 2) {
    const row: TableCell[] = [];
    for (const f of items.slice(i, i + 2)) {
      row.push(
        { text: f.label, bold: true, color: MUTED, border: [false, false, false, false] },
        { text: f.value || ' ', border: [false, false, false, underline] },
      );
    }
    while (row.length < 4) row.push({ text: '', border: [false, false, false, false] });
    body.push(row);
  }
  return {
    table: { widths: widths([1.55, 2.45, 1.55, 2.45], contentWidth), body },
    layout: {
      hLineColor: () => '#8796a5',
      hLineWidth: () => 0.6,
      paddingTop: () => (underline ? 7 : 2),
      paddingBottom: () => 2,
    },
    margin: [0, 0, 0, 10],
  };
}

function block(bl: Block, contentWidth: number): Content {
  switch (bl.type) {
    case 'heading':
      return { text: bl.text, style: `h${bl.level}`, headlineLevel: bl.level } as Content;
    case 'paragraph':
      return { text: inline(bl.content), style: bl.style === 'note' ? 'note' : bl.style === 'lead' ? 'lead' : 'body' };
    case 'list':
      return bl.ordered
        ? { ol: bl.items.map((i) => ({ text: inline(i) })), margin: [0, 0, 0, 8] }
        : { ul: bl.items.map((i) => ({ text: inline(i) })), margin: [0, 0, 0, 8] };
    case 'table':
      return table(bl, contentWidth);
    case 'fields':
      return fields(bl.items, contentWidth);
    case 'ratingScale':
      return ratingScale(bl, contentWidth);
    case 'choice':
      if (bl.options.join('').length > 60) {
        // Long options one under the other, so none is squeezed into a narrow column.
        return {
          margin: [0, 6, 0, 10],
          unbreakable: true,
          stack: [
            { text: `${bl.label}:`, bold: true, margin: [0, 0, 0, 3] },
            ...bl.options.map((o) => ({ columns: [box(), { text: o, width: '*' }], margin: [0, 1, 0, 1] })),
          ],
        } as Content;
      }
      return {
        margin: [0, 6, 0, 10],
        columns: [
          { text: `${bl.label}:`, bold: true, width: 'auto', margin: [0, 0, 14, 0] },
          ...bl.options.map((o) => ({
            width: 'auto',
            columns: [box(), { text: o, width: 'auto', margin: [0, 0, 14, 0] }],
          })),
        ],
      } as Content;
    case 'commentBox':
      return {
        unbreakable: true,
        margin: [0, 4, 0, 10],
        stack: [
          { text: bl.label, bold: true, margin: [0, 0, 0, 3] },
          {
            table: { widths: [contentWidth - 10.6], heights: [bl.lines * 15], body: [[{ text: '' }]] },
            layout: 'jcGrid',
          },
        ],
      };
    case 'signatures':
      return {
        unbreakable: true,
        margin: [0, 14, 0, 10],
        table: {
          headerRows: 1,
          widths: widths([2, 3, 3, 1.6], contentWidth),
          body: [
            headerCells(['Signed by', 'Name', 'Signature', 'Date']),
            ...bl.parties.map((p): TableCell[] => [{ text: p, margin: [0, 8, 0, 8] }, '', '', '']),
          ],
        },
        layout: 'jcGrid',
      };
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
  }
}

/** Headings (and a comment box before a sign-off) are kept on one page with the block that follows. */
function keepHeadingsWithNext(blocks: readonly Block[], contentWidth: number): Content[] {
  const out: Content[] = [];
  let pending: Content[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const bl = blocks[i]!;
    const next = blocks[i + 1];
    const rendered = block(bl, contentWidth);
    // A heading keeps the note under it too, so a note never ends a page either.
    const noteAfterHeading =
      bl.type === 'paragraph' && bl.style === 'note' && blocks[i - 1]?.type === 'heading' && pending.length > 0;
    // Whatever small block comes before a sign-off goes to the next page with it.
    const beforeSignatures = next?.type === 'signatures' && bl.type !== 'table' && bl.type !== 'list';
    const sticky = bl.type === 'heading' || noteAfterHeading || beforeSignatures;
    if (sticky && next && next.type !== 'pageBreak') {
      pending.push(rendered);
      continue;
    }
    const small = bl.type !== 'table' && !(bl.type === 'list' && bl.items.length > 8);
    if (pending.length) {
      out.push(
        small ? { stack: [...pending, rendered], unbreakable: true } : { stack: [...pending] },
        ...(small ? [] : [rendered]),
      );
      pending = [];
    } else {
      out.push(rendered);
    }
  }
  out.push(...pending);
  return out;
}

/** Renders a document as PDF (A4 or US Letter, Roboto, page numbers); fully offline. */
export async function renderPdf(source: ExportDocument): Promise<Uint8Array> {
  const pm = pdfmake();
  // pdfmake rewrites the content it is given in place: never hand it arrays the caller still owns.
  const doc = structuredClone(source);
  const landscape = doc.orientation === 'landscape';
  const A4 = PAGES[doc.paper ?? 'A4'];
  const contentWidth = (landscape ? A4.height : A4.width) - 2 * A4.margin;
  const content: Content[] = [
    { text: doc.title, style: 'title' },
    { text: doc.subtitle, style: 'subtitle' },
  ];
  if (doc.properties.length) content.push(fields(doc.properties, contentWidth));
  content.push({
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: contentWidth, y2: 0, lineWidth: 1.5, lineColor: ACCENT }],
    margin: [0, 0, 0, 8],
  });
  content.push(...keepHeadingsWithNext(doc.blocks, contentWidth));
  const footerText = [...new Set([doc.marking?.toUpperCase(), doc.title, doc.meta.roleName ?? doc.meta.mapTitle])]
    .filter(Boolean)
    .join(' · ');

  const definition: TDocumentDefinitions = {
    pageSize: doc.paper === 'Letter' ? 'LETTER' : 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [A4.margin, 48, A4.margin, 52],
    info: {
      title: `${doc.title}: ${doc.subtitle}`,
      author: 'Journeycraft',
      subject: doc.kind,
      creator: 'Journeycraft',
      producer: 'Journeycraft',
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1d2733' },
    styles: {
      title: { fontSize: 22, bold: true, color: ACCENT },
      subtitle: { fontSize: 13, color: MUTED, margin: [0, 2, 0, 12] },
      h1: { fontSize: 15, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
      h2: { fontSize: 12.5, bold: true, color: ACCENT, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
      body: { margin: [0, 0, 0, 6] },
      lead: { fontSize: 11, margin: [0, 0, 0, 8] },
      note: { fontSize: 8.5, italics: true, color: MUTED, margin: [0, 0, 0, 6] },
      tableHeader: { bold: true, color: '#1f3b57', fontSize: 9 },
    },
    content,
    footer: (current: number, total: number) => ({
      margin: [A4.margin, 16, A4.margin, 0],
      columns: [
        { text: footerText, fontSize: 8, color: MUTED },
        { text: `Page ${current} of ${total}`, alignment: 'right', fontSize: 8, color: MUTED, width: 80 },
      ],
    }),
    // Keep a heading with what follows it.
    pageBreakBefore: (node, following) =>
      (node as { headlineLevel?: number }).headlineLevel !== undefined &&
      following.getFollowingNodesOnPage().length === 0,
  };
  return new Uint8Array(await pm.createPdf(definition).getBuffer());
}
