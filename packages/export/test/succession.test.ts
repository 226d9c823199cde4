import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { RoleSchema, JourneycraftError } from '@journeycraft/schema';
import { talentPlanFit, SUCCESSION_MAX_SEATS, type SupplyAssessment } from '@journeycraft/profiles';
import {
  READINESS,
  buildRoleDocument,
  exportMapBatch,
  exportRole,
  inlineText,
  sampleSupportMap,
  type ExportDocument,
  type TableBlock,
} from '../src/index.js';
import { pdfToText } from './helpers.js';

const now = new Date('2026-03-02T09:00:00Z');
const map = sampleSupportMap();
const table = (doc: ExportDocument, id: string) =>
  doc.blocks.find((bl): bl is TableBlock => bl.type === 'table' && bl.id === id)!;
const fieldLabels = (doc: ExportDocument) =>
  doc.blocks.flatMap((bl) => (bl.type === 'fields' ? bl.items.map((f) => f.label) : []));

describe('which talent plan fits a role', () => {
  it('a few seats get a succession plan, many seats a pipeline plan', () => {
    const role = (headcount: number, incumbents = 0) => RoleSchema.parse({ id: 'r', name: 'R', headcount, incumbents });
    expect(talentPlanFit(role(SUCCESSION_MAX_SEATS)).plan).toBe('succession');
    expect(talentPlanFit(role(SUCCESSION_MAX_SEATS + 1)).plan).toBe('pipeline');
    // More people in the role than its headcount count as seats too.
    expect(talentPlanFit(role(2, 40)).plan).toBe('pipeline');
  });

  it('refuses a succession plan for the 24-seat agent role, and a pipeline plan for the 3-seat team lead, saying what to use', () => {
    let err: unknown;
    try {
      buildRoleDocument(map, 'r-agent', 'succession-plan', { now });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JourneycraftError);
    expect((err as JourneycraftError).status).toBe(422);
    expect((err as Error).message).toMatch(/24 seats.*pipeline-plan/);
    expect(() => buildRoleDocument(map, 'r-lead', 'pipeline-plan', { now })).toThrow(/3 seats.*succession-plan/);
  });

  it('a batch gives each role the plan that fits it', async () => {
    const zip = await exportMapBatch(map, ['succession-plan', 'pipeline-plan'], 'md', { now });
    expect(Object.keys(unzipSync(zip.bytes)).sort()).toEqual([
      'billing-specialist/billing-specialist-succession-plan.md',
      'contact-centre-agent/contact-centre-agent-pipeline-plan.md',
      'team-lead/team-lead-succession-plan.md',
    ]);
  });
});

describe('succession plan', () => {
  const doc = buildRoleDocument(map, 'r-lead', 'succession-plan', { now });

  it('is marked confidential, with the incumbent, interim cover and retention risk', () => {
    expect(doc.marking).toBe('Confidential');
    expect(fieldLabels(doc)).toEqual(expect.arrayContaining(['Incumbent', 'Interim cover', 'Cover agreed with']));
    const choices = doc.blocks.flatMap((bl) => (bl.type === 'choice' ? [bl.label] : []));
    expect(choices).toContain('Risk of losing the incumbent');
  });

  it('has readiness bands without gaps (now, 1–2 years, 3+ years) and candidates with potential and retention risk', () => {
    expect(table(doc, 'readiness').rows.map((r) => inlineText([r[0]!]))).toEqual([
      'Ready now',
      'Ready in 1–2 years',
      'Ready in 3+ years',
    ]);
    // Bands in months: each starts where the one before ends.
    const bounds = READINESS.map((r) => r.months);
    expect(bounds).toEqual(['Under 12 months', '12 to 35 months', '36 months or more']);
    const [, second, third] = bounds.map((m) => m.match(/\d+/g)!.map(Number));
    expect(second![0]).toBe(12);
    expect(third![0]).toBe(second![1]! + 1);
    expect(table(doc, 'candidates').columns.map((c) => c.header)).toEqual([
      'Candidate',
      'Current role',
      'Readiness',
      'Potential',
      'Retention risk',
      'Main gaps',
      'Development actions',
    ]);
  });

  it('prints CONFIDENTIAL on every page of the PDF', async () => {
    const file = await exportRole(map, 'r-lead', 'succession-plan', 'pdf', { now });
    const text = pdfToText(file.bytes);
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(0);
    expect(text.split('CONFIDENTIAL · Succession plan').length - 1).toBe(pages);
  });
});

describe('pipeline plan', () => {
  const assessments: SupplyAssessment[] = [
    { person: 'Ana', roleId: 'r-agent', competencyId: 'empathy', level: 4 },
    { person: 'Ben', roleId: 'r-agent', competencyId: 'empathy', level: 5 },
    { person: 'Cleo', roleId: 'r-agent', competencyId: 'empathy', level: 2 },
    { person: 'Ana', roleId: 'r-agent', competencyId: 'warmth', level: 3 },
    // Another role's people do not count for the agent.
    { person: 'Dee', roleId: 'r-lead', competencyId: 'defusing-anger', level: 5 },
  ];

  it('shows the bench per competency from the assessments, short moments of truth first', () => {
    const doc = buildRoleDocument(map, 'r-agent', 'pipeline-plan', { now, mapAssessments: assessments });
    expect(doc.marking).toBe('Internal');
    const bench = table(doc, 'bench');
    const row = (name: string) => bench.rows.find((r) => inlineText([r[0]!]) === name)!.map((c) => inlineText([c]));
    expect(row('Empathy')).toEqual(['Empathy', 'HOW', '4', 'Yes', '2 of 24', '22', 'High']);
    expect(row('Warm and friendly manner')).toEqual([
      'Warm and friendly manner',
      'HOW',
      '3',
      '',
      '1 of 24',
      '23',
      'Medium',
    ]);
    expect(inlineText([bench.rows[0]![6]!])).toBe('High');
    expect(bench.rows.findIndex((r) => inlineText([r[6]!]) === 'Medium')).toBeGreaterThan(
      bench.rows.map((r) => inlineText([r[6]!])).lastIndexOf('High'),
    );
    expect(fieldLabels(doc)).toEqual(expect.arrayContaining(['Seats', 'Open seats today', 'Hires needed']));
    const training = doc.blocks.find((bl) => bl.type === 'list');
    expect(training?.type === 'list' && inlineText(training.items[0]!)).toMatch(/^Bring \d+ people to level \d in /);
  });

  it('without assessments says the bench is unknown instead of showing zeros', () => {
    const doc = buildRoleDocument(map, 'r-agent', 'pipeline-plan', { now });
    const bench = table(doc, 'bench');
    expect(bench.rows.every((r) => inlineText([r[4]!]) === '' && inlineText([r[5]!]) === '')).toBe(true);
    const text = doc.blocks.flatMap((bl) => (bl.type === 'paragraph' ? [inlineText(bl.content)] : [])).join(' ');
    expect(text).toContain('No assessments are recorded for this role yet');
  });
});
