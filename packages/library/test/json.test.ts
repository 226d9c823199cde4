import { describe, expect, it } from 'vitest';
import { JSON_FORMAT, builtinLibrary, exportJson, importJson, toJsonFramework } from '../src/index.js';

function errorsOf(result: ReturnType<typeof importJson>) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('JSON framework', () => {
  it('wraps competencies in a versioned envelope', () => {
    const doc = JSON.parse(exportJson(builtinLibrary.slice(0, 1))) as Record<string, unknown>;
    expect(doc.format).toBe('journeycraft.competencies');
    expect(doc.version).toBe(1);
    expect(doc.competencies).toEqual(builtinLibrary.slice(0, 1));
  });

  it('round-trips the built-in library from text and from a parsed value', () => {
    expect(importJson(exportJson(builtinLibrary))).toEqual({ ok: true, competencies: builtinLibrary });
    expect(importJson(toJsonFramework(builtinLibrary))).toEqual({ ok: true, competencies: builtinLibrary });
  });

  it('applies schema defaults to optional fields', () => {
    const { category: _c, source: _s, ...bare } = builtinLibrary[0]!;
    const result = importJson({ format: JSON_FORMAT, version: 1, competencies: [bare] });
    expect(result.ok && result.competencies[0]).toMatchObject({ category: '', source: '' });
  });

  it('reports the line of a syntax error', () => {
    const text = '{\n  "format": "journeycraft.competencies",\n  "version": 1,\n  "competencies": [}\n}';
    const errors = errorsOf(importJson(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(4);
    expect(errors[0]!.message).toMatch(/^not valid JSON/);
  });

  it('checks the envelope', () => {
    expect(errorsOf(importJson('[]'))[0]!.path).toBe('(root)');
    const errors = errorsOf(importJson({ format: 'other', version: 2, competencies: [] }));
    expect(errors.map((e) => e.path)).toEqual(['format', 'version']);
    expect(errorsOf(importJson({ format: JSON_FORMAT, version: 1 }))[0]!.path).toBe('competencies');
    expect(errorsOf(importJson({ format: JSON_FORMAT, version: 1, competencies: [] }))[0]!.message).toMatch(
      /no competencies/,
    );
  });

  it('names the JSON path of bad fields, and the competency', () => {
    const competencies = structuredClone(builtinLibrary.slice(0, 3)) as unknown as Record<string, unknown>[];
    (competencies[1]!.levels as { name: string }[])[2]!.name = '';
    competencies[2]!.kind = 'skill';
    const errors = errorsOf(importJson({ format: JSON_FORMAT, version: 1, competencies }));
    expect(errors.map((e) => e.path)).toEqual(['competencies[1].levels[2].name', 'competencies[2].kind']);
    expect(errors[0]!.message).toContain(`competency "${builtinLibrary[1]!.id}": level 3 name`);
  });

  it('rejects a wrong number of levels, naming the competency', () => {
    const competencies = structuredClone(builtinLibrary.slice(0, 2));
    competencies[1]!.levels.pop();
    const errors = errorsOf(importJson({ format: JSON_FORMAT, version: 1, competencies }));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('competencies[1].levels');
    expect(errors[0]!.message).toContain(`competency "${builtinLibrary[1]!.id}" has 4 levels`);
  });

  it('rejects duplicate ids and returns no competencies', () => {
    const competencies = [builtinLibrary[0], builtinLibrary[1], builtinLibrary[0]];
    const result = importJson({ format: JSON_FORMAT, version: 1, competencies });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'competencies[2].id',
          message: `duplicate competency id "${builtinLibrary[0]!.id}" (first used at competencies[0])`,
        },
      ],
    });
  });
});

describe('JSON syntax errors', () => {
  it.each([
    ['{\n  "a": 1,\n}', 3, 'expected a property name'],
    ['{\n  "a": [1, 2\n  ,]\n}', 3, 'unexpected "]"'],
    ['{\n\n  "a": "unterminated\n}', 3, 'line break or control character inside a string'],
    ['{"a": tru}', 1, 'unexpected "t"'],
    ['{"a": 1} x', 1, 'after the end of the JSON value'],
    ['{\n"a": 01}', 2, 'expected "," or "}"'],
    ['', 1, 'unexpected end of text'],
  ])('%j fails on line %i', (text, line, message) => {
    const errors = errorsOf(importJson(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(line);
    expect(errors[0]!.message).toContain(message);
  });
});

describe('findJsonSyntaxError', () => {
  it('accepts everything JSON.parse accepts', async () => {
    const { findJsonSyntaxError } = await import('../src/jsonsyntax.js');
    for (const text of [
      exportJson(builtinLibrary),
      '"\\u00e9\\n\\"x\\""',
      ' [ -0.5e+10 , true , false , null , {} , [] ] ',
      '{"a":{"b":[1,{"c":"d"}]}}',
    ]) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(findJsonSyntaxError(text)).toBeUndefined();
    }
  });
});

describe('JsonFrameworkSchema', () => {
  it('accepts what exportJson writes', async () => {
    const { JsonFrameworkSchema } = await import('../src/index.js');
    expect(JsonFrameworkSchema.safeParse(JSON.parse(exportJson(builtinLibrary))).success).toBe(true);
    expect(JsonFrameworkSchema.safeParse({ format: JSON_FORMAT, version: 2, competencies: [] }).success).toBe(false);
  });
});
