import type { RequiredCompetency } from '@journeycraft/profiles';
import { channelLabel, formatDate, kindShort, sentence, type KindContext } from '../common.js';
import { responsibilities } from '../kinds/job.js';
import {
  addressText,
  applicantAreaText,
  countryName,
  employmentText,
  exemptText,
  reportsToText,
  salaryText,
  workplaceText,
} from '../hrfacts.js';
import { inlineText } from '../model.js';

/** A field a custom template can use. Lists are looped over; their items have `fields`. */
export interface TemplateField {
  name: string;
  type: 'text' | 'number' | 'yes/no' | 'list of text' | 'list' | 'group';
  description: string;
  /** Fields of each item (lists) or of the group. */
  fields?: TemplateField[];
}

const text = (name: string, description: string): TemplateField => ({ name, type: 'text', description });
const num = (name: string, description: string): TemplateField => ({ name, type: 'number', description });
const yes = (name: string, description: string): TemplateField => ({ name, type: 'yes/no', description });

const EVIDENCE: TemplateField[] = [
  text('touchpoint', 'Touchpoint title.'),
  text('stage', 'Stage of the touchpoint.'),
  yes('momentOfTruth', 'The touchpoint is a moment of truth.'),
  num('level', 'Level required there.'),
  text('behaviour', 'Behaviour expected there (may be empty).'),
  text('text', 'The evidence as one sentence: "Needed at Billing dispute call (Resolve), a moment of truth: …".'),
];

const COMPETENCY: TemplateField[] = [
  text('id', 'Competency id.'),
  text('name', 'Competency name.'),
  text('kind', 'WHAT, HOW or ORG.'),
  text('category', 'Category in the library.'),
  text('definition', 'Definition.'),
  num('level', 'Highest level the role needs (1–5).'),
  text('levelName', 'Name of that level, e.g. Advanced.'),
  { name: 'behaviours', type: 'list of text', description: 'Observable behaviours at the required level.' },
  yes('atMomentOfTruth', 'Needed at a moment of truth.'),
  { name: 'evidence', type: 'list', description: 'Where the journey needs it.', fields: EVIDENCE },
  {
    name: 'scale',
    type: 'list',
    description: 'The anchored 1–5 scale.',
    fields: [
      num('level', '1 to 5.'),
      text('name', 'Level name.'),
      { name: 'behaviours', type: 'list of text', description: 'Behaviours at that level.' },
      yes('required', 'This is the level the role needs.'),
    ],
  },
];

/**
 * Every field a custom template (DOCX or text) can use, with a description: served to the UI so it
 * can list them, and checked by a test against the data templates really receive.
 */
export const TEMPLATE_FIELDS: readonly TemplateField[] = [
  text('generatedOn', 'Date of generation, e.g. 2 March 2026.'),
  text('organization', 'Employer name: the one given with the export, else the HR settings’ (may be empty).'),
  {
    name: 'map',
    type: 'group',
    description: 'The journey map.',
    fields: [text('title', 'Map title.'), text('description', 'Map description.')],
  },
  {
    name: 'role',
    type: 'group',
    description: 'The role.',
    fields: [
      text('id', 'Role id.'),
      text('name', 'Role name.'),
      text('team', 'Team.'),
      text('purpose', 'Purpose of the role.'),
      text('visibility', 'Frontstage or Backstage.'),
      num('headcount', 'Seats in the role.'),
      num('incumbents', 'People in the role today.'),
      num('readySuccessors', 'Successors ready now.'),
      text('jobCode', 'Job code.'),
      text('grade', 'Grade or band.'),
      text('salary', 'Pay range in words, e.g. "£24,000 to £27,500 a year" (empty when not set).'),
      text('salaryCurrency', 'Currency of the pay range (ISO 4217, e.g. GBP).'),
      num('salaryMin', 'Lowest amount of the pay range (0 when not set).'),
      num('salaryMax', 'Highest amount of the pay range (0 when not set).'),
      text('salaryPeriod', 'hour, day, week, month or year.'),
      text('exemptStatus', 'Overtime status in words, e.g. "Non-exempt: eligible for overtime pay".'),
      text('employmentType', 'Employment type in words, e.g. "Full-time, Part-time".'),
      { name: 'employmentTypes', type: 'list of text', description: 'schema.org employment types (FULL_TIME, …).' },
      text('reportsTo', 'The role (or person) the role reports to.'),
      text('workArrangement', 'On site, Hybrid or Remote (empty when not set).'),
      text('location', 'Where the work is done, in one line.'),
      {
        name: 'locations',
        type: 'list',
        description: 'Workplaces.',
        fields: [
          text('address', 'The address in one line.'),
          text('streetAddress', 'Street.'),
          text('locality', 'Town or city.'),
          text('region', 'Region.'),
          text('postalCode', 'Postal code.'),
          text('country', 'Country name.'),
        ],
      },
      text('applicantLocations', 'Where remote applicants may live, e.g. "United Kingdom or Ireland".'),
      text('schedule', 'Hours and shifts.'),
      text('travel', 'Travel.'),
      text('supervisoryScope', 'Whom the role supervises.'),
      ...(['education', 'experience', 'certifications'] as const).map((k): TemplateField => ({
        name: k,
        type: 'group',
        description: `Required and preferred ${k}.`,
        fields: [
          { name: 'required', type: 'list of text', description: `Required ${k}.` },
          { name: 'preferred', type: 'list of text', description: `Preferred ${k}.` },
        ],
      })),
      text('physicalDemands', 'Physical demands.'),
      text('workEnvironment', 'Work environment.'),
      text('requisitionId', 'Requisition number of the opening.'),
      text('postingOpenedOn', 'Day the posting opened, e.g. 1 March 2026 (empty when not open).'),
      text('postingClosesOn', 'Closing date of the posting.'),
      text('approvedBy', 'Who approved the job description.'),
      text('approvedOn', 'Approval date.'),
      text('revisedOn', 'Revision date.'),
    ],
  },
  {
    name: 'employer',
    type: 'group',
    description: 'The workspace HR settings.',
    fields: [
      text('name', 'Legal employer name.'),
      text('website', 'Website.'),
      text('logoUrl', 'Address of the logo.'),
      text('benefits', 'Benefits.'),
      text('applyUrl', 'Where to apply online.'),
      text('applyEmail', 'E-mail for applications.'),
      text('equalOpportunity', 'Equal-opportunity statement.'),
      text('adjustments', 'Adjustments statement.'),
      text('disclaimer', 'The "other duties" disclaimer.'),
    ],
  },
  {
    name: 'criticality',
    type: 'group',
    description: 'How critical the role is to the customer experience.',
    fields: [
      num('score', '0–100.'),
      yes('critical', 'The role is critical.'),
      yes('successionRisk', 'Critical with no ready successor.'),
      text('reason', 'Why (empty when the role is not critical).'),
      {
        name: 'factors',
        type: 'list',
        description: 'The five factors of the score.',
        fields: [
          text('label', 'Factor.'),
          num('points', 'Points.'),
          num('max', 'Out of.'),
          text('detail', 'Why, in words.'),
        ],
      },
    ],
  },
  { name: 'responsibilities', type: 'list of text', description: 'One responsibility per touchpoint.' },
  {
    name: 'touchpoints',
    type: 'list',
    description: 'The role’s touchpoints in journey order.',
    fields: [
      text('title', 'Touchpoint title.'),
      text('stage', 'Stage.'),
      text('channel', 'Channel, e.g. Phone.'),
      text('involvement', 'Owner, Performs or Supports.'),
      yes('momentOfTruth', 'A moment of truth.'),
      yes('overCapacity', 'Demand outruns capacity here.'),
    ],
  },
  { name: 'momentsOfTruth', type: 'list of text', description: 'Titles of the moments of truth the role touches.' },
  { name: 'competencies', type: 'list', description: 'Every competency, WHAT then HOW then ORG.', fields: COMPETENCY },
  {
    name: 'whatCompetencies',
    type: 'list',
    description: 'WHAT competencies (knowledge, tasks, technical skill).',
    fields: COMPETENCY,
  },
  { name: 'howCompetencies', type: 'list', description: 'HOW competencies (behaviours).', fields: COMPETENCY },
  { name: 'orgCompetencies', type: 'list', description: 'Organisational competencies.', fields: COMPETENCY },
  {
    name: 'standards',
    type: 'list',
    description: 'Experience standards of the role’s touchpoints, never-waived ones first.',
    fields: [
      text('text', 'The standard.'),
      text('touchpoint', 'Where it applies.'),
      yes('neverWaived', 'Never waived, even under pressure.'),
    ],
  },
  {
    name: 'metrics',
    type: 'list',
    description: 'Metrics of the role’s touchpoints, as goals.',
    fields: [
      text('text', 'The goal, e.g. "Answer time: < 30 s".'),
      text('name', 'Metric name.'),
      text('target', 'Target.'),
      text('unit', 'Unit.'),
      text('source', 'Measured by.'),
      text('touchpoint', 'Where it is measured.'),
    ],
  },
  {
    name: 'checklist',
    type: 'list',
    description: 'Checks of the touchpoints the role owns.',
    fields: [
      text('text', 'The check.'),
      text('touchpoint', 'Touchpoint.'),
      text('cadence', 'Daily, weekly or monthly.'),
      text('measuredBy', 'Measured by.'),
    ],
  },
];

/** Every tag a template may contain: field paths from any level of the field tree (for loops), and `.`. */
export function knownTemplateTags(): Set<string> {
  const tags = new Set<string>(['.']);
  const walk = (fields: readonly TemplateField[]) => {
    for (const f of fields) if (f.fields) walk(f.fields);
    const paths = (list: readonly TemplateField[], prefix: string): string[] =>
      list.flatMap((f) => [
        `${prefix}${f.name}`,
        ...(f.type === 'group' && f.fields ? paths(f.fields, `${prefix}${f.name}.`) : []),
      ]);
    for (const p of paths(fields, '')) tags.add(p);
  };
  walk(TEMPLATE_FIELDS);
  return tags;
}

/** The fields a template can name outside loops (groups spelled out, e.g. `role.grade`), in list order. */
export function topLevelFieldNames(): string[] {
  const out: string[] = [];
  const walk = (fields: readonly TemplateField[], prefix: string) => {
    for (const f of fields) {
      if (f.type === 'group' && f.fields) walk(f.fields, `${prefix}${f.name}.`);
      else out.push(`${prefix}${f.name}`);
    }
  };
  walk(TEMPLATE_FIELDS, '');
  return out;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/**
 * "unknown field "{role.nmae}" (did you mean role.name?); the fields are: generatedOn, …": the message of
 * a template that names a field we do not have, with the closest known one and the whole list.
 */
export function unknownFieldMessage(name: string, shown = name): string {
  const names = topLevelFieldNames();
  const best = names.map((n) => ({ n, d: distance(name.toLowerCase(), n.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  const hint = best && best.d <= Math.max(2, Math.floor(name.length / 4)) ? ` (did you mean ${best.n}?)` : '';
  return `unknown field "${shown}"${hint}; the fields are: ${names.join(', ')} (and, inside loops, the fields of each item); or choose to fill unknown fields blank`;
}

function competencyData(rc: RequiredCompetency) {
  const c = rc.competency;
  return {
    id: c.id,
    name: c.name,
    kind: kindShort(c.kind),
    category: c.category,
    definition: c.definition,
    level: rc.level,
    levelName: rc.levelName,
    behaviours: [...rc.levelBehaviours],
    atMomentOfTruth: rc.evidence.some((e) => e.touchpoint.momentOfTruth),
    evidence: rc.evidence.map((e) => ({
      touchpoint: e.touchpoint.title,
      stage: e.touchpoint.stageTitle,
      momentOfTruth: e.touchpoint.momentOfTruth,
      level: e.level,
      behaviour: e.behaviour,
      text: sentence(
        `Needed at ${e.touchpoint.title}${e.touchpoint.stageTitle ? ` (${e.touchpoint.stageTitle})` : ''}${e.touchpoint.momentOfTruth ? ', a moment of truth' : ''}${e.behaviour.trim() ? `: ${e.behaviour.trim()}` : ''}`,
      ),
    })),
    scale: c.levels.map((l) => ({
      level: l.level,
      name: l.name,
      behaviours: [...l.behaviours],
      required: l.level === rc.level,
    })),
  };
}

const FACTOR_LABEL: Record<string, string> = {
  moments_of_truth: 'Moments of truth',
  touchpoint_share: 'Share of the journey',
  customer_facing: 'Customer-facing',
  over_capacity: 'Demand over capacity',
  bench_strength: 'Thin bench',
};

const ARRANGEMENT = { on_site: 'On site', hybrid: 'Hybrid', remote: 'Remote' } as const;
const day = (iso: string | null) => (iso ? formatDate(new Date(`${iso}T00:00:00Z`)) : '');

/** The data a custom template receives (documented by TEMPLATE_FIELDS). Plain JSON; every field always present. */
export function buildTemplateData(ctx: KindContext) {
  const { profile, map } = ctx;
  const { role, criticality } = profile;
  const involvement = { owner: 'Owner', performs: 'Performs', supports: 'Supports' } as const;
  return {
    generatedOn: formatDate(ctx.now),
    organization: ctx.organization,
    map: { title: map.meta.title, description: map.meta.description },
    role: {
      id: role.id,
      name: role.name,
      team: role.team,
      purpose: role.purpose,
      visibility: role.visibility === 'frontstage' ? 'Frontstage' : 'Backstage',
      headcount: role.headcount,
      incumbents: role.incumbents,
      readySuccessors: role.readySuccessors,
      jobCode: role.jobCode,
      grade: role.grade,
      salary: salaryText(role.salary),
      salaryCurrency: role.salary?.currency ?? '',
      salaryMin: role.salary?.min ?? 0,
      salaryMax: role.salary?.max ?? 0,
      salaryPeriod: role.salary?.period.toLowerCase() ?? '',
      exemptStatus: exemptText(role),
      employmentType: employmentText(role.employmentType),
      employmentTypes: [...role.employmentType],
      reportsTo: reportsToText(map, role),
      workArrangement: role.workArrangement ? ARRANGEMENT[role.workArrangement] : '',
      location: workplaceText(role),
      locations: role.locations.map((l) => ({
        address: addressText(l),
        streetAddress: l.streetAddress,
        locality: l.locality,
        region: l.region,
        postalCode: l.postalCode,
        country: countryName(l.country),
      })),
      applicantLocations: applicantAreaText(role.applicantLocations),
      schedule: role.schedule,
      travel: role.travel,
      supervisoryScope: role.supervisoryScope,
      education: { required: [...role.education.required], preferred: [...role.education.preferred] },
      experience: { required: [...role.experience.required], preferred: [...role.experience.preferred] },
      certifications: { required: [...role.certifications.required], preferred: [...role.certifications.preferred] },
      physicalDemands: role.physicalDemands,
      workEnvironment: role.workEnvironment,
      requisitionId: role.requisitionId,
      postingOpenedOn: day(role.postingOpenedOn),
      postingClosesOn: day(role.postingClosesOn),
      approvedBy: role.approvedBy,
      approvedOn: day(role.approvedOn),
      revisedOn: day(role.revisedOn),
    },
    employer: {
      name: ctx.organization,
      website: ctx.settings.website,
      logoUrl: ctx.settings.logoUrl,
      benefits: ctx.settings.benefits,
      applyUrl: ctx.settings.applyUrl,
      applyEmail: ctx.settings.applyEmail,
      equalOpportunity: ctx.settings.equalOpportunity,
      adjustments: ctx.settings.adjustments,
      disclaimer: ctx.settings.disclaimer,
    },
    criticality: {
      score: criticality.score,
      critical: criticality.critical,
      successionRisk: criticality.successionRisk,
      reason: criticality.successionReason ?? '',
      factors: criticality.reasons.map((r) => ({
        label: FACTOR_LABEL[r.factor] ?? r.factor,
        points: r.weight,
        max: r.max,
        detail: r.detail,
      })),
    },
    responsibilities: responsibilities(ctx).map((r) => inlineText(r)),
    touchpoints: profile.touchpoints.map((t) => ({
      title: t.title,
      stage: t.stageTitle,
      channel: channelLabel(t.channel),
      involvement: involvement[t.involvement],
      momentOfTruth: t.momentOfTruth,
      overCapacity: t.overCapacity,
    })),
    momentsOfTruth: criticality.momentsOfTruth.map((m) => m.title),
    competencies: [...profile.competencies.what, ...profile.competencies.how, ...profile.competencies.org].map(
      competencyData,
    ),
    whatCompetencies: profile.competencies.what.map(competencyData),
    howCompetencies: profile.competencies.how.map(competencyData),
    orgCompetencies: profile.competencies.org.map(competencyData),
    standards: profile.goals.flatMap((g) =>
      g.kind === 'standard' ? [{ text: g.text, touchpoint: g.touchpoint.title, neverWaived: g.nonNegotiable }] : [],
    ),
    metrics: profile.goals.flatMap((g) =>
      g.kind === 'metric'
        ? [
            {
              text: g.text,
              name: g.name,
              target: g.target,
              unit: g.unit,
              source: g.source,
              touchpoint: g.touchpoint.title,
            },
          ]
        : [],
    ),
    checklist: profile.checklist.map((c) => ({
      text: c.item.text,
      touchpoint: c.touchpoint.title,
      cadence: c.item.cadence,
      measuredBy: c.item.measuredBy,
    })),
  };
}

/** What `buildTemplateData` returns. */
export type TemplateData = ReturnType<typeof buildTemplateData>;
