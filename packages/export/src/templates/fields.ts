import type { RequiredCompetency } from '@journeycraft/profiles';
import { channelLabel, formatDate, kindShort, sentence, type KindContext } from '../common.js';
import { responsibilities } from '../kinds/job.js';
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
  text('organization', 'Organisation name given with the export (may be empty).'),
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
