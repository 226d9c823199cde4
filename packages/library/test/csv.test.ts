import { describe, expect, it } from 'vitest';
import type { Competency } from '@journeycraft/schema';
import {
  BUILTIN_SOURCE,
  builtinLibrary,
  escapeCell,
  exportCsv,
  importCsv,
  joinBehaviours,
  splitBehaviours,
  unescapeCell,
} from '../src/index.js';
import type { ImportResult } from '../src/index.js';

const HEADER = 'id,kind,name,category,definition,level,level_name,behaviours';

/** Five rows of a valid competency, starting at `level 1`. */
function rows(id: string, kind = 'how'): string[] {
  return [1, 2, 3, 4, 5].map(
    (l) => `${id},${kind},Name ${id},Cat,Definition of ${id},${l},L${l},Does ${l}a | Does ${l}b`,
  );
}

function csv(lines: string[], eol = '\n'): string {
  return [HEADER, ...lines].join(eol) + eol;
}

function errorsOf(result: ImportResult) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

const tricky: Competency = {
  id: 'tricky_one',
  kind: 'what',
  name: '=HYPERLINK("http://evil.example","click")',
  category: '+Category, with comma',
  definition: 'Line one, with "quotes"\nline two\nline three',
  levels: [
    {
      level: 1,
      name: '-Starter',
      behaviours: ['@SUM(A1:A3) looks like a formula', 'Uses a | pipe and a \\ backslash'],
    },
    { level: 2, name: "'Quoted", behaviours: ["'=already escaped once", 'Contains\ta tab'] },
    { level: 3, name: 'Three', behaviours: ['Plain behaviour.'] },
    { level: 4, name: 'Four', behaviours: ['Ends with a backslash \\'] },
    { level: 5, name: 'Five', behaviours: ['=1+1', '-2', '+3', '@4'] },
  ],
  source: '',
};

const tabbed: Competency = {
  ...tricky,
  id: 'tabbed',
  category: '-minus',
  definition: '\tStarts with a tab, then\nmore lines',
  source: '@source',
};

describe('CSV export and import', () => {
  it('round-trips the whole built-in library', () => {
    const text = exportCsv(builtinLibrary);
    expect(text.startsWith('\uFEFFid,kind,name,category,definition,level,level_name,behaviours,source\r\n')).toBe(true);
    expect(text.split('\r\n').length - 2).toBe(builtinLibrary.length * 5);
    const result = importCsv(text);
    expect(result).toEqual({ ok: true, competencies: builtinLibrary });
  });

  it('round-trips quotes, commas, line breaks, pipes and formula-like text exactly', () => {
    for (const lineEnding of ['\r\n', '\n'] as const) {
      for (const bom of [true, false]) {
        const result = importCsv(exportCsv([tricky, tabbed], { lineEnding, bom }));
        expect(result).toEqual({ ok: true, competencies: [tricky, tabbed] });
      }
    }
  });

  it('neutralises formula injection on export', () => {
    const text = exportCsv([tricky, tabbed], { bom: false });
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain(`"'+Category, with comma"`);
    expect(text).toContain(`'-Starter`);
    expect(text).toContain(`'@SUM(A1:A3) looks like a formula | Uses a \\| pipe and a \\\\ backslash`);
    expect(text).toContain(`,'Quoted,`); // an apostrophe before a letter is left alone
    expect(text).toContain(`''=already escaped once | Contains\ta tab`);
    expect(text).toContain(`,'-minus,"'\tStarts with a tab, then\nmore lines",`);
    expect(text).toContain(`,'@source\r\n`);
    expect(text).toContain(`'=1+1 | -2 | +3 | @4`);
    // No cell of the file starts with a formula trigger.
    const cells = text.split(/\r\n/).flatMap((line) => line.split(','));
    for (const cell of cells) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('escapes and unescapes single cells symmetrically', () => {
    for (const value of ['=A1', '+1', '-1', '@x', '\tx', '\rx', "'=A1", "''=A1", "'plain", 'plain', '', "'"]) {
      expect(unescapeCell(escapeCell(value))).toBe(value);
    }
    expect(escapeCell('=A1')).toBe("'=A1");
    expect(escapeCell("'plain")).toBe("'plain");
    expect(unescapeCell("'=A1")).toBe('=A1');
    expect(unescapeCell("'plain")).toBe("'plain");
  });

  it('strips the protective apostrophe from hand-made files on import', () => {
    const lines = rows('x').map((l) => l.replace('Name x', ''));
    lines[0] = `x,how,'=Name,Cat,Definition of x,1,'-Level one,'@First | Second`;
    const result = importCsv(csv(lines));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.competencies[0]!.name).toBe('=Name');
    expect(result.competencies[0]!.levels[0]).toEqual({
      level: 1,
      name: '-Level one',
      behaviours: ['@First', 'Second'],
    });
  });

  it('splits and joins behaviours with escapes', () => {
    expect(splitBehaviours(' a | b |  | c ')).toEqual(['a', 'b', 'c']);
    expect(splitBehaviours('a \\| b | c\\\\')).toEqual(['a | b', 'c\\']);
    expect(joinBehaviours(['a | b', 'c\\'])).toBe('a \\| b | c\\\\');
  });

  it('accepts CRLF, a BOM, blank repeated fields, reordered and extra columns, and fills the source', () => {
    const header = 'Level,ID,Kind,Name,Category,Definition,Level Name,Behaviors,Notes';
    const body = [
      '1,a,WHAT,Alpha,Cat,Alpha def,One,x | y,ignored',
      '2,a,,,,,Two,x,',
      '3,a,,,,,Three,x,',
      '4,a,,,,,Four,x,',
      '5,a,,Alpha,,,Five,x,',
      '',
    ];
    const result = importCsv(`\uFEFF${header}\r\n${body.join('\r\n')}\r\n`, { source: 'Acme framework' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.competencies).toHaveLength(1);
    expect(result.competencies[0]).toMatchObject({ id: 'a', kind: 'what', name: 'Alpha', source: 'Acme framework' });
    expect(result.competencies[0]!.levels.map((l) => l.name)).toEqual(['One', 'Two', 'Three', 'Four', 'Five']);
  });

  it('accepts levels in any row order and semicolon-separated files', () => {
    const lines = rows('b')
      .reverse()
      .map((l) => l.replaceAll(',', ';'));
    const result = importCsv([HEADER.replaceAll(',', ';'), ...lines].join('\n'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.competencies[0]!.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
  });

  it('honours a "sep=" first line and skips blank lines, keeping line numbers', () => {
    const lines = rows('s').map((l) => l.replaceAll(',', ';'));
    const text = ['sep=;', '', HEADER.replaceAll(',', ';'), ...lines].join('\r\n');
    expect(importCsv(text).ok).toBe(true);
    const bad = text.replace(';3;L3;', ';33;L3;');
    expect(errorsOf(importCsv(bad))).toEqual([{ line: 6, message: 'level must be from 1 to 5, found 33' }]);
  });

  it('keeps leading and trailing spaces in definitions', () => {
    const padded = { ...builtinLibrary[0]!, definition: '  Padded definition.  ' };
    expect(importCsv(exportCsv([padded]))).toEqual({ ok: true, competencies: [padded] });
  });

  it('imports the built-in library with a fixed source back to the same source', () => {
    const result = importCsv(exportCsv(builtinLibrary.slice(0, 2)));
    expect(result.ok && result.competencies.every((c) => c.source === BUILTIN_SOURCE)).toBe(true);
  });
});

describe('CSV errors name the physical line (header = line 1)', () => {
  it('reports an unclosed quote at the line where it opens', () => {
    const lines = [...rows('a'), ...rows('b')];
    lines[7] = 'b,how,Name b,Cat,"Definition never closed,3,L3,Does';
    const errors = errorsOf(importCsv(csv(lines)));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(9);
    expect(errors[0]!.message).toMatch(/never closed/);
  });

  it('reports an unclosed quote in a CRLF file with a BOM at the same line', () => {
    const lines = [...rows('a'), ...rows('b')];
    lines[7] = 'b,how,Name b,Cat,"Definition never closed,3,L3,Does';
    const errors = errorsOf(importCsv('\uFEFF' + csv(lines, '\r\n')));
    expect(errors[0]!.line).toBe(9);
  });

  it('counts the lines inside quoted multi-line fields', () => {
    const lines = rows('a');
    lines[0] = 'a,how,Name a,Cat,"Definition\nover\nthree lines",1,L1,Does';
    lines[1] = 'a,how,Name a,Cat,"Definition\nover\nthree lines",2,"L2","Does ""quoted"" words"';
    lines[2] = 'a,how,Name a,Cat,,3,L3,Does';
    lines[3] = 'a,how,Name a,Cat,,4,L4,Does';
    lines[4] = 'a,how,Name a,Cat,,9,L5,Does';
    // header (1), rows 1 and 2 span lines 2-4 and 5-7, rows at 8, 9, and the bad level on line 10
    const errors = errorsOf(importCsv(csv(lines)));
    expect(errors).toEqual([{ line: 10, message: 'level must be from 1 to 5, found 9' }]);
    // The same file with CRLF line ends, inside and between fields, gives the same line.
    expect(errorsOf(importCsv(csv(lines, '\r\n').replaceAll('\nover\n', '\r\nover\r\n')))).toEqual(errors);
    lines[4] = 'a,how,Name a,Cat,,5,L5,Does';
    const ok = importCsv(csv(lines));
    expect(ok.ok && ok.competencies[0]!.definition).toBe('Definition\nover\nthree lines');
    expect(ok.ok && ok.competencies[0]!.levels[1]!.behaviours).toEqual(['Does "quoted" words']);
  });

  it('reports a row with a missing column', () => {
    const lines = [...rows('a'), ...rows('b')];
    lines[6] = 'b,how,Name b,Cat,Definition of b,2,L2';
    const errors = errorsOf(importCsv(csv(lines)));
    expect(errors[0]).toEqual({ line: 8, message: 'expected 8 fields as in the header, found 7' });
  });

  it('reports a header that lacks a required column on line 1', () => {
    const text = ['id,kind,name,category,definition,level,behaviours', 'a,how,A,C,D,1,x'].join('\n');
    const errors = errorsOf(importCsv(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(1);
    expect(errors[0]!.message).toContain('"level_name"');
  });

  it('reports level 7 and a non-numeric level with their lines', () => {
    const lines = [...rows('a'), ...rows('b')];
    lines[2] = 'a,how,Name a,Cat,Definition of a,7,L3,Does';
    lines[8] = 'b,how,Name b,Cat,Definition of b,four,L4,Does';
    const errors = errorsOf(importCsv(csv(lines)));
    expect(errors).toContainEqual({ line: 4, message: 'level must be from 1 to 5, found 7' });
    expect(errors).toContainEqual({ line: 10, message: 'level must be a whole number from 1 to 5, found "four"' });
  });

  it('reports a competency with the wrong number of levels by name, at its first line', () => {
    const lines = [...rows('a'), ...rows('b').slice(0, 4)];
    const errors = errorsOf(importCsv(csv(lines)));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(7);
    expect(errors[0]!.message).toContain('competency "b"');
    expect(errors[0]!.message).toContain('exactly five levels');
    expect(errors[0]!.message).toContain('missing 5');
  });

  it('reports a duplicated id (a level given twice) at the repeated line', () => {
    const lines = [...rows('a'), ...rows('a')];
    const errors = errorsOf(importCsv(csv(lines)));
    expect(errors.map((e) => e.line)).toEqual([7, 8, 9, 10, 11]);
    expect(errors[0]!.message).toContain('first on line 2');
  });

  it('reports conflicting competency fields and schema problems at the right line', () => {
    const lines = rows('a');
    lines[2] = 'a,how,Another name,Cat,Definition of a,3,L3,Does';
    lines[4] = 'a,how,Name a,Cat,Definition of a,5,L5, | ';
    const errors = errorsOf(importCsv(csv(lines)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 4 });
    expect(errors[0]!.message).toContain('name of competency "a" differs from the one on line 2');

    const lines2 = rows('a');
    lines2[4] = 'a,how,Name a,Cat,Definition of a,5,L5, | ';
    const errors2 = errorsOf(importCsv(csv(lines2)));
    expect(errors2).toHaveLength(1);
    expect(errors2[0]!.line).toBe(6);
    expect(errors2[0]!.message).toContain('level 5, behaviours');

    const lines3 = rows('a').map((l) => l.replace(',how,', ',skill,'));
    const errors3 = errorsOf(importCsv(csv(lines3)));
    expect(errors3[0]!.line).toBe(2);
    expect(errors3[0]!.message).toContain('kind');
  });

  it('is all-or-nothing: one bad row means no competencies', () => {
    const lines = [...rows('a'), ...rows('b'), ...rows('c')];
    lines[12] = lines[12]!.replace(',3,', ',x,');
    const result = importCsv(csv(lines));
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ line: 14 })] });
    expect('competencies' in result).toBe(false);
  });

  it('reports an empty file and a header-only file', () => {
    expect(errorsOf(importCsv(''))[0]!.line).toBe(1);
    expect(errorsOf(importCsv(`${HEADER}\n`))[0]!.message).toMatch(/no competencies/);
  });
});
