import { describe, expect, it } from 'vitest';
import type { MapSnapshot } from '@journeycraft/schema';
import {
  OVERALL_BANDS,
  buildRoleDocument,
  inlineText,
  overallRating,
  sampleSupportMap,
  type Block,
  type ExportDocument,
  type TableBlock,
} from '../src/index.js';

const now = new Date('2026-03-02T09:00:00Z');

function form(map: MapSnapshot = sampleSupportMap(), roleId = 'r-agent'): ExportDocument {
  return buildRoleDocument(map, roleId, 'review-form', { now });
}
const table = (doc: ExportDocument, id: string) =>
  doc.blocks.find((bl): bl is TableBlock => bl.type === 'table' && bl.id === id)!;
const cells = (t: TableBlock, col: number) => t.rows.map((r) => inlineText([r[col]!]));
function allText(doc: ExportDocument): string {
  const parts = (bl: Block): string[] => {
    switch (bl.type) {
      case 'paragraph':
        return [inlineText(bl.content)];
      case 'list':
        return bl.items.map(inlineText);
      case 'heading':
        return [bl.text];
      case 'table':
        return bl.rows.flatMap((r) => r.map((c) => inlineText([c])));
      case 'choice':
        return [bl.label, ...bl.options];
      case 'signatures':
        return bl.parties;
      case 'ratingScale':
        return bl.levels.flatMap((l) => l.behaviours);
      default:
        return [];
    }
  };
  return doc.blocks.flatMap(parts).join('\n');
}

describe('overall rating rule', () => {
  it('goals and competencies count half each; at target and at the expected level is "Meets"', () => {
    const meets = overallRating({
      goals: [
        { weight: 40, rating: 3 },
        { weight: 60, rating: 3 },
      ],
      competencies: [
        { expected: 4, rating: 4 },
        { expected: 3, rating: 3 },
      ],
    });
    expect(meets).toMatchObject({ goals: 3, competencies: 3, score: 3, rating: 3, label: 'Meets expectations' });

    const strong = overallRating({
      goals: [
        { weight: 20, rating: 4 },
        { weight: 80, rating: 5 },
      ],
      competencies: [
        { expected: 3, rating: 5 },
        { expected: 4, rating: 5 },
      ],
    });
    // G = 0.2×4 + 0.8×5 = 4.8; C = mean(5, 4) = 4.5; (4.8 + 4.5) / 2 = 4.65 → 4.7
    expect(strong).toMatchObject({ goals: 4.8, competencies: 4.5, score: 4.7, label: 'Outstanding' });
    // Competency scores are kept within 1–5 however far below the level a rating is.
    expect(overallRating({ goals: [], competencies: [{ expected: 5, rating: 1 }] })).toMatchObject({
      goals: null,
      competencies: 1,
      label: 'Does not meet expectations',
    });
  });

  it('a never-waived standard not kept caps the rating at "Partly meets"', () => {
    const input = { goals: [{ weight: 100, rating: 5 }], competencies: [{ expected: 3, rating: 5 }] };
    expect(overallRating(input).label).toBe('Outstanding');
    expect(overallRating({ ...input, standardBroken: true })).toMatchObject({
      label: 'Partly meets expectations',
      capped: true,
    });
  });
});

describe('review form', () => {
  it('cascades weighted goals from the touchpoint metrics, with target, result, self and manager rating', () => {
    const goals = table(form(), 'goals');
    expect(goals.columns.map((c) => c.header)).toEqual(['Goal', 'Target', 'Weight', 'Result', 'Self', 'Manager']);
    expect(cells(goals, 0)).toEqual([
      'Answer time (Call answered; telephony reports)',
      'First contact resolution (Billing dispute call; quality scores)',
      'Check back with a customer on hold (Billing dispute call; call recordings)',
    ]);
    expect(cells(goals, 1)).toEqual(['< 30 s', '≥ 75 %', 'within 2 min']);
    // Metrics at the moment of truth weigh double; the weights add up to 100.
    expect(cells(goals, 2)).toEqual(['20%', '40%', '40%']);
    const standards = table(form(), 'standards');
    expect(cells(standards, 0)[0]).toBe(
      'Never waived: Never put an upset customer on hold without saying why and for how long',
    );
  });

  it('puts the self-assessment beside the manager’s rating, prints the overall rule, next-period objectives and both sign-offs', () => {
    const doc = form();
    const ratings = table(doc, 'ratings');
    expect(ratings.columns.map((c) => c.header)).toEqual([
      'Competency',
      'Expected level',
      'Self',
      'Manager',
      'Example from the period',
    ]);
    const text = allText(doc);
    expect(text).toContain('Overall score = (G + C) ÷ 2');
    for (const band of OVERALL_BANDS) expect(text).toContain(band.label);
    const choice = doc.blocks.find((bl) => bl.type === 'choice' && bl.label === 'Overall rating');
    expect(choice?.type === 'choice' && choice.options).toEqual(OVERALL_BANDS.map((x) => x.label));
    expect(table(doc, 'objectives').columns.map((c) => c.header)).toEqual([
      'Objective',
      'Measure and target',
      'Weight',
      'By when',
    ]);
    expect(text).toMatch(/acknowledges that this review was discussed with them; it does not mean they agree/);
    const sign = doc.blocks.find((bl) => bl.type === 'signatures');
    // The sample agent reports to the team lead, who reports to nobody named on the map.
    expect(sign?.type === 'signatures' && sign.parties).toEqual([
      'Employee',
      'Manager (Team lead)',
      'Second-level manager',
    ]);
    expect(doc.properties.map((p) => p.label)).not.toContain('Criticality');
    expect(doc.properties.map((p) => p.label)).not.toContain('Works');
  });

  it('shows each competency’s anchors once, in the annex', () => {
    const doc = form();
    const anchors = doc.blocks.filter((bl) => bl.type === 'table' && bl.id.startsWith('anchors-'));
    const ratings = table(doc, 'ratings');
    expect(anchors).toHaveLength(ratings.rows.length);
    expect(doc.blocks.some((bl) => bl.type === 'ratingScale')).toBe(false);
    const text = allText(doc);
    // One behaviour of a level, as a marker: printed exactly once.
    const marker = 'Names the impact on the customer in their own words';
    expect(text.split(marker).length - 1).toBe(1);
    const annex = doc.blocks.findIndex((bl) => bl.type === 'heading' && bl.text.startsWith('Annex'));
    expect(doc.blocks.findIndex((bl) => bl === anchors[0])).toBeGreaterThan(annex);
  });

  it('names the manager and the second-level manager from the roles they report to', () => {
    const map = sampleSupportMap();
    map.roles.find((r) => r.id === 'r-agent')!.reportsToRoleId = 'r-billing';
    map.roles.find((r) => r.id === 'r-billing')!.reportsToText = 'Head of customer care';
    const doc = form(map);
    const sign = doc.blocks.find((bl) => bl.type === 'signatures');
    expect(sign?.type === 'signatures' && sign.parties).toEqual([
      'Employee',
      'Manager (Billing specialist)',
      'Second-level manager (Head of customer care)',
    ]);
    expect(doc.properties).toContainEqual({ label: 'Reports to', value: 'Billing specialist' });
  });
});
