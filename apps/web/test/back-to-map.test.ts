import { describe, expect, it } from 'vitest';
import { returnPath, withReturn } from '../src/components/BackToMap';

describe('the way back from a workspace page to the map it was opened from', () => {
  it('round-trips a map page path', () => {
    for (const here of ['/maps/abc123', '/maps/abc_12-3/roles', '/maps/x/coverage']) {
      expect(returnPath(withReturn('/library', here).split('?')[1]!)).toBe(here);
    }
  });

  it('takes only our own map pages (never another site or page)', () => {
    for (const from of ['https://evil.example/maps/x', '//evil.example', '/maps/x/../../admin', '/settings/hr', '']) {
      expect(returnPath(`from=${encodeURIComponent(from)}`), from).toBeNull();
    }
    expect(returnPath('')).toBeNull();
  });
});
