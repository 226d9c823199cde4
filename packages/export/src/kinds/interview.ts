import { ErrorCode, JourneycraftError } from '@journeycraft/schema';
import type { RequiredCompetency } from '@journeycraft/profiles';
import type { Block, ExportDocument, Inline } from '../model.js';
import { b, lowerFirst, roleDocument, sentence, type KindContext } from '../common.js';
import { anchorsTable, personProperties } from './parts.js';
import { planInterview, type InterviewOptions, type InterviewPlan, type PlannedCompetency } from './interview-plan.js';

/** The rating options of every competency: "No evidence" when the candidate gave no example of their own. */
export const RATING_OPTIONS = ['No evidence', '1', '2', '3', '4', '5'];

/** STAR probes, printed once in the guide (asking them under every competency would repeat questions). */
const PROBES = [
  'What was the situation, and what was your part in it?',
  'What exactly did you say or do? (Ask for “I”, not “we”.)',
  'What happened as a result, and how do you know?',
  'Looking back, what would you do differently?',
];

/** "moment like “Billing dispute call”": the most telling touchpoint behind a competency. */
function keyTouchpoint(ctx: KindContext, rc: RequiredCompetency) {
  const tps = rc.evidence.map((e) => ctx.profile.touchpoints.find((t) => t.id === e.touchpoint.id)).filter((t) => !!t);
  return tps.find((t) => t.momentOfTruth && t.emotion < 0) ?? tps.find((t) => t.momentOfTruth) ?? tps[0];
}

interface Question {
  /** The kind of question (situation at a touchpoint, a hard case, a mistake…), to vary them across competencies. */
  angle: string;
  text: string;
}

/** Candidate questions for one competency, best first, each with its angle. */
function questionPool(ctx: KindContext, rc: RequiredCompetency): Question[] {
  const name = rc.competency.name.trim();
  const n = lowerFirst(name);
  const tp = keyTouchpoint(ctx, rc);
  const q: Question[] = [];
  if (rc.competency.kind === 'how') {
    if (tp && tp.emotion < 0) {
      q.push({
        angle: `unhappy:${tp.id}`,
        text: `Think of a customer who reached you already unhappy, as ours often are at “${tp.title}”. Tell me about that conversation: where did ${n} come in, and what did you do first?`,
      });
    }
    q.push(
      {
        angle: 'difference',
        text: `Tell me about a recent conversation with a customer where ${n} made the difference. What was the situation, and what did you say and do?`,
      },
      {
        angle: 'hard',
        text: `Describe a time when ${n} was hard to keep up: the customer was upset, the queue was long or the answer was not the one they wanted. What did you do?`,
      },
      {
        angle: 'wrong',
        text: `Tell me about a time ${n} went wrong, for you or a colleague. What happened, and what did you change afterwards?`,
      },
    );
    if (rc.level >= 4) {
      q.push({
        angle: 'coach',
        text: `Tell me about a time you helped a colleague get better at ${n}. What did you do, and what changed?`,
      });
    }
  } else {
    if (tp) {
      q.push({
        angle: `pressure:${tp.id}`,
        text: `Think of a moment like “${tp.title}”, with someone waiting on you. Tell me about a time you had to use what you know about “${name}” under that kind of pressure. What did you do, step by step?`,
      });
    }
    q.push(
      {
        angle: 'task',
        text: `Walk me through a recent task where you used what you know about “${name}”. What was the task, what did you do, and how did it turn out?`,
      },
      {
        angle: 'went-wrong',
        text: `Tell me about a time something went wrong with “${name}”: a mistake, a gap in the process or a case nobody had seen before. How did you find out, and what did you do?`,
      },
      {
        angle: 'explain',
        text: `Tell me about a time you had to explain “${name}” to a colleague or a customer who did not know it. How did you check they understood?`,
      },
    );
  }
  return q;
}

/**
 * Candidate questions for one competency, best first. They ask for a real situation and never quote
 * the behaviours the interviewer listens for (the level anchors, the behaviours asked at touchpoints
 * or the definition), so the candidate is not handed the expected answer. Every question names its
 * competency, so two competencies never share a question.
 */
export function interviewQuestions(ctx: KindContext, rc: RequiredCompetency): string[] {
  return questionPool(ctx, rc).map((x) => x.text);
}

/** How many questions a slot of `minutes` has room for (the first is the main one, the rest are back-ups). */
function questionCount(minutes: number): number {
  return minutes >= 11 ? 3 : 2;
}

const clock = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
const span = (start: number, minutes: number) => `${clock(start)}–${clock(start + minutes)}`;

/** The behaviours asked at the role's touchpoints (for the interviewer only). */
function lookFor(rc: RequiredCompetency): Inline[][] {
  const seen = new Set<string>();
  const items: Inline[][] = [];
  for (const e of rc.evidence) {
    const text = e.behaviour.trim();
    if (!text || seen.has(text)) continue;
    seen.add(text);
    items.push([sentence(text), { text: ` (${e.touchpoint.title})`, italic: true }]);
  }
  return items;
}

function whyLine(pc: PlannedCompetency): string {
  const { rc, priority } = pc;
  const places = [...new Set(rc.evidence.map((e) => e.touchpoint.title))];
  const parts = [`Needed at ${places.join(', ')}`];
  if (priority.momentsOfTruth)
    parts.push(priority.momentsOfTruth === 1 ? 'a moment of truth' : `${priority.momentsOfTruth} moments of truth`);
  return `${parts.join('; ')}. Level needed: ${rc.level} of 5${rc.levelName ? ` (${rc.levelName})` : ''}. Weight ${pc.weight}%.`;
}

function competencySection(
  ctx: KindContext,
  pc: PlannedCompetency,
  index: number,
  questions: string[],
  panel: boolean,
  interviewer: string,
): Block[] {
  const { rc } = pc;
  const [main, ...backups] = questions;
  const blocks: Block[] = [
    b.h2(`${index}. ${rc.competency.name} · ${pc.minutes} minutes (${span(pc.start, pc.minutes)})`),
    b.note(`${panel ? `Asked by ${interviewer}. ` : ''}${whyLine(pc)}`),
    b.p(b.bold('Ask: '), main ?? ''),
  ];
  for (const [i, q] of backups.entries()) {
    blocks.push(b.p(b.bold(i === 0 ? 'If the example is thin: ' : 'Or: '), q));
  }
  const look = lookFor(rc);
  if (look.length) {
    blocks.push(b.p(b.bold('Listen for'), ' (never read out):'));
    blocks.push(b.bullets(look));
  }
  blocks.push(
    {
      ...b.table(
        `star-${index}`,
        `Notes ${index}`,
        [
          { header: 'STAR notes', width: 1.6 },
          { header: 'What the candidate said and did', width: 6, input: 'text' },
        ],
        [
          ['Situation and task', ''],
          ['Action', ''],
          ['Result', ''],
        ],
      ),
      lines: 2,
    },
    anchorsTable(rc, `anchors-${index}`, 2),
    b.choice('Rating', RATING_OPTIONS),
  );
  return blocks;
}

function timePlan(plan: InterviewPlan, panel: boolean): Block {
  const lead = plan.interviewers[0]!;
  const rows: Inline[][] = [[span(0, plan.opening), 'Welcome and how the interview works', lead]];
  plan.competencies.forEach((pc, i) =>
    rows.push([span(pc.start, pc.minutes), `${i + 1}. ${pc.rc.competency.name}`, plan.interviewers[pc.member - 1]!]),
  );
  const closeAt = plan.minutes - plan.closing;
  rows.push([span(closeAt, plan.closing), 'Candidate’s questions, next steps, thanks', lead]);
  return b.table(
    'time-plan',
    'Time plan',
    [{ header: 'Time', width: 1.3 }, { header: 'Part', width: 4.5 }, ...(panel ? [{ header: 'Who', width: 2 }] : [])],
    panel ? rows : rows.map((r) => r.slice(0, 2)),
  );
}

function openingScript(ctx: KindContext, plan: InterviewPlan, panel: boolean): Block[] {
  const others = plan.interviewers.slice(1);
  const role = ctx.profile.role.name;
  const lines: Inline[][] = [
    [
      `Thank you for coming in. I am ${plan.named ? plan.interviewers[0] : '[your name]'}, ${plan.named ? 'and I' : '[your role]. I'} will lead this interview for the ${role} role.`,
    ],
  ];
  if (panel) {
    lines.push([
      `With me ${others.length === 1 ? 'is' : 'are'} ${others.join(' and ')}. Each of us will ask about different parts of the work.`,
    ]);
  }
  lines.push(
    [
      `We have ${plan.minutes} minutes. I will ask you about ${plan.competencies.length === 1 ? 'one kind' : `${plan.competencies.length} kinds`} of situation you may have met at work. For each one, tell us about one real time it happened: what the situation was, what you did, and how it turned out.`,
    ],
    [
      'Examples from any job, studies or volunteering are fine. Take a moment to think if you need to. We will take notes so we remember what you said.',
    ],
    [`At the end there will be time for your questions.`],
  );
  return [
    b.h1(`Opening · ${plan.opening} minutes`),
    b.note(`${panel ? `${plan.interviewers[0]} reads this out.` : 'Read this out'}, in your own words if you prefer.`),
    b.bullets(lines),
  ];
}

function closingScript(plan: InterviewPlan, panel: boolean): Block[] {
  return [
    b.h1(`Closing · ${plan.closing} minutes`),
    b.note(
      `${panel ? `${plan.interviewers[0]} reads this out` : 'Read this out'}, then answer the candidate’s questions.`,
    ),
    b.bullets([
      'Thank you, those are all our questions.',
      'What would you like to ask us about the role, the team or how we work?',
      'Next, we compare notes and will let you know the outcome by [date], by [phone or e-mail]. If you need anything before then, contact [name].',
      'Thank you again for your time.',
    ]),
  ];
}

function scorecardTable(competencies: readonly PlannedCompetency[], plan: InterviewPlan, panel: boolean): Block {
  return b.table(
    'scorecard',
    'Scorecard',
    [
      { header: '#', width: 0.5 },
      { header: 'Competency', width: 3.4 },
      ...(panel ? [{ header: 'Asked by', width: 1.9 }] : []),
      { header: 'Weight', width: 1.1 },
      { header: 'Level needed', width: 1.3 },
      { header: 'Rating', width: 1.3, input: 'rating' as const },
      { header: 'Weight × rating', width: 1.6, input: 'text' as const },
    ],
    competencies.map((pc): Inline[] => {
      const i = plan.competencies.indexOf(pc) + 1;
      return [
        String(i),
        pc.rc.competency.name,
        ...(panel ? [plan.interviewers[pc.member - 1]!] : []),
        `${pc.weight}%`,
        String(pc.rc.level),
        '',
        '',
      ];
    }),
  );
}

/** The weighted bar a candidate's total is compared with: Σ weight × level needed, out of 5. */
export function scorecardBar(competencies: readonly PlannedCompetency[]): number {
  return Math.round(competencies.reduce((s, pc) => s + pc.weight * pc.rc.level, 0)) / 100;
}

function scorecardBlocks(plan: InterviewPlan, panel: boolean): Block[] {
  const all = plan.competencies;
  if (!all.length)
    return [b.p('The journey map does not yet require any competency of this role, so there is nothing to rate.')];
  const bar = scorecardBar(all);
  return [
    b.note(
      'Rate each competency on your own, from what the candidate said and did, before you compare notes. “No evidence” (NE) means the candidate gave no example of their own: it counts as 0.',
    ),
    scorecardTable(all, plan, panel),
    b.fields([
      ['Total', ''],
      ['Bar for this role', `${bar.toFixed(2)} of 5`],
    ]),
    b.note(
      `Total = the sum of weight × rating, divided by 100 (0 to 5). The bar is the same sum with the level needed for each competency. A total below the bar is a “no” unless the panel writes down why.${panel ? ' Rate the competencies you asked about; the lead adds the total when the panel meets.' : ''}`,
    ),
    b.choice('Recommendation', ['Strong yes', 'Yes', 'No', 'Strong no']),
  ];
}

function notCoveredBlocks(plan: InterviewPlan): Block[] {
  if (!plan.notCovered.length) return [];
  return [
    b.h2('Not covered in this interview'),
    b.note(
      'Check these another way (a work sample, a second interview, references), or choose them for this interview instead.',
    ),
    b.bullets(plan.notCovered.map((n): Inline[] => [b.bold(n.rc.competency.name), `: ${n.reason}`])),
  ];
}

function guideProperties(ctx: KindContext, plan: InterviewPlan, member: number): { label: string; value: string }[] {
  const extra: [string, string][] = [['Length', `${plan.minutes} minutes`]];
  if (plan.interviewers.length > 1) {
    extra.push(['Panel', plan.interviewers.map((n, i) => (i + 1 === member ? `${n} (this guide)` : n)).join(', ')]);
  }
  return personProperties(ctx, extra);
}

/**
 * The questions of each competency: never one already asked in the guide, and angles not yet used
 * first (so three competencies at the same touchpoint are not asked about it the same way).
 */
function assignQuestions(ctx: KindContext, plan: InterviewPlan): Map<PlannedCompetency, string[]> {
  const used = new Set<string>();
  const angles = new Set<string>();
  const out = new Map<PlannedCompetency, string[]>();
  for (const pc of plan.competencies) {
    const fresh = questionPool(ctx, pc.rc).filter((q) => !used.has(q.text.toLowerCase()));
    const ordered = [...fresh.filter((q) => !angles.has(q.angle)), ...fresh.filter((q) => angles.has(q.angle))];
    const chosen = ordered.slice(0, questionCount(pc.minutes));
    for (const q of chosen) {
      used.add(q.text.toLowerCase());
      angles.add(q.angle);
    }
    out.set(
      pc,
      chosen.map((q) => q.text),
    );
  }
  return out;
}

/** One interviewer's guide of a planned sitting. */
function guideFor(ctx: KindContext, plan: InterviewPlan, member: number): ExportDocument {
  const panel = plan.interviewers.length > 1;
  const me = plan.interviewers[member - 1]!;
  const mine = plan.competencies.filter((pc) => pc.member === member);
  const questions = assignQuestions(ctx, plan);
  const blocks: Block[] = [
    b.fields([
      ['Candidate', ''],
      ['Interviewer', plan.named ? me : ''],
      ['Date', ''],
      ['Start time', ''],
    ]),
    b.h1('Before you start'),
    b.bullets([
      'Ask every candidate the same main questions, in the same order, so answers can be compared fairly.',
      'Ask for one real situation per question, then probe until you know what the candidate did. Probes: ' +
        PROBES.join(' '),
      'Never read out the “Listen for” lines or the anchors: they are what you listen for, not hints.',
      'Write down what was said and done; rate each competency only after the interview.',
    ]),
    b.h2('Time plan'),
    timePlan(plan, panel),
    ...(panel && member !== 1
      ? [
          b.note(
            `${plan.interviewers[0]} opens and closes the interview; you ask about the competencies marked with your name.`,
          ),
        ]
      : openingScript(ctx, plan, panel)),
  ];
  if (!plan.competencies.length) {
    blocks.push(b.p('The journey map does not yet require any competency of this role, so there are no questions.'));
  }
  for (const pc of mine) {
    const index = plan.competencies.indexOf(pc) + 1;
    blocks.push(...competencySection(ctx, pc, index, questions.get(pc) ?? [], panel, me));
  }
  if (!panel || member === 1) blocks.push(...closingScript(plan, panel));
  blocks.push(b.h1('Scorecard'), ...scorecardBlocks(plan, panel), ...notCoveredBlocks(plan));
  blocks.push(b.comment('Summary of the evidence', 2), b.signatures(panel ? me : 'Interviewer'));
  const subtitle = panel
    ? `${ctx.profile.role.name} · ${me} (${member} of ${plan.interviewers.length})`
    : ctx.profile.role.name;
  return roleDocument(ctx, 'interview-guide', 'Structured interview guide', blocks, 'scorecard', {
    subtitle,
    properties: guideProperties(ctx, plan, member),
  });
}

/**
 * Structured behavioural interview guides for one sitting: one per interviewer (no competency
 * twice), each with the time plan, the opening and closing scripts (the lead's guide), one main
 * question per competency with back-ups (never a question twice, never the expected answer read
 * out), STAR note space, anchors with a "No evidence" option, and the weighted scorecard.
 */
export function interviewGuides(
  ctx: KindContext,
  options: InterviewOptions = {},
): { interviewer: string; doc: ExportDocument }[] {
  const plan = planInterview(ctx.profile, options);
  return plan.interviewers.map((interviewer, i) => ({ interviewer, doc: guideFor(ctx, plan, i + 1) }));
}

/** One interviewer's guide (`panelMember`, the first by default). */
export function interviewGuide(ctx: KindContext, options: InterviewOptions = {}): ExportDocument {
  const plan = planInterview(ctx.profile, options);
  const member = options.panelMember ?? 1;
  if (!Number.isInteger(member) || member < 1 || member > plan.interviewers.length) {
    throw new JourneycraftError(
      ErrorCode.ValidationFailed,
      `panel member ${member} is not one of 1–${plan.interviewers.length}`,
    );
  }
  return guideFor(ctx, plan, member);
}

/** The candidate scorecard of the sitting on its own (also the XLSX / CSV scorecard). */
export function scorecard(ctx: KindContext, options: InterviewOptions = {}): ExportDocument {
  const plan = planInterview(ctx.profile, options);
  const panel = plan.interviewers.length > 1;
  const blocks: Block[] = [
    b.fields([
      ['Candidate', ''],
      ['Interviewer', ''],
      ['Date', ''],
      ['Length', `${plan.minutes} minutes`],
    ]),
    ...scorecardBlocks(plan, panel),
    ...notCoveredBlocks(plan),
    b.comment('Summary of the evidence', 3),
    b.signatures('Interviewer'),
  ];
  return roleDocument(ctx, 'scorecard', 'Candidate scorecard', blocks, 'scorecard', {
    properties: guideProperties(ctx, plan, 0),
  });
}
