import { z } from 'zod';
import { ExportDocumentSchema, type ExportDocument } from '../model.js';

/** `$id` of the published JSON Schema of document exports (`@journeycraft/export/document.schema.json`). */
export const DOCUMENT_SCHEMA_ID = 'urn:journeycraft:export:document:v1';

/** The JSON Schema (draft 2020-12) of a document export, generated from the Zod schemas. */
export function documentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ExportDocumentSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: DOCUMENT_SCHEMA_ID,
    title: 'Journeycraft document export',
    description:
      'An HR document (job description, interview guide, review form, …) generated from a role on a journey map, as a neutral tree of blocks.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

/** Renders a document as pretty-printed JSON (valid against `document.schema.json`). */
export function renderJson(doc: ExportDocument): string {
  return `${JSON.stringify(ExportDocumentSchema.parse(doc), null, 2)}\n`;
}
