import { describe, expect, it } from 'vitest';
import {
  MAP_KINDS,
  ROLE_KINDS,
  buildMapDocument,
  buildRoleDocument,
  missingGlyphs,
  sampleHrSettings,
  sampleSupportMap,
  type ExportDocument,
} from '../src/index.js';

const now = new Date('2026-03-02T09:00:00Z');

function doc(blocks: ExportDocument['blocks']): ExportDocument {
  const base = buildMapDocument(sampleSupportMap(), 'coverage-matrix', { now });
  return { ...base, blocks };
}

describe('glyphs the PDF font can draw', () => {
  it('finds a character the font lacks (it would print as an empty box), once', () => {
    expect(missingGlyphs(doc([{ type: 'paragraph', content: ['Moment of truth ★ and ★ again'] }]))).toEqual(['★']);
    expect(missingGlyphs(doc([{ type: 'paragraph', content: ['Café – “quoted” · 45 min'] }]))).toEqual([]);
  });

  it('every document kind of the sample map prints only characters its font has', () => {
    const map = sampleSupportMap();
    const settings = sampleHrSettings();
    for (const kind of ROLE_KINDS) {
      const role = kind === 'succession-plan' ? 'r-lead' : 'r-agent';
      expect(missingGlyphs(buildRoleDocument(map, role, kind, { now, settings })), kind).toEqual([]);
    }
    for (const kind of MAP_KINDS) expect(missingGlyphs(buildMapDocument(map, kind, { now })), kind).toEqual([]);
  });
});
