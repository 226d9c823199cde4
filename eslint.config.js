// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Package boundaries: dependencies point one way
 * (schema <- doc <- doc-react <- canvas <- web; schema <- picture <- canvas/export/server/web; ui <- canvas/web; schema <- profiles <- export; server uses schema/doc/profiles/export),
 * and nobody imports another package's internals (`@journeycraft/x/src/...`).
 */
const allowed = {
  'packages/schema': [],
  'packages/doc': ['schema'],
  'packages/doc-react': ['schema', 'doc'],
  'packages/ui': [],
  'packages/picture': ['schema'],
  'packages/canvas': ['schema', 'picture', 'doc', 'doc-react', 'ui'],
  'packages/profiles': ['schema'],
  'packages/library': ['schema'],
  'packages/export': ['schema', 'profiles', 'library', 'picture'],
  'apps/server': ['schema', 'doc', 'profiles', 'export', 'library', 'picture'],
  'apps/web': ['schema', 'doc', 'doc-react', 'ui', 'picture', 'canvas', 'profiles', 'export', 'library'],
};
const all = ['schema', 'picture', 'doc', 'doc-react', 'ui', 'canvas', 'profiles', 'library', 'export', 'server', 'web'];

const boundaries = Object.entries(allowed).map(([dir, deps]) => ({
  files: [`${dir}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['@journeycraft/*/*'], message: 'Import a package by its public entry only (no deep imports).' },
          ...all
            .filter((p) => !deps.includes(p) && !dir.endsWith(`/${p}`))
            .map((p) => ({
              group: [`@journeycraft/${p}`],
              message: `${dir} may not depend on @journeycraft/${p} (see ARCHITECTURE.md: dependencies point one way).`,
            })),
          { group: ['../../*/src/*', '../../../packages/*'], message: 'No relative imports into another package.' },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/artifacts/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        globalThis: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        structuredClone: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        document: 'readonly',
        window: 'readonly',
        localStorage: 'readonly',
        location: 'readonly',
        history: 'readonly',
        navigator: 'readonly',
        crypto: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...boundaries,
);
