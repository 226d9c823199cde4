import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildMapDocument, exportMap, sampleSupportMap } from '../src/index.js';

const now = new Date('2026-12-01T10:00:00Z');
const map = sampleSupportMap();
// Billing specialist (headcount 4) needs order-billing-systems at 4.
const assessments = [
  { person: 'Ana', roleId: 'r-billing', competencyId: 'order-billing-systems', level: 4 },
  { person: 'Ben', roleId: 'r-billing', competencyId: 'order-billing-systems', level: 5 },
  { person: 'Cleo', roleId: 'r-billing', competencyId: 'order-billing-systems', level: 2 },
];

describe('coverage matrix with supply', () => {
  it('shows required level and supply in the matrix, and required, supply and shortfall per cell', () => {
    const doc = buildMapDocument(map, 'coverage-matrix', { now, assessments });
    const tables = JSON.stringify(doc.blocks);
    expect(tables).toContain('L4 · 2/4');
    const supply = doc.blocks.find((bl) => bl.type === 'table' && bl.id === 'supply') as unknown as {
      columns: { header: string }[];
      rows: string[][];
    };
    expect(supply.columns.map((c) => c.header)).toEqual([
      'Role',
      'Competency',
      'Type',
      'Required level',
      'Required people',
      'Supply',
      'Assessed',
      'Shortfall',
    ]);
    expect(supply.rows).toContainEqual([
      'Billing specialist',
      'Order and billing systems',
      'WHAT',
      '4',
      '4',
      '2',
      '3',
      '2',
    ]);
    // Without assessments the matrix keeps the plain level and the shortfall is the headcount.
    const plain = buildMapDocument(map, 'coverage-matrix', { now });
    const plainSupply = plain.blocks.find((bl) => bl.type === 'table' && bl.id === 'supply') as unknown as {
      rows: string[][];
    };
    expect(plainSupply.rows).toContainEqual([
      'Billing specialist',
      'Order and billing systems',
      'WHAT',
      '4',
      '4',
      '0',
      '0',
      '4',
    ]);
    expect(JSON.stringify(plain.blocks)).not.toContain('L4 ·');
  });

  it('XLSX has a supply sheet with required, supply and shortfall, and the CSV carries supply', async () => {
    const file = await exportMap(map, 'coverage-matrix', 'xlsx', { now, assessments });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    const sheet = wb.worksheets.find((w) => /supply/i.test(w.name));
    expect(sheet, names.join(', ')).toBeDefined();
    const rows: string[][] = [];
    sheet!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v))));
    const header = rows.find((r) => r.includes('Shortfall'))!;
    expect(header).toEqual(expect.arrayContaining(['Required people', 'Supply', 'Shortfall']));
    const billing = rows.find((r) => r[0] === 'Billing specialist' && r[1] === 'Order and billing systems')!;
    expect(billing.slice(3)).toEqual(['4', '4', '2', '3', '2']);

    const csv = new TextDecoder().decode((await exportMap(map, 'coverage-matrix', 'csv', { now, assessments })).bytes);
    expect(csv).toContain('L4 · 2/4');
  });
});
