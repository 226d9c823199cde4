import {
  EMPLOYMENT_TYPE_LABELS,
  EmploymentType,
  RoleHrPatchSchema,
  hrFactsIssues,
  hrFactsOf,
  toIssues,
  type Role,
  type RoleHrPatch,
  type SalaryPeriod,
} from '@journeycraft/schema';

/**
 * The HR facts form as text fields (what the person typed), and the two ways between it and the
 * role's facts. Framework-free: the form component only shows it.
 */
export interface HrDraft {
  jobCode: string;
  grade: string;
  currency: string;
  salaryMin: string;
  salaryMax: string;
  period: SalaryPeriod;
  exemptStatus: Role['exemptStatus'];
  exemptNote: string;
  employmentType: EmploymentType[];
  /** A role of the map (its id) or '' for free text. */
  reportsToRoleId: string;
  reportsToText: string;
  workArrangement: '' | NonNullable<Role['workArrangement']>;
  /** Every workplace of the role, in order (one empty row when it has none). */
  places: PlaceDraft[];
  /** Where remote applicants may live: country codes, comma-separated. */
  applicantCountries: string;
  schedule: string;
  travel: string;
  supervisoryScope: string;
  educationRequired: string;
  educationPreferred: string;
  experienceRequired: string;
  experiencePreferred: string;
  certificationsRequired: string;
  certificationsPreferred: string;
  physicalDemands: string;
  workEnvironment: string;
  requisitionId: string;
  postingOpenedOn: string;
  postingClosesOn: string;
  approvedBy: string;
  approvedOn: string;
  revisedOn: string;
}

/** One workplace as typed. */
export interface PlaceDraft {
  street: string;
  locality: string;
  region: string;
  postalCode: string;
  country: string;
}

/** A field of the form holding text; the workplaces are named `places.<n>.<field>`. */
export type HrField = Exclude<keyof HrDraft, 'places'>;
export type PlaceField = `places.${number}.${keyof PlaceDraft}`;
export type HrProblems = Partial<Record<HrField | PlaceField, string>>;

export const emptyPlace = (): PlaceDraft => ({ street: '', locality: '', region: '', postalCode: '', country: '' });
const placeTyped = (p: PlaceDraft) => Object.values(p).some((v) => v.trim());

const lines = (list: readonly string[]) => list.join('\n');
const listOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** The form filled from a role, every workplace included. */
export function draftOf(role: Role): HrDraft {
  const f = hrFactsOf(role);
  const places = f.locations.map((place): PlaceDraft => ({
    street: place.streetAddress,
    locality: place.locality,
    region: place.region,
    postalCode: place.postalCode,
    country: place.country,
  }));
  return {
    jobCode: f.jobCode,
    grade: f.grade,
    currency: f.salary?.currency ?? '',
    salaryMin: f.salary ? String(f.salary.min) : '',
    salaryMax: f.salary ? String(f.salary.max) : '',
    period: f.salary?.period ?? 'YEAR',
    exemptStatus: f.exemptStatus,
    exemptNote: f.exemptNote,
    employmentType: [...f.employmentType],
    reportsToRoleId: f.reportsToRoleId ?? '',
    reportsToText: f.reportsToText,
    workArrangement: f.workArrangement ?? '',
    places: places.length ? places : [emptyPlace()],
    applicantCountries: f.applicantLocations.map((a) => (a.region ? `${a.country}:${a.region}` : a.country)).join(', '),
    schedule: f.schedule,
    travel: f.travel,
    supervisoryScope: f.supervisoryScope,
    educationRequired: lines(f.education.required),
    educationPreferred: lines(f.education.preferred),
    experienceRequired: lines(f.experience.required),
    experiencePreferred: lines(f.experience.preferred),
    certificationsRequired: lines(f.certifications.required),
    certificationsPreferred: lines(f.certifications.preferred),
    physicalDemands: f.physicalDemands,
    workEnvironment: f.workEnvironment,
    requisitionId: f.requisitionId,
    postingOpenedOn: f.postingOpenedOn ?? '',
    postingClosesOn: f.postingClosesOn ?? '',
    approvedBy: f.approvedBy,
    approvedOn: f.approvedOn ?? '',
    revisedOn: f.revisedOn ?? '',
  };
}

/** Where an issue of the facts' schema is shown in the form. */
function fieldOfIssue(path: string): HrField | PlaceField {
  const [head, index, leaf] = path.split('.');
  switch (head) {
    case 'salary':
      return path.endsWith('currency') ? 'currency' : path.endsWith('max') ? 'salaryMax' : 'salaryMin';
    case 'locations': {
      const n = Number(index);
      const field: keyof PlaceDraft =
        leaf === 'streetAddress'
          ? 'street'
          : leaf === 'region' || leaf === 'postalCode' || leaf === 'country'
            ? leaf
            : 'locality';
      return `places.${Number.isInteger(n) ? n : 0}.${field}`;
    }
    case 'applicantLocations':
      return 'applicantCountries';
    case 'education':
    case 'experience':
    case 'certifications':
      return `${head}${path.includes('preferred') ? 'Preferred' : 'Required'}` as HrField;
    default:
      return (head as HrField) ?? 'jobCode';
  }
}

const number = (raw: string): number | null => {
  const t = raw.replace(/[,\s]/g, '');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
};

/**
 * The facts to write, from the form: every fact (the form edits them all), checked with the same
 * schema and cross-field rules the server and the doc mutation use. Returns the problems by field
 * when there are any (nothing is written then).
 */
export function patchOf(draft: HrDraft, roleId: string): { patch: RoleHrPatch | null; problems: HrProblems } {
  const problems: HrProblems = {};
  const min = number(draft.salaryMin);
  const max = number(draft.salaryMax);
  let salary: RoleHrPatch['salary'] = null;
  if (draft.currency.trim() || min !== null || max !== null) {
    if (min === null || Number.isNaN(min)) problems.salaryMin = 'Enter the lowest amount as a number, e.g. 24000.';
    if (max !== null && Number.isNaN(max)) problems.salaryMax = 'Enter the highest amount as a number.';
    if (!draft.currency.trim()) problems.currency = 'Enter the currency, e.g. GBP, EUR or USD.';
    salary = {
      currency: draft.currency.trim().toUpperCase(),
      min: min ?? 0,
      max: max === null ? (min ?? 0) : max,
      period: draft.period,
    };
  }
  // Rows left empty are no workplace; the others keep their numbers in the problems.
  const typed = draft.places.map((p, i) => ({ p, i })).filter(({ p }) => placeTyped(p));
  for (const { p, i } of typed)
    if (!p.country.trim()) problems[`places.${i}.country`] = 'Enter the country as a two-letter code, e.g. GB.';
  const raw = {
    jobCode: draft.jobCode.trim(),
    grade: draft.grade.trim(),
    salary,
    exemptStatus: draft.exemptStatus,
    exemptNote: draft.exemptNote.trim(),
    employmentType: draft.employmentType,
    reportsToRoleId: draft.reportsToRoleId || null,
    reportsToText: draft.reportsToRoleId ? '' : draft.reportsToText.trim(),
    workArrangement: draft.workArrangement || null,
    locations: typed.map(({ p }) => ({
      streetAddress: p.street.trim(),
      locality: p.locality.trim(),
      region: p.region.trim(),
      postalCode: p.postalCode.trim(),
      country: p.country.trim().toUpperCase(),
    })),
    applicantLocations: draft.applicantCountries
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => {
        const [country, region] = c.split(':');
        return { country: country!.trim().toUpperCase(), region: (region ?? '').trim() };
      }),
    schedule: draft.schedule.trim(),
    travel: draft.travel.trim(),
    supervisoryScope: draft.supervisoryScope.trim(),
    education: { required: listOf(draft.educationRequired), preferred: listOf(draft.educationPreferred) },
    experience: { required: listOf(draft.experienceRequired), preferred: listOf(draft.experiencePreferred) },
    certifications: {
      required: listOf(draft.certificationsRequired),
      preferred: listOf(draft.certificationsPreferred),
    },
    physicalDemands: draft.physicalDemands.trim(),
    workEnvironment: draft.workEnvironment.trim(),
    requisitionId: draft.requisitionId.trim(),
    postingOpenedOn: draft.postingOpenedOn || null,
    postingClosesOn: draft.postingClosesOn || null,
    approvedBy: draft.approvedBy.trim(),
    approvedOn: draft.approvedOn || null,
    revisedOn: draft.revisedOn || null,
  };
  // An issue of locations.<k> is about the k-th typed row: name the row the person sees.
  const rowOf = (path: string) =>
    path.replace(/^locations\.(\d+)/, (_, k: string) => `locations.${typed[Number(k)]?.i ?? Number(k)}`);
  const parsed = RoleHrPatchSchema.safeParse(raw);
  const issues = parsed.success ? hrFactsIssues(hrFactsOf(parsed.data as RoleHrPatch), roleId) : toIssues(parsed.error);
  for (const issue of issues) problems[fieldOfIssue(rowOf(issue.path))] ??= sentence(issue.message);
  if (Object.keys(problems).length || !parsed.success) return { patch: null, problems };
  return { patch: parsed.data as RoleHrPatch, problems };
}

/** Issues the server or the doc mutation reported, by field of the form. */
export function problemsOf(issues: readonly { path: string; message: string }[]): HrProblems {
  const out: HrProblems = {};
  for (const i of issues) out[fieldOfIssue(i.path)] ??= sentence(i.message);
  return out;
}

function sentence(message: string): string {
  const t = message.trim();
  const s = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** The schema.org employment types with the words the form shows. */
export const EMPLOYMENT_CHOICES: { value: EmploymentType; label: string }[] = EmploymentType.options.map((value) => ({
  value,
  label: EMPLOYMENT_TYPE_LABELS[value],
}));
