import { createRequire } from 'node:module';
import type {
  Content,
  ContentStack,
  ContentTable,
  CustomTableLayout,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import type { Block, ExportDocument, Inline, RatingScaleBlock, TableBlock } from '../model.js';
import { fitColumnWidths } from './layout.js';
import { pdfFigure } from './picture.js';
import { FieldNames, SIGNATURE_COLUMNS, SIGNATURE_TYPED, cellField, headingContext, type FormInput } from './form.js';

const require = createRequire(import.meta.url);

interface PdfMakeServer {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
  setFonts(fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>): void;
  setUrlAccessPolicy(fn: (url: string) => boolean): void;
  setLocalAccessPolicy(fn: (path: string) => boolean): void;
  addTableLayouts(layouts: Record<string, CustomTableLayout>): void;
  createPdf(
    doc: TDocumentDefinitions,
    options?: { bufferPages?: boolean },
  ): { getBuffer(): Promise<Buffer>; getStream(): Promise<PdfKitDocument> };
}

/** The part of PDFKit (pdfmake's engine) that writes AcroForm fields; pdfmake itself has none. */
interface PdfKitDocument {
  font(name: string): PdfKitDocument;
  initForm(): PdfKitDocument;
  switchToPage(index: number): void;
  formText(name: string, x: number, y: number, w: number, h: number, options?: Record<string, unknown>): void;
  formCheckbox(name: string, x: number, y: number, w: number, h: number, options?: Record<string, unknown>): void;
  ref(data: Record<string, unknown>): { write(chunk: string): void; end(): void };
  /** The laid-out pages pdfmake rendered (it keeps them on the document). */
  _pdfMakePages: { items: { type: string; item: PlacedVector }[] }[];
}

/** A vector as pdfmake placed it on a page. */
interface PlacedVector {
  type?: string;
  jcField?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
}

/**
 * A fillable field waiting for its position: its box relative to the marker it is placed by. `h`
 * is its height, or in a table cell (`toBorder`) the least height: there it reaches down to the
 * cell's bottom border, however tall the row turned out.
 */
interface Mark {
  toBorder?: boolean;
  name: string;
  input: FormInput;
  multiLine: boolean;
  dx: number;
  dy: number;
  w: number;
  h: number;
}

/** The fields of the document being built, and the heading its current block sits under. */
interface Form {
  names: FieldNames;
  marks: Mark[];
  context: string;
}

/**
 * An invisible, zero-sized vector that finds where a field goes. pdfmake keeps no usable position
 * for nodes laid out in an unbreakable block or row (it moves a copy), but the copies of a vector
 * keep its own properties and get the final page coordinates: the renderer reads them back after
 * layout (`_pdfMakePages`) and puts the field there.
 */
function marker(form: Form, field: Mark): Record<string, unknown> {
  form.marks.push(field);
  return { type: 'line', x1: 0, y1: 0, x2: 0, y2: 0, lineWidth: 0.1, strokeOpacity: 0, jcField: form.marks.length - 1 };
}

/** Content with a field over it, its box given from the content's top-left corner. */
function withField(form: Form, field: Mark, content: Content = { text: ' ' }): ContentStack {
  return { stack: [{ canvas: [marker(form, field)] }, content] } as ContentStack;
}

/** A printed tick box with a check-box field over it. */
function tickBox(form: Form, name: string): Content {
  return {
    canvas: [
      { type: 'rect', x: 0, y: 1.5, w: 8, h: 8, lineWidth: 0.8, lineColor: '#1d2733' },
      marker(form, { name, input: 'check', multiLine: false, dx: 0, dy: 1.5, w: 8, h: 8 }),
    ],
    width: 12,
  } as unknown as Content;
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

/** Top and bottom page margins (the footer sits in the bottom one). */
const PAGE_TOP = 48;
const PAGE_BOTTOM = 52;
/** Room a figure leaves on its first page for the document's title block or the heading above it. */
const FIGURE_HEADROOM = 190;

let engine: PdfMakeServer | null = null;

/**
 * pdfmake with its bundled Roboto. The fonts are named by their files in the pdfmake package: the
 * SVG renderer of figures (svg-to-pdfkit) hands font names straight to PDFKit, which reads files,
 * not pdfmake's virtual file system. Those four files are the only local access; no network at all.
 */
function pdfmake(): PdfMakeServer {
  if (engine) return engine;
  const pm = require('pdfmake') as PdfMakeServer;
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  for (const [name, data] of Object.entries(vfs)) pm.virtualfs.writeFileSync(name, Buffer.from(data, 'base64'));
  const file = (name: string) => require.resolve(`pdfmake/build/fonts/Roboto/${name}`);
  const faces = {
    normal: file('Roboto-Regular.ttf'),
    bold: file('Roboto-Medium.ttf'),
    italics: file('Roboto-Italic.ttf'),
    bolditalics: file('Roboto-MediumItalic.ttf'),
  };
  const allowed = new Set(Object.values(faces));
  pm.setFonts({ Roboto: faces });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((path) => allowed.has(path));
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

function table(t: TableBlock, contentWidth: number, form: Form): ContentTable {
  // Wide enough for each column's longest word: pdfmake would otherwise break it mid-word.
  const cols = fitColumnWidths(t, contentWidth, 9, 10.6).map((w) => w - 10.6);
  const rowHeight = t.lines ? t.lines * 13 + 7 : 0;
  /** A cell to fill in gets a field over it (the whole cell, less its border). */
  const input = (row: number, col: number, blank: boolean): TableCell | null => {
    const field = cellField(t, row, col, form.names, form.context);
    if (!field) return null;
    if (field.input === 'check') return tickBox(form, field.name) as TableCell;
    const text: Content = { text: ' ', ...(blank ? { margin: [0, 6, 0, 6] } : {}) };
    return withField(
      form,
      { ...field, dx: -4.4, dy: -3, w: cols[col]! + 8.8, h: 17, toBorder: true },
      text,
    ) as TableCell;
  };
  const body: TableCell[][] = [headerCells(t.columns.map((c) => c.header))];
  t.rows.forEach((r, row) =>
    body.push(
      t.columns.map(
        (_, i) => input(row, i, false) ?? ({ text: inline(r[i] === undefined ? [] : [r[i]!]) } as TableCell),
      ),
    ),
  );
  for (let i = 0; i < (t.blankRows ?? 0); i++)
    body.push(t.columns.map((_, c) => input(t.rows.length + i, c, true) ?? { text: ' ', margin: [0, 6, 0, 6] }));
  return {
    table: {
      headerRows: 1,
      // A header row never ends a page on its own.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      ...(t.lines ? { heights: (row: number) => (row === 0 ? 'auto' : rowHeight) } : {}),
      widths: cols,
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

function fields(items: { label: string; value: string }[], contentWidth: number, form?: Form): Content {
  const underline = items.some((f) => f.value === '');
  const cols = widths([1.55, 2.45, 1.55, 2.45], contentWidth);
  const body: TableCell[][] = [];
  for (let i = 0; i < items.length; i += 2) {
    const row: TableCell[] = [];
    for (const f of items.slice(i, i + 2)) {
      const value = { text: f.value || ' ', border: [false, false, false, underline] };
      row.push(
        { text: f.label, bold: true, color: MUTED, border: [false, false, false, false] },
        (f.value === '' && form
          ? {
              ...withField(
                form,
                {
                  name: form.names.name(form.context, f.label),
                  input: 'text',
                  multiLine: false,
                  dx: -2,
                  dy: -4,
                  w: cols[1]! + 4,
                  h: 17,
                },
                { text: ' ' },
              ),
              border: value.border,
            }
          : value) as TableCell,
      );
    }
    while (row.length < 4) row.push({ text: '', border: [false, false, false, false] });
    body.push(row);
  }
  return {
    table: { widths: cols, body },
    layout: {
      hLineColor: () => '#8796a5',
      hLineWidth: () => 0.6,
      paddingTop: () => (underline ? 7 : 2),
      paddingBottom: () => 2,
    },
    margin: [0, 0, 0, 10],
  };
}

function block(bl: Block, contentWidth: number, form: Form, contentHeight: number): Content {
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
      return table(bl, contentWidth, form);
    case 'fields':
      return fields(bl.items, contentWidth, form);
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
            ...bl.options.map((o) => ({
              columns: [tickBox(form, form.names.name(form.context, bl.label, o)), { text: o, width: '*' }],
              margin: [0, 1, 0, 1],
            })),
          ],
        } as Content;
      }
      return {
        margin: [0, 6, 0, 10],
        columns: [
          { text: `${bl.label}:`, bold: true, width: 'auto', margin: [0, 0, 14, 0] },
          ...bl.options.map((o) => ({
            width: 'auto',
            columns: [
              tickBox(form, form.names.name(form.context, bl.label, o)),
              { text: o, width: 'auto', margin: [0, 0, 14, 0] },
            ],
          })),
        ],
      } as Content;
    case 'commentBox': {
      const inner = withField(form, {
        name: form.names.name(form.context, bl.label),
        input: 'text',
        multiLine: true,
        dx: -4.4,
        dy: -3,
        w: contentWidth - 1.8,
        h: bl.lines * 15 + 6,
      });
      return {
        unbreakable: true,
        margin: [0, 4, 0, 10],
        stack: [
          { text: bl.label, bold: true, margin: [0, 0, 0, 3] },
          {
            table: { widths: [contentWidth - 10.6], heights: [bl.lines * 15], body: [[inner]] },
            layout: 'jcGrid',
          },
        ],
      };
    }
    case 'signatures': {
      const cols = widths([2, 3, 3, 1.6], contentWidth);
      return {
        unbreakable: true,
        margin: [0, 14, 0, 10],
        table: {
          headerRows: 1,
          widths: cols,
          body: [
            headerCells([...SIGNATURE_COLUMNS]),
            ...bl.parties.map((p): TableCell[] =>
              SIGNATURE_COLUMNS.map((column, i) =>
                i === 0
                  ? { text: p, margin: [0, 8, 0, 8] }
                  : SIGNATURE_TYPED[i]
                    ? (withField(form, {
                        name: form.names.name('Sign-off', p, column),
                        input: 'text',
                        multiLine: false,
                        dx: -4.4,
                        dy: -3,
                        w: cols[i]! + 8.8,
                        h: 17,
                        toBorder: true,
                      }) as TableCell)
                    : '',
              ),
            ),
          ],
        },
        layout: 'jcGrid',
      };
    }
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
    case 'figure':
      // Fitted under the heading it follows; detail pages after it when it is too small to read.
      return {
        stack: pdfFigure(
          bl,
          { width: contentWidth, height: contentHeight - FIGURE_HEADROOM },
          { width: contentWidth, height: contentHeight - 16 },
        ),
        margin: [0, 4, 0, 10],
      };
  }
}

/** A table of at most this many body rows is kept on one page with its heading. */
const SMALL_TABLE_ROWS = 8;

/** Headings (and a comment box before a sign-off) are kept on one page with the block that follows. */
function keepHeadingsWithNext(
  blocks: readonly Block[],
  contentWidth: number,
  form: Form,
  contentHeight: number,
): Content[] {
  const out: Content[] = [];
  let pending: Content[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const bl = blocks[i]!;
    const next = blocks[i + 1];
    form.context = headingContext(blocks, i);
    const rendered = block(bl, contentWidth, form, contentHeight);
    // A heading keeps the note under it too, so a note never ends a page either.
    const noteAfterHeading =
      bl.type === 'paragraph' && bl.style === 'note' && blocks[i - 1]?.type === 'heading' && pending.length > 0;
    // Whatever small block comes before a sign-off goes to the next page with it.
    const beforeSignatures = next?.type === 'signatures' && bl.type !== 'table' && bl.type !== 'list';
    // A paragraph that introduces a list ("Suggested actions") stays with it.
    const beforeList = bl.type === 'paragraph' && next?.type === 'list';
    const sticky = bl.type === 'heading' || noteAfterHeading || beforeSignatures || beforeList;
    if (sticky && next && next.type !== 'pageBreak') {
      pending.push(rendered);
      continue;
    }
    // Small blocks go to the next page with their heading; a long table or list may start under it.
    const small =
      bl.type === 'table'
        ? bl.rows.length + (bl.blankRows ?? 0) <= SMALL_TABLE_ROWS
        : bl.type !== 'figure' && !(bl.type === 'list' && bl.items.length > 8);
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
  const contentHeight = (landscape ? A4.width : A4.height) - PAGE_TOP - PAGE_BOTTOM;
  const content: Content[] = [
    { text: doc.title, style: 'title' },
    { text: doc.subtitle, style: 'subtitle' },
  ];
  if (doc.properties.length) content.push(fields(doc.properties, contentWidth));
  content.push({
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: contentWidth, y2: 0, lineWidth: 1.5, lineColor: ACCENT }],
    margin: [0, 0, 0, 8],
  });
  const form: Form = { names: new FieldNames(), marks: [], context: '' };
  content.push(...keepHeadingsWithNext(doc.blocks, contentWidth, form, contentHeight));
  const footerText = [...new Set([doc.marking?.toUpperCase(), doc.title, doc.meta.roleName ?? doc.meta.mapTitle])]
    .filter(Boolean)
    .join(' · ');

  const definition: TDocumentDefinitions = {
    pageSize: doc.paper === 'Letter' ? 'LETTER' : 'A4',
    pageOrientation: landscape ? 'landscape' : 'portrait',
    pageMargins: [A4.margin, PAGE_TOP, A4.margin, PAGE_BOTTOM],
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
  const output = pm.createPdf(definition, { bufferPages: true });
  addFormFields(await output.getStream(), form.marks);
  return new Uint8Array(await output.getBuffer());
}

/**
 * AcroForm fields over the boxes to fill in, placed where pdfmake laid their nodes out: text
 * fields over note, comment and sign-off boxes, check boxes over the printed tick boxes. Check
 * boxes carry their own appearance (a tick), so every viewer shows them the same way.
 */
function addFormFields(kit: PdfKitDocument, marks: readonly Mark[]): void {
  if (!marks.length) return;
  // A standard font for what the reader types: the document's embedded fonts hold only the glyphs it prints.
  kit.font('Helvetica').initForm();
  const appearance = (stream: string) => {
    const ref = kit.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 8, 8], Resources: {} });
    ref.write(stream);
    ref.end();
    return ref;
  };
  const on = appearance('q 0.12 0.31 0.47 RG 1.2 w 1.4 4.3 m 3.3 2 l 6.8 6.6 l S Q');
  const off = appearance('');
  kit._pdfMakePages.forEach((page, index) => {
    const vectors = page.items.filter((i) => i.type === 'vector').map((i) => i.item);
    // Horizontal rules: table borders and the underlines of blanks.
    const rules = vectors.filter((v) => v.type === 'line' && v.y1 === v.y2 && v.x2! - v.x1! > 2);
    for (const item of vectors) {
      const m = typeof item.jcField === 'number' ? marks[item.jcField] : undefined;
      if (!m) continue;
      const x = item.x1! + m.dx;
      const y = item.y1! + m.dy;
      let h = m.h;
      if (m.toBorder) {
        const below = rules
          .filter((r) => r.y1! > y + 6 && r.x1! <= item.x1! && r.x2! >= item.x1! + 2)
          .map((r) => r.y1!);
        if (below.length) h = Math.max(h, Math.min(...below) - y - 0.8);
      }
      kit.switchToPage(index);
      addField(kit, m, x, y, h, on, off);
    }
  });
}

function addField(kit: PdfKitDocument, m: Mark, x: number, y: number, h: number, on: unknown, off: unknown): void {
  if (m.input === 'check') {
    kit.formCheckbox(m.name, x, y, m.w, h, { AP: { N: { Yes: on, Off: off } }, AS: 'Off', V: 'Off' });
  } else {
    kit.formText(m.name, x, y, m.w, h, { multiline: m.multiLine });
  }
}
