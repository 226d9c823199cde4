import { z } from 'zod';

/**
 * The neutral document tree every export is made of. Document kinds build it from a role profile;
 * renderers (DOCX, PDF, Markdown, HTML, JSON, XLSX, CSV) only read it. It is plain JSON: the JSON
 * export is this tree, and `document.schema.json` (generated from these schemas) describes it.
 */

/** A run of text, optionally bold or italic. */
export const RunSchema = z
  .object({
    text: z.string(),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
  })
  .strict();
export type Run = z.infer<typeof RunSchema>;

/** Inline content: a plain string or a styled run. */
export const InlineSchema = z.union([z.string(), RunSchema]);
export type Inline = z.infer<typeof InlineSchema>;

/** A table column. `input` columns are left blank for the reader to fill in (a rating 1–5, a tick, free text). */
export const ColumnSchema = z
  .object({
    header: z.string(),
    /** Relative width (the renderers share the page width in proportion). */
    width: z.number().positive().optional(),
    input: z.enum(['rating', 'check', 'text']).optional(),
  })
  .strict();
export type Column = z.infer<typeof ColumnSchema>;

export const HeadingSchema = z
  .object({ type: z.literal('heading'), level: z.union([z.literal(1), z.literal(2), z.literal(3)]), text: z.string() })
  .strict();
export const ParagraphSchema = z
  .object({
    type: z.literal('paragraph'),
    content: z.array(InlineSchema),
    /** `lead`: an introduction; `note`: guidance for the person filling the form in (smaller, muted). */
    style: z.enum(['normal', 'lead', 'note']).optional(),
  })
  .strict();
export const ListSchema = z
  .object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(z.array(InlineSchema)) })
  .strict();
export const TableSchema = z
  .object({
    type: z.literal('table'),
    /** Stable id (`scorecard`, `competencies`, …): the name of the XLSX sheet and the CSV export's choice. */
    id: z.string(),
    /** Short title (XLSX sheet name). */
    title: z.string(),
    columns: z.array(ColumnSchema).min(1),
    rows: z.array(z.array(InlineSchema)),
    /** Blank rows added after `rows` for handwritten entries (logs, candidate lists). */
    blankRows: z.number().int().nonnegative().optional(),
    /** Lines of handwriting room in each body row (note grids such as STAR notes); one line when absent. */
    lines: z.number().int().min(1).max(12).optional(),
  })
  .strict();
export const FieldsSchema = z
  .object({
    type: z.literal('fields'),
    /** Label / value pairs; an empty value is a blank to fill in. */
    items: z.array(z.object({ label: z.string(), value: z.string() }).strict()),
  })
  .strict();
export const RatingScaleSchema = z
  .object({
    type: z.literal('ratingScale'),
    title: z.string(),
    /** The five anchors, 1 to 5, each with the behaviours an observer sees at that level. */
    levels: z.array(
      z
        .object({
          value: z.number().int().min(1).max(5),
          label: z.string(),
          behaviours: z.array(z.string()),
          /** The level the role requires. */
          expected: z.boolean(),
        })
        .strict(),
    ),
  })
  .strict();
export const ChoiceSchema = z
  .object({ type: z.literal('choice'), label: z.string(), options: z.array(z.string()).min(1) })
  .strict();
export const CommentBoxSchema = z
  .object({ type: z.literal('commentBox'), label: z.string(), lines: z.number().int().min(1).max(30) })
  .strict();
export const SignaturesSchema = z
  .object({ type: z.literal('signatures'), parties: z.array(z.string()).min(1) })
  .strict();
export const PageBreakSchema = z.object({ type: z.literal('pageBreak') }).strict();
/**
 * A picture made of shapes (the journey map as SVG, from @journeycraft/picture): drawn as vectors
 * in PDF (fitted, with detail pages when large) and HTML; formats without pictures print `alt`.
 */
export const FigureSchema = z
  .object({
    type: z.literal('figure'),
    /** SVG markup of shapes only (no scripts, no foreignObject), as our own renderer writes it. */
    svg: z.string(),
    width: z.number().positive(),
    height: z.number().positive(),
    /** What the picture shows, in words (alt text, and the stand-in where a format has no pictures). */
    alt: z.string(),
    /**
     * Where a map's grid lies in the picture (see @journeycraft/picture's PictureGrid): PDF detail
     * pages then cut between stages and lanes and repeat the headers on every page.
     */
    grid: z
      .object({
        laneHeaders: z.object({ x: z.number(), width: z.number().positive() }).strict(),
        stageHeaders: z.object({ y: z.number(), height: z.number().positive() }).strict(),
        columns: z.array(z.object({ x: z.number(), width: z.number().positive() }).strict()),
        rows: z.array(z.object({ y: z.number(), height: z.number().positive() }).strict()),
        legendTop: z.number(),
        legendWidth: z.number().positive(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** One block of a document. */
export const BlockSchema = z.discriminatedUnion('type', [
  HeadingSchema,
  ParagraphSchema,
  ListSchema,
  TableSchema,
  FieldsSchema,
  RatingScaleSchema,
  ChoiceSchema,
  CommentBoxSchema,
  SignaturesSchema,
  PageBreakSchema,
  FigureSchema,
]);
export type Block = z.infer<typeof BlockSchema>;
export type TableBlock = z.infer<typeof TableSchema>;
export type RatingScaleBlock = z.infer<typeof RatingScaleSchema>;
export type FigureBlock = z.infer<typeof FigureSchema>;

/** Identifies the document format in JSON exports. */
export const DOCUMENT_FORMAT = 'journeycraft.document';
/** Version of the document tree; bumped when it changes shape. */
export const DOCUMENT_VERSION = 1;

/** A whole document: title, summary properties and blocks in reading order. */
export const ExportDocumentSchema = z
  .object({
    format: z.literal(DOCUMENT_FORMAT),
    version: z.literal(DOCUMENT_VERSION),
    kind: z.string(),
    title: z.string(),
    subtitle: z.string(),
    orientation: z.enum(['portrait', 'landscape']),
    meta: z
      .object({
        mapTitle: z.string(),
        roleId: z.string().nullable(),
        roleName: z.string().nullable(),
        /** ISO-8601 timestamp of generation. */
        generatedAt: z.string(),
      })
      .strict(),
    /** Handling mark printed on every page ("Confidential", "Internal"). */
    marking: z.string().optional(),
    /** Summary shown under the title (role, team, criticality…). */
    properties: z.array(z.object({ label: z.string(), value: z.string() }).strict()),
    blocks: z.array(BlockSchema),
    /** The table the CSV export writes (one of the blocks' ids). */
    primaryTable: z.string(),
    /** Who reads it: candidate and employee documents carry no internal workforce data and no generator footer. */
    audience: z.enum(['candidate', 'employee', 'internal']).optional(),
    /** Paper of the printed document (DOCX, PDF, HTML print); A4 when absent. */
    paper: z.enum(['A4', 'Letter']).optional(),
    /** schema.org data of the document (a job ad's JobPosting), embedded in HTML as `application/ld+json`. */
    structuredData: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ExportDocument = z.infer<typeof ExportDocumentSchema>;

/** Plain text of inline content. */
export function inlineText(content: readonly Inline[]): string {
  return content.map((c) => (typeof c === 'string' ? c : c.text)).join('');
}

/** Every table of a document, in order. */
export function documentTables(doc: ExportDocument): TableBlock[] {
  return doc.blocks.filter((b): b is TableBlock => b.type === 'table');
}

/** The document's primary table (what the CSV export writes). */
export function primaryTable(doc: ExportDocument): TableBlock {
  const tables = documentTables(doc);
  const table = tables.find((t) => t.id === doc.primaryTable) ?? tables[0];
  if (!table) throw new Error(`document "${doc.kind}" has no table`);
  return table;
}
