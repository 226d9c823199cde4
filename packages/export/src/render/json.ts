import { z } from 'zod';
import { ExportDocumentSchema, type ExportDocument } from '../model.js';
import { escapeHtml } from './html.js';
import { allCompetencies, purposeText, type KindContext } from '../common.js';
import { responsibilities, neverWaived } from '../kinds/job.js';
import { inlineText } from '../model.js';

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

/** Options of the schema.org JobPosting. */
export interface JobPostingOptions {
  /** schema.org employmentType values, e.g. FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY. Defaults to FULL_TIME. */
  employmentType?: string[];
  /** Last day the ad is valid (ISO date). */
  validThrough?: string;
  /** Where the job is; omitted when not given. */
  location?: { locality?: string; region?: string; country: string };
}

/** A schema.org JobPosting (JSON-LD) for the role's job ad. `description` is HTML, as search engines expect. */
export function jobPosting(ctx: KindContext, options: JobPostingOptions = {}): Record<string, unknown> {
  const { profile } = ctx;
  const role = profile.role;
  const li = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const resp = responsibilities(ctx).map((r) => inlineText(r));
  const comps = allCompetencies(profile).filter((rc) => rc.competency.kind !== 'org');
  const description = [
    `<p>${escapeHtml(purposeText(ctx))}</p>`,
    resp.length ? `<p><strong>What you will do</strong></p>${li(resp)}` : '',
    comps.length
      ? `<p><strong>What you bring</strong></p>${li(comps.map((rc) => `${rc.competency.name} (${rc.levelName || `level ${rc.level}`})`))}`
      : '',
    neverWaived(ctx).length
      ? `<p><strong>Promises we keep to customers</strong></p>${li(neverWaived(ctx).map((n) => inlineText(n)))}`
      : '',
  ].join('');
  const posting: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: role.name,
    description,
    datePosted: ctx.now.toISOString().slice(0, 10),
    employmentType: options.employmentType?.length ? options.employmentType : ['FULL_TIME'],
    hiringOrganization: { '@type': 'Organization', name: ctx.organization || ctx.map.meta.title },
    identifier: { '@type': 'PropertyValue', name: ctx.organization || ctx.map.meta.title, value: role.id },
    responsibilities: resp.join('\n'),
    skills: profile.competencies.how.map((rc) => ({
      '@type': 'DefinedTerm',
      name: rc.competency.name,
      description: rc.competency.definition,
      termCode: rc.competency.id,
    })),
    qualifications: profile.competencies.what.map((rc) => ({
      '@type': 'EducationalOccupationalCredential',
      credentialCategory: 'competency',
      name: rc.competency.name,
      description: `${rc.levelName || `Level ${rc.level}`}: ${rc.competency.definition}`,
    })),
    totalJobOpenings: Math.max(0, role.headcount - role.incumbents) || undefined,
  };
  if (role.team) posting.occupationalCategory = role.team;
  if (options.validThrough) posting.validThrough = options.validThrough;
  if (options.location) {
    posting.jobLocation = {
      '@type': 'Place',
      address: {
        '@type': 'PostalAddress',
        addressCountry: options.location.country,
        ...(options.location.locality ? { addressLocality: options.location.locality } : {}),
        ...(options.location.region ? { addressRegion: options.location.region } : {}),
      },
    };
  }
  return JSON.parse(JSON.stringify(posting)) as Record<string, unknown>;
}

/** The JobPosting as a JSON-LD file. */
export function renderJobPosting(ctx: KindContext, options: JobPostingOptions = {}): string {
  return `${JSON.stringify(jobPosting(ctx, options), null, 2)}\n`;
}

/** The JobPosting as a `<script type="application/ld+json">` tag to paste into a careers page (safe against `</script>`). */
export function jobPostingScriptTag(ctx: KindContext, options: JobPostingOptions = {}): string {
  const json = JSON.stringify(jobPosting(ctx, options)).replace(/</g, '\\u003c');
  return `<script type="application/ld+json">${json}</script>`;
}
