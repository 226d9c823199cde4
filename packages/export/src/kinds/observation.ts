import type { Block, ExportDocument, Inline } from '../model.js';
import { allCompetencies, b, channelLabel, roleDocument, sentence, type KindContext } from '../common.js';

const CADENCE_LABEL = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' } as const;

/** Behaviours to look for at each of the role's touchpoints: expected behaviours and standards kept there. */
export function observationRows(ctx: KindContext): Inline[][] {
  const rows: Inline[][] = [];
  const comps = allCompetencies(ctx.profile).filter((rc) => rc.competency.kind !== 'org');
  for (const t of ctx.profile.touchpoints) {
    const seen = new Set<string>();
    const add = (behaviour: string, source: string) => {
      const key = behaviour.trim().toLowerCase();
      if (!key || seen.has(key)) return;
      seen.add(key);
      rows.push([t.momentOfTruth ? `${t.title} (moment of truth)` : t.title, sentence(behaviour), source, '', '', '']);
    };
    for (const g of ctx.profile.goals) {
      if (g.touchpoint.id === t.id && g.kind === 'standard')
        add(g.text, g.nonNegotiable ? 'Standard, never waived' : 'Standard');
    }
    for (const rc of comps) {
      for (const e of rc.evidence) {
        if (e.touchpoint.id !== t.id) continue;
        if (e.behaviour.trim()) add(e.behaviour, rc.competency.name);
        else for (const behaviour of rc.levelBehaviours.slice(0, 2)) add(behaviour, rc.competency.name);
      }
    }
  }
  return rows;
}

/** Observation and coaching checklist for team leads and touchpoint owners. */
export function observationChecklist(ctx: KindContext): ExportDocument {
  const { profile } = ctx;
  const blocks: Block[] = [
    b.fields([
      ['Person observed', ''],
      ['Observer', ''],
      ['Date and time', ''],
      ['Contact observed', ''],
    ]),
    b.h1('How to use this checklist'),
    b.bullets([
      'Observe a live contact, or listen to a recorded one, from start to finish.',
      'Tick what was done well as carefully as what needs correcting: people repeat what gets noticed.',
      'Note what was actually said or done, not an impression.',
      'Give feedback the same day: one thing done well, one thing to work on, and an agreed next step.',
    ]),
  ];

  const overloaded = profile.touchpoints.filter((t) => t.overCapacity && t.demandCapacity);
  if (overloaded.length) {
    blocks.push(
      b.note(
        `Demand outruns capacity at ${overloaded.map((t) => `${t.title} (${t.demandCapacity!.demand} against ${t.demandCapacity!.capacity} per ${t.demandCapacity!.period})`).join(', ')}. Warmth and personal attention are the first things to slip there: observe busy periods too.`,
      ),
    );
  }

  blocks.push(b.h1('Behaviours to look for'));
  if (profile.touchpoints.length) {
    const channels = [...new Set(profile.touchpoints.map((t) => channelLabel(t.channel).toLowerCase()))];
    blocks.push(b.p(`Touchpoints: ${profile.touchpoints.map((t) => t.title).join(', ')} (${channels.join(', ')}).`));
  }
  blocks.push(
    b.table(
      'behaviours',
      'Behaviours',
      [
        { header: 'Touchpoint', width: 2 },
        { header: 'Behaviour to see', width: 4.5 },
        { header: 'Competency or standard', width: 2 },
        { header: 'Done well', width: 1, input: 'check' },
        { header: 'To correct', width: 1, input: 'check' },
        { header: 'Notes', width: 2.5, input: 'text' },
      ],
      observationRows(ctx),
    ),
  );

  if (profile.checklist.length) {
    blocks.push(
      b.h1('Touchpoint owner’s checks'),
      b.p('This role owns these touchpoints. Run each check at its cadence and compare with what is measured.'),
      b.table(
        'owner-checks',
        'Owner checks',
        [
          { header: 'Check', width: 4 },
          { header: 'Touchpoint', width: 2 },
          { header: 'Cadence', width: 1.2 },
          { header: 'Measured by', width: 2 },
          { header: 'Done', width: 0.8, input: 'check' },
        ],
        profile.checklist.map((c): Inline[] => [
          c.item.text,
          c.touchpoint.title,
          CADENCE_LABEL[c.item.cadence],
          c.item.measuredBy,
          '',
        ]),
      ),
    );
  }

  const metrics = profile.goals.filter((g) => g.kind === 'metric').map((g) => g.text);
  blocks.push(
    b.h1('Feedback cadence'),
    b.bullets([
      [b.bold('Daily: '), 'a short word after an observed contact, on one thing done well and one to work on.'],
      [b.bold('Weekly: '), 'one full observation with this checklist, recorded in the log below.'],
      [
        b.bold('Monthly: '),
        metrics.length
          ? `review the log with the person and compare it with the measures (${metrics.join('; ')}).`
          : 'review the log with the person and agree what to focus on next.',
      ],
    ]),
    b.h1('Feedback log'),
    b.table(
      'feedback-log',
      'Feedback log',
      [
        { header: 'Date', width: 1.2, input: 'text' },
        { header: 'What went well', width: 3, input: 'text' },
        { header: 'What to work on', width: 3, input: 'text' },
        { header: 'Agreed next step', width: 3, input: 'text' },
        { header: 'Follow up on', width: 1.3, input: 'text' },
      ],
      [],
      6,
    ),
  );

  const firstMoment = profile.criticality.momentsOfTruth[0]?.title ?? profile.touchpoints[0]?.title;
  blocks.push(
    b.h1('Team climate check'),
    b.note('Ask the team to rate each statement from 1 (disagree) to 5 (agree), anonymously, once a month.'),
    b.table(
      'climate',
      'Climate',
      [
        { header: 'Statement', width: 6 },
        { header: 'Score (1–5)', width: 1.2, input: 'rating' },
      ],
      [
        firstMoment
          ? `I have the time and tools to keep our standards at “${firstMoment}”, even when it is busy.`
          : 'I have the time and tools to keep our standards, even when it is busy.',
        'I get specific feedback on how I handle customers, not only on the numbers.',
        'When I go out of my way for a customer, someone notices.',
        'I know which moments matter most to our customers, and why.',
        'I can put a customer’s problem right without asking permission for every step.',
        'The people behind the scenes help us keep our promises to customers.',
      ].map((s): Inline[] => [s, '']),
    ),
  );
  return roleDocument(ctx, 'observation-checklist', 'Observation and coaching checklist', blocks, 'behaviours', {
    orientation: 'landscape',
  });
}
