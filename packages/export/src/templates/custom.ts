import { createRequire } from 'node:module';
import type PizZip from 'pizzip';
import { ErrorCode, JourneycraftError, type MapSnapshot } from '@journeycraft/schema';
import { buildRoleProfile } from '@journeycraft/profiles';
import { kindContext, type DocumentOptions } from '../common.js';
import { sampleHrSettings, sampleSupportMap } from '../sample.js';
import { buildTemplateData, type TemplateData } from './fields.js';
import { fillDocxTemplate } from './docx-template.js';
import { renderTextTemplate, type TemplateEscape, type TextTemplateLimits } from './liquid.js';
import { templateLimits, type TemplateLimits } from './limits.js';

/** Largest template accepted (bytes). */
export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

/** A checked upload: a Word template or UTF-8 text. */
export type CheckedTemplate = { type: 'docx'; bytes: Uint8Array } | { type: 'text'; text: string };

/**
 * Checks an uploaded template: at most MAX_TEMPLATE_BYTES, and either a DOCX (a zip holding
 * word/document.xml, without macros) or UTF-8 text without NUL bytes. Anything else is refused.
 */
export function checkTemplate(bytes: Uint8Array, maxBytes = MAX_TEMPLATE_BYTES): CheckedTemplate {
  if (bytes.byteLength === 0) throw new JourneycraftError(ErrorCode.BadRequest, 'the template is empty');
  if (bytes.byteLength > maxBytes) {
    throw new JourneycraftError(ErrorCode.PayloadTooLarge, `the template is larger than ${maxBytes} bytes`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    let zip: PizZip;
    try {
      // pizzip loads on first use (the sync server imports this package but fills no template).
      const Zip = createRequire(import.meta.url)('pizzip') as typeof PizZip;
      zip = new Zip(bytes);
    } catch {
      throw new JourneycraftError(ErrorCode.BadRequest, 'the template is a damaged zip file');
    }
    if (!zip.file('word/document.xml')) {
      throw new JourneycraftError(
        ErrorCode.BadRequest,
        'the template is a zip file but not a Word document (no word/document.xml)',
      );
    }
    if (zip.file(/vbaProject\.bin$/i).length) {
      throw new JourneycraftError(ErrorCode.BadRequest, 'macro-enabled Word documents are not accepted as templates');
    }
    return { type: 'docx', bytes };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new JourneycraftError(ErrorCode.BadRequest, 'the template must be a DOCX file or UTF-8 text');
  }
  if (text.includes('\u0000'))
    throw new JourneycraftError(ErrorCode.BadRequest, 'the template must be a DOCX file or UTF-8 text');
  return { type: 'text', text: text.replace(/^\uFEFF/, '') };
}

/** The data templates receive for a role. */
export function templateData(map: MapSnapshot, roleId: string, options: DocumentOptions = {}): TemplateData {
  const profile = buildRoleProfile(map, roleId);
  if (!profile)
    throw new JourneycraftError(ErrorCode.NotFound, `role "${roleId}" is not on the map "${map.meta.title}"`);
  return buildTemplateData(kindContext(map, profile, options));
}

/** Template data of the sample support-call map's agent: for previews and the field list in the UI. */
export function sampleTemplateData(now = new Date()): TemplateData {
  return templateData(sampleSupportMap(), 'r-agent', {
    now,
    organization: 'Northwind Energy',
    settings: sampleHrSettings(),
  });
}

/** Options of a custom-template export. */
export interface TemplateExportOptions
  extends DocumentOptions, Omit<TextTemplateLimits, 'fillBlank' | 'onBlank'>, TemplateLimits {
  /** Extension of the text output (md, html, txt…), from the uploaded file's name; default txt. */
  extension?: string;
  /** A field the template names that we do not have: refuse the template (default) or leave it blank. */
  unknownFields?: 'refuse' | 'blank';
}

/** A filled custom template. */
export interface TemplateOutput {
  extension: string;
  mimeType: string;
  bytes: Uint8Array;
  /** Fields the template names that we do not have, left blank (with `unknownFields: 'blank'`). */
  blankFields: string[];
}

/**
 * The text formats a template may produce, with their type and how map text is escaped in them:
 * markup (HTML, XHTML, XML, SVG) as entities, JSON inside strings; plain formats as written. Any
 * other extension is refused, so no format gets map text unescaped by being named differently.
 */
const TEXT_FORMATS: Record<string, { mimeType: string; escape: TemplateEscape }> = {
  txt: { mimeType: 'text/plain; charset=utf-8', escape: 'none' },
  text: { mimeType: 'text/plain; charset=utf-8', escape: 'none' },
  md: { mimeType: 'text/markdown; charset=utf-8', escape: 'none' },
  csv: { mimeType: 'text/csv; charset=utf-8', escape: 'none' },
  tsv: { mimeType: 'text/tab-separated-values; charset=utf-8', escape: 'none' },
  yaml: { mimeType: 'text/plain; charset=utf-8', escape: 'none' },
  yml: { mimeType: 'text/plain; charset=utf-8', escape: 'none' },
  html: { mimeType: 'text/html; charset=utf-8', escape: 'html' },
  htm: { mimeType: 'text/html; charset=utf-8', escape: 'html' },
  xhtml: { mimeType: 'application/xhtml+xml; charset=utf-8', escape: 'html' },
  xht: { mimeType: 'application/xhtml+xml; charset=utf-8', escape: 'html' },
  xml: { mimeType: 'application/xml; charset=utf-8', escape: 'html' },
  svg: { mimeType: 'image/svg+xml; charset=utf-8', escape: 'html' },
  json: { mimeType: 'application/json; charset=utf-8', escape: 'json' },
  jsonld: { mimeType: 'application/ld+json; charset=utf-8', escape: 'json' },
};

/** Extensions a text template may produce. */
export const TEXT_TEMPLATE_EXTENSIONS = Object.keys(TEXT_FORMATS);

/** Formats a text template cannot produce: a filled text named `.docx` would not open in Word. */
const BINARY_EXTENSIONS = new Set([
  'doc',
  'docx',
  'docm',
  'dotx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'pdf',
  'odt',
  'ods',
  'zip',
]);

/** The extension of a filled text template: from the upload's name, but never a binary format or `liquid`. */
function textOutputExtension(extension: string | undefined): string {
  const ext = (extension ?? 'txt').toLowerCase().replace(/[^a-z0-9]/g, '') || 'txt';
  if (ext === 'markdown') return 'md';
  return ext === 'liquid' || BINARY_EXTENSIONS.has(ext) ? 'txt' : ext;
}

/** Fills a company template (DOCX via docxtemplater, text via LiquidJS in a worker) for one role. */
export async function fillTemplate(
  map: MapSnapshot,
  roleId: string,
  template: Uint8Array,
  options: TemplateExportOptions = {},
): Promise<TemplateOutput> {
  const checked = checkTemplate(template);
  const data = templateData(map, roleId, options);
  const fillBlank = options.unknownFields === 'blank';
  let blankFields: string[] = [];
  const onBlank = (fields: string[]) => (blankFields = fields);
  if (checked.type === 'docx') {
    const bytes = fillDocxTemplate(checked.bytes, data, { ...options, fillBlank, onBlank });
    return {
      extension: 'docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes,
      blankFields,
    };
  }
  const ext = textOutputExtension(options.extension);
  const format = TEXT_FORMATS[ext];
  if (!format) {
    throw new JourneycraftError(
      ErrorCode.BadRequest,
      `a text template cannot produce ".${ext}" files; use one of ${TEXT_TEMPLATE_EXTENSIONS.map((e) => `.${e}`).join(', ')}`,
    );
  }
  // Every output is escaped for the format (markup as entities, JSON inside strings), so map text
  // can never become markup or structure.
  const output = await renderTextTemplate(checked.text, data, {
    ...options,
    maxOutputBytes: templateLimits(options).maxOutputBytes,
    escape: format.escape,
    fillBlank,
    onBlank,
  });
  return { extension: ext, mimeType: format.mimeType, bytes: new TextEncoder().encode(output), blankFields };
}
