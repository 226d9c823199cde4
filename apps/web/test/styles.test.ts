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

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(path.join(dir, e.name)) : e.name.endsWith('.tsx') ? [path.join(dir, e.name)] : [],
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
          /^\.(btn|input|field|field-error|field-hint|field-count|field-row|check|check-card|check-field|segmented|segment|file-input|dialog|dialog-actions|toast|jc-btn|jc-input|jc-field|jc-field-error|jc-field-hint|jc-field-count)(?=[\s{,:[])/gm,
        ),
      ].map((m) => `${path.relative(root, f)}: .${m[1]}`),
    );
    expect(own).toEqual([]);
  });

  it('leave error lines to the kit: no component writes a field error line by hand (ErrorLine does)', () => {
    const components = [
      ...tsxFiles(path.join(root, 'apps/web/src')),
      ...tsxFiles(path.join(root, 'packages/canvas/src')),
    ];
    const own = components.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/className=["'{`]+(?:jc-)?field-error/g)].map(
        () => `${path.relative(root, f)}`,
      ),
    );
    expect(own).toEqual([]);
  });
});

/**
 * Native controls written outside the kit, each with the reason it is not a kit component. The
 * count is how many the file may hold; a new one anywhere else fails.
 */
const ownControls: Record<string, { count: number; reason: string }> = {
  'packages/canvas/src/react/nodes/HeaderNodes.tsx': {
    count: 1,
    reason:
      'the in-place title editor of a stage or lane header: it takes the header’s own type and size on the canvas',
  },
  'packages/canvas/src/react/nodes/StickyNodes.tsx': {
    count: 2,
    reason: 'the in-place editors of a sticky’s text and a cluster’s name: they are the sticky and the cluster, zoomed',
  },
  'packages/canvas/src/react/Toolbar.tsx': {
    count: 1,
    reason: 'the toolbar’s search: a borderless input inside the search box, which draws the border and the icon',
  },
  'packages/canvas/src/react/panel/SidePanel.tsx': {
    count: 2,
    reason: 'a persona’s colour: the browser’s own colour picker, shown as a swatch in its label',
  },
};

describe('components of web and canvas use the kit for every control', () => {
  const components = [
    ...tsxFiles(path.join(root, 'apps/web/src')),
    ...tsxFiles(path.join(root, 'packages/canvas/src')),
  ];

  it('write no <input>, <select>, <textarea>, <button> or <label> by hand (Field, Input, Select, TextArea, Check, Button…)', () => {
    const found: Record<string, number> = {};
    for (const f of components) {
      const n = [...readFileSync(f, 'utf8').matchAll(/<(input|select|textarea|button|label)(?=[\s/>])/g)].length;
      if (n) found[path.relative(root, f)] = n;
    }
    const allowed = Object.fromEntries(Object.entries(ownControls).map(([f, { count }]) => [f, count]));
    expect(found).toEqual(allowed);
  });

  it('never ask or tell with the browser’s own boxes (ConfirmDialog, ErrorLine and Toast do)', () => {
    const own = components.flatMap((f) =>
      [
        ...readFileSync(f, 'utf8').matchAll(
          /\b(?:window\.|globalThis\.)?(?<![.\w])(alert|prompt)\(|\bwindow\.(confirm|alert|prompt)\b/g,
        ),
      ].map((m) => `${path.relative(root, f)}: ${m[0]}`),
    );
    expect(own).toEqual([]);
  });
});
