import type { RequiredCompetency, RoleTouchpoint } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import {
  allCompetencies,
  b,
  channelLabel,
  evidenceItems,
  kindHeading,
  kindShort,
  levelLabel,
  lowerFirst,
  purposeText,
  roleDocument,
  sentence,
  touchpointPhrase,
  type KindContext,
} from '../common.js';

/** One responsibility per touchpoint, in the imperative ("Handle …", "Own …"), moments of truth marked. */
export function responsibilities(ctx: KindContext): Inline[][] {
  return ctx.profile.touchpoints.map((t) => responsibility(t));
}

function responsibility(t: RoleTouchpoint): Inline[] {
  const stage = t.stageTitle ? ` in the ${t.stageTitle} stage` : '';
  const mot = t.momentOfTruth ? ' This is a moment of truth for the customer.' : '';
  const name: Inline = { text: t.title, bold: true };
  switch (t.involvement) {
    case 'owner':
      return [
        'Own ',
        name,
        `${stage}: keep its experience standards, run its checks and act on what its measures show.${mot}`,
      ];
    case 'performs':
      return ['Handle ', name, ` (${channelLabel(t.channel).toLowerCase()})${stage}.${mot}`];
    case 'supports':
      return ['Support the colleagues who handle ', name, `${stage}.${mot}`];
  }
}

/** Non-negotiable standards as list items ("Always … (at Billing dispute call)"). */
export function neverWaived(ctx: KindContext): Inline[][] {
  return ctx.profile.goals
    .filter((g) => g.kind === 'standard' && g.nonNegotiable)
    .map((g) => [sentence(g.text).replace(/\.$/, ''), { text: ` (at ${g.touchpoint.title})`, italic: true }]);
}

/** Metric goals as list items. */
export function measures(ctx: KindContext): Inline[][] {
  return ctx.profile.goals
    .filter((g) => g.kind === 'metric')
    .map((g) => {
      const item: Inline[] = [{ text: g.text, bold: true }, ` at ${g.touchpoint.title}`];
      if (g.kind === 'metric' && g.source) item.push(`, measured by ${g.source}`);
      return item;
    });
}

function otherStandards(ctx: KindContext): Inline[][] {
  return ctx.profile.goals
    .filter((g) => g.kind === 'standard' && !g.nonNegotiable)
    .map((g) => [sentence(g.text).replace(/\.$/, ''), { text: ` (at ${g.touchpoint.title})`, italic: true }]);
}

function competencyBlocks(rc: RequiredCompetency): Block[] {
  const blocks: Block[] = [
    b.h3(`${rc.competency.name}: ${levelLabel(rc.level, rc.levelName).toLowerCase()}`),
    b.p(rc.competency.definition),
  ];
  if (rc.levelBehaviours.length) {
    blocks.push(b.p(b.bold('At this level the person:')));
    blocks.push(b.bullets(rc.levelBehaviours));
  }
  const evidence = evidenceItems(rc);
  if (evidence.length) {
    blocks.push(b.p(b.bold('Where the journey needs it:')));
    blocks.push(b.bullets(evidence));
  }
  return blocks;
}

function whereTable(ctx: KindContext) {
  return b.table(
    'touchpoints',
    'Touchpoints',
    [
      { header: 'Stage', width: 2 },
      { header: 'Touchpoint', width: 3 },
      { header: 'Channel', width: 2 },
      { header: 'Involvement', width: 2 },
      { header: 'Moment of truth', width: 2 },
    ],
    ctx.profile.touchpoints.map((t) => [
      t.stageTitle,
      t.title,
      channelLabel(t.channel),
      t.involvement === 'owner' ? 'Owner' : t.involvement === 'performs' ? 'Performs' : 'Supports',
      t.momentOfTruth ? 'Yes' : '',
    ]),
  );
}

function competencyTable(list: RequiredCompetency[]) {
  return b.table(
    'competencies',
    'Competencies',
    [
      { header: 'Competency', width: 3 },
      { header: 'Type', width: 1 },
      { header: 'Level required', width: 2 },
      { header: 'Where it is needed', width: 4 },
    ],
    list.map((rc) => [
      rc.competency.name,
      kindShort(rc.competency.kind),
      levelLabel(rc.level, rc.levelName),
      [...new Set(rc.evidence.map((e) => touchpointPhrase(e.touchpoint)))].join('; '),
    ]),
  );
}

function capacityNotes(ctx: KindContext): string[] {
  return ctx.profile.touchpoints
    .filter((t) => t.overCapacity && t.demandCapacity)
    .map(
      (t) =>
        `${t.title}: demand runs at ${t.demandCapacity!.demand} per ${t.demandCapacity!.period} against a capacity of ${t.demandCapacity!.capacity}. The standards above still apply when the queue is long.`,
    );
}

/** Job description: purpose, touchpoints, responsibilities, WHAT and HOW competencies with levels and evidence. */
export function jobDescription(ctx: KindContext): ExportDocument {
  const { profile } = ctx;
  const blocks: Block[] = [b.h1('Purpose of the role'), b.lead(purposeText(ctx))];

  blocks.push(b.h1('Where the role meets the customer'));
  if (profile.touchpoints.length) {
    const mots = profile.criticality.momentsOfTruth;
    blocks.push(
      b.p(
        `The journey map links this role to ${profile.touchpoints.length} ${profile.touchpoints.length === 1 ? 'touchpoint' : 'touchpoints'}` +
          (mots.length
            ? `, including ${mots.length === 1 ? 'a moment of truth' : `${mots.length} moments of truth`}: ${mots.map((m) => m.title).join(', ')}.`
            : '.'),
      ),
    );
    blocks.push(whereTable(ctx));
  } else {
    blocks.push(b.p('The journey map does not link this role to a touchpoint yet.'));
  }

  blocks.push(b.h1('Key responsibilities'));
  const resp = responsibilities(ctx);
  blocks.push(resp.length ? b.bullets(resp) : b.p('To be agreed with the line manager.'));

  const never = neverWaived(ctx);
  if (never.length) {
    blocks.push(b.h2('Standards never waived, even under pressure'));
    blocks.push(b.bullets(never));
  }
  const other = otherStandards(ctx);
  if (other.length) {
    blocks.push(b.h2('Other experience standards'));
    blocks.push(b.bullets(other));
  }
  const m = measures(ctx);
  if (m.length) {
    blocks.push(b.h2('How success is measured'));
    blocks.push(b.bullets(m));
  }

  const list = allCompetencies(profile);
  blocks.push(b.h1('Competencies'));
  if (list.length) {
    blocks.push(
      b.p(
        'Each competency is required at the level shown, on a five-level scale where every level is described by behaviours an observer can see.',
      ),
    );
    blocks.push(competencyTable(list));
    for (const kind of ['what', 'how', 'org'] as const) {
      const group = profile.competencies[kind];
      if (!group.length) continue;
      blocks.push(b.h2(kindHeading(kind)));
      for (const rc of group) blocks.push(...competencyBlocks(rc));
    }
  } else {
    blocks.push(b.p('No competencies are required of this role on the map yet.'));
    blocks.push(competencyTable([]));
  }

  const cap = capacityNotes(ctx);
  if (cap.length) {
    blocks.push(b.h1('Working conditions'));
    blocks.push(b.bullets(cap));
  }
  return roleDocument(ctx, 'job-description', 'Job description', blocks, 'competencies');
}

/** Job advertisement: candidate-facing, short, with the moments that matter. */
export function jobAd(ctx: KindContext): ExportDocument {
  const { profile } = ctx;
  const role = profile.role;
  const who = ctx.organization ? `${ctx.organization} is` : 'We are';
  const team = role.team ? ` to join the ${role.team} team` : '';
  const blocks: Block[] = [b.lead(`${who} looking for a ${role.name}${team}.`), b.p(purposeText(ctx))];

  const mots = profile.criticality.momentsOfTruth;
  if (mots.length) {
    blocks.push(b.h1('Why this role matters'));
    blocks.push(
      b.p(
        `You will be there at the ${mots.length === 1 ? 'moment' : 'moments'} our customers remember most: ${mots.map((m) => m.title).join(', ')}. How you handle ${mots.length === 1 ? 'it' : 'them'} shapes what customers think of us.`,
      ),
    );
  }

  const resp = responsibilities(ctx);
  if (resp.length) {
    blocks.push(b.h1('What you will do'));
    blocks.push(b.bullets(resp));
  }
  if (profile.competencies.what.length) {
    blocks.push(b.h1('What you bring'));
    blocks.push(
      b.bullets(
        profile.competencies.what.map((rc): Inline[] => [
          { text: rc.competency.name, bold: true },
          `: ${lowerFirst(rc.competency.definition)}`,
        ]),
      ),
    );
  }
  if (profile.competencies.how.length) {
    blocks.push(b.h1('How you work with customers'));
    blocks.push(
      b.bullets(
        profile.competencies.how.map((rc): Inline[] => {
          const first = rc.levelBehaviours[0];
          return [{ text: rc.competency.name, bold: true }, first ? `: ${lowerFirst(first)}` : ''];
        }),
      ),
    );
  }
  const never = neverWaived(ctx);
  if (never.length) {
    blocks.push(b.h1('Promises we keep to customers'));
    blocks.push(b.bullets(never));
  }
  const list = allCompetencies(profile).filter((rc) => rc.competency.kind !== 'org');
  blocks.push(b.h1('Requirements at a glance'));
  blocks.push(
    b.table(
      'requirements',
      'Requirements',
      [
        { header: 'Competency', width: 3 },
        { header: 'Type', width: 1 },
        { header: 'Level', width: 2 },
      ],
      list.map((rc) => [rc.competency.name, kindShort(rc.competency.kind), levelLabel(rc.level, rc.levelName)]),
    ),
  );
  return roleDocument(ctx, 'job-ad', role.name, blocks, 'requirements', {
    subtitle: [ctx.organization, role.team].filter(Boolean).join(' · ') || 'Job advertisement',
    properties: [],
  });
}
