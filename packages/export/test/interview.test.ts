import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { JourneycraftError } from '@journeycraft/schema';
import { buildRoleProfile } from '@journeycraft/profiles';
import {
  buildRoleDocument,
  exportRole,
  inlineText,
  planInterview,
  sampleSupportMap,
  type Block,
  type ExportDocument,
  type InterviewOptions,
} from '../src/index.js';
import { pdfToText } from './helpers.js';

const now = new Date('2026-03-02T09:00:00Z');
const map = sampleSupportMap();
const agent = buildRoleProfile(map, 'r-agent')!;

function guide(options: InterviewOptions = {}, roleId = 'r-agent'): ExportDocument {
  return buildRoleDocument(map, roleId, 'interview-guide', { now, ...options });
}

function paragraphs(doc: ExportDocument): string[] {
  return doc.blocks.flatMap((bl: Block) =>
    bl.type === 'paragraph' ? [inlineText(bl.content)] : bl.type === 'list' ? bl.items.map(inlineText) : [],
  );
}

/** Questions put to the candidate: the "Ask:" line and its back-ups. */
function questions(doc: ExportDocument): string[] {
  return paragraphs(doc)
    .filter((p) => /^(Ask|If the example is thin|Or): /.test(p))
    .map((p) => p.replace(/^[^:]+: /, ''));
}

function headings(doc: ExportDocument, level: 1 | 2 | 3): string[] {
  return doc.blocks.flatMap((bl) => (bl.type === 'heading' && bl.level === level ? [bl.text] : []));
}

function validationMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(JourneycraftError);
    expect((err as JourneycraftError).code).toBe('validation_failed');
    return (err as Error).message;
  }
  throw new Error('expected a validation error');
}

describe('interview plan', () => {
  it('picks 4, 5 or 6 competencies for 45, 60 or 90 minutes, moments of truth first, WHAT and HOW both in', () => {
    for (const [minutes, count] of [
      [45, 4],
      [60, 5],
      [90, 6],
    ] as const) {
      const plan = planInterview(agent, { interviewMinutes: minutes });
      expect(plan.competencies).toHaveLength(count);
      const kinds = new Set(plan.competencies.map((pc) => pc.rc.competency.kind));
      expect(kinds).toEqual(new Set(['what', 'how']));
      // Everything picked is needed at the moment of truth (the sample's dispute call) before anything else is.
      expect(plan.competencies.every((pc) => pc.priority.momentsOfTruth > 0)).toBe(true);
      // The time plan fills the sitting exactly, with no gap or overlap.
      let at = plan.opening;
      for (const pc of plan.competencies) {
        expect(pc.start).toBe(at);
        expect(pc.minutes).toBeGreaterThanOrEqual(5);
        at += pc.minutes;
      }
      expect(at + plan.closing).toBe(minutes);
      expect(plan.competencies.reduce((s, pc) => s + pc.weight, 0)).toBe(100);
      // What is not covered is listed: every other personal competency, and the organisational one.
      const covered = plan.competencies.map((pc) => pc.rc.competency.id);
      const rest = plan.notCovered.map((n) => n.rc.competency.id);
      expect([...covered, ...rest].sort()).toEqual(
        [...agent.competencies.what, ...agent.competencies.how, ...agent.competencies.org]
          .map((rc) => rc.competency.id)
          .sort(),
      );
      expect(plan.notCovered.find((n) => n.rc.competency.id === 'living-the-brand-promise')?.reason).toMatch(
        /organisational/,
      );
    }
  });

  it('takes the user’s pick in their order and refuses a bad one by name', () => {
    const plan = planInterview(agent, { interviewCompetencies: ['warmth', 'written-communication'] });
    expect(plan.competencies.map((pc) => pc.rc.competency.id)).toEqual(['warmth', 'written-communication']);
    expect(plan.chosen).toBe(true);
    expect(plan.notCovered.map((n) => n.rc.competency.id)).toContain('empathy');

    expect(validationMessage(() => planInterview(agent, { interviewCompetencies: ['nope'] }))).toMatch(
      /does not need "nope"; it needs .*empathy/,
    );
    expect(
      validationMessage(() => planInterview(agent, { interviewCompetencies: ['living-the-brand-promise'] })),
    ).toMatch(/organisational/);
    expect(validationMessage(() => planInterview(agent, { interviewCompetencies: ['empathy', 'empathy'] }))).toMatch(
      /twice/,
    );
    const seven = [...agent.competencies.how, ...agent.competencies.what].slice(0, 7).map((rc) => rc.competency.id);
    expect(validationMessage(() => planInterview(agent, { interviewCompetencies: seven }))).toMatch(/1 to 6/);
    expect(validationMessage(() => planInterview(agent, { interviewMinutes: 50 }))).toMatch(/45, 60, 90/);
    expect(validationMessage(() => planInterview(agent, { panel: 4 }))).toMatch(/1 to 3/);
    expect(validationMessage(() => planInterview(agent, { panel: 2, interviewers: ['Ana'] }))).toMatch(
      /1 interviewer names were given for a panel of 2/,
    );
  });
});

describe('interview guide', () => {
  it('has the opening, the time plan, one section per competency with STAR notes, anchors and "No evidence", the closing and the weighted scorecard', () => {
    const doc = guide();
    const plan = planInterview(agent);
    const h1 = headings(doc, 1);
    expect(h1).toEqual(['Before you start', 'Opening · 5 minutes', 'Closing · 10 minutes', 'Scorecard']);
    const sections = headings(doc, 2).filter((h) => /^\d\. /.test(h));
    expect(sections).toHaveLength(plan.competencies.length);
    plan.competencies.forEach((pc, i) =>
      expect(sections[i]!.startsWith(`${i + 1}. ${pc.rc.competency.name} · ${pc.minutes} minutes`)).toBe(true),
    );
    const tables = doc.blocks.filter((bl) => bl.type === 'table');
    const timePlan = tables.find((t) => t.id === 'time-plan')!;
    expect(timePlan.rows.map((r) => inlineText([r[0]!]))).toEqual([
      '0:00–0:05',
      '0:05–0:14',
      '0:14–0:23',
      '0:23–0:32',
      '0:32–0:41',
      '0:41–0:50',
      '0:50–1:00',
    ]);
    for (let i = 1; i <= plan.competencies.length; i++) {
      const star = tables.find((t) => t.id === `star-${i}`)!;
      expect(star.rows.map((r) => inlineText([r[0]!]))).toEqual(['Situation and task', 'Action', 'Result']);
      expect(star.lines).toBeGreaterThanOrEqual(2);
      expect(tables.find((t) => t.id === `anchors-${i}`)!.rows).toHaveLength(5);
    }
    const ratings = doc.blocks.filter((bl) => bl.type === 'choice' && bl.label === 'Rating');
    expect(ratings).toHaveLength(plan.competencies.length);
    for (const r of ratings) expect(r.type === 'choice' && r.options[0]).toBe('No evidence');

    const score = tables.find((t) => t.id === 'scorecard')!;
    expect(score.columns.map((c) => c.header)).toEqual([
      '#',
      'Competency',
      'Weight',
      'Level needed',
      'Rating',
      'Weight × rating',
    ]);
    expect(score.rows.map((r) => Number(inlineText([r[2]!]).replace('%', ''))).reduce((s, x) => s + x, 0)).toBe(100);
    const fields = doc.blocks.find((bl) => bl.type === 'fields' && bl.items.some((f) => f.label === 'Total'));
    expect(fields && fields.type === 'fields' && fields.items.map((f) => f.label)).toEqual([
      'Total',
      'Bar for this role',
    ]);
    const text = paragraphs(doc).join('\n');
    expect(text).toMatch(/Total = the sum of weight × rating/);
    expect(text).toMatch(/Thank you for coming in/);
    expect(text).toMatch(/What would you like to ask us/);
    expect(headings(doc, 2)).toContain('Not covered in this interview');
    expect(text).toContain('Order and billing systems: lower priority for a 60-minute interview');
    // Internal workforce data stays off the guide.
    expect(doc.properties.map((p) => p.label)).not.toContain('Criticality');
  });

  it('never asks a question twice and never reads out the expected answer, for every role, length and panel', () => {
    const hidden = (roleId: string) => {
      const p = buildRoleProfile(map, roleId)!;
      const rcs = [...p.competencies.what, ...p.competencies.how];
      return [
        ...rcs.flatMap((rc) => rc.competency.levels.flatMap((l) => l.behaviours)),
        ...rcs.map((rc) => rc.competency.definition),
        ...rcs.flatMap((rc) => rc.evidence.map((e) => e.behaviour)),
      ]
        .map((t) => t.trim().replace(/[.]$/, '').toLowerCase())
        .filter((t) => t.split(/\s+/).length >= 4);
    };
    let checked = 0;
    for (const roleId of ['r-agent', 'r-billing', 'r-lead']) {
      for (const interviewMinutes of [45, 60, 90]) {
        const asked = questions(guide({ interviewMinutes }, roleId));
        expect(asked.length).toBeGreaterThan(0);
        expect(new Set(asked.map((q) => q.toLowerCase())).size).toBe(asked.length);
        for (const q of asked) {
          for (const h of hidden(roleId)) expect(q.toLowerCase(), `"${q}" quotes "${h}"`).not.toContain(h);
          checked++;
        }
      }
    }
    const panel = [1, 2].flatMap((panelMember) => questions(guide({ panel: 2, panelMember, interviewMinutes: 90 })));
    expect(new Set(panel).size).toBe(panel.length);
    expect(checked).toBeGreaterThan(20);
  });

  it('splits a panel: one guide each, no competency twice, the lead opens and closes', async () => {
    const options = { interviewers: ['Ana Silva', 'Ben Okafor'] };
    const plan = planInterview(agent, options);
    const [ana, ben] = [1, 2].map((panelMember) => guide({ ...options, panelMember }));
    const sections = (d: ExportDocument) => headings(d, 2).filter((h) => /^\d\. /.test(h));
    const all = [...sections(ana!), ...sections(ben!)];
    expect(all).toHaveLength(plan.competencies.length);
    expect(new Set(all.map((h) => h.replace(/ · .*$/, ''))).size).toBe(all.length);
    expect(sections(ana!).length).toBeGreaterThan(0);
    expect(sections(ben!).length).toBeGreaterThan(0);
    expect(headings(ana!, 1)).toContain('Closing · 10 minutes');
    expect(headings(ben!, 1)).not.toContain('Closing · 10 minutes');
    expect(paragraphs(ben!).join(' ')).toContain('Ana Silva opens and closes the interview');
    expect(ben!.subtitle).toBe('Contact centre agent · Ben Okafor (2 of 2)');
    expect(paragraphs(ana!).join(' ')).toContain('With me is Ben Okafor');

    const zip = await exportRole(map, 'r-agent', 'interview-guide', 'md', { now, ...options });
    expect(zip.filename).toBe('contact-centre-agent-interview-guide-panel.zip');
    expect(Object.keys(unzipSync(zip.bytes)).sort()).toEqual([
      'contact-centre-agent-interview-guide-1-ana-silva.md',
      'contact-centre-agent-interview-guide-2-ben-okafor.md',
    ]);
  });

  it('the agent’s 60-minute guide is at most 6 pages in PDF, and no question appears twice in it', async () => {
    const file = await exportRole(map, 'r-agent', 'interview-guide', 'pdf', { now, interviewMinutes: 60 });
    const text = pdfToText(file.bytes);
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(6);
    const asked = questions(guide({ interviewMinutes: 60 }));
    expect(asked.length).toBeGreaterThanOrEqual(5);
    // A question that runs over a page break has the footer in the middle of it: take the footers out.
    const body = text.replace(/ ?Structured interview guide · Contact centre agent Page \d+ of \d+ ?/g, ' ');
    for (const q of asked) expect(body.split(q).length - 1, q).toBe(1);
  });

  it('the scorecard on its own carries the same weights, total and what is not covered', () => {
    const doc = buildRoleDocument(map, 'r-agent', 'scorecard', { now, interviewMinutes: 45 });
    const score = doc.blocks.find((bl) => bl.type === 'table' && bl.id === 'scorecard');
    expect(score?.type === 'table' && score.rows).toHaveLength(4);
    expect(headings(doc, 2)).toContain('Not covered in this interview');
    expect(paragraphs(doc).join(' ')).toMatch(/Total = the sum of weight × rating/);
  });
});
