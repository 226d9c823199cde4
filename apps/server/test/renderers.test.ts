import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/index.js';

const loaded = (lib: string) =>
  Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes(`/node_modules/${lib}/`));

describe('the sync process does not hold the document renderers', () => {
  it('loading the server loads neither docx, exceljs, pdfmake nor docxtemplater (they load in the export workers)', async () => {
    expect(typeof startServer).toBe('function');
    for (const lib of ['docx', 'exceljs', 'pdfmake', 'docxtemplater', 'pizzip']) expect(loaded(lib), lib).toBe(false);
    // The check itself works: a library this process did load is seen.
    expect(loaded('better-sqlite3')).toBe(true);
  });
});
