import { createRequire } from 'node:module';
import type * as DocxLib from 'docx';
type Document = DocxLib.Document;
type Footer = DocxLib.Footer;
type PageBreak = DocxLib.PageBreak;
type Paragraph = DocxLib.Paragraph;
type Table = DocxLib.Table;
type TableCell = DocxLib.TableCell;
type TableRow = DocxLib.TableRow;
type TextRun = DocxLib.TextRun;
type ISectionOptions = DocxLib.ISectionOptions;
type ParagraphChild = DocxLib.ParagraphChild;
type BuilderElement = DocxLib.BuilderElement;

// docx (~15 MB) loads on the first render, so a process that imports the package without
// rendering (the sync server; rendering runs in the export workers) does not hold it.
let AlignmentType!: typeof DocxLib.AlignmentType,
  BorderStyle!: typeof DocxLib.BorderStyle,
  Document!: typeof DocxLib.Document,
  Footer!: typeof DocxLib.Footer,
  HeadingLevel!: typeof DocxLib.HeadingLevel,
  LevelFormat!: typeof DocxLib.LevelFormat,
  Packer!: typeof DocxLib.Packer,
  PageBreak!: typeof DocxLib.PageBreak,
  PageNumber!: typeof DocxLib.PageNumber,
  PageOrientation!: typeof DocxLib.PageOrientation,
  Paragraph!: typeof DocxLib.Paragraph,
  ShadingType!: typeof DocxLib.ShadingType,
  Table!: typeof DocxLib.Table,
  TableCell!: typeof DocxLib.TableCell,
  TableLayoutType!: typeof DocxLib.TableLayoutType,
  TableRow!: typeof DocxLib.TableRow,
  TabStopType!: typeof DocxLib.TabStopType,
  TextRun!: typeof DocxLib.TextRun,
  WidthType!: typeof DocxLib.WidthType,
  BuilderElement!: typeof DocxLib.BuilderElement,
  CheckBox!: typeof DocxLib.CheckBox,
  StringValueElement!: typeof DocxLib.StringValueElement;
/** Loads docx now (the export workers do at start; see preloadRenderers). */
export function loadDocx(): void {
  if (Packer) return;
  ({
    AlignmentType,
    BorderStyle,
    Document,
    Footer,
    HeadingLevel,
    LevelFormat,
    Packer,
    PageBreak,
    PageNumber,
    PageOrientation,
    Paragraph,
    ShadingType,
    Table,
    TableCell,
    TableLayoutType,
    TableRow,
    TabStopType,
    TextRun,
    WidthType,
    BuilderElement,
    CheckBox,
    StringValueElement,
  } = createRequire(import.meta.url)('docx') as typeof DocxLib);
}

import type { Block, ExportDocument, Inline, RatingScaleBlock, TableBlock } from '../model.js';
import { fitColumnWidths } from './layout.js';
import { FieldNames, SIGNATURE_COLUMNS, SIGNATURE_TYPED, cellField, headingContext } from './form.js';

const ACCENT = '1F4E79';
const HEADER_FILL = 'E7EEF6';
const EXPECTED_FILL = 'FFF6D6';
const GRID = 'C3CCD5';
const MUTED = '4A5A6A';
const FONT = 'Calibri';

/** A4 and US Letter in twentieths of a point, with 2 cm margins. */
const PAGES = {
  A4: { width: 11906, height: 16838, margin: 1134 },
  Letter: { width: 12240, height: 15840, margin: 1134 },
} as const;

type Child = Paragraph | Table;

/** What the block renderers share while walking a document. */
interface State {
  /** Next numbering instance (each ordered list restarts at 1). */
  n: number;
  beforeSignatures: boolean;
  /** The block follows a heading, or comes before a list: an introduction, kept with what it introduces. */
  introduces: boolean;
  names: FieldNames;
  /** The heading the current block sits under (names its fields). */
  context: string;
}

/** A plain-text content control (`w:sdt` with `w:text`): Word and LibreOffice let the reader type into it. */
function textSdt(alias: string, multiLine: boolean): BuilderElement {
  return new BuilderElement({
    name: 'w:sdt',
    children: [
      new BuilderElement({
        name: 'w:sdtPr',
        children: [
          new StringValueElement('w:alias', alias),
          new StringValueElement('w:tag', alias),
          new BuilderElement({
            name: 'w:text',
            ...(multiLine ? { attributes: { multiLine: { key: 'w:multiLine', value: '1' } } } : {}),
          }),
        ],
      }),
      new BuilderElement({ name: 'w:sdtContent', children: [new TextRun({ text: ' ' })] }),
    ],
  });
}

// docx's ParagraphChild union is closed (branded classes); a content control is written like any run.
const textControl = (alias: string, multiLine = false) => textSdt(alias, multiLine) as unknown as ParagraphChild;
const checkControl = (alias: string) =>
  new CheckBox({ alias, checkedState: { value: '2612' }, uncheckedState: { value: '2610' } });

function runs(content: readonly Inline[], base: { size?: number; color?: string; italics?: boolean } = {}): TextRun[] {
  return content.map((c) =>
    typeof c === 'string'
      ? new TextRun({ text: c, ...base })
      : new TextRun({
          text: c.text,
          bold: c.bold ?? false,
          italics: (c.italic ?? false) || (base.italics ?? false),
          ...(base.size ? { size: base.size } : {}),
          ...(base.color ? { color: base.color } : {}),
        }),
  );
}

const cellBorders = () => ({
  top: { style: BorderStyle.SINGLE, size: 4, color: GRID },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: GRID },
  left: { style: BorderStyle.SINGLE, size: 4, color: GRID },
  right: { style: BorderStyle.SINGLE, size: 4, color: GRID },
});
const noBorders = () => ({
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
});

function widths(rel: number[], total: number): number[] {
  const sum = rel.reduce((s, w) => s + w, 0) || 1;
  return rel.map((w) => Math.floor((w / sum) * total));
}

function cell(children: Paragraph[], width: number, opts: { fill?: string; header?: boolean } = {}): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    borders: cellBorders(),
    margins: { top: 50, bottom: 50, left: 90, right: 90 },
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } } : {}),
  });
}

function headerRow(headers: string[], cols: number[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) =>
      cell(
        [new Paragraph({ keepNext: true, children: [new TextRun({ text: h, bold: true, color: '1F3B57' })] })],
        cols[i]!,
        {
          fill: HEADER_FILL,
        },
      ),
    ),
  });
}

/** A table body cell: printed text, or a content control where the reader fills it in. */
function bodyCell(t: TableBlock, row: number, col: number, width: number, state: State): TableCell {
  const field = cellField(t, row, col, state.names, state.context);
  const v = t.rows[row]?.[col];
  const children = field
    ? [field.input === 'check' ? checkControl(field.name) : textControl(field.name, field.multiLine)]
    : v === undefined
      ? []
      : runs([v]);
  // Before a sign-off the table keeps with it (every row with the next), so the signatures never stand
  // alone. (Keeping only a table's last two rows together makes LibreOffice add an empty last page.)
  return cell([new Paragraph({ keepNext: state.beforeSignatures, children })], width);
}

function table(t: TableBlock, contentWidth: number, state: State): Table {
  // Wide enough for each column's longest word (10.5 pt, in twips; Calibri or its stand-in Carlito
  // runs wider in bold headers): Word and LibreOffice would otherwise break it.
  const cols = fitColumnWidths(t, contentWidth, 10.5, 220, 20, 0.64).map(Math.floor);
  const rows = [
    headerRow(
      t.columns.map((c) => c.header),
      cols,
    ),
  ];
  t.rows.forEach((_, r) => {
    rows.push(
      new TableRow({
        cantSplit: true,
        ...(t.lines ? { height: { value: t.lines * 300 + 100, rule: 'atLeast' as const } } : {}),
        children: t.columns.map((_, i) => bodyCell(t, r, i, cols[i]!, state)),
      }),
    );
  });
  for (let i = 0; i < (t.blankRows ?? 0); i++) {
    rows.push(
      new TableRow({
        height: { value: 480, rule: 'atLeast' },
        children: cols.map((w, c) => bodyCell(t, t.rows.length + i, c, w, state)),
      }),
    );
  }
  return new Table({
    rows,
    columnWidths: cols,
    width: { size: contentWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
  });
}

function ratingScale(s: RatingScaleBlock, contentWidth: number): Child[] {
  const cols = widths([1.1, 1.8, 7], contentWidth);
  const rows = [headerRow(['Rating', 'Level', 'What you see'], cols)];
  for (const l of s.levels) {
    const fill = l.expected ? EXPECTED_FILL : undefined;
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: String(l.value), bold: true })],
              }),
            ],
            cols[0]!,
            fill ? { fill } : {},
          ),
          cell(
            [
              new Paragraph({ children: [new TextRun(l.label)] }),
              ...(l.expected
                ? [
                    new Paragraph({
                      children: [new TextRun({ text: 'Required level', bold: true, size: 16, color: ACCENT })],
                    }),
                  ]
                : []),
            ],
            cols[1]!,
            fill ? { fill } : {},
          ),
          cell(
            l.behaviours.map(
              (x) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 0 }, children: [new TextRun(x)] }),
            ),
            cols[2]!,
            fill ? { fill } : {},
          ),
        ],
      }),
    );
  }
  return [
    new Paragraph({
      keepNext: true,
      spacing: { before: 160, after: 80 },
      children: [new TextRun({ text: s.title, bold: true })],
    }),
    new Table({
      rows,
      columnWidths: cols,
      width: { size: contentWidth, type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
    }),
  ];
}

function fieldsTable(
  items: { label: string; value: string }[],
  contentWidth: number,
  underline: boolean,
  keepNext = false,
  field?: (label: string) => string,
): Table {
  const perRow = 2;
  const cols = widths([1.55, 2.45, 1.55, 2.45], contentWidth);
  const rows: TableRow[] = [];
  for (let i = 0; i < items.length; i += perRow) {
    const pair = items.slice(i, i + perRow);
    const cells: TableCell[] = [];
    pair.forEach((f, j) => {
      cells.push(
        new TableCell({
          width: { size: cols[j * 2]!, type: WidthType.DXA },
          borders: noBorders(),
          margins: { top: 60, bottom: 20, left: 0, right: 90 },
          children: [new Paragraph({ keepNext, children: [new TextRun({ text: f.label, bold: true, color: MUTED })] })],
        }),
        new TableCell({
          width: { size: cols[j * 2 + 1]!, type: WidthType.DXA },
          borders: underline
            ? { ...noBorders(), bottom: { style: BorderStyle.SINGLE, size: 6, color: '8796A5' } }
            : noBorders(),
          margins: { top: 60, bottom: 20, left: 60, right: 200 },
          children: [
            new Paragraph({
              keepNext,
              children: [f.value === '' && field ? textControl(field(f.label)) : new TextRun(f.value)],
            }),
          ],
        }),
      );
    });
    while (cells.length < 4) {
      cells.push(
        new TableCell({
          width: { size: cols[cells.length]!, type: WidthType.DXA },
          borders: noBorders(),
          children: [new Paragraph('')],
        }),
      );
    }
    rows.push(new TableRow({ height: { value: underline ? 440 : 300, rule: 'atLeast' }, children: cells }));
  }
  return new Table({
    rows,
    columnWidths: cols,
    width: { size: contentWidth, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    borders: noBorders(),
  });
}

function spacer(keepNext = false): Paragraph {
  return new Paragraph({ spacing: { after: 60 }, keepNext, children: [] });
}

function block(bl: Block, contentWidth: number, listIndex: State): Child[] {
  const names = listIndex.names;
  switch (bl.type) {
    case 'heading': {
      const heading =
        bl.level === 1 ? HeadingLevel.HEADING_1 : bl.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
      return [new Paragraph({ heading, keepNext: true, children: [new TextRun(bl.text)] })];
    }
    case 'paragraph': {
      // Before a sign-off, a paragraph keeps with it, so the signatures never start a page alone.
      const keepNext = listIndex.beforeSignatures || listIndex.introduces;
      if (bl.style === 'note') return [new Paragraph({ style: 'Note', keepNext, children: runs(bl.content) })];
      if (bl.style === 'lead') return [new Paragraph({ style: 'Lead', keepNext, children: runs(bl.content) })];
      return [new Paragraph({ keepNext, children: runs(bl.content) })];
    }
    case 'list': {
      const instance = listIndex.n++;
      // A short list stays on one page (as in the PDF): each item keeps with the next.
      const short = bl.items.length <= 8;
      return bl.items.map(
        (item, i) =>
          new Paragraph({
            keepNext: (short && i < bl.items.length - 1) || listIndex.beforeSignatures,
            ...(bl.ordered
              ? { numbering: { reference: 'jc-numbered', level: 0, instance } }
              : { bullet: { level: 0 } }),
            spacing: { after: 60 },
            children: runs(item),
          }),
      );
    }
    case 'table':
      return [table(bl, contentWidth, listIndex), spacer(listIndex.beforeSignatures)];
    case 'fields':
      return [
        fieldsTable(
          bl.items,
          contentWidth,
          bl.items.some((f) => f.value === ''),
          listIndex.beforeSignatures,
          (label) => names.name(listIndex.context, label),
        ),
        new Paragraph({ spacing: { after: 60 }, keepNext: listIndex.beforeSignatures, children: [] }),
      ];
    case 'ratingScale':
      return [...ratingScale(bl, contentWidth), spacer(listIndex.beforeSignatures)];
    case 'choice':
      return [
        new Paragraph({
          spacing: { before: 160, after: 160 },
          children: [
            new TextRun({ text: `${bl.label}:`, bold: true }),
            ...bl.options.flatMap((o) => [
              new TextRun({ text: '     ' }),
              checkControl(names.name(listIndex.context, bl.label, o)),
              new TextRun({ text: ` ${o}` }),
            ]),
          ],
        }),
      ];
    case 'commentBox':
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 120, after: 60 },
          children: [new TextRun({ text: bl.label, bold: true })],
        }),
        new Table({
          columnWidths: [contentWidth],
          width: { size: contentWidth, type: WidthType.DXA },
          rows: [
            new TableRow({
              height: { value: bl.lines * 340, rule: 'atLeast' },
              cantSplit: true,
              // Keep the box with what follows (another box, the sign-off), so a signature never sits alone.
              children: [
                cell(
                  [
                    new Paragraph({
                      keepNext: true,
                      children: [textControl(names.name(listIndex.context, bl.label), true)],
                    }),
                  ],
                  contentWidth,
                ),
              ],
            }),
          ],
        }),
        spacer(),
      ];
    case 'signatures': {
      const cols = widths([2, 3, 3, 1.6], contentWidth);
      return [
        new Paragraph({ spacing: { before: 240 }, keepNext: true, children: [] }),
        new Table({
          columnWidths: cols,
          width: { size: contentWidth, type: WidthType.DXA },
          layout: TableLayoutType.FIXED,
          rows: [
            headerRow([...SIGNATURE_COLUMNS], cols),
            ...bl.parties.map(
              (p) =>
                new TableRow({
                  cantSplit: true,
                  height: { value: 620, rule: 'atLeast' },
                  children: SIGNATURE_COLUMNS.map((column, i) =>
                    cell(
                      [
                        new Paragraph({
                          children:
                            i === 0
                              ? [new TextRun(p)]
                              : SIGNATURE_TYPED[i]
                                ? [textControl(names.name('Sign-off', p, column))]
                                : [],
                        }),
                      ],
                      cols[i]!,
                    ),
                  ),
                }),
            ),
          ],
        }),
      ];
    }
    case 'pageBreak':
      return [new Paragraph({ children: [new PageBreak()] })];
    case 'figure':
      return [
        new Paragraph({
          children: [
            new TextRun({ text: `Picture: ${bl.alt} (in the PDF and HTML of this document).`, italics: true }),
          ],
        }),
      ];
  }
}

/** Renders a document as a Word file with real heading styles, header rows that repeat, and page numbers. */
export async function renderDocx(doc: ExportDocument): Promise<Uint8Array> {
  loadDocx();
  const landscape = doc.orientation === 'landscape';
  const PAGE = PAGES[doc.paper ?? 'A4'];
  const contentWidth = (landscape ? PAGE.height : PAGE.width) - 2 * PAGE.margin;
  const listIndex: State = {
    n: 1,
    beforeSignatures: false,
    introduces: false,
    names: new FieldNames(),
    context: '',
  };
  const children: Child[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ style: 'Subtitle', children: [new TextRun(doc.subtitle)] }),
  ];
  if (doc.properties.length) children.push(fieldsTable(doc.properties, contentWidth, false), spacer());
  doc.blocks.forEach((bl, i) => {
    listIndex.beforeSignatures = doc.blocks[i + 1]?.type === 'signatures';
    listIndex.introduces = doc.blocks[i - 1]?.type === 'heading' || doc.blocks[i + 1]?.type === 'list';
    listIndex.context = headingContext(doc.blocks, i);
    children.push(...block(bl, contentWidth, listIndex));
  });

  const footerText = [...new Set([doc.marking?.toUpperCase(), doc.title, doc.meta.roleName ?? doc.meta.mapTitle])]
    .filter(Boolean)
    .join(' · ');
  const section: ISectionOptions = {
    properties: {
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
      },
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: contentWidth }],
            children: [
              new TextRun({ text: footerText, size: 16, color: MUTED }),
              new TextRun({
                children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES],
                size: 16,
                color: MUTED,
              }),
            ],
          }),
        ],
      }),
    },
    children,
  };

  const document = new Document({
    creator: 'Journeycraft',
    title: `${doc.title}: ${doc.subtitle}`,
    subject: doc.kind,
    description: `Generated from the journey map “${doc.meta.mapTitle}”.`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 21, color: '1D2733' }, paragraph: { spacing: { after: 100, line: 264 } } },
        title: { run: { font: FONT, size: 44, bold: true, color: ACCENT }, paragraph: { spacing: { after: 40 } } },
        heading1: {
          run: { font: FONT, size: 30, bold: true, color: ACCENT },
          paragraph: {
            spacing: { before: 360, after: 120 },
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'D5DDE5', space: 2 } },
          },
        },
        heading2: {
          run: { font: FONT, size: 25, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 280, after: 100 } },
        },
        heading3: {
          run: { font: FONT, size: 22, bold: true, color: '1D2733' },
          paragraph: { spacing: { before: 200, after: 80 } },
        },
      },
      paragraphStyles: [
        {
          id: 'Subtitle',
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 26, color: MUTED },
          paragraph: { spacing: { after: 240 } },
        },
        {
          id: 'Lead',
          name: 'Lead',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 23 },
          paragraph: { spacing: { after: 160 } },
        },
        {
          id: 'Note',
          name: 'Note',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 18, italics: true, color: MUTED },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'jc-numbered',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 400, hanging: 300 } } },
            },
          ],
        },
      ],
    },
    sections: [section],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
