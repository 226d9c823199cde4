import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'jc-export-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Converts DOCX files to PDF with LibreOffice headless (one soffice call for all of them, with its
 * own profile so it never clashes with another running instance) and returns each file's text
 * extracted by pdftotext, keyed by the DOCX file name.
 */
export function docxToText(files: Record<string, Uint8Array>): Record<string, string> {
  const dir = tempDir('jc-soffice-');
  const names = Object.keys(files);
  for (const name of names) fs.writeFileSync(path.join(dir, name), files[name]!);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      path.join(dir, 'pdf'),
      ...names.map((n) => path.join(dir, n)),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const out: Record<string, string> = {};
  for (const name of names) {
    const pdf = path.join(dir, 'pdf', name.replace(/\.docx$/, '.pdf'));
    out[name] = pdfToText(fs.readFileSync(pdf));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

/** Text of a PDF, via pdftotext, with whitespace collapsed. */
export function pdfToText(pdf: Uint8Array): string {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  }).toString('utf8');
  return text.replace(/\s+/g, ' ');
}

/** The sample map's role for a kind: the team lead (3 seats) has the succession plan, the agent (24 seats) the rest. */
export const roleFor = (kind: string) => (kind === 'succession-plan' ? 'r-lead' : 'r-agent');
