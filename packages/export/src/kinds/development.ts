import type { RequiredCompetency } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import type { Assessment } from '../assessments.js';
import {
  atMomentOfTruth,
  b,
  channelLabel,
  formatDate,
  kindShort,
  levelBehaviours,
  levelLabel,
  levelName,
  personalCompetencies,
  roleDocument,
  type KindContext,
} from '../common.js';

/** One row of a development gap: required against assessed level. */
export interface GapRow {
  competency: RequiredCompetency;
  required: number;
  /** null when the person was not assessed on it. */
  assessed: number | null;
  /** required − assessed (0 when met or exceeded); null when not assessed. */
  gap: number | null;
  priority: 'High' | 'Medium' | 'Met' | 'Not assessed';
  assessment: Assessment | null;
}

/** Required vs assessed level for each competency (WHAT and HOW); the last assessment of a competency wins. */
export function gapRows(ctx: KindContext, assessments: readonly Assessment[]): GapRow[] {
  const latest = new Map<string, Assessment>();
  for (const a of assessments) latest.set(a.competencyId, a);
  const rows = personalCompetencies(ctx.profile).map((rc): GapRow => {
    const a = latest.get(rc.competency.id) ?? null;
    if (!a)
      return {
        competency: rc,
        required: rc.level,
        assessed: null,
        gap: null,
        priority: 'Not assessed',
        assessment: null,
      };
    const gap = Math.max(0, rc.level - a.level);
    const priority = gap === 0 ? 'Met' : gap >= 2 || atMomentOfTruth(rc) ? 'High' : 'Medium';
    return { competency: rc, required: rc.level, assessed: a.level, gap, priority, assessment: a };
  });
  const rank = { High: 0, Medium: 1, 'Not assessed': 2, Met: 3 } as const;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => rank[x.row.priority] - rank[y.row.priority] || (y.row.gap ?? 0) - (x.row.gap ?? 0) || x.i - y.i)
    .map(({ row }) => row);
}

/** Suggested development actions for a competency, tied to the touchpoints that need it. */
export function developmentActions(ctx: KindContext, rc: RequiredCompetency): string[] {
  const where = rc.evidence[0]?.touchpoint.title;
  const name = rc.competency.name.toLowerCase();
  const metric = ctx.profile.goals.find(
    (g) => g.kind === 'metric' && rc.evidence.some((e) => e.touchpoint.id === g.touchpoint.id),
  );
  if (rc.competency.kind === 'what') {
    return [
      `Work through the ${name} material with an experienced colleague and explain it back in your own words.`,
      where
        ? `Handle “${where}” with a colleague at level ${rc.level} or above checking your work, until they sign it off.`
        : `Practise on real cases with a colleague at level ${rc.level} or above checking your work.`,
      metric
        ? `Track progress on “${metric.text}” with your manager every month.`
        : 'Agree with your manager one measurable sign of progress.',
    ];
  }
  return [
    where
      ? `Shadow a colleague who does this well at “${where}” and write down what they say and do.`
      : 'Shadow a colleague who does this well and write down what they say and do.',
    `Listen back to three of your own contacts each week and mark where ${name} shows and where it slips.`,
    where
      ? `Ask your team lead to observe you at “${where}” with the observation checklist, and talk it through the same day.`
      : 'Ask your team lead to observe you with the observation checklist, and talk it through the same day.',
  ];
}

export interface DevelopmentPlanInput {
  /** Whose plan this is ('' for a blank plan). */
  person: string;
  /** That person's assessments; empty for a plan with the assessed levels left blank. */
  assessments: readonly Assessment[];
}

/** Development plan from the gap between required and assessed levels. */
export function developmentPlan(ctx: KindContext, input: DevelopmentPlanInput): ExportDocument {
  const rows = gapRows(ctx, input.assessments);
  const assessed = rows.some((r) => r.assessed !== null);
  const blocks: Block[] = [
    b.fields([
      ['Employee', input.person],
      ['Manager', ''],
      ['Plan period', ''],
      ['Next review', ''],
    ]),
  ];
  const gaps = rows.filter((r) => r.gap !== null && r.gap > 0);
  blocks.push(b.h1('Where you are and where the role needs you'));
  if (assessed) {
    const atMot = gaps.filter((r) => atMomentOfTruth(r.competency)).length;
    blocks.push(
      b.p(
        gaps.length
          ? `${gaps.length} of ${rows.length} competencies are below the level this role needs` +
              (atMot ? `, ${atMot} of them at moments of truth for the customer.` : '.')
          : `Every assessed competency is at or above the level this role needs. Use this plan to stretch further.`,
      ),
    );
  } else {
    blocks.push(
      b.note(
        'No assessment was supplied: write in the assessed level (0–5) for each competency, then agree the gaps to work on.',
      ),
    );
  }
  blocks.push(
    b.table(
      'gaps',
      'Gaps',
      [
        { header: 'Competency', width: 3 },
        { header: 'Type', width: 1 },
        { header: 'Required', width: 1.2 },
        assessed ? { header: 'Assessed', width: 1.2 } : { header: 'Assessed', width: 1.2, input: 'rating' },
        { header: 'Gap', width: 0.8 },
        { header: 'Priority', width: 1.3 },
      ],
      rows.map((r): Inline[] => [
        r.competency.competency.name,
        kindShort(r.competency.competency.kind),
        String(r.required),
        r.assessed === null ? '' : String(r.assessed),
        r.gap === null ? '' : String(r.gap),
        assessed ? r.priority : '',
      ]),
    ),
  );

  const focus = assessed ? gaps : rows;
  if (focus.length) blocks.push(b.h1(assessed ? 'Development goals' : 'What each level looks like'));
  for (const r of focus) {
    const rc = r.competency;
    const c = rc.competency;
    blocks.push(
      b.h2(
        r.assessed !== null
          ? `${c.name}: from level ${r.assessed} to level ${r.required}`
          : `${c.name}: level ${r.required} needed`,
      ),
    );
    if (r.assessed !== null && r.assessed > 0) {
      blocks.push(b.p(b.bold(`Now: ${levelLabel(r.assessed, levelName(c, r.assessed))}`)));
      blocks.push(b.bullets(levelBehaviours(c, r.assessed)));
    }
    blocks.push(b.p(b.bold(`Target: ${levelLabel(r.required, rc.levelName)}`)));
    blocks.push(b.bullets(rc.levelBehaviours));
    const where = [
      ...new Set(rc.evidence.map((e) => e.touchpoint.title + (e.touchpoint.momentOfTruth ? ' (moment of truth)' : ''))),
    ];
    if (where.length) blocks.push(b.p(b.bold('Where it shows: '), where.join(', ')));
    if (r.assessment?.note) blocks.push(b.p(b.bold('Assessor’s note: '), r.assessment.note));
    blocks.push(b.p(b.bold('Suggested actions')));
    blocks.push(b.bullets(developmentActions(ctx, rc)));
  }

  const strengths = rows.filter((r) => r.priority === 'Met');
  if (strengths.length) {
    blocks.push(b.h1('Strengths to build on'));
    blocks.push(
      b.bullets(
        strengths.map((r): Inline[] => [
          b.bold(r.competency.competency.name),
          `: assessed at level ${r.assessed}, the role needs ${r.required}.`,
          r.assessed! > r.required ? ' Could coach others.' : '',
        ]),
      ),
    );
  }

  blocks.push(
    b.h1('Agreed actions'),
    b.table(
      'actions',
      'Actions',
      [
        { header: 'Action', width: 4, input: 'text' },
        { header: 'Competency', width: 2, input: 'text' },
        { header: 'Support needed', width: 2.5, input: 'text' },
        { header: 'By when', width: 1.3, input: 'text' },
        { header: 'Done', width: 0.8, input: 'check' },
      ],
      [],
      5,
    ),
    b.signatures('Employee', 'Manager'),
  );
  const title = 'Development plan';
  return roleDocument(ctx, 'development-plan', title, blocks, 'gaps', {
    subtitle: input.person ? `${input.person} · ${ctx.profile.role.name}` : ctx.profile.role.name,
  });
}

/** Onboarding plan: the journey and its standards first, then shadowing, then handling with support, then owning. */
export function onboardingPlan(ctx: KindContext): ExportDocument {
  const { profile, map } = ctx;
  const roleName = (id: string | null) => (id ? map.roles.find((r) => r.id === id)?.name : undefined);
  const ordered = [...profile.touchpoints].sort((x, y) => Number(y.momentOfTruth) - Number(x.momentOfTruth));
  const rows: Inline[][] = [];
  const add = (when: string, activity: string, withWhom: string) => rows.push([when, activity, withWhom, '']);

  add(
    'Week 1',
    `Walk through the “${map.meta.title}” journey map: where this role meets the customer and why those moments matter.`,
    'Manager',
  );
  const never = profile.goals.filter((g) => g.kind === 'standard' && g.nonNegotiable);
  if (never.length)
    add('Week 1', `Learn the standards that are never waived: ${never.map((g) => g.text).join('; ')}.`, 'Manager');
  const owners = [
    ...new Set(
      profile.touchpoints
        .map((t) => roleName(map.touchpoints.find((x) => x.id === t.id)?.ownerRoleId ?? null))
        .filter((n): n is string => !!n && n !== profile.role.name),
    ),
  ];
  if (owners.length)
    add('Week 1', `Meet the owners of the touchpoints you work at (${owners.join(', ')}).`, 'Touchpoint owners');
  for (const rc of profile.competencies.what) {
    add(
      'Weeks 1–2',
      `Learn ${rc.competency.name.toLowerCase()} to ${levelLabel(rc.level, rc.levelName).toLowerCase()}.`,
      'Buddy',
    );
  }
  for (const t of ordered) {
    add(
      'Weeks 2–4',
      `Shadow a colleague at “${t.title}” (${channelLabel(t.channel).toLowerCase()}), then handle it with them alongside.${t.momentOfTruth ? ' A moment of truth: take extra time here.' : ''}`,
      'Buddy',
    );
  }
  for (const t of ordered.filter((x) => x.involvement !== 'supports')) {
    add(
      'Month 2',
      `Handle “${t.title}” on your own; your team lead observes once a week with the observation checklist.`,
      'Team lead',
    );
  }
  for (const rc of profile.competencies.how) {
    const first = rc.levelBehaviours[0];
    add(
      'Month 2',
      `Practise ${rc.competency.name.toLowerCase()}${first ? `: ${first.charAt(0).toLowerCase()}${first.slice(1)}` : '.'}`,
      'Team lead',
    );
  }
  for (const g of profile.goals.filter((x) => x.kind === 'metric')) {
    add('Month 3', `Work to the target: ${g.text} (${g.touchpoint.title}).`, 'Manager');
  }
  for (const c of profile.checklist) {
    add('Month 3', `Run the ${c.item.cadence} check at “${c.touchpoint.title}”: ${c.item.text}.`, 'Manager');
  }
  add('End of month 3', 'Review progress against the levels below and agree a development plan.', 'Manager');

  const blocks: Block[] = [
    b.fields([
      ['New starter', ''],
      ['Manager', ''],
      ['Buddy', ''],
      ['Start date', ''],
    ]),
    b.h1('The first three months'),
    b.p(
      'The plan starts with the customer journey and the standards that are never waived, then moves from shadowing to handling each touchpoint with support, and ends with owning the role’s goals.',
    ),
    b.table(
      'plan',
      'Onboarding plan',
      [
        { header: 'When', width: 1.3 },
        { header: 'Activity', width: 6 },
        { header: 'With', width: 1.6 },
        { header: 'Done', width: 0.8, input: 'check' },
      ],
      rows,
    ),
  ];
  const personal = personalCompetencies(profile);
  if (personal.length) {
    blocks.push(
      b.h1('What good looks like by the end of month 3'),
      b.bullets(
        personal.map((rc): Inline[] => [
          b.bold(rc.competency.name),
          `: ${levelLabel(rc.level, rc.levelName).toLowerCase()}.`,
        ]),
      ),
    );
  }
  blocks.push(b.comment('Notes from the end-of-onboarding review', 4), b.signatures('New starter', 'Manager'));
  return roleDocument(ctx, 'onboarding-plan', 'Onboarding plan', blocks, 'plan', {
    properties: roleDocumentProps(ctx),
  });
}

function roleDocumentProps(ctx: KindContext) {
  return [
    { label: 'Role', value: ctx.profile.role.name },
    ...(ctx.profile.role.team ? [{ label: 'Team', value: ctx.profile.role.team }] : []),
    { label: 'Journey map', value: ctx.map.meta.title },
    { label: 'Prepared', value: formatDate(ctx.now) },
  ];
}
