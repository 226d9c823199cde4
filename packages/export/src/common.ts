import {
  type Channel,
  channelLabels,
  type Competency,
  type CompetencyKind,
  defaultHrSettings,
  type HrSettings,
  type Involvement,
  type MapSnapshot,
} from '@journeycraft/schema';
import type { CompetencyEvidence, RequiredCompetency, RoleProfile, TouchpointRef } from '@journeycraft/profiles';
import {
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  type Block,
  type Column,
  type ExportDocument,
  type Inline,
  type RatingScaleBlock,
  type TableBlock,
} from './model.js';

/** Options every document kind accepts. */
export interface DocumentOptions {
  /** Generation time (dates in the document, `datePosted`); defaults to now. */
  now?: Date;
  /** The hiring organisation's name (job ad, JobPosting JSON-LD); defaults to the HR settings' employer name. */
  organization?: string;
  /** The workspace HR settings (employer, how to apply, statements, paper size); defaults when absent. */
  settings?: HrSettings;
}

/** What a document kind is built from. */
export interface KindContext {
  map: MapSnapshot;
  profile: RoleProfile;
  now: Date;
  /** The employer's name: the option given, else the HR settings' legal employer name ('' when neither). */
  organization: string;
  settings: HrSettings;
}

/** The context of a role document from its options (defaults filled in). */
export function kindContext(map: MapSnapshot, profile: RoleProfile, options: DocumentOptions): KindContext {
  const settings = options.settings ?? defaultHrSettings();
  return {
    map,
    profile,
    now: options.now ?? new Date(),
    organization: options.organization?.trim() || settings.employerName.trim(),
    settings,
  };
}

/**
 * Who a document is for. Candidate and employee documents carry no internal workforce data
 * (criticality, capacity, bench, frontstage/backstage); only internal ones do.
 */
export type Audience = 'candidate' | 'employee' | 'internal';

/** The audience of each role document kind (employee when not listed). */
const AUDIENCE: Record<string, Audience> = {
  'job-ad': 'candidate',
  'interview-guide': 'internal',
  scorecard: 'internal',
  'succession-plan': 'internal',
  'pipeline-plan': 'internal',
};

/** Who a kind of document is for. */
export function audienceOf(kind: string): Audience {
  return AUDIENCE[kind] ?? 'employee';
}

/** Readable channel name. */
export function channelLabel(channel: Channel): string {
  return channelLabels[channel];
}

const INVOLVEMENT: Record<Involvement, string> = {
  owner: 'Owns it',
  performs: 'Performs it',
  supports: 'Supports it',
};

/** Readable involvement. */
export function involvementLabel(involvement: Involvement): string {
  return INVOLVEMENT[involvement];
}

const KIND_HEADINGS: Record<CompetencyKind, string> = {
  what: 'Knowledge and skills (the WHAT)',
  how: 'Behaviours with customers and colleagues (the HOW)',
  org: 'Organisational competencies',
};
const KIND_SHORT: Record<CompetencyKind, string> = { what: 'WHAT', how: 'HOW', org: 'ORG' };

/** Section heading for a kind of competency. */
export function kindHeading(kind: CompetencyKind): string {
  return KIND_HEADINGS[kind];
}

/** Short label for a kind of competency: WHAT, HOW, ORG. */
export function kindShort(kind: CompetencyKind): string {
  return KIND_SHORT[kind];
}

/** "Level 4 (Advanced)". */
export function levelLabel(level: number, name: string): string {
  return name ? `Level ${level} (${name})` : `Level ${level}`;
}

/** The name of a level in a competency's scale. */
export function levelName(competency: Competency, level: number): string {
  return competency.levels.find((l) => l.level === level)?.name ?? '';
}

/** The behaviours of a level in a competency's scale. */
export function levelBehaviours(competency: Competency, level: number): string[] {
  return competency.levels.find((l) => l.level === level)?.behaviours ?? [];
}

/** "Billing dispute call (Resolve), a moment of truth". */
export function touchpointPhrase(t: TouchpointRef): string {
  const where = t.stageTitle ? `${t.title} (${t.stageTitle})` : t.title;
  return t.momentOfTruth ? `${where}, a moment of truth` : where;
}

/** One sentence of evidence: "Needed at Billing dispute call (Resolve), a moment of truth: names the …". */
export function evidenceSentence(e: CompetencyEvidence): string {
  const base = `Needed at ${touchpointPhrase(e.touchpoint)}`;
  return e.behaviour.trim() ? `${base}: ${lowerFirst(e.behaviour.trim())}` : base;
}

/** Evidence as list items with the touchpoint in bold. */
export function evidenceItems(rc: RequiredCompetency): Inline[][] {
  const seen = new Set<string>();
  const items: Inline[][] = [];
  for (const e of rc.evidence) {
    const key = `${e.touchpoint.id}\u0000${e.behaviour}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const where = e.touchpoint.stageTitle ? `${e.touchpoint.title} (${e.touchpoint.stageTitle})` : e.touchpoint.title;
    const item: Inline[] = ['Needed at ', { text: where, bold: true }];
    if (e.touchpoint.momentOfTruth) item.push(', a moment of truth');
    if (e.behaviour.trim()) item.push(`: ${lowerFirst(e.behaviour.trim())}`);
    item.push(` (level ${e.level})`);
    items.push(item);
  }
  return items;
}

/** Lower-cases the first letter unless the first word looks like an acronym or a name in capitals. */
export function lowerFirst(text: string): string {
  if (/^[A-Z][A-Z0-9]/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Ends a sentence with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
  const t = text.trim();
  return /[.!?:…)]$/.test(t) ? t : `${t}.`;
}

/** "1 January 2026" in UTC, the same on every machine. */
export function formatDate(date: Date): string {
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Every required competency of a profile, WHAT then HOW then ORG. */
export function allCompetencies(profile: RoleProfile): RequiredCompetency[] {
  return [...profile.competencies.what, ...profile.competencies.how, ...profile.competencies.org];
}

/** Competencies assessed in a person (WHAT and HOW; ORG ones are assessed for the organisation). */
export function personalCompetencies(profile: RoleProfile): RequiredCompetency[] {
  return [...profile.competencies.how, ...profile.competencies.what];
}

/** True when any touchpoint behind the competency is a moment of truth. */
export function atMomentOfTruth(rc: RequiredCompetency): boolean {
  return rc.evidence.some((e) => e.touchpoint.momentOfTruth);
}

/** The anchored 1–5 scale of a competency, with the role's required level marked. */
export function ratingScale(rc: RequiredCompetency, title = `Rating scale: ${rc.competency.name}`): RatingScaleBlock {
  return {
    type: 'ratingScale',
    title,
    levels: rc.competency.levels.map((l) => ({
      value: l.level,
      label: l.name,
      behaviours: l.behaviours,
      expected: l.level === rc.level,
    })),
  };
}

/** Block constructors, so kind builders read like an outline. */
export const b = {
  h1: (text: string): Block => ({ type: 'heading', level: 1, text }),
  h2: (text: string): Block => ({ type: 'heading', level: 2, text }),
  h3: (text: string): Block => ({ type: 'heading', level: 3, text }),
  p: (...content: Inline[]): Block => ({ type: 'paragraph', content }),
  lead: (...content: Inline[]): Block => ({ type: 'paragraph', content, style: 'lead' }),
  note: (...content: Inline[]): Block => ({ type: 'paragraph', content, style: 'note' }),
  bullets: (items: Inline[][] | string[]): Block => ({
    type: 'list',
    ordered: false,
    items: items.map((i) => (typeof i === 'string' ? [i] : i)),
  }),
  numbered: (items: Inline[][] | string[]): Block => ({
    type: 'list',
    ordered: true,
    items: items.map((i) => (typeof i === 'string' ? [i] : i)),
  }),
  table: (
    id: string,
    title: string,
    columns: (Column | string)[],
    rows: Inline[][],
    blankRows?: number,
  ): TableBlock => ({
    type: 'table',
    id,
    title,
    columns: columns.map((c) => (typeof c === 'string' ? { header: c } : c)),
    rows,
    ...(blankRows ? { blankRows } : {}),
  }),
  fields: (items: [string, string][]): Block => ({
    type: 'fields',
    items: items.map(([label, value]) => ({ label, value })),
  }),
  choice: (label: string, options: string[]): Block => ({ type: 'choice', label, options }),
  comment: (label: string, lines = 4): Block => ({ type: 'commentBox', label, lines }),
  signatures: (...parties: string[]): Block => ({ type: 'signatures', parties }),
  pageBreak: (): Block => ({ type: 'pageBreak' }),
  bold: (text: string): Inline => ({ text, bold: true }),
  italic: (text: string): Inline => ({ text, italic: true }),
};

/** The summary shown under the title of a role document; internal workforce data only on internal documents. */
export function roleProperties(ctx: KindContext, audience: Audience = 'internal'): { label: string; value: string }[] {
  const { role, criticality } = ctx.profile;
  const props = [{ label: 'Role', value: role.name }];
  if (role.team) props.push({ label: 'Team', value: role.team });
  if (role.jobCode) props.push({ label: 'Job code', value: role.jobCode });
  if (audience === 'internal') {
    props.push({
      label: 'Works',
      value: role.visibility === 'frontstage' ? 'Frontstage, in front of the customer' : 'Backstage, behind the scenes',
    });
    props.push({
      label: 'Criticality',
      value: `${criticality.score} / 100${criticality.critical ? ', critical to the customer experience' : ''}`,
    });
    props.push({ label: 'Journey map', value: ctx.map.meta.title });
  }
  props.push({ label: 'Prepared', value: formatDate(ctx.now) });
  return props;
}

/** Assembles a role document. */
export function roleDocument(
  ctx: KindContext,
  kind: string,
  title: string,
  blocks: Block[],
  primaryTable: string,
  options: {
    subtitle?: string;
    orientation?: 'portrait' | 'landscape';
    properties?: { label: string; value: string }[];
  } = {},
): ExportDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    kind,
    title,
    subtitle: options.subtitle ?? ctx.profile.role.name,
    orientation: options.orientation ?? 'portrait',
    meta: {
      mapTitle: ctx.map.meta.title,
      roleId: ctx.profile.role.id,
      roleName: ctx.profile.role.name,
      generatedAt: ctx.now.toISOString(),
    },
    properties: options.properties ?? roleProperties(ctx, audienceOf(kind)),
    blocks,
    primaryTable,
    audience: audienceOf(kind),
    paper: ctx.settings.paperSize,
  };
}

/** The role's purpose, or a sentence built from the map when none was written. */
export function purposeText(ctx: KindContext): string {
  const { role, touchpoints, criticality } = ctx.profile;
  if (role.purpose.trim()) return role.purpose.trim();
  if (touchpoints.length === 0) return `The ${role.name} role as described on the “${ctx.map.meta.title}” journey map.`;
  const mot = criticality.momentsOfTruth.length;
  return (
    `The ${role.name} takes part in ${touchpoints.length} ${touchpoints.length === 1 ? 'moment' : 'moments'} of the customer journey “${ctx.map.meta.title}”` +
    (mot ? `, ${mot === 1 ? 'one of them a moment of truth' : `${mot} of them moments of truth`}` : '') +
    ', and is responsible for how the customer experiences them.'
  );
}
