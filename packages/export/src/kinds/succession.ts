import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import { rankRoles, talentPlanFit, type CriticalityFactor } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import {
  allCompetencies,
  atMomentOfTruth,
  b,
  kindShort,
  levelLabel,
  roleDocument,
  sentence,
  type KindContext,
} from '../common.js';

const FACTOR_LABEL: Record<CriticalityFactor, string> = {
  moments_of_truth: 'Moments of truth',
  touchpoint_share: 'Share of the journey',
  customer_facing: 'Customer-facing',
  over_capacity: 'Demand over capacity',
  bench_strength: 'Thin bench',
};

/** Readiness bands of successor candidates: contiguous, from today to three years and more. */
export const READINESS = [
  {
    label: 'Ready now',
    months: 'Under 12 months',
    means:
      'Meets every required level above, has handled the role’s moments of truth, and could step in today or within a year with support.',
  },
  {
    label: 'Ready in 1–2 years',
    months: '12 to 35 months',
    means: 'One or two gaps a development plan can close, with stretch assignments in the role’s key moments.',
  },
  {
    label: 'Ready in 3+ years',
    months: '36 months or more',
    means: 'Has the potential, with several gaps to close or experience still to gain.',
  },
] as const;

/** Succession plan for a role: why it is critical, the bench, what a successor needs, candidates and readiness. */
export function successionPlan(ctx: KindContext): ExportDocument {
  const { profile, map } = ctx;
  const { role, criticality } = profile;
  const fit = talentPlanFit(role);
  if (fit.plan !== 'succession') {
    throw new JourneycraftError(
      ErrorCode.Unprocessable,
      `${role.name} has ${fit.reason}; export its pipeline plan (kind pipeline-plan) instead of a succession plan`,
    );
  }
  const seats = fit.seats;
  const blocks: Block[] = [
    b.note(
      'Confidential: for HR and the line managers named below. It names people and their prospects; do not forward it.',
    ),
    b.h1('Summary'),
  ];
  if (criticality.successionRisk) {
    const reason = criticality.successionReason ?? '';
    blocks.push(b.lead(b.bold('Succession risk. '), sentence(reason.charAt(0).toUpperCase() + reason.slice(1))));
  } else if (criticality.critical) {
    const reason = criticality.successionReason ?? 'critical role with a bench';
    blocks.push(b.lead(sentence(reason.charAt(0).toUpperCase() + reason.slice(1))));
  } else {
    blocks.push(
      b.lead(
        `Not critical on this map (score ${criticality.score} of 100). A succession plan is optional; it is kept here so the bench stays visible.`,
      ),
    );
  }

  blocks.push(
    b.h2('Why the role is rated this way'),
    b.table(
      'criticality',
      'Criticality',
      [
        { header: 'Factor', width: 2 },
        { header: 'Points', width: 1 },
        { header: 'Out of', width: 1 },
        { header: 'Why', width: 5 },
      ],
      criticality.reasons.map((r): Inline[] => [FACTOR_LABEL[r.factor], String(r.weight), String(r.max), r.detail]),
    ),
    b.p(
      b.bold(`Total: ${criticality.score} of 100`),
      criticality.critical ? ' · critical to the customer experience' : '',
    ),
    b.h2('Bench strength'),
    b.fields([
      ['Seats in the role', String(seats)],
      ['People in the role today', String(role.incumbents)],
      ['Successors ready now', String(role.readySuccessors)],
    ]),
  );
  if (role.readySuccessors < seats) {
    blocks.push(
      b.p(
        role.readySuccessors === 0
          ? 'Nobody is ready to step in today. Name at least one candidate below and start a development plan for them.'
          : `${role.readySuccessors} ready ${role.readySuccessors === 1 ? 'successor covers' : 'successors cover'} ${seats} ${seats === 1 ? 'seat' : 'seats'}.`,
      ),
    );
  }

  const comps = allCompetencies(profile)
    .filter((rc) => rc.competency.kind !== 'org')
    .sort((x, y) => Number(atMomentOfTruth(y)) - Number(atMomentOfTruth(x)));
  blocks.push(
    b.h1('What a successor must be able to do'),
    b.p(
      'A successor is ready when they meet the required level of every competency below; those needed at moments of truth come first and matter most.',
    ),
    b.table(
      'successor-profile',
      'Successor profile',
      [
        { header: 'Competency', width: 3 },
        { header: 'Type', width: 1 },
        { header: 'Level', width: 2 },
        { header: 'At a moment of truth', width: 3 },
      ],
      comps.map((rc): Inline[] => [
        rc.competency.name,
        kindShort(rc.competency.kind),
        levelLabel(rc.level, rc.levelName),
        [...new Set(rc.evidence.filter((e) => e.touchpoint.momentOfTruth).map((e) => e.touchpoint.title))].join(', '),
      ]),
    ),
  );

  blocks.push(
    b.h1('Incumbent and interim cover'),
    b.fields([
      ['Incumbent', ''],
      ['In the role since', ''],
      ['Interim cover', ''],
      ['Cover agreed with', ''],
    ]),
    b.note(
      'Interim cover is who steps in tomorrow if the incumbent leaves without notice, until a successor is in place.',
    ),
    b.choice('Risk of losing the incumbent', ['Low', 'Medium', 'High']),
    b.choice('Impact if they left', ['Low', 'Medium', 'High']),
  );

  const handover: Inline[][] = [];
  for (const t of profile.touchpoints.filter((x) => x.involvement === 'owner')) {
    handover.push(['Ownership of ', b.bold(t.title), ': its standards, checks and measures.']);
  }
  for (const g of profile.goals.filter((x) => x.kind === 'standard' && x.nonNegotiable)) {
    handover.push([`The standard never waived at ${g.touchpoint.title}: `, b.italic(g.text)]);
  }
  if (handover.length) blocks.push(b.h2('Knowledge to hand over'), b.bullets(handover));

  blocks.push(
    b.h1('Successor candidates'),
    b.table(
      'readiness',
      'Readiness',
      [
        { header: 'Readiness', width: 1.6 },
        { header: 'Development still needed', width: 1.8 },
        { header: 'Means', width: 6 },
      ],
      READINESS.map((r): Inline[] => [b.bold(r.label), r.months, r.means]),
    ),
    b.note(
      'The three readiness bands follow one another without a gap. Potential: High, could grow two steps beyond this role; Medium, one step; Low, well placed at this level. Retention risk: High, likely to leave within 12 months; Medium, could leave; Low, expected to stay.',
    ),
    b.table(
      'candidates',
      'Candidates',
      [
        { header: 'Candidate', width: 2.2, input: 'text' },
        { header: 'Current role', width: 2.2, input: 'text' },
        { header: 'Readiness', width: 1.6, input: 'text' },
        { header: 'Potential', width: 1.4, input: 'text' },
        { header: 'Retention risk', width: 1.5, input: 'text' },
        { header: 'Main gaps', width: 2.6, input: 'text' },
        { header: 'Development actions', width: 3, input: 'text' },
      ],
      [],
      4,
    ),
  );

  const critical = rankRoles(map).filter((r) => r.criticality.critical);
  if (critical.length) {
    blocks.push(b.h1('Critical roles on this map'), criticalRolesTable(critical));
  }
  blocks.push(b.fields([['Next review', '']]), b.signatures('HR business partner', 'Line manager'));
  const doc = roleDocument(ctx, 'succession-plan', 'Succession plan', blocks, 'candidates', {
    orientation: 'landscape',
  });
  return { ...doc, marking: 'Confidential' };
}

/** The critical roles, ranked (succession plan, coverage matrix). */
export function criticalRolesTable(ranked: ReturnType<typeof rankRoles>) {
  return b.table(
    'critical-roles',
    'Critical roles',
    [
      { header: 'Rank', width: 0.7 },
      { header: 'Role', width: 3 },
      { header: 'Score', width: 0.9 },
      { header: 'Moments of truth', width: 1.4 },
      { header: 'Ready successors', width: 1.4 },
      { header: 'Succession risk', width: 1.4 },
    ],
    ranked.map((r): Inline[] => [
      String(r.rank),
      r.role.name,
      String(r.criticality.score),
      String(r.criticality.momentsOfTruth.length),
      String(r.role.readySuccessors),
      r.criticality.successionRisk ? 'Yes' : 'No',
    ]),
  );
}
