import type { Block, ExportDocument, Inline, RatingScaleBlock, TableBlock } from '../model.js';
import { fitColumnWidths } from './layout.js';
import { FieldNames, SIGNATURE_COLUMNS, SIGNATURE_TYPED, cellField, headingContext } from './form.js';
import { BULLETS, FOOTER_RID, docxPackage } from './docx-package.js';

/**
 * The DOCX renderer: WordprocessingML written straight from the document tree (no object model in
 * between), inside a package whose fixed parts are made once per process (see docx-package.ts).
 * Every piece of text goes through `xmlText`.
 */

const ACCENT = '1F4E79';
const HEADER_FILL = 'E7EEF6';
const EXPECTED_FILL = 'FFF6D6';
const GRID = 'C3CCD5';
const MUTED = '4A5A6A';

/** A4 and US Letter in twentieths of a point, with 2 cm margins. */
const PAGES = {
  A4: { width: 11906, height: 16838, margin: 1134 },
  Letter: { width: 12240, height: 15840, margin: 1134 },
} as const;

// Characters XML 1.0 does not allow (C0 controls but tab, LF and CR; U+FFFE, U+FFFF): a Word file
// holding one does not open, so they are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const MARKUP = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML content or an attribute value: markup escaped, characters XML cannot hold dropped. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(MARKUP, (c) => ENTITY[c]!);
}

/**
 * A run's formatting. `bold` and `italic` are three-way: absent inherits the paragraph style's,
 * false switches it off (a bold phrase in an italic note is upright).
 */
interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  /** Half-points. */
  size?: number;
}

const onOff = (tag: string, v: boolean | undefined) =>
  v === undefined ? '' : v ? `<w:${tag}/><w:${tag}Cs/>` : `<w:${tag} w:val="0"/><w:${tag}Cs w:val="0"/>`;

/** A run of text; tabs become tab characters of Word (`w:tab`). */
function run(text: string, style?: RunStyle): string {
  let rPr = '';
  if (style) {
    rPr = onOff('b', style.bold) + onOff('i', style.italic);
    if (style.color) rPr += `<w:color w:val="${style.color}"/>`;
    if (style.size) rPr += `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>`;
    if (rPr) rPr = `<w:rPr>${rPr}</w:rPr>`;
  }
  const escaped = xmlText(text);
  const t = escaped.includes('\t')
    ? escaped
        .split('\t')
        .map((part) => (part ? `<w:t xml:space="preserve">${part}</w:t>` : ''))
        .join('<w:tab/>')
    : `<w:t xml:space="preserve">${escaped}</w:t>`;
  return `<w:r>${rPr}${t}</w:r>`;
}

function runs(content: readonly Inline[]): string {
  let out = '';
  for (const c of content) {
    out += typeof c === 'string' ? run(c) : run(c.text, { bold: c.bold ?? false, italic: c.italic ?? false });
  }
  return out;
}

interface ParagraphProps {
  style?: string;
  /** Three-way as in Word: absent, on, or explicitly off. */
  keepNext?: boolean;
  numId?: number;
  before?: number;
  after?: number;
  center?: boolean;
  /** A right-aligned tab stop at this position (twips). */
  rightTab?: number;
}

/** A paragraph (properties in the order the schema wants them). */
function paragraph(props: ParagraphProps, content = ''): string {
  let pPr = '';
  if (props.style) pPr += `<w:pStyle w:val="${props.style}"/>`;
  if (props.keepNext !== undefined) pPr += props.keepNext ? '<w:keepNext/>' : '<w:keepNext w:val="0"/>';
  if (props.numId !== undefined) pPr += `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${props.numId}"/></w:numPr>`;
  if (props.rightTab !== undefined) pPr += `<w:tabs><w:tab w:val="right" w:pos="${props.rightTab}"/></w:tabs>`;
  if (props.before !== undefined || props.after !== undefined) {
    pPr += `<w:spacing${props.before !== undefined ? ` w:before="${props.before}"` : ''}${props.after !== undefined ? ` w:after="${props.after}"` : ''}/>`;
  }
  if (props.center) pPr += '<w:jc w:val="center"/>';
  if (!pPr && !content) return '<w:p/>';
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
}

const border = (side: string, val: string, sz: number, color: string) =>
  `<w:${side} w:val="${val}" w:color="${color}" w:sz="${sz}"/>`;
const boxBorders = (val: string, sz: number, color: string) =>
  ['top', 'left', 'bottom', 'right'].map((s) => border(s, val, sz, color)).join('');
const margins = (top: number, left: number, bottom: number, right: number) =>
  `<w:tcMar><w:top w:type="dxa" w:w="${top}"/><w:left w:type="dxa" w:w="${left}"/><w:bottom w:type="dxa" w:w="${bottom}"/><w:right w:type="dxa" w:w="${right}"/></w:tcMar>`;

const GRID_BORDERS = `<w:tcBorders>${boxBorders('single', 4, GRID)}</w:tcBorders>`;
const NO_BORDERS = `<w:tcBorders>${boxBorders('none', 0, 'FFFFFF')}</w:tcBorders>`;
const UNDERLINED =
  `<w:tcBorders>${border('top', 'none', 0, 'FFFFFF')}${border('left', 'none', 0, 'FFFFFF')}` +
  `${border('bottom', 'single', 6, '8796A5')}${border('right', 'none', 0, 'FFFFFF')}</w:tcBorders>`;
const GRID_MARGINS = margins(50, 90, 50, 90);
const TABLE_GRID = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => border(s, 'single', 4, 'auto')).join('')}</w:tblBorders>`;
const TABLE_NONE = `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((s) => border(s, 'none', 0, 'FFFFFF')).join('')}</w:tblBorders>`;

/** A table cell of `width` twips; `tcPr` is the rest of its properties (borders, shading, margins). */
function tc(width: number, tcPr: string, paragraphs: string): string {
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${tcPr}</w:tcPr>${paragraphs || '<w:p/>'}</w:tc>`;
}

/** A bordered cell with padding (the body of every data table), optionally shaded. */
function cell(paragraphs: string, width: number, fill?: string): string {
  const shd = fill ? `<w:shd w:fill="${fill}" w:color="auto" w:val="clear"/>` : '';
  return tc(width, GRID_BORDERS + shd + GRID_MARGINS, paragraphs);
}

function tr(cells: string, opts: { header?: boolean; cantSplit?: boolean; height?: number } = {}): string {
  let trPr = '';
  if (opts.cantSplit) trPr += '<w:cantSplit/>';
  if (opts.header) trPr += '<w:tblHeader/>';
  if (opts.height) trPr += `<w:trHeight w:val="${opts.height}" w:hRule="atLeast"/>`;
  return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;
}

function tbl(
  cols: readonly number[],
  width: number,
  rows: string,
  opts: { fixed?: boolean; borderless?: boolean } = {},
) {
  const layout = opts.fixed === false ? '' : '<w:tblLayout w:type="fixed"/>';
  const grid = cols.map((w) => `<w:gridCol w:w="${w}"/>`).join('');
  return (
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${width}"/>${opts.borderless ? TABLE_NONE : TABLE_GRID}${layout}</w:tblPr>` +
    `<w:tblGrid>${grid}</w:tblGrid>${rows}</w:tbl>`
  );
}

/** A plain-text content control (`w:sdt` with `w:text`): Word and LibreOffice let the reader type into it. */
function textControl(alias: string, multiLine = false): string {
  const a = xmlText(alias);
  return (
    `<w:sdt><w:sdtPr><w:alias w:val="${a}"/><w:tag w:val="${a}"/><w:text${multiLine ? ' w:multiLine="1"' : ''}/></w:sdtPr>` +
    `<w:sdtContent><w:r><w:t xml:space="preserve"> </w:t></w:r></w:sdtContent></w:sdt>`
  );
}

/** A check box content control (Word 2010's w14:checkbox), unticked. */
function checkControl(alias: string): string {
  return (
    `<w:sdt><w:sdtPr><w:alias w:val="${xmlText(alias)}"/><w14:checkbox><w14:checked w14:val="0"/>` +
    `<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>` +
    `</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:sym w:char="2610" w:font="MS Gothic"/></w:r></w:sdtContent></w:sdt>`
  );
}

/** What the block writers share while walking a document. */
interface State {
  /** Numbered lists so far (each restarts at 1 with its own numId). */
  numbered: number;
  beforeSignatures: boolean;
  /** The block follows a heading, or comes before a list: an introduction, kept with what it introduces. */
  introduces: boolean;
  names: FieldNames;
  /** The heading the current block sits under (names its fields). */
  context: string;
}

function widths(rel: number[], total: number): number[] {
  const sum = rel.reduce((s, w) => s + w, 0) || 1;
  return rel.map((w) => Math.floor((w / sum) * total));
}

function headerRow(headers: readonly string[], cols: readonly number[]): string {
  let cells = '';
  headers.forEach((h, i) => {
    cells += cell(paragraph({ keepNext: true }, run(h, { bold: true, color: '1F3B57' })), cols[i]!, HEADER_FILL);
  });
  return tr(cells, { header: true, cantSplit: true });
}

/** A table body cell: printed text, or a content control where the reader fills it in. */
function bodyCell(t: TableBlock, row: number, col: number, width: number, state: State): string {
  const field = cellField(t, row, col, state.names, state.context);
  const v = t.rows[row]?.[col];
  const content = field
    ? field.input === 'check'
      ? checkControl(field.name)
      : textControl(field.name, field.multiLine)
    : v === undefined
      ? ''
      : runs([v]);
  // Before a sign-off the table keeps with it (every row with the next), so the signatures never stand
  // alone. (Keeping only a table's last two rows together makes LibreOffice add an empty last page.)
  return cell(paragraph({ keepNext: state.beforeSignatures }, content), width);
}

function table(t: TableBlock, contentWidth: number, state: State): string {
  // Wide enough for each column's longest word (10.5 pt, in twips; Calibri or its stand-in Carlito
  // runs wider in bold headers): Word and LibreOffice would otherwise break it.
  const cols = fitColumnWidths(t, contentWidth, 10.5, 220, 20, 0.64).map(Math.floor);
  let rows = headerRow(
    t.columns.map((c) => c.header),
    cols,
  );
  const height = t.lines ? t.lines * 300 + 100 : undefined;
  for (let r = 0; r < t.rows.length; r++) {
    let cells = '';
    for (let i = 0; i < t.columns.length; i++) cells += bodyCell(t, r, i, cols[i]!, state);
    rows += tr(cells, { cantSplit: true, ...(height ? { height } : {}) });
  }
  for (let i = 0; i < (t.blankRows ?? 0); i++) {
    let cells = '';
    for (let c = 0; c < cols.length; c++) cells += bodyCell(t, t.rows.length + i, c, cols[c]!, state);
    rows += tr(cells, { height: 480 });
  }
  return tbl(cols, contentWidth, rows);
}

function ratingScale(s: RatingScaleBlock, contentWidth: number): string {
  const cols = widths([1.1, 1.8, 7], contentWidth);
  let rows = headerRow(['Rating', 'Level', 'What you see'], cols);
  for (const l of s.levels) {
    const fill = l.expected ? EXPECTED_FILL : undefined;
    const level =
      paragraph({}, run(l.label)) +
      (l.expected ? paragraph({}, run('Required level', { bold: true, size: 16, color: ACCENT })) : '');
    rows += tr(
      cell(paragraph({ center: true }, run(String(l.value), { bold: true })), cols[0]!, fill) +
        cell(level, cols[1]!, fill) +
        cell(
          l.behaviours.map((x) => paragraph({ style: 'ListParagraph', numId: BULLETS, after: 0 }, run(x))).join(''),
          cols[2]!,
          fill,
        ),
      { cantSplit: true },
    );
  }
  return (
    paragraph({ keepNext: true, before: 160, after: 80 }, run(s.title, { bold: true })) + tbl(cols, contentWidth, rows)
  );
}

function fieldsTable(
  items: { label: string; value: string }[],
  contentWidth: number,
  underline: boolean,
  keepNext = false,
  field?: (label: string) => string,
): string {
  const cols = widths([1.55, 2.45, 1.55, 2.45], contentWidth);
  const labelPr = NO_BORDERS + margins(60, 0, 20, 90);
  const valuePr = (underline ? UNDERLINED : NO_BORDERS) + margins(60, 60, 20, 200);
  let rows = '';
  for (let i = 0; i < items.length; i += 2) {
    const pair = items.slice(i, i + 2);
    let cells = '';
    pair.forEach((f, j) => {
      const value = f.value === '' && field ? textControl(field(f.label)) : run(f.value);
      cells +=
        tc(cols[j * 2]!, labelPr, paragraph({ keepNext }, run(f.label, { bold: true, color: MUTED }))) +
        tc(cols[j * 2 + 1]!, valuePr, paragraph({ keepNext }, value));
    });
    for (let c = pair.length * 2; c < 4; c++) cells += tc(cols[c]!, NO_BORDERS, paragraph({}, run('')));
    rows += tr(cells, { height: underline ? 440 : 300 });
  }
  return tbl(cols, contentWidth, rows, { borderless: true });
}

function spacer(keepNext = false): string {
  return paragraph({ after: 60, keepNext });
}

function block(bl: Block, contentWidth: number, state: State): string {
  const names = state.names;
  switch (bl.type) {
    case 'heading':
      return paragraph({ style: `Heading${bl.level}`, keepNext: true }, run(bl.text));
    case 'paragraph': {
      // Before a sign-off, a paragraph keeps with it, so the signatures never start a page alone.
      const keepNext = state.beforeSignatures || state.introduces;
      const style = bl.style === 'note' ? 'Note' : bl.style === 'lead' ? 'Lead' : undefined;
      return paragraph({ ...(style ? { style } : {}), keepNext }, runs(bl.content));
    }
    case 'list': {
      const numId = bl.ordered ? BULLETS + 1 + state.numbered++ : BULLETS;
      // A short list stays on one page (as in the PDF): each item keeps with the next.
      const short = bl.items.length <= 8;
      return bl.items
        .map((item, i) =>
          paragraph(
            {
              style: 'ListParagraph',
              keepNext: (short && i < bl.items.length - 1) || state.beforeSignatures,
              numId,
              after: 60,
            },
            runs(item),
          ),
        )
        .join('');
    }
    case 'table':
      return table(bl, contentWidth, state) + spacer(state.beforeSignatures);
    case 'fields':
      return (
        fieldsTable(
          bl.items,
          contentWidth,
          bl.items.some((f) => f.value === ''),
          state.beforeSignatures,
          (label) => names.name(state.context, label),
        ) + spacer(state.beforeSignatures)
      );
    case 'ratingScale':
      return ratingScale(bl, contentWidth) + spacer(state.beforeSignatures);
    case 'choice': {
      let content = run(`${bl.label}:`, { bold: true });
      for (const o of bl.options) {
        content += run('     ') + checkControl(names.name(state.context, bl.label, o)) + run(` ${o}`);
      }
      return paragraph({ before: 160, after: 160 }, content);
    }
    case 'commentBox':
      return (
        paragraph({ keepNext: true, before: 120, after: 60 }, run(bl.label, { bold: true })) +
        tbl(
          [contentWidth],
          contentWidth,
          // Keep the box with what follows (another box, the sign-off), so a signature never sits alone.
          tr(
            cell(paragraph({ keepNext: true }, textControl(names.name(state.context, bl.label), true)), contentWidth),
            { cantSplit: true, height: bl.lines * 340 },
          ),
          { fixed: false },
        ) +
        spacer()
      );
    case 'signatures': {
      const cols = widths([2, 3, 3, 1.6], contentWidth);
      let rows = headerRow(SIGNATURE_COLUMNS, cols);
      for (const p of bl.parties) {
        let cells = '';
        SIGNATURE_COLUMNS.forEach((column, i) => {
          const content = i === 0 ? run(p) : SIGNATURE_TYPED[i] ? textControl(names.name('Sign-off', p, column)) : '';
          cells += cell(paragraph({}, content), cols[i]!);
        });
        rows += tr(cells, { cantSplit: true, height: 620 });
      }
      return paragraph({ before: 240, keepNext: true }) + tbl(cols, contentWidth, rows);
    }
    case 'pageBreak':
      return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
    case 'figure':
      return paragraph({}, run(`Picture: ${bl.alt} (in the PDF and HTML of this document).`, { italic: true }));
  }
}

/** Renders a document as a Word file with real heading styles, header rows that repeat, and page numbers. */
export function renderDocxSync(doc: ExportDocument): Uint8Array {
  const landscape = doc.orientation === 'landscape';
  const PAGE = PAGES[doc.paper ?? 'A4'];
  const contentWidth = (landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;
  const state: State = {
    numbered: 0,
    beforeSignatures: false,
    introduces: false,
    names: new FieldNames(),
    context: '',
  };
  let body = paragraph({ style: 'Title' }, run(doc.title)) + paragraph({ style: 'Subtitle' }, run(doc.subtitle));
  if (doc.properties.length) body += fieldsTable(doc.properties, contentWidth, false) + spacer();
  doc.blocks.forEach((bl, i) => {
    state.beforeSignatures = doc.blocks[i + 1]?.type === 'signatures';
    state.introduces = doc.blocks[i - 1]?.type === 'heading' || doc.blocks[i + 1]?.type === 'list';
    state.context = headingContext(doc.blocks, i);
    body += block(bl, contentWidth, state);
  });
  const [w, h] = landscape ? [PAGE.height, PAGE.width] : [PAGE.width, PAGE.height];
  const m = PAGE.margin;
  body +=
    `<w:sectPr><w:footerReference w:type="default" r:id="${FOOTER_RID}"/>` +
    `<w:pgSz w:w="${w}" w:h="${h}" w:orient="${landscape ? 'landscape' : 'portrait'}"/>` +
    `<w:pgMar w:top="${m}" w:right="${m}" w:bottom="${m}" w:left="${m}" w:header="708" w:footer="708" w:gutter="0"/>` +
    `<w:pgNumType/><w:docGrid w:linePitch="360"/></w:sectPr>`;

  const footerText = [...new Set([doc.marking?.toUpperCase(), doc.title, doc.meta.roleName ?? doc.meta.mapTitle])]
    .filter(Boolean)
    .join(' · ');
  const small: RunStyle = { color: MUTED, size: 16 };
  const field = (instr: string) =>
    `<w:r>${FOOTER_RPR}<w:fldChar w:fldCharType="begin"/></w:r><w:r>${FOOTER_RPR}<w:instrText xml:space="preserve">${instr}</w:instrText></w:r>` +
    `<w:r>${FOOTER_RPR}<w:fldChar w:fldCharType="separate"/></w:r><w:r>${FOOTER_RPR}<w:fldChar w:fldCharType="end"/></w:r>`;
  const footer = paragraph(
    { rightTab: contentWidth },
    run(footerText, small) + run('\tPage ', small) + field('PAGE') + run(' of ', small) + field('NUMPAGES'),
  );

  return docxPackage(
    {
      body,
      footer,
      numberedLists: state.numbered,
      core: {
        title: `${doc.title}: ${doc.subtitle}`,
        subject: doc.kind,
        description: `Generated from the journey map “${doc.meta.mapTitle}”.`,
        created: doc.meta.generatedAt,
      },
    },
    xmlText,
  );
}

const FOOTER_RPR = `<w:rPr><w:color w:val="${MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>`;

/** Renders a document as a Word file (see renderDocxSync). */
export async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
  return renderDocxSync(doc);
}
