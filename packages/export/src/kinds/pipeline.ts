import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import { coverageMatrix, coverageSupply, talentPlanFit, type SupplyAssessment } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import { allCompetencies, atMomentOfTruth, b, kindShort, roleDocument, type KindContext } from '../common.js';

/** One competency of the bench: the level needed, who is ready, how many seats are short. */
export interface BenchRow {
  competencyId: string;
  name: string;
  kind: string;
  level: number;
  momentOfTruth: boolean;
  /** People in the role assessed at or above the level (null without assessments for the role). */
  ready: number | null;
  assessed: number | null;
  /** Seats minus ready (null without assessments). */
  short: number | null;
  priority: 'High' | 'Medium' | 'Low' | 'Unknown';
}

/**
 * The bench of a role, per WHAT and HOW competency, from the map's assessments: at a moment of truth
 * and short of seats is High; short elsewhere is Medium; enough ready people is Low; Unknown
 * without assessments. Sorted by priority, then moments of truth, then shortfall.
 */
export function benchRows(ctx: KindContext, assessments: readonly SupplyAssessment[]): BenchRow[] {
  const roleId = ctx.profile.role.id;
  const m = coverageMatrix(ctx.map);
  const supply = coverageSupply(m, assessments);
  const row = m.roles.findIndex((r) => r.id === roleId);
  const anyAssessed = (supply.peopleByRole[roleId] ?? 0) > 0;
  const order = { High: 0, Medium: 1, Low: 2, Unknown: 3 };
  return allCompetencies(ctx.profile)
    .filter((rc) => rc.competency.kind !== 'org')
    .map((rc): BenchRow => {
      const col = m.competencies.findIndex((c) => c.id === rc.competency.id);
      const cell = row >= 0 && col >= 0 ? supply.cells[row]![col] : null;
      const mot = atMomentOfTruth(rc);
      const ready = anyAssessed && cell ? cell.supply : null;
      const short = anyAssessed && cell ? cell.shortfall : null;
      const priority = short === null ? 'Unknown' : short > 0 ? (mot ? 'High' : 'Medium') : 'Low';
      return {
        competencyId: rc.competency.id,
        name: rc.competency.name,
        kind: kindShort(rc.competency.kind),
        level: rc.level,
        momentOfTruth: mot,
        ready,
        assessed: anyAssessed && cell ? cell.assessed : null,
        short,
        priority,
      };
    })
    .sort(
      (x, y) =>
        order[x.priority] - order[y.priority] ||
        Number(y.momentOfTruth) - Number(x.momentOfTruth) ||
        (y.short ?? 0) - (x.short ?? 0) ||
        x.name.localeCompare(y.name),
    );
}

/**
 * Pipeline plan for a role with many seats (where named successors make no sense): seats and open
 * seats, the bench per competency from the assessments (ready at the level needed, short of the
 * seats, priority), hiring and training to fill it, feeder roles and sign-off. Internal document.
 */
export function pipelinePlan(ctx: KindContext, assessments: readonly SupplyAssessment[] = []): ExportDocument {
  const { role } = ctx.profile;
  const fit = talentPlanFit(role);
  if (fit.plan !== 'pipeline') {
    throw new JourneycraftError(
      ErrorCode.Unprocessable,
      `${role.name} has ${fit.reason}; export its succession plan (kind succession-plan) instead of a pipeline plan`,
    );
  }
  const open = Math.max(role.headcount - role.incumbents, 0);
  const bench = benchRows(ctx, assessments);
  const assessed = bench.some((r) => r.ready !== null);
  const people = assessments.filter((a) => a.roleId === role.id);
  const blocks: Block[] = [
    b.h1('Summary'),
    b.lead(
      `${role.name} has ${fit.seats} seats. With that many, the role is kept filled by a pipeline (people ready at each competency, steady hiring and training) rather than by named successors for each seat.`,
    ),
    b.fields([
      ['Seats', String(fit.seats)],
      ['People in the role', String(role.incumbents)],
      ['Open seats today', String(open)],
      ['People assessed', String(new Set(people.map((a) => a.person)).size)],
    ]),
    b.h1('Bench per competency'),
    b.p(
      assessed
        ? 'Ready: people in the role assessed at or above the level needed (their latest assessment). Short: seats minus ready. High priority: short at a moment of truth for the customer.'
        : 'No assessments are recorded for this role yet, so the bench is unknown: import them on the assessments page (or fill in the columns by hand) and export again.',
    ),
    b.table(
      'bench',
      'Bench',
      [
        { header: 'Competency', width: 3.2 },
        { header: 'Type', width: 0.9 },
        { header: 'Level needed', width: 1.2 },
        { header: 'Moment of truth', width: 1.3 },
        { header: 'Ready', width: 1 },
        { header: 'Short', width: 1 },
        { header: 'Priority', width: 1.2 },
      ],
      bench.map((r): Inline[] => [
        r.name,
        r.kind,
        String(r.level),
        r.momentOfTruth ? 'Yes' : '',
        r.ready === null ? '' : `${r.ready} of ${fit.seats}`,
        r.short === null ? '' : String(r.short),
        r.priority === 'High' ? b.bold('High') : r.priority === 'Unknown' ? '' : r.priority,
      ]),
    ),
  ];
  const cohorts = bench.filter((r) => (r.short ?? 0) > 0).slice(0, 5);
  blocks.push(b.h1('Filling the pipeline'), b.h2('Training'));
  blocks.push(
    cohorts.length
      ? b.bullets(
          cohorts.map((r): Inline[] => [
            `Bring ${r.short} ${r.short === 1 ? 'person' : 'people'} to level ${r.level} in `,
            b.bold(r.name),
            r.momentOfTruth ? ', needed at a moment of truth' : '',
            '.',
          ]),
        )
      : b.p(
          assessed
            ? 'Every competency has enough people ready for the seats: keep the bench by training new starters.'
            : 'Once assessments are in, the competencies short of people are listed here, the ones at moments of truth first.',
        ),
    b.h2('Hiring in the next 12 months'),
    b.fields([
      ['Open seats today', String(open)],
      ['Expected leavers', ''],
      ['Hires needed', ''],
      ['Time to fill', ''],
    ]),
    b.h2('Where new people come from'),
    b.table(
      'feeders',
      'Feeders',
      [
        { header: 'Source (internal role or external)', width: 3.5, input: 'text' },
        { header: 'People per year', width: 1.5, input: 'text' },
        { header: 'Time to ready', width: 1.5, input: 'text' },
        { header: 'Notes', width: 3.5, input: 'text' },
      ],
      [],
      3,
    ),
    b.fields([['Next review', '']]),
    b.signatures('HR business partner', 'Line manager'),
  );
  const doc = roleDocument(ctx, 'pipeline-plan', 'Pipeline plan', blocks, 'bench');
  return { ...doc, marking: 'Internal' };
}
