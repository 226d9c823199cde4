import { createRequire } from 'node:module';
import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';
import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import { knownTemplateTags, unknownFieldMessage } from './fields.js';
import { boundedRezip, checkOutputSize, templateLimits, tooManyExpansions, type TemplateLimits } from './limits.js';

/** A template that cannot be used: what is wrong, and the tags concerned. */
export class TemplateError extends JourneycraftError {
  readonly tags: string[];
  constructor(message: string, tags: string[], details: string[] = []) {
    super(
      ErrorCode.ValidationFailed,
      message,
      details.map((d, i) => ({ path: tags[i] ? `{${tags[i]}}` : 'template', message: d })),
    );
    this.name = 'TemplateError';
    this.tags = tags;
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function lookup(scope: unknown, path: string): unknown {
  let value = scope;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key))
      return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The logic-less parser: a tag is a field name or a dotted path (`role.name`), or `.` for the
 * current item of a loop over text. Anything else (expressions, filters, function calls) and any
 * name that is not a template field is refused, naming the tag.
 */
function logicLessParser(known: Set<string>, budget: ExpansionBudget, blanks: Set<string> | null) {
  return (tag: string) => {
    const name = tag.trim();
    if (!NAME.test(name) && name !== '.') {
      throw new Error(`"{${name}}" is not a field name: templates take field names only, without expressions`);
    }
    if (name !== '.' && !known.has(name)) {
      if (blanks) {
        blanks.add(name);
        return { get: () => '' };
      }
      throw new Error(unknownFieldMessage(name, `{${name}}`));
    }
    return {
      get: (scope: unknown) => {
        // Every tag filled counts, in every loop iteration: nested loops multiply. Past the budget
        // nothing more is filled (loops come back empty), so the render ends at once.
        budget.used += 1;
        if (budget.used > budget.max) {
          budget.exhausted = true;
          return undefined;
        }
        return name === '.' ? scope : lookup(scope, name);
      },
    };
  };
}

interface ExpansionBudget {
  max: number;
  used: number;
  exhausted: boolean;
}

interface XtError {
  message?: string;
  properties?: {
    id?: string;
    xtag?: string;
    explanation?: string;
    rootError?: { message?: string };
    errors?: XtError[];
    tag?: string;
  };
}

function explain(err: unknown): TemplateError {
  const e = err as XtError;
  const list = e.properties?.errors?.length ? e.properties.errors : [e];
  const tags: string[] = [];
  const details: string[] = [];
  for (const item of list) {
    const p = item.properties ?? {};
    const tag = (p.xtag ?? p.tag ?? '').trim();
    tags.push(tag);
    if (p.id === 'scopeparser_compilation_failed' && p.rootError?.message) details.push(p.rootError.message);
    else details.push(p.explanation ?? item.message ?? 'template error');
  }
  const named = [...new Set(tags.filter(Boolean))];
  const message =
    `the template cannot be used: ${details.join('; ')}` +
    (named.length ? ` (tag${named.length > 1 ? 's' : ''} ${named.map((t) => `{${t}}`).join(', ')})` : '');
  return new TemplateError(message, tags, details);
}

/**
 * Fills a company's DOCX template: `{role.name}`, loops `{#competencies}…{/competencies}` (also over
 * `behaviours`, `evidence`, `touchpoints`…), `{.}` for the current text item, yes/no fields as
 * conditions (`{#atMomentOfTruth}…{/atMomentOfTruth}`, `{^critical}…{/critical}`). Throws a
 * TemplateError naming the tag on a syntax error, an unknown field (with the fields there are) or a
 * field used outside its loop; with `fillBlank`, unknown fields are left empty and reported to `onBlank`.
 */
export function fillDocxTemplate(
  template: Uint8Array,
  data: object,
  limits: TemplateLimits & { fillBlank?: boolean; onBlank?: (fields: string[]) => void } = {},
): Uint8Array {
  const max = templateLimits(limits);
  // docxtemplater and pizzip load on first use (the sync server imports this package, fills nothing).
  const require = createRequire(import.meta.url);
  const Zip = require('pizzip') as typeof PizZip;
  const Templater = require('docxtemplater') as typeof Docxtemplater;
  let zip: PizZip;
  try {
    zip = new Zip(boundedRezip(template, max.maxInflatedBytes));
  } catch (err) {
    if (err instanceof JourneycraftError) throw err;
    throw new TemplateError('the template is not a readable DOCX (zip) file', []);
  }
  const known = knownTemplateTags();
  const budget: ExpansionBudget = { max: max.maxExpansions, used: 0, exhausted: false };
  const blanks = limits.fillBlank ? new Set<string>() : null;
  let doc: Docxtemplater;
  try {
    doc = new Templater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      parser: logicLessParser(known, budget, blanks),
      errorLogging: false,
      nullGetter: (part) => {
        if (part.module || budget.exhausted) return '';
        throw Object.assign(
          new Error(`field "{${part.value}}" has no value here: use it inside the loop it belongs to`),
          {
            properties: {
              id: 'null_value',
              xtag: part.value,
              explanation: `field "{${part.value}}" has no value here: use it inside the loop it belongs to`,
            },
          },
        );
      },
    });
  } catch (err) {
    throw explain(err);
  }
  try {
    doc.render(data);
  } catch (err) {
    if (budget.exhausted) throw tooManyExpansions(max.maxExpansions);
    throw explain(err);
  }
  if (budget.exhausted) throw tooManyExpansions(max.maxExpansions);
  if (blanks?.size) limits.onBlank?.([...blanks]);
  const out = new Uint8Array(doc.getZip().generate({ type: 'uint8array', compression: 'DEFLATE' }));
  return checkOutputSize(out, max.maxOutputBytes);
}
