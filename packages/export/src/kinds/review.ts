import type { Goal, MetricGoal } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import { b, personalCompetencies, roleDocument, type KindContext } from '../common.js';
import { percentages } from './interview-plan.js';
import { anchorsTable, personProperties, reportsToName } from './parts.js';

/** The overall ratings, best first, with the lowest overall score that earns each. */
export const OVERALL_BANDS = [
  { rating: 5, label: 'Outstanding', from: 4.5 },
  { rating: 4, label: 'Exceeds expectations', from: 3.5 },
  { rating: 3, label: 'Meets expectations', from: 2.5 },
  { rating: 2, label: 'Partly meets expectations', from: 1.5 },
  { rating: 1, label: 'Does not meet expectations', from: 0 },
] as const;
/** The rating a broken never-waived standard caps the overall at. */
export const STANDARD_CAP = 2;

/** What the overall rating is computed from: the manager's ratings. */
export interface OverallInput {
  /** Goals with their weight in percent (adding up to 100) and the 1–5 rating. */
  goals: readonly { weight: number; rating: number }[];
  /** Competencies with the expected level and the 1–5 rating. */
  competencies: readonly { expected: number; rating: number }[];
  /** A never-waived standard was not kept in the period. */
  standardBroken?: boolean;
}

/** The overall rating and how it was reached. */
export interface OverallResult {
  /** Goals score: Σ weight × rating / 100 (null without goals). */
  goals: number | null;
  /** Competency score: the mean of 3 + rating − expected, each kept within 1–5 (null without competencies). */
  competencies: number | null;
  /** Half of each score (or the one there is), to one decimal. */
  score: number;
  rating: number;
  label: string;
  capped: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The one rule from goal and competency ratings to the overall rating, printed on the form: the
 * goals score and the competency score (3 = at the expected level) count half each; the bands of
 * `OVERALL_BANDS` give the rating; a never-waived standard not kept caps it at "Partly meets".
 */
export function overallRating(input: OverallInput): OverallResult {
  const weight = input.goals.reduce((s, g) => s + g.weight, 0);
  const goals =
    input.goals.length && weight > 0 ? input.goals.reduce((s, g) => s + g.weight * g.rating, 0) / weight : null;
  const competencies = input.competencies.length
    ? input.competencies.reduce((s, c) => s + Math.min(5, Math.max(1, 3 + c.rating - c.expected)), 0) /
      input.competencies.length
    : null;
  const parts = [goals, competencies].filter((x): x is number => x !== null);
  const score = parts.length ? round1(parts.reduce((s, x) => s + x, 0) / parts.length) : 0;
  let band = OVERALL_BANDS.find((x) => score >= x.from)!;
  const capped = !!input.standardBroken && band.rating > STANDARD_CAP;
  if (capped) band = OVERALL_BANDS.find((x) => x.rating === STANDARD_CAP)!;
  return {
    goals: goals === null ? null : round1(goals),
    competencies: competencies === null ? null : round1(competencies),
    score,
    rating: band.rating,
    label: band.label,
    capped,
  };
}

/** The rule as the form prints it. */
export function overallRuleText(hasGoals: boolean): string[] {
  const bands = OVERALL_BANDS.map((x, i) =>
    i === 0
      ? `${x.from} or more: ${x.label}`
      : i === OVERALL_BANDS.length - 1
        ? `below ${OVERALL_BANDS[i - 1]!.from}: ${x.label}`
        : `${x.from} to ${round1(OVERALL_BANDS[i - 1]!.from - 0.1)}: ${x.label}`,
  );
  return [
    ...(hasGoals ? ['Goals score G = the sum of weight × manager’s goal rating, divided by 100.'] : []),
    'Competency score C = for each competency, 3 + manager’s rating − expected level (kept between 1 and 5), then the average: at the expected level a competency scores 3.',
    hasGoals
      ? 'Overall score = (G + C) ÷ 2, to one decimal.'
      : 'Overall score = C, to one decimal (no goals were set from the journey).',
    `Overall rating: ${bands.join('; ')}.`,
    `A never-waived standard not kept in the period caps the rating at “${OVERALL_BANDS.find((x) => x.rating === STANDARD_CAP)!.label}”.`,
  ];
}

/** Metric goals with their weights: metrics at a moment of truth count double; the weights add up to 100. */
export function weightedGoals(goals: readonly Goal[]): { goal: MetricGoal; weight: number }[] {
  const metrics = goals.filter((g): g is MetricGoal => g.kind === 'metric');
  const weights = percentages(metrics.map((g) => (g.touchpoint.momentOfTruth ? 2 : 1)));
  return metrics.map((goal, i) => ({ goal, weight: weights[i]! }));
}

function goalBlocks(ctx: KindContext): { blocks: Block[]; hasGoals: boolean } {
  const weighted = weightedGoals(ctx.profile.goals);
  const standards = ctx.profile.goals.filter((g) => g.kind === 'standard');
  const blocks: Block[] = [b.h1('1. Goals from the customer journey')];
  blocks.push(
    b.p(
      weighted.length
        ? 'These goals come from what is measured at the touchpoints this role works at. Goals at a moment of truth for the customer weigh double. Rate each goal from 1 to 5: 5 well above target, 4 above it, 3 on target, 2 close to it, 1 well below.'
        : 'No metric is measured at this role’s touchpoints yet: agree goals with the employee, with weights that add up to 100, and rate each from 1 to 5 (3 = on target).',
    ),
    b.table(
      'goals',
      'Goals',
      [
        { header: 'Goal', width: 3.2 },
        { header: 'Target', width: 1.5 },
        { header: 'Weight', width: 1 },
        { header: 'Result', width: 1.8, input: 'text' },
        { header: 'Self', width: 0.9, input: 'rating' },
        { header: 'Manager', width: 1.2, input: 'rating' },
      ],
      weighted.map(({ goal, weight }): Inline[] => [
        [goal.name, goal.source ? ` (${goal.touchpoint.title}; ${goal.source})` : ` (${goal.touchpoint.title})`].join(
          '',
        ),
        goal.hasTarget ? [goal.target, goal.unit].filter(Boolean).join(' ') : 'to agree',
        `${weight}%`,
        '',
        '',
        '',
      ]),
      weighted.length ? 1 : 3,
    ),
  );
  if (standards.length) {
    blocks.push(
      b.h2('Standards kept with every customer'),
      b.table(
        'standards',
        'Standards',
        [
          { header: 'Standard', width: 5 },
          { header: 'Touchpoint', width: 2 },
          { header: 'Kept (self)', width: 1.1, input: 'check' },
          { header: 'Kept (manager)', width: 1.3, input: 'check' },
        ],
        standards.map((g): Inline[] => [
          g.kind === 'standard' && g.nonNegotiable ? b.bold(`Never waived: ${g.text}`) : g.text,
          g.touchpoint.title,
          '',
          '',
        ]),
      ),
    );
  }
  return { blocks, hasGoals: weighted.length > 0 };
}

/**
 * Performance review form: weighted goals cascaded from the touchpoint metrics (target, result,
 * self and manager rating), the standards kept, competency ratings with the self-assessment beside
 * the manager's, the one rule to the overall rating (printed), next-period objectives, comments, and
 * sign-off by the employee (acknowledging the discussion), the manager and the second-level
 * manager. The anchors of every competency are printed once, in an annex.
 */
export function reviewForm(ctx: KindContext): ExportDocument {
  const { profile, map } = ctx;
  const list = personalCompetencies(profile);
  const manager = reportsToName(map, profile.role);
  const managerRole = map.roles.find((r) => r.id === profile.role.reportsToRoleId);
  const secondLevel = managerRole ? reportsToName(map, managerRole) : '';
  const blocks: Block[] = [
    b.fields([
      ['Employee', ''],
      ['Manager', ''],
      ['Second-level manager', ''],
      ['Review period', ''],
      ['Date of discussion', ''],
    ]),
  ];
  const goals = goalBlocks(ctx);
  blocks.push(...goals.blocks);

  blocks.push(
    b.h1('2. Competencies'),
    b.p(
      `Rate each competency from 1 to 5 against the anchors in the annex (level names and behaviours), first the employee, then the manager. Give one example from the period for each manager rating.`,
    ),
    b.table(
      'ratings',
      'Ratings',
      [
        { header: 'Competency', width: 3 },
        { header: 'Expected level', width: 1.3 },
        { header: 'Self', width: 0.9, input: 'rating' },
        { header: 'Manager', width: 1.2, input: 'rating' },
        { header: 'Example from the period', width: 3.6, input: 'text' },
      ],
      list.map((rc, i): Inline[] => [`${rc.competency.name} (annex A${i + 1})`, String(rc.level), '', '', '']),
    ),
  );
  if (!list.length) blocks.push(b.p('The journey map does not yet require any competency of this role.'));

  blocks.push(
    b.h1('3. Overall rating'),
    b.note('One rule turns the manager’s ratings above into the overall rating:'),
    b.bullets(overallRuleText(goals.hasGoals)),
    b.fields([
      ...(goals.hasGoals ? ([['Goals score G', '']] as [string, string][]) : []),
      ['Competency score C', ''],
      ['Overall score', ''],
      ['Standard not kept', ''],
    ]),
    b.choice(
      'Overall rating',
      OVERALL_BANDS.map((x) => x.label),
    ),
    b.h1('4. Next period'),
    b.table(
      'objectives',
      'Objectives',
      [
        { header: 'Objective', width: 3.5 },
        { header: 'Measure and target', width: 2.5 },
        { header: 'Weight', width: 1 },
        { header: 'By when', width: 1.4 },
      ],
      [],
      3,
    ),
    b.note('Start from the goals above; the weights add up to 100.'),
    b.comment('Development focus for the next period', 2),
    b.h1('5. Comments and sign-off'),
    b.comment('Employee’s comments', 3),
    b.comment('Manager’s comments', 3),
    b.note(
      'By signing, the employee acknowledges that this review was discussed with them; it does not mean they agree with every rating, and they may add comments above. The second-level manager confirms they have read the review and the comments.',
    ),
    b.signatures(
      'Employee',
      manager ? `Manager (${manager})` : 'Manager',
      secondLevel ? `Second-level manager (${secondLevel})` : 'Second-level manager',
    ),
  );

  if (list.length) {
    blocks.push(b.pageBreak(), b.h1('Annex: what each level looks like'));
    blocks.push(
      b.note(`The level each competency expects is in bold. Rate what was seen in the period, not the person.`),
    );
    list.forEach((rc, i) =>
      blocks.push(b.h3(`A${i + 1}. ${rc.competency.name}`), anchorsTable(rc, `anchors-${i + 1}`)),
    );
  }
  return roleDocument(ctx, 'review-form', 'Performance review', blocks, 'ratings', {
    properties: personProperties(ctx),
  });
}
