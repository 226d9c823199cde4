import type { Block, ExportDocument, Inline } from '../model.js';
import {
  b,
  channelLabel,
  kindShort,
  levelLabel,
  personalCompetencies,
  ratingScale,
  roleDocument,
  type KindContext,
} from '../common.js';

/** Performance review form: anchored competency ratings, goals from the journey, comments and sign-off. */
export function reviewForm(ctx: KindContext): ExportDocument {
  const { profile } = ctx;
  const list = personalCompetencies(profile);
  const blocks: Block[] = [
    b.fields([
      ['Employee', ''],
      ['Reviewer', ''],
      ['Review period', ''],
      ['Date of review', ''],
    ]),
    b.h1('1. Competencies'),
    b.p(
      'Rate each competency from 1 to 5 against the behaviours described for each level. The level the role expects is marked. Give at least one specific example for every rating, so that two reviewers looking at the same behaviour would give the same score.',
    ),
  ];
  for (const rc of list) {
    blocks.push(
      b.h2(rc.competency.name),
      b.p(b.bold('Expected: '), levelLabel(rc.level, rc.levelName), ` · ${kindShort(rc.competency.kind)}`),
      ratingScale(rc, `${rc.competency.name}: what each level looks like`),
      b.fields([['Rating (1–5)', '']]),
      b.comment('Examples observed in this period', 3),
    );
  }
  if (!list.length) blocks.push(b.p('The journey map does not yet require any competency of this role.'));

  blocks.push(
    b.h2('Competency ratings summary'),
    b.table(
      'ratings',
      'Ratings',
      [
        { header: 'Competency', width: 3 },
        { header: 'Type', width: 1 },
        { header: 'Expected', width: 1.5 },
        { header: 'Rating (1–5)', width: 1.3, input: 'rating' },
        { header: 'Comment', width: 4, input: 'text' },
      ],
      list.map((rc): Inline[] => [
        rc.competency.name,
        kindShort(rc.competency.kind),
        `${rc.level}${rc.levelName ? ` (${rc.levelName})` : ''}`,
        '',
        '',
      ]),
    ),
  );

  blocks.push(b.h1('2. Goals from the customer journey'));
  if (profile.goals.length) {
    blocks.push(
      b.p(
        'These goals come from the experience standards and metrics of the touchpoints this role works at. Standards marked “never waived” hold even when demand is high.',
      ),
      b.table(
        'goals',
        'Goals',
        [
          { header: 'Goal', width: 4 },
          { header: 'Touchpoint', width: 2.5 },
          { header: 'Type', width: 1.6 },
          { header: 'Result in the period', width: 3, input: 'text' },
          { header: 'Met', width: 0.8, input: 'check' },
        ],
        profile.goals.map((g): Inline[] => [
          g.text,
          g.touchpoint.title,
          g.kind === 'metric' ? 'Metric' : g.nonNegotiable ? 'Standard, never waived' : 'Standard',
          '',
          '',
        ]),
      ),
    );
  } else {
    blocks.push(
      b.p('No standards or metrics are set on this role’s touchpoints yet; agree goals with the employee.'),
      b.table(
        'goals',
        'Goals',
        [
          { header: 'Goal', width: 4 },
          { header: 'Result in the period', width: 3, input: 'text' },
          { header: 'Met', width: 0.8, input: 'check' },
        ],
        [],
        3,
      ),
    );
  }
  const touchpoints = profile.touchpoints.map((t) => `${t.title} (${channelLabel(t.channel).toLowerCase()})`);
  if (touchpoints.length) blocks.push(b.note(`Touchpoints covered by this review: ${touchpoints.join(', ')}.`));

  blocks.push(
    b.h1('3. Overall'),
    b.choice('Overall rating', [
      'Exceeds expectations',
      'Meets expectations',
      'Partly meets expectations',
      'Does not meet expectations',
    ]),
    b.comment('Employee’s comments', 4),
    b.comment('Reviewer’s comments', 4),
    b.comment('Development focus for the next period', 3),
    b.signatures('Employee', 'Reviewer'),
  );
  return roleDocument(ctx, 'review-form', 'Performance review', blocks, 'ratings');
}
