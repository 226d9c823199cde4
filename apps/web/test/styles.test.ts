import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? cssFiles(path.join(dir, e.name)) : e.name.endsWith('.css') ? [path.join(dir, e.name)] : [],
  );
}

const sheets = [...cssFiles(path.join(root, 'apps/web/src')), ...cssFiles(path.join(root, 'packages/canvas/src'))];
const tokens = readFileSync(path.join(root, 'packages/ui/src/tokens.css'), 'utf8');
const kit = readFileSync(path.join(root, 'packages/ui/src/kit.css'), 'utf8');
const defined = new Set(
  [tokens, kit, ...sheets.map((f) => readFileSync(f, 'utf8'))].flatMap((s) =>
    [...s.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!),
  ),
);
/** Set inline by the canvas from data (a lane's, a person's or a persona's colour). */
const inline = new Set(['--lane', '--peer', '--persona']);

describe('stylesheets of web and canvas use the design kit', () => {
  it('write no colour of their own: every colour is a token of @journeycraft/ui', () => {
    const found = sheets.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/#[0-9a-fA-F]{3,8}\b/g)].map((m) => `${path.relative(root, f)}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('use only custom properties that are defined (no fallback hides a missing token)', () => {
    const missing = sheets.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/var\((--[\w-]+)/g)]
        .map((m) => m[1]!)
        .filter((name) => !defined.has(name) && !inline.has(name))
        .map((name) => `${path.relative(root, f)}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('leave the controls to the kit: no sheet defines .btn, .input, .field or an error line of its own', () => {
    const own = sheets.flatMap((f) =>
      [
        ...readFileSync(f, 'utf8').matchAll(
          /^\.(btn|input|field|field-error|jc-btn|jc-input|jc-field-error)(?=[\s{,:])/gm,
        ),
      ].map((m) => `${path.relative(root, f)}: .${m[1]}`),
    );
    expect(own).toEqual([]);
  });
});
