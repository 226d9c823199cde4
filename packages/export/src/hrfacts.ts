import {
  EMPLOYMENT_TYPE_LABELS,
  type ApplicantLocation,
  type EmploymentType,
  type MapSnapshot,
  type QualificationList,
  type Role,
  type SalaryRange,
  type WorkLocation,
} from '@journeycraft/schema';

/**
 * The HR facts of a role in words a reader understands: pay, place, contract, reporting line.
 * Pure; the same wording in the job ad, the job description, templates and the JobPosting.
 */

/** "Full-time, Part-time" ('' when none is set). */
export function employmentText(types: readonly EmploymentType[]): string {
  return types.map((t) => EMPLOYMENT_TYPE_LABELS[t]).join(', ');
}

const PER: Record<SalaryRange['period'], string> = {
  HOUR: 'an hour',
  DAY: 'a day',
  WEEK: 'a week',
  MONTH: 'a month',
  YEAR: 'a year',
};

function money(amount: number, currency: string): string {
  const whole = Number.isInteger(amount);
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(amount);
  } catch {
    return `${currency} ${amount.toLocaleString('en-GB')}`;
  }
}

/** "£24,000 to £27,500 a year", "£12.60 an hour" ('' when no pay is set). */
export function salaryText(salary: SalaryRange | null): string {
  if (!salary) return '';
  const range =
    salary.min === salary.max
      ? money(salary.min, salary.currency)
      : `${money(salary.min, salary.currency)} to ${money(salary.max, salary.currency)}`;
  return `${range} ${PER[salary.period]}`;
}

let regions: Intl.DisplayNames | null = null;

/** "United Kingdom" for GB; the code itself when the platform does not know it. */
export function countryName(code: string): string {
  try {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}

/** "1 Wharf Street, Leeds LS1 4AP, United Kingdom". */
export function addressText(l: WorkLocation): string {
  const town = [l.locality, l.postalCode].filter(Boolean).join(' ');
  return [l.streetAddress, town, l.region, countryName(l.country)].filter(Boolean).join(', ');
}

/** "Leeds, United Kingdom" (short form for headers). */
export function placeText(l: WorkLocation): string {
  return [l.locality || l.region, countryName(l.country)].filter(Boolean).join(', ');
}

/** "anywhere in the United Kingdom", "Scotland (United Kingdom) or Ireland". */
export function applicantAreaText(list: readonly ApplicantLocation[]): string {
  return list.map((a) => (a.region ? `${a.region} (${countryName(a.country)})` : countryName(a.country))).join(' or ');
}

/** Where the work is done, in one line: "Hybrid: Leeds, United Kingdom and from home" ('' when nothing is set). */
export function workplaceText(role: Role, long = false): string {
  const places = role.locations.map((l) => (long ? addressText(l) : placeText(l)));
  const at = places.join('; ');
  switch (role.workArrangement) {
    case 'remote': {
      const area = applicantAreaText(role.applicantLocations) || at;
      return area ? `Remote, for people living in ${area}` : 'Remote';
    }
    case 'hybrid':
      return at ? `Hybrid: partly at ${at}, partly from home` : 'Hybrid: partly at the office, partly from home';
    case 'on_site':
      return at ? `On site: ${at}` : '';
    default:
      return at;
  }
}

/** The name of the role this one reports to (a role of the map, or the free text). */
export function reportsToText(map: MapSnapshot, role: Role): string {
  if (role.reportsToRoleId) {
    const boss = map.roles.find((r) => r.id === role.reportsToRoleId);
    if (boss) return boss.name;
  }
  return role.reportsToText;
}

/** "Non-exempt: eligible for overtime pay" or the local wording ('' when not stated). */
export function exemptText(role: Role): string {
  const base =
    role.exemptStatus === 'exempt'
      ? 'Exempt: not eligible for overtime pay'
      : role.exemptStatus === 'non_exempt'
        ? 'Non-exempt: eligible for overtime pay'
        : '';
  return [base, role.exemptNote].filter(Boolean).join('. ');
}

/** The qualifications of a role by kind, for tables and lists. */
export function qualificationGroups(role: Role): { label: string; list: QualificationList }[] {
  return [
    { label: 'Education', list: role.education },
    { label: 'Experience', list: role.experience },
    { label: 'Certifications and licences', list: role.certifications },
  ];
}

/** Dates as the posting uses them: YYYY-MM-DD in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
