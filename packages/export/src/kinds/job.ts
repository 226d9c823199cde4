import type { Channel } from '@journeycraft/schema';
import type { RequiredCompetency, RoleTouchpoint } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import {
  allCompetencies,
  b,
  channelLabel,
  formatDate,
  lowerFirst,
  roleDocument,
  sentence,
  type KindContext,
} from '../common.js';
import {
  employmentText,
  exemptText,
  qualificationGroups,
  reportsToText,
  salaryText,
  workplaceText,
} from '../hrfacts.js';

/**
 * The job description (for the employee and the line manager) and the job advertisement (for
 * candidates). Both speak plainly: no WHAT/HOW, no level numbers, no "moment of truth", no
 * scores, capacity figures or bench; map labels appear only as labels (in lists and tables,
 * after a colon), never inside a sentence whose grammar depends on them.
 */

const AS_SENTENCE: Record<Channel, string> = {
  in_person: 'face to face',
  phone: 'on the phone',
  email: 'by e-mail',
  chat: 'on live chat',
  web: 'through our website',
  mobile_app: 'through our app',
  social: 'on social media',
  mail: 'by post',
  self_service: 'when they use our self-service tools',
  other: '',
};

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) && !/^(uni|use|eu)/i.test(noun) ? 'an' : 'a';
}

function withoutStop(text: string): string {
  return text.trim().replace(/[.;:!]+$/, '');
}

function titles(list: readonly RoleTouchpoint[]): string {
  return list.map((t) => t.title).join('; ');
}

/** "by phone and by e-mail" for the channels of some touchpoints ('' when only "other"). */
function channelsPhrase(list: readonly RoleTouchpoint[]): string {
  const phrases = [...new Set(list.map((t) => AS_SENTENCE[t.channel]).filter(Boolean))];
  return joinAnd(phrases);
}

/**
 * The responsibilities of the job description, grouped by the role's part (one item per part,
 * the map's touchpoints listed after a colon, so any label reads well).
 */
export function responsibilities(ctx: KindContext): Inline[][] {
  const list = ctx.profile.touchpoints;
  const items: Inline[][] = [];
  const performs = list.filter((t) => t.involvement === 'performs');
  const owns = list.filter((t) => t.involvement === 'owner');
  const supports = list.filter((t) => t.involvement === 'supports');
  if (performs.length) {
    const how = channelsPhrase(performs);
    items.push([
      `Serve customers directly${how ? `, ${how},` : ''} at these steps of their journey: `,
      { text: titles(performs), bold: true },
      '.',
    ]);
  }
  if (owns.length) {
    items.push([
      'Be answerable for how these steps go for customers, keep their service standards and act on what their measures show: ',
      { text: titles(owns), bold: true },
      '.',
    ]);
  }
  if (supports.length) {
    items.push(['Support the colleagues who serve customers at: ', { text: titles(supports), bold: true }, '.']);
  }
  return items;
}

/** What a candidate will do, in the customer's terms (channels and what customers come for), never the map's labels. */
function candidateDuties(ctx: KindContext): string[] {
  const { touchpoints } = ctx.profile;
  const goalOf = (t: RoleTouchpoint) => withoutStop(ctx.map.touchpoints.find((x) => x.id === t.id)?.customerGoal ?? '');
  const items: string[] = [];
  const served = touchpoints.filter((t) => t.involvement !== 'supports');
  const channels = [...new Set(served.map((t) => t.channel))];
  for (const channel of channels) {
    const here = served.filter((t) => t.channel === channel);
    const phrase = AS_SENTENCE[channel];
    const goals = [...new Set(here.map(goalOf).filter(Boolean))].map(lowerFirst);
    items.push(
      `Help customers${phrase ? ` ${phrase}` : ''}.` +
        (goals.length ? ` What they come to us for: ${goals.join('; ')}.` : ''),
    );
  }
  if (touchpoints.some((t) => t.involvement === 'owner')) {
    items.push('Make sure the service customers get meets our standards every day, and act on what the figures show.');
  }
  if (touchpoints.some((t) => t.involvement === 'supports')) {
    items.push('Work behind the scenes so that what colleagues promise customers really happens, on time.');
  }
  return items;
}

/** Non-negotiable standards as list items, the touchpoint as a label in brackets. */
export function neverWaived(ctx: KindContext): Inline[][] {
  return ctx.profile.goals
    .filter((g) => g.kind === 'standard' && g.nonNegotiable)
    .map((g) => [sentence(g.text), { text: ` (${g.touchpoint.title})`, italic: true }]);
}

function otherStandards(ctx: KindContext): Inline[][] {
  return ctx.profile.goals
    .filter((g) => g.kind === 'standard' && !g.nonNegotiable)
    .map((g) => [sentence(g.text), { text: ` (${g.touchpoint.title})`, italic: true }]);
}

/** Metric goals as list items: "First contact resolution: ≥ 75 % (quality scores)". */
export function measures(ctx: KindContext): Inline[][] {
  return ctx.profile.goals.flatMap((g): Inline[][] =>
    g.kind === 'metric' ? [[{ text: g.text, bold: true }, g.source ? ` (measured by ${g.source})` : '']] : [],
  );
}

const NOT_STATED = 'Not stated';

function qualificationsTable(ctx: KindContext) {
  return b.table(
    'qualifications',
    'Qualifications',
    [
      { header: 'Area', width: 2 },
      { header: 'Required', width: 4 },
      { header: 'Preferred', width: 4 },
    ],
    qualificationGroups(ctx.profile.role).map((g) => [
      g.label,
      g.list.required.join('; ') || 'None',
      g.list.preferred.join('; ') || 'None',
    ]),
  );
}

/** The touchpoints where a competency is needed, each once. */
function usedAt(rc: RequiredCompetency): string[] {
  return [...new Set(rc.evidence.map((e) => e.touchpoint.title))];
}

function competencyBlocks(rc: RequiredCompetency): Block[] {
  const blocks: Block[] = [b.h3(rc.competency.name), b.p(rc.competency.definition)];
  if (rc.levelBehaviours.length) {
    blocks.push(b.p(b.bold('What this looks like in the role:')));
    blocks.push(b.bullets(rc.levelBehaviours));
  }
  const where = usedAt(rc);
  if (where.length) blocks.push(b.p(b.bold('Where it is used: '), where.join('; ')));
  return blocks;
}

const AREA = { what: 'Knowledge and skills', how: 'Behaviours', org: 'Organisation-wide' } as const;

function competencyTable(list: RequiredCompetency[]) {
  return b.table(
    'competencies',
    'Competencies',
    [
      { header: 'Competency', width: 3 },
      { header: 'Area', width: 2 },
      { header: 'Expected standard', width: 2 },
      { header: 'Where it is used', width: 4 },
    ],
    list.map((rc) => [
      rc.competency.name,
      AREA[rc.competency.kind],
      rc.levelName || 'As described',
      usedAt(rc).join('; '),
    ]),
  );
}

function whereTable(ctx: KindContext) {
  const part = { owner: 'Answerable for it', performs: 'Serves the customer', supports: 'Supports colleagues' };
  return b.table(
    'touchpoints',
    'Touchpoints',
    [
      { header: 'Step of the journey', width: 4 },
      { header: 'Channel', width: 2 },
      { header: 'Part the role plays', width: 3 },
    ],
    ctx.profile.touchpoints.map((t) => [t.title, channelLabel(t.channel), part[t.involvement]]),
  );
}

/** The employer's own statement, or ours. */
function equalOpportunity(ctx: KindContext): string[] {
  const { equalOpportunity: eeo, adjustments } = ctx.settings;
  const who = ctx.organization || 'We';
  return [
    eeo.trim() ||
      `${who} ${ctx.organization ? 'is' : 'are'} an equal-opportunity employer: every application is judged on what the job needs, whatever the applicant's background, age, disability, sex, gender identity, sexual orientation, religion or belief, race or ethnicity.`,
    adjustments.trim() ||
      'If you need an adjustment to apply or to take part in an interview, tell us and we will arrange it.',
  ];
}

function otherDuties(ctx: KindContext): string {
  return (
    ctx.settings.disclaimer.trim() ||
    'This description sets out the main duties of the role. It is not a complete list: the post holder may be asked to take on other reasonable duties that fit the role and their skills.'
  );
}

/** The role's purpose as written, else one plain sentence from its touchpoints. */
function plainPurpose(ctx: KindContext, reader: 'candidate' | 'employee'): string {
  const { role, touchpoints } = ctx.profile;
  if (role.purpose.trim()) return sentence(role.purpose);
  const how = channelsPhrase(touchpoints.filter((t) => t.involvement !== 'supports'));
  const subject = reader === 'candidate' && ctx.settings.register === 'plain' ? 'You' : `The ${role.name}`;
  if (!touchpoints.length) return `${subject} ${subject === 'You' ? 'help' : 'helps'} our customers.`;
  return `${subject} ${subject === 'You' ? 'look' : 'looks'} after our customers${how ? ` ${how}` : ''} and ${subject === 'You' ? 'make' : 'makes'} sure every contact leaves them better off.`;
}

/** Job description: every section an HR template has, in plain words, no internal workforce data. */
export function jobDescription(ctx: KindContext): ExportDocument {
  const { profile, map } = ctx;
  const role = profile.role;
  const d = (iso: string | null) => (iso ? formatDate(new Date(`${iso}T00:00:00Z`)) : '');
  const facts: [string, string][] = [
    ['Job title', role.name],
    ['Job code', role.jobCode || NOT_STATED],
    ['Grade or band', role.grade || NOT_STATED],
    ['Pay range', salaryText(role.salary) || NOT_STATED],
    ['Overtime status', exemptText(role) || NOT_STATED],
    ['Employment type', employmentText(role.employmentType) || NOT_STATED],
    ['Department or team', role.team || NOT_STATED],
    ['Reports to', reportsToText(map, role) || NOT_STATED],
    ['Location', workplaceText(role, true) || NOT_STATED],
    ['Schedule', role.schedule || NOT_STATED],
    ['Travel', role.travel || NOT_STATED],
  ];
  const blocks: Block[] = [
    b.h1('Purpose of the role'),
    b.lead(plainPurpose(ctx, 'employee')),
    b.h1('Key responsibilities'),
  ];
  const resp = responsibilities(ctx);
  blocks.push(resp.length ? b.bullets(resp) : b.p('To be agreed with the line manager.'));
  if (profile.touchpoints.length) blocks.push(whereTable(ctx));
  const never = neverWaived(ctx);
  if (never.length) blocks.push(b.h2('Standards kept at all times, however busy it is'), b.bullets(never));
  const other = otherStandards(ctx);
  if (other.length) blocks.push(b.h2('Other service standards'), b.bullets(other));
  const m = measures(ctx);
  if (m.length) blocks.push(b.h2('How success is measured'), b.bullets(m));

  blocks.push(
    b.h1('Supervisory responsibilities'),
    b.p(role.supervisoryScope || 'None: the role does not supervise other staff.'),
  );

  blocks.push(b.h1('Qualifications'), qualificationsTable(ctx));

  const list = allCompetencies(profile);
  blocks.push(b.h1('Skills and behaviours'));
  if (list.length) {
    blocks.push(competencyTable(list));
    for (const kind of ['what', 'how', 'org'] as const) {
      const group = profile.competencies[kind];
      if (!group.length) continue;
      blocks.push(b.h2(AREA[kind]));
      for (const rc of group) blocks.push(...competencyBlocks(rc));
    }
  } else {
    blocks.push(b.p('To be agreed with the line manager.'), competencyTable([]));
  }

  blocks.push(
    b.h1('Physical demands'),
    b.p(role.physicalDemands || NOT_STATED),
    b.h1('Work environment'),
    b.p(role.workEnvironment || NOT_STATED),
    b.h1('Other duties'),
    b.p(otherDuties(ctx)),
    b.h1('Equal opportunity'),
    ...equalOpportunity(ctx).map((t) => b.p(t)),
    b.h1('Approval'),
    b.fields([
      ['Approved by', role.approvedBy],
      ['Approval date', d(role.approvedOn)],
      ['Revision date', d(role.revisedOn) || formatDate(ctx.now)],
    ]),
  );
  return roleDocument(ctx, 'job-description', 'Job description', blocks, 'competencies', {
    subtitle: [role.name, ctx.organization].filter(Boolean).join(' · '),
    properties: facts.map(([label, value]) => ({ label, value })),
  });
}

/** The blocks of the job ad (also the JobPosting's HTML description). */
export function jobAdBlocks(ctx: KindContext): Block[] {
  const { profile, settings } = ctx;
  const role = profile.role;
  const org = ctx.organization;
  const formal = settings.register === 'formal';
  const team = role.team ? (formal ? ` for its ${role.team} team` : ` to join the ${role.team} team`) : '';
  const opening = org ? `${org} is` : 'We are';
  const blocks: Block[] = [
    b.lead(`${opening} ${formal ? 'recruiting' : 'looking for'} ${article(role.name)} ${role.name}${team}.`),
    b.p(plainPurpose(ctx, 'candidate')),
  ];

  const duties = candidateDuties(ctx);
  if (duties.length) blocks.push(b.h1(formal ? 'The role' : 'What you will do'), b.bullets(duties));

  const mots = profile.criticality.momentsOfTruth
    .map((m) => withoutStop(ctx.map.touchpoints.find((t) => t.id === m.id)?.customerGoal ?? ''))
    .filter(Boolean);
  if (mots.length) {
    blocks.push(
      b.h1('Why it matters'),
      b.p(
        'Some of these conversations stay with customers for a long time. They count on you most when they need to: ',
        [...new Set(mots)].map(lowerFirst).join('; '),
        '.',
      ),
    );
  }

  const pay = salaryText(role.salary);
  if (pay || settings.benefits.trim()) {
    blocks.push(b.h1('Pay and benefits'));
    if (pay) blocks.push(b.p(b.bold('Pay: '), pay, role.grade ? ` (grade ${role.grade})` : '', '.'));
    if (settings.benefits.trim()) blocks.push(b.p(settings.benefits.trim()));
  }

  const where = workplaceText(role, true);
  const contract = employmentText(role.employmentType);
  const when: [string, string][] = (
    [
      ['Where', where],
      ['Hours', role.schedule],
      ['Contract', contract],
      ['Travel', role.travel],
    ] as [string, string][]
  ).filter(([, v]) => v);
  if (when.length)
    blocks.push(b.h1('Where and when'), b.bullets(when.map(([k, v]): Inline[] => [b.bold(`${k}: `), v])));

  const skills = profile.competencies.what;
  const ways = profile.competencies.how;
  const essentials = qualificationGroups(role).flatMap((g) => g.list.required);
  const desirable = qualificationGroups(role).flatMap((g) => g.list.preferred);
  const describe = (rc: RequiredCompetency): Inline[] => [
    { text: rc.competency.name, bold: true },
    `: ${lowerFirst(rc.competency.definition)}`,
  ];
  if (skills.length)
    blocks.push(b.h1(formal ? 'Knowledge and skills required' : 'What you will know'), b.bullets(skills.map(describe)));
  if (ways.length)
    blocks.push(b.h1(formal ? 'Approach to customers' : 'How you work with customers'), b.bullets(ways.map(describe)));
  const spec = [
    ...essentials.map((e) => [e, 'Essential']),
    ...[...skills, ...ways].map((rc) => [rc.competency.name, 'Essential']),
    ...desirable.map((e) => [e, 'Desirable']),
  ];
  if (spec.length) blocks.push(b.h1('Person specification'));
  blocks.push(
    b.table(
      'requirements',
      'Requirements',
      [
        { header: 'Requirement', width: 4 },
        { header: 'Essential or desirable', width: 2 },
      ],
      spec,
    ),
  );

  const apply: Inline[][] = [];
  if (settings.applyUrl) apply.push(['Apply online: ', settings.applyUrl]);
  if (settings.applyEmail) apply.push(['Or send your application to ', settings.applyEmail]);
  if (role.postingClosesOn)
    apply.push([`Applications close on ${formatDate(new Date(`${role.postingClosesOn}T00:00:00Z`))}.`]);
  const ref = role.requisitionId || role.jobCode;
  if (ref) apply.push([`Please quote reference ${ref}.`]);
  if (apply.length) blocks.push(b.h1('How to apply'), b.bullets(apply));

  blocks.push(b.h1('Equal opportunity'), ...equalOpportunity(ctx).map((t) => b.p(t)));
  return blocks;
}

/** Job advertisement: what a candidate needs to decide and apply, in their words. */
export function jobAd(ctx: KindContext, structuredData?: Record<string, unknown>): ExportDocument {
  const role = ctx.profile.role;
  const facts: { label: string; value: string }[] = [
    { label: 'Employer', value: ctx.organization },
    { label: 'Location', value: workplaceText(role) },
    { label: 'Pay', value: salaryText(role.salary) },
    { label: 'Hours', value: role.schedule },
    { label: 'Contract', value: employmentText(role.employmentType) },
    {
      label: 'Closing date',
      value: role.postingClosesOn ? formatDate(new Date(`${role.postingClosesOn}T00:00:00Z`)) : '',
    },
    { label: 'Reference', value: role.requisitionId || role.jobCode },
  ].filter((p) => p.value);
  const doc = roleDocument(ctx, 'job-ad', role.name, jobAdBlocks(ctx), 'requirements', {
    subtitle: [ctx.organization, role.team].filter(Boolean).join(' · ') || 'Job advertisement',
    properties: facts,
  });
  return structuredData ? { ...doc, structuredData } : doc;
}
