import { EmploymentType, ErrorCode, JourneycraftError, SalaryPeriod, type WorkLocation } from '@journeycraft/schema';
import type { KindContext } from './common.js';
import { jobAdBlocks } from './kinds/job.js';
import { renderBlocksHtml, jsonLdScript } from './render/html.js';
import { countryName, isoDay } from './hrfacts.js';

/**
 * schema.org JobPosting for a role's job ad, and a checker of Google's job-posting rules
 * ("Job posting (JobPosting) structured data", Google Search Central,
 * https://developers.google.com/search/docs/appearance/structured-data/job-posting: required
 * properties datePosted, description, hiringOrganization, jobLocation (or, for fully remote
 * jobs, jobLocationType TELECOMMUTE with applicantLocationRequirements) and title; recommended
 * applicantLocationRequirements, baseSalary, directApply, employmentType, identifier,
 * jobLocationType and validThrough; plus their content guidelines).
 */

/** Options of the schema.org JobPosting that override the role's stored facts for one export. */
export interface JobPostingOptions {
  /** schema.org employmentType values (FULL_TIME, PART_TIME, …); the role's own when absent. */
  employmentType?: string[];
  /** Last day the ad is valid (ISO date); the role's `postingClosesOn` when absent. */
  validThrough?: string;
  /** Where the job is; the role's locations when absent. */
  location?: { locality?: string; region?: string; country: string };
}

function place(l: WorkLocation): Record<string, unknown> {
  return {
    '@type': 'Place',
    address: {
      '@type': 'PostalAddress',
      ...(l.streetAddress ? { streetAddress: l.streetAddress } : {}),
      ...(l.locality ? { addressLocality: l.locality } : {}),
      ...(l.region ? { addressRegion: l.region } : {}),
      ...(l.postalCode ? { postalCode: l.postalCode } : {}),
      addressCountry: l.country,
    },
  };
}

/** The JobPosting of a role (JSON-LD object). `description` is the job ad as safe HTML. */
export function jobPosting(ctx: KindContext, options: JobPostingOptions = {}): Record<string, unknown> {
  const { profile, settings } = ctx;
  const role = profile.role;
  const locations: WorkLocation[] = options.location
    ? [
        {
          streetAddress: '',
          postalCode: '',
          locality: options.location.locality ?? '',
          region: options.location.region ?? '',
          country: options.location.country,
        },
      ]
    : role.locations;
  // The ad without its tables (and the headings that only introduce one): Google takes text markup only.
  const blocks = jobAdBlocks(ctx);
  const description = renderBlocksHtml(
    blocks.filter((bl, i) => bl.type !== 'table' && !(bl.type === 'heading' && blocks[i + 1]?.type === 'table')),
  );
  const types = options.employmentType?.length ? options.employmentType : role.employmentType;
  const org = ctx.organization;
  const posting: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: role.name,
    description,
    datePosted: role.postingOpenedOn ?? isoDay(ctx.now),
    hiringOrganization: {
      '@type': 'Organization',
      name: org,
      ...(settings.website ? { sameAs: settings.website } : {}),
      ...(settings.logoUrl ? { logo: settings.logoUrl } : {}),
    },
    identifier: { '@type': 'PropertyValue', name: org, value: role.requisitionId || role.jobCode || role.id },
    directApply: settings.directApply,
  };
  const validThrough = options.validThrough ?? role.postingClosesOn;
  if (validThrough) posting.validThrough = validThrough;
  if (types.length) posting.employmentType = types.length === 1 ? types[0] : types;
  if (role.workArrangement !== 'remote' || locations.length) {
    if (locations.length) posting.jobLocation = locations.length === 1 ? place(locations[0]!) : locations.map(place);
  }
  if (role.workArrangement === 'remote') {
    posting.jobLocationType = 'TELECOMMUTE';
    const areas = role.applicantLocations.length
      ? role.applicantLocations
      : locations.map((l) => ({ country: l.country, region: '' }));
    posting.applicantLocationRequirements = areas.map((a) =>
      a.region ? { '@type': 'State', name: a.region } : { '@type': 'Country', name: countryName(a.country) },
    );
  }
  if (role.salary) {
    const { currency, min, max, period } = role.salary;
    posting.baseSalary = {
      '@type': 'MonetaryAmount',
      currency,
      value:
        min === max
          ? { '@type': 'QuantitativeValue', value: min, unitText: period }
          : { '@type': 'QuantitativeValue', minValue: min, maxValue: max, unitText: period },
    };
  }
  const skills = [...profile.competencies.what, ...profile.competencies.how].map((rc) => rc.competency.name);
  if (skills.length) posting.skills = skills.join(', ');
  const required = [...role.education.required, ...role.experience.required, ...role.certifications.required];
  if (required.length) posting.qualifications = required.join('; ');
  if (settings.benefits.trim()) posting.jobBenefits = settings.benefits.trim();
  if (role.schedule) posting.workHours = role.schedule;
  if (role.team) posting.occupationalCategory = role.team;
  const openings = Math.max(0, role.headcount - role.incumbents);
  if (openings) posting.totalJobOpenings = openings;
  if (settings.applyUrl) posting.url = settings.applyUrl;
  return posting;
}

/** One finding of the checker: the property, what is wrong, and the rule it breaks. */
export interface PostingIssue {
  path: string;
  message: string;
  /** `error`: Google does not show the posting; `warning`: shown, but with less (a recommended property). */
  severity: 'error' | 'warning';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const URL_RE = /^https?:\/\/[^\s/]+\.[^\s]+$/i;
/** Tags Google renders in a description; anything else (scripts, styles, handlers) is unsafe or dropped. */
const SAFE_TAGS = new Set([
  'p',
  'br',
  'ul',
  'ol',
  'li',
  'strong',
  'b',
  'em',
  'i',
  'u',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
]);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * Checks a JobPosting against the properties and types Google's job-posting rules list (see the
 * file comment). `today` (YYYY-MM-DD) enables the date rules: datePosted not in the future, and
 * validThrough not passed. Returns every finding; the posting is publishable when none is an error.
 */
export function checkJobPosting(posting: unknown, today?: string): PostingIssue[] {
  const issues: PostingIssue[] = [];
  const error = (path: string, message: string) => issues.push({ path, message, severity: 'error' });
  const warn = (path: string, message: string) => issues.push({ path, message, severity: 'warning' });
  if (!isObj(posting)) {
    error('(root)', 'a JobPosting must be a JSON object');
    return issues;
  }
  const p = posting;
  if (!/^https?:\/\/schema\.org\/?$/.test(text(p['@context']))) error('@context', 'must be "https://schema.org"');
  if (p['@type'] !== 'JobPosting') error('@type', 'must be "JobPosting"');

  // title (required): the job's title only; no codes, addresses, dates, pay or company name.
  const title = text(p.title);
  const org = isObj(p.hiringOrganization) ? text(p.hiringOrganization.name) : '';
  const ident = isObj(p.identifier) ? text(p.identifier.value) : '';
  if (!title) error('title', 'required: the title of the job');
  else {
    if (org && title.toLowerCase().includes(org.toLowerCase())) error('title', 'must not contain the company name');
    if (ident && ident.length > 2 && title.includes(ident)) error('title', 'must not contain the job code');
    if (/[!*]{1,}|\d{4}-\d{2}-\d{2}|[£$€]\s?\d/.test(title))
      error('title', 'must not contain special characters, dates or pay');
    if (title.length > 3 && title === title.toUpperCase() && /[A-Z]/.test(title))
      warn('title', 'should not be written in capitals only');
  }

  // description (required): the full description in HTML, not the title again.
  const description = text(p.description);
  if (!description) error('description', 'required: the full description of the job, as HTML');
  else {
    if (description === title) error('description', 'must describe the job, not repeat the title');
    const tags = [...description.matchAll(/<\/?\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)];
    const bad = [...new Set(tags.map((t) => t[1]!.toLowerCase()).filter((t) => !SAFE_TAGS.has(t)))];
    if (bad.length) error('description', `holds HTML Google does not accept: <${bad.join('>, <')}>`);
    if (tags.some((t) => /\son\w+\s*=|javascript:/i.test(t[2] ?? '')))
      error('description', 'holds event handlers or javascript: links');
    if (description.replace(/<[^>]*>/g, '').trim().length < 50)
      warn('description', 'is very short: describe the job, its duties and what it asks for');
  }

  // datePosted (required, ISO 8601): when the employer posted it; not in the future.
  const posted = text(p.datePosted);
  if (!posted) error('datePosted', 'required: the date the job was posted (ISO 8601)');
  else if (!ISO_DATE.test(posted)) error('datePosted', `"${posted}" is not an ISO 8601 date`);
  else if (today && posted.slice(0, 10) > today) error('datePosted', `${posted} is in the future`);

  // validThrough (recommended, required when the job expires; ISO 8601): after datePosted, not passed.
  if (p.validThrough === undefined) {
    warn('validThrough', 'recommended: the date the posting closes (required when it expires)');
  } else {
    const through = text(p.validThrough);
    if (!ISO_DATE.test(through)) error('validThrough', `"${String(p.validThrough)}" is not an ISO 8601 date`);
    else {
      if (ISO_DATE.test(posted) && through.slice(0, 10) <= posted.slice(0, 10))
        error('validThrough', `${through} must be after datePosted (${posted})`);
      if (today && through.slice(0, 10) < today)
        error('validThrough', `${through} has passed: an expired job must not be published`);
    }
  }

  // hiringOrganization (required): an Organization with a name; sameAs and logo recommended.
  if (!isObj(p.hiringOrganization)) error('hiringOrganization', 'required: the organization offering the job');
  else {
    const h = p.hiringOrganization;
    if (h['@type'] !== 'Organization') error('hiringOrganization.@type', 'must be "Organization"');
    if (!org) error('hiringOrganization.name', 'required: the name of the employer');
    if (h.sameAs === undefined) warn('hiringOrganization.sameAs', "recommended: the employer's website");
    else if (!URL_RE.test(text(h.sameAs))) error('hiringOrganization.sameAs', 'must be a URL');
    if (h.logo === undefined) warn('hiringOrganization.logo', "recommended: the address of the employer's logo");
    else if (!URL_RE.test(text(h.logo))) error('hiringOrganization.logo', 'must be a URL');
  }

  // jobLocation (required unless fully remote): Place(s) with a PostalAddress and its addressCountry.
  const remote = p.jobLocationType !== undefined;
  if (remote && p.jobLocationType !== 'TELECOMMUTE') error('jobLocationType', 'the only value is "TELECOMMUTE"');
  const places = list(p.jobLocation);
  if (!places.length && !remote) {
    error(
      'jobLocation',
      'required: the address of the workplace (or, for a fully remote job, jobLocationType TELECOMMUTE with applicantLocationRequirements)',
    );
  }
  places.forEach((pl, i) => {
    const at = places.length > 1 ? `jobLocation.${i}` : 'jobLocation';
    if (!isObj(pl) || pl['@type'] !== 'Place') return error(at, 'must be a Place');
    const a = pl.address;
    if (!isObj(a) || a['@type'] !== 'PostalAddress') return error(`${at}.address`, 'must be a PostalAddress');
    if (!/^[A-Z]{2}$/.test(text(a.addressCountry)))
      error(`${at}.address.addressCountry`, 'required: the two-letter ISO 3166-1 country code');
    if (!text(a.addressLocality) && !text(a.addressRegion) && !text(a.postalCode))
      warn(`${at}.address`, 'give the town, region or postal code as well as the country');
  });

  // applicantLocationRequirements (with TELECOMMUTE): at least one country (or region) applicants may be in.
  const areas = list(p.applicantLocationRequirements);
  if (remote && !areas.length)
    error('applicantLocationRequirements', 'required for a remote job: at least one country applicants may live in');
  areas.forEach((a, i) => {
    if (!isObj(a) || !['Country', 'State', 'AdministrativeArea'].includes(String(a['@type'])) || !text(a.name))
      error(`applicantLocationRequirements.${i}`, 'must be a Country, State or AdministrativeArea with a name');
  });

  // baseSalary (recommended): MonetaryAmount { currency, value: QuantitativeValue { value | minValue/maxValue, unitText } }.
  if (p.baseSalary === undefined) warn('baseSalary', 'recommended: the pay (currency, amount or range, period)');
  else if (!isObj(p.baseSalary) || p.baseSalary['@type'] !== 'MonetaryAmount')
    error('baseSalary', 'must be a MonetaryAmount');
  else {
    const s = p.baseSalary;
    if (!/^[A-Z]{3}$/.test(text(s.currency))) error('baseSalary.currency', 'must be an ISO 4217 currency code');
    const v = s.value;
    if (!isObj(v) || v['@type'] !== 'QuantitativeValue') error('baseSalary.value', 'must be a QuantitativeValue');
    else {
      const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;
      const single = v.value !== undefined;
      if (single ? !num(v.value) : !num(v.minValue) || (v.maxValue !== undefined && !num(v.maxValue)))
        error('baseSalary.value', 'needs a number value, or minValue (and maxValue)');
      if (!single && num(v.minValue) && num(v.maxValue) && (v.minValue as number) > (v.maxValue as number))
        error('baseSalary.value', 'minValue must not be above maxValue');
      if (!(SalaryPeriod.options as readonly string[]).includes(text(v.unitText)))
        error('baseSalary.value.unitText', `must be one of ${SalaryPeriod.options.join(', ')}`);
    }
  }

  // employmentType (recommended): one or more of Google's values.
  if (p.employmentType === undefined) warn('employmentType', 'recommended: FULL_TIME, PART_TIME, …');
  else {
    const bad = list(p.employmentType).filter((t) => !(EmploymentType.options as readonly unknown[]).includes(t));
    if (bad.length || !list(p.employmentType).length)
      error(
        'employmentType',
        `unknown value ${bad.map((b) => `"${String(b)}"`).join(', ')}; use ${EmploymentType.options.join(', ')}`,
      );
  }

  // identifier (recommended): the employer's own id of the job, a PropertyValue { name, value }.
  if (p.identifier === undefined) warn('identifier', "recommended: the employer's id of the job");
  else if (!isObj(p.identifier) || p.identifier['@type'] !== 'PropertyValue' || !ident)
    error('identifier', 'must be a PropertyValue with a value');

  // directApply (recommended): a boolean.
  if (p.directApply === undefined) warn('directApply', 'recommended: whether the page lets people apply directly');
  else if (typeof p.directApply !== 'boolean') error('directApply', 'must be true or false');
  return issues;
}

/** What the employer fills in to fix each error, in the product's words. */
const FIX: Record<string, string> = {
  jobLocation: 'give the role a workplace address, or make it remote with the countries applicants may live in',
  applicantLocationRequirements: 'name the countries (or regions) applicants of this remote role may live in',
  'hiringOrganization.name': 'set the legal employer name in the HR settings',
  validThrough: 'set a closing date after the opening date, and not in the past',
  employmentType: 'choose the employment type among the schema.org values',
};

/** The JobPosting of a role, checked: throws a 422 naming every missing or wrong property. */
export function publishableJobPosting(ctx: KindContext, options: JobPostingOptions = {}): Record<string, unknown> {
  const posting = jobPosting(ctx, options);
  const errors = checkJobPosting(posting, isoDay(ctx.now)).filter((i) => i.severity === 'error');
  if (errors.length) {
    throw new JourneycraftError(
      ErrorCode.Unprocessable,
      `the job posting of ${ctx.profile.role.name} cannot be published yet: ${errors
        .map((e) => `${e.path}: ${e.message}${FIX[e.path] ? ` (${FIX[e.path]})` : ''}`)
        .join('; ')}`,
      errors.map((e) => ({ path: e.path, message: e.message })),
    );
  }
  return posting;
}

/** The JobPosting as a JSON-LD file (checked). */
export function renderJobPosting(ctx: KindContext, options: JobPostingOptions = {}): string {
  return `${JSON.stringify(publishableJobPosting(ctx, options), null, 2)}\n`;
}

/** The JobPosting as a `<script type="application/ld+json">` tag to paste into a careers page (checked). */
export function jobPostingScriptTag(ctx: KindContext, options: JobPostingOptions = {}): string {
  return jsonLdScript(publishableJobPosting(ctx, options));
}

/** The posting when it passes the checker, else undefined (the HTML ad embeds only a valid one). */
export function validJobPosting(
  ctx: KindContext,
  options: JobPostingOptions = {},
): Record<string, unknown> | undefined {
  const posting = jobPosting(ctx, options);
  return checkJobPosting(posting, isoDay(ctx.now)).some((i) => i.severity === 'error') ? undefined : posting;
}
