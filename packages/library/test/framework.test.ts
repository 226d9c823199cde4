import { describe, expect, it } from 'vitest';
import { builtinLibrary, detectFormat, exportFramework, importFramework } from '../src/index.js';

describe('format detection', () => {
  it('tells the three formats apart and round-trips through each', () => {
    const sample = builtinLibrary.slice(0, 4);
    for (const format of ['csv', 'json', 'case'] as const) {
      const text = exportFramework(sample, format);
      expect(detectFormat(text)).toBe(format);
      expect(importFramework(text)).toEqual({ ok: true, competencies: sample });
    }
  });

  it('falls back on the file name for text that is not valid JSON', () => {
    expect(detectFormat('{ broken', 'framework.case.json')).toBe('case');
    expect(detectFormat('{ broken', 'framework.json')).toBe('json');
    expect(detectFormat('id,kind\n')).toBe('csv');
  });
});
