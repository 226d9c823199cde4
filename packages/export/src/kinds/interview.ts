import type { RequiredCompetency } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import {
  b,
  evidenceItems,
  kindShort,
  levelBehaviours,
  levelLabel,
  levelName,
  personalCompetencies,
  ratingScale,
  roleDocument,
  sentence,
  type KindContext,
} from '../common.js';

const PROBES = [
  'What exactly did you say or do?',
  'How did the customer (or colleague) react?',
  'What was the result, and how do you know?',
  'Looking back, what would you do differently?',
];

/** Behavioural questions for one competency, grounded in the touchpoints that need it. */
export function interviewQuestions(ctx: KindContext, rc: RequiredCompetency): string[] {
  const name = rc.competency.name;
  const questions: string[] = [];
  const withBehaviour = rc.evidence.find((e) => e.behaviour.trim());
  if (withBehaviour) {
    questions.push(
      `At “${withBehaviour.touchpoint.title}” we look for this: “${sentence(withBehaviour.behaviour)}” Tell me about a time you did this, or something close to it. What was the situation, and what did you say or do?`,
    );
  } else if (rc.evidence[0]) {
    questions.push(
      `Our customers meet this role at “${rc.evidence[0].touchpoint.title}”. Tell me about a similar moment you handled. What was the situation, and what did you do?`,
    );
  }
  questions.push(
    `We describe ${name.toLowerCase()} like this: “${rc.competency.definition.trim()}” Give me a recent example where this was hard to do. What made it hard, and how did you handle it?`,
  );
  const tense = rc.evidence
    .map((e) => ctx.profile.touchpoints.find((t) => t.id === e.touchpoint.id))
    .find((t) => t !== undefined && t.emotion < 0);
  if (tense && rc.competency.kind === 'how') {
    questions.push(
      `Customers often reach “${tense.title}” already unhappy. Describe a conversation with someone who was upset or confused. What did you do first, and why?`,
    );
  } else if (rc.level >= 4) {
    questions.push(
      `Tell me about a time you helped a colleague or your team get better at ${name.toLowerCase()}. What did you do, and what changed?`,
    );
  }
  return questions;
}

function competencySection(ctx: KindContext, rc: RequiredCompetency, index: number): Block[] {
  const blocks: Block[] = [
    b.h2(`${index}. ${rc.competency.name}`),
    b.p(b.bold('Required level: '), levelLabel(rc.level, rc.levelName), ` · ${kindShort(rc.competency.kind)}`),
  ];
  const evidence = evidenceItems(rc);
  if (evidence.length) {
    blocks.push(b.p(b.bold('Why it matters in this role')));
    blocks.push(b.bullets(evidence));
  }
  blocks.push(b.h3('Questions'));
  blocks.push(b.numbered(interviewQuestions(ctx, rc)));
  blocks.push(b.p(b.bold('Follow-up probes: '), PROBES.join(' ')));
  blocks.push(b.h3('What a strong answer shows'));
  blocks.push(b.bullets(rc.levelBehaviours.length ? rc.levelBehaviours : [rc.competency.definition]));
  if (rc.level > 1) {
    const below = rc.level - 1;
    blocks.push(b.h3('Signs the answer is below the level needed'));
    blocks.push(
      b.note(
        `If the examples stop at ${levelLabel(below, levelName(rc.competency, below)).toLowerCase()}, rate ${below} or lower:`,
      ),
    );
    blocks.push(b.bullets(levelBehaviours(rc.competency, below)));
  }
  blocks.push(ratingScale(rc));
  blocks.push(b.fields([['Rating (1–5)', '']]));
  blocks.push(b.comment('Evidence and notes', 4));
  return blocks;
}

function scorecardBlocks(list: RequiredCompetency[]): Block[] {
  return [
    b.note(
      'Rate each competency on its own anchored scale, from what the candidate said and did, before you compare notes with other interviewers.',
    ),
    b.table(
      'scorecard',
      'Scorecard',
      [
        { header: '#', width: 0.5 },
        { header: 'Competency', width: 3 },
        { header: 'Type', width: 1 },
        { header: 'Required', width: 1.2 },
        { header: 'Rating (1–5)', width: 1.2, input: 'rating' },
        { header: 'Evidence', width: 4, input: 'text' },
      ],
      list.map((rc, i): Inline[] => [
        String(i + 1),
        rc.competency.name,
        kindShort(rc.competency.kind),
        `${rc.level}${rc.levelName ? ` (${rc.levelName})` : ''}`,
        '',
        '',
      ]),
    ),
    b.choice('Overall recommendation', ['Strong yes', 'Yes', 'No', 'Strong no']),
    b.comment('Summary of the evidence', 4),
    b.signatures('Interviewer'),
  ];
}

const CANDIDATE_FIELDS: [string, string][] = [
  ['Candidate', ''],
  ['Interviewer', ''],
  ['Date', ''],
];

/** Structured behavioural interview guide with anchored 1–5 scales, ending with the candidate scorecard. */
export function interviewGuide(ctx: KindContext): ExportDocument {
  const list = personalCompetencies(ctx.profile);
  const blocks: Block[] = [b.fields(CANDIDATE_FIELDS), b.h1('How to use this guide')];
  blocks.push(
    b.numbered([
      'Ask every candidate the same questions, in the same order, so answers can be compared fairly.',
      'Ask for one real situation per question. Use the probes until you know what the candidate did, not what they would do.',
      'Take notes of what was said and done during the interview; rate only afterwards.',
      'Rate each competency against its anchored scale. The required level is marked; rate what you heard, not how much you liked the candidate.',
      'Fill in the scorecard on your own before discussing the candidate with other interviewers.',
    ]),
  );
  if (list.length === 0) {
    blocks.push(b.p('The journey map does not yet require any competency of this role, so there are no questions.'));
  }
  list.forEach((rc, i) => blocks.push(...competencySection(ctx, rc, i + 1)));
  blocks.push(b.pageBreak(), b.h1('Candidate scorecard'), ...scorecardBlocks(list));
  return roleDocument(ctx, 'interview-guide', 'Structured interview guide', blocks, 'scorecard');
}

/** The candidate scorecard on its own (also the XLSX / CSV scorecard). */
export function scorecard(ctx: KindContext): ExportDocument {
  const list = personalCompetencies(ctx.profile);
  const blocks: Block[] = [b.fields(CANDIDATE_FIELDS), ...scorecardBlocks(list)];
  return roleDocument(ctx, 'scorecard', 'Candidate scorecard', blocks, 'scorecard');
}
