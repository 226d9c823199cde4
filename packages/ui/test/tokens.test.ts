import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Color from 'colorjs.io';

const css = readFileSync(new URL('../src/tokens.css', import.meta.url), 'utf8');
const tokens = new Map([...css.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));

function ratio(fg: string, bg: string): number {
  const f = tokens.get(fg);
  const b = tokens.get(bg);
  if (!f || !b) throw new Error(`no token --${f ? bg : fg}`);
  return new Color(f).contrast(new Color(b), 'WCAG21');
}

/** Text tokens and the surfaces each is used on. */
const text: Record<string, string[]> = {
  text: ['bg', 'canvas-bg', 'surface', 'surface-2', 'surface-hover', 'surface-pressed', 'accent-soft'],
  'text-2': ['bg', 'canvas-bg', 'surface', 'surface-2', 'surface-hover', 'surface-pressed'],
  muted: ['bg', 'canvas-bg', 'surface', 'surface-2', 'surface-hover'],
  placeholder: ['surface', 'surface-2'],
  accent: ['bg', 'surface', 'surface-2', 'accent-soft'],
  'accent-strong': ['accent-soft', 'accent-soft-2', 'surface'],
  'on-accent': ['accent', 'accent-hover', 'danger', 'danger-hover'],
  danger: ['surface', 'bg', 'danger-soft'],
  'danger-strong': ['danger-soft'],
  warn: ['surface', 'warn-soft', 'warn-soft-2'],
  'warn-strong': ['warn-soft', 'warn-soft-2'],
  ok: ['surface', 'ok-soft'],
  'ok-strong': ['ok-soft'],
  info: ['surface', 'info-soft'],
  special: ['surface', 'special-soft'],
  'on-inverse': ['inverse'],
  'on-inverse-muted': ['inverse'],
  'accent-ink': ['accent-light', 'accent-soft-2'],
  'cat-blue': ['surface', 'cat-blue-soft'],
  'cat-magenta': ['surface', 'cat-magenta-soft'],
  'cat-teal': ['surface', 'cat-teal-soft'],
  'pink-strong': ['surface', 'pink-soft'],
  branch: ['surface', 'canvas-bg', 'warn-soft'],
};

/** Non-text marks that must stand out from their surface (WCAG 1.4.11, 3:1): control borders. */
const marks: Record<string, string[]> = {
  'control-border': ['surface', 'surface-2'],
  accent: ['surface'],
  danger: ['surface'],
  'on-accent': ['accent-mid'],
};

describe('design tokens', () => {
  it('every colour token is a colour CSS can read', () => {
    const colours = [...tokens].filter(([, v]) => /^(#|rgb)/.test(v));
    expect(colours.length).toBeGreaterThan(40);
    for (const [, v] of colours) expect(() => new Color(v)).not.toThrow();
  });

  for (const [fg, bgs] of Object.entries(text)) {
    for (const bg of bgs) {
      it(`--${fg} on --${bg} reaches 4.5:1 (AA text)`, () => {
        expect(ratio(fg, bg)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
  for (const [fg, bgs] of Object.entries(marks)) {
    for (const bg of bgs) {
      it(`--${fg} on --${bg} reaches 3:1 (AA non-text)`, () => {
        expect(ratio(fg, bg)).toBeGreaterThanOrEqual(3);
      });
    }
  }

  it('the smallest type step is 11 px', () => {
    const sizes = [...tokens].filter(([k]) => k.startsWith('text-') && /px$/.test(tokens.get(k)!));
    expect(Math.min(...sizes.map(([, v]) => parseFloat(v)))).toBe(11);
  });
});
