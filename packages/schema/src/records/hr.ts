import { z } from 'zod';
import { IdSchema } from './common.js';

/**
 * HR facts of a role (what every HR job template asks for) and the workspace HR settings (who
 * the employer is, how to apply, the statements every document carries). The facts are fields
 * of the role record (one Yjs key each, so two people editing different facts merge cleanly);
 * this file owns their schema, labels and the checks across fields.
 */

const short = (max: number, what: string) => z.string().trim().max(max, `${what}: at most ${max} characters`);
const longText = (what: string) => z.string().max(4000, `${what}: at most 4,000 characters`);
const textList = (what: string) =>
  z.array(short(300, what).min(1, `${what}: an entry must not be empty`)).max(30, `${what}: at most 30 entries`);

/** ISO date (YYYY-MM-DD). */
export const IsoDateSchema = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });

/** ISO 4217 currency code, e.g. GBP, EUR, USD. */
export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code such as GBP');

/** ISO 3166-1 alpha-2 country code, e.g. GB, US, DE. */
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166-1 country code such as GB');

/** schema.org `unitText` values of a salary (QuantitativeValue), as Google's job-posting rules list them. */
export const SalaryPeriod = z.enum(['HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR']);
export type SalaryPeriod = z.infer<typeof SalaryPeriod>;

/** A pay range: currency, lowest and highest amount (equal for a single figure) and the period. */
export const SalaryRangeSchema = z
  .strictObject({
    currency: CurrencySchema,
    min: z.number().finite().nonnegative('must be 0 or more'),
    max: z.number().finite().nonnegative('must be 0 or more'),
    period: SalaryPeriod,
  })
  .refine((s) => s.min <= s.max, { message: 'the lowest amount must not be above the highest', path: ['min'] });
export type SalaryRange = z.infer<typeof SalaryRangeSchema>;

/** schema.org / Google `employmentType` values. */
export const EmploymentType = z.enum([
  'FULL_TIME',
  'PART_TIME',
  'CONTRACTOR',
  'TEMPORARY',
  'INTERN',
  'VOLUNTEER',
  'PER_DIEM',
  'OTHER',
]);
export type EmploymentType = z.infer<typeof EmploymentType>;

/** The words of each employment type, as documents and forms show them. */
export const EMPLOYMENT_TYPE_LABELS: Readonly<Record<EmploymentType, string>> = {
  FULL_TIME: 'Full-time',
  PART_TIME: 'Part-time',
  CONTRACTOR: 'Contractor',
  TEMPORARY: 'Temporary',
  INTERN: 'Internship',
  VOLUNTEER: 'Volunteer',
  PER_DIEM: 'Paid by the day',
  OTHER: 'Other',
};

/** Exempt or non-exempt from overtime rules (US FLSA), or the local equivalent worded in `exemptNote`. */
export const ExemptStatus = z.enum(['unspecified', 'exempt', 'non_exempt']);
export type ExemptStatus = z.infer<typeof ExemptStatus>;

/** Where the work is done. Remote roles name where applicants may live (`applicantLocations`). */
export const WorkArrangement = z.enum(['on_site', 'hybrid', 'remote']);
export type WorkArrangement = z.infer<typeof WorkArrangement>;

/** A workplace as a postal address (schema.org PostalAddress). */
export const WorkLocationSchema = z.strictObject({
  streetAddress: short(200, 'street address').default(''),
  locality: short(100, 'town or city').default(''),
  region: short(100, 'region').default(''),
  postalCode: short(20, 'postal code').default(''),
  country: CountrySchema,
});
export type WorkLocation = z.infer<typeof WorkLocationSchema>;

/** Where a remote applicant must be: a country, optionally one region of it. */
export const ApplicantLocationSchema = z.strictObject({
  country: CountrySchema,
  region: short(100, 'region').default(''),
});
export type ApplicantLocation = z.infer<typeof ApplicantLocationSchema>;

/** Required and preferred entries of one kind of qualification. */
export const QualificationListSchema = z.strictObject({
  required: textList('required').default([]),
  preferred: textList('preferred').default([]),
});
export type QualificationList = z.infer<typeof QualificationListSchema>;

/** The HR facts of a role; every field has a default, so roles made before them still parse. */
export const RoleHrFactsSchema = z.object({
  jobCode: short(50, 'job code').default(''),
  /** Grade or band, e.g. "B3" or "Band 4". */
  grade: short(50, 'grade').default(''),
  salary: SalaryRangeSchema.nullable().default(null),
  exemptStatus: ExemptStatus.default('unspecified'),
  /** The local wording of overtime eligibility, where FLSA terms do not apply. */
  exemptNote: short(300, 'overtime note').default(''),
  employmentType: z.array(EmploymentType).max(8).default([]),
  /** The role this one reports to on the same map, or free text (`reportsToText`) when it is not on the map. */
  reportsToRoleId: IdSchema.nullable().default(null),
  reportsToText: short(200, 'reports to').default(''),
  workArrangement: WorkArrangement.nullable().default(null),
  locations: z.array(WorkLocationSchema).max(20, 'at most 20 locations').default([]),
  applicantLocations: z.array(ApplicantLocationSchema).max(50, 'at most 50 applicant locations').default([]),
  schedule: short(500, 'schedule').default(''),
  travel: short(300, 'travel').default(''),
  supervisoryScope: short(1000, 'supervisory scope').default(''),
  education: QualificationListSchema.default({ required: [], preferred: [] }),
  experience: QualificationListSchema.default({ required: [], preferred: [] }),
  certifications: QualificationListSchema.default({ required: [], preferred: [] }),
  physicalDemands: longText('physical demands').default(''),
  workEnvironment: longText('work environment').default(''),
  /** Requisition number of the opening (JobPosting `identifier`); the job code is used when empty. */
  requisitionId: short(100, 'requisition id').default(''),
  /** The day the posting was opened (JobPosting `datePosted`): stored once, so it is stable across exports. */
  postingOpenedOn: IsoDateSchema.nullable().default(null),
  /** Last day applications are taken (JobPosting `validThrough`). */
  postingClosesOn: IsoDateSchema.nullable().default(null),
  approvedBy: short(200, 'approved by').default(''),
  approvedOn: IsoDateSchema.nullable().default(null),
  revisedOn: IsoDateSchema.nullable().default(null),
});
export type RoleHrFacts = z.infer<typeof RoleHrFactsSchema>;

/** Names of the HR facts, in form order. */
export const HR_FACT_KEYS = Object.keys(RoleHrFactsSchema.shape) as (keyof RoleHrFacts)[];

/** A change to some HR facts (PUT /api/maps/:id/roles/:roleId/hr, the roles form); unknown keys are refused. */
export const RoleHrPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(RoleHrFactsSchema.shape).map(([k, s]) => [
      k,
      (s as z.ZodDefault<z.ZodType>).removeDefault().optional(),
    ]),
  ) as { [K in keyof RoleHrFacts]: z.ZodOptional<z.ZodType<RoleHrFacts[K]>> },
);
export type RoleHrPatch = Partial<RoleHrFacts>;

/** The HR facts of any object that carries them (a role), defaults filled in. */
export function hrFactsOf(role: Partial<RoleHrFacts>): RoleHrFacts {
  return RoleHrFactsSchema.parse(Object.fromEntries(HR_FACT_KEYS.map((k) => [k, role[k]])));
}

/**
 * Checks across fields that one field's schema cannot make: the posting closes after it opened,
 * a remote role names where applicants may live, an on-site or hybrid role has a workplace, a
 * role does not report to itself. Returns readable issues (empty when consistent).
 */
export function hrFactsIssues(facts: RoleHrFacts, roleId?: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (facts.postingOpenedOn && facts.postingClosesOn && facts.postingClosesOn <= facts.postingOpenedOn) {
    issues.push({
      path: 'postingClosesOn',
      message: `the closing date (${facts.postingClosesOn}) must be after the opening date (${facts.postingOpenedOn})`,
    });
  }
  if (facts.workArrangement === 'remote' && facts.applicantLocations.length === 0 && facts.locations.length === 0) {
    issues.push({
      path: 'applicantLocations',
      message: 'a remote role needs the countries (or regions) applicants may live in',
    });
  }
  if (roleId && facts.reportsToRoleId === roleId) {
    issues.push({ path: 'reportsToRoleId', message: 'a role cannot report to itself' });
  }
  return issues;
}

/** Paper sizes of printed documents. */
export const PaperSize = z.enum(['A4', 'Letter']);
export type PaperSize = z.infer<typeof PaperSize>;

/** Register of the wording: `plain` speaks to the reader ("you will…"), `formal` to the role ("the post holder will…"). */
export const LanguageRegister = z.enum(['plain', 'formal']);
export type LanguageRegister = z.infer<typeof LanguageRegister>;

const httpsUrl = (what: string) =>
  z
    .string()
    .trim()
    .max(500, `${what}: at most 500 characters`)
    .refine((v) => v === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), {
      message: `${what} must be an http(s) address`,
    });

/** Workspace HR settings: the employer and the wording every HR document carries. */
export const HrSettingsSchema = z.strictObject({
  /** The legal employer (JobPosting hiringOrganization.name). */
  employerName: short(200, 'employer name').default(''),
  /** The employer's website (JobPosting hiringOrganization.sameAs). */
  website: httpsUrl('website').default(''),
  /** Address of the employer's logo image (JobPosting hiringOrganization.logo). */
  logoUrl: httpsUrl('logo').default(''),
  benefits: longText('benefits').default(''),
  /** Where to apply: an address, or an e-mail (at least one for a publishable ad). */
  applyUrl: httpsUrl('application address').default(''),
  applyEmail: z
    .string()
    .trim()
    .max(200)
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
      message: 'application e-mail is not an e-mail address',
    })
    .default(''),
  /** The application form is on the address given (JobPosting directApply). */
  directApply: z.boolean().default(false),
  equalOpportunity: longText('equal-opportunity statement').default(''),
  adjustments: longText('adjustments statement').default(''),
  /** The "other duties" disclaimer of job descriptions. */
  disclaimer: longText('disclaimer').default(''),
  paperSize: PaperSize.default('A4'),
  register: LanguageRegister.default('plain'),
});
export type HrSettings = z.infer<typeof HrSettingsSchema>;

/** Settings of a workspace that has not filled them in. */
export function defaultHrSettings(): HrSettings {
  return HrSettingsSchema.parse({});
}
