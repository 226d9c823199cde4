import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { JourneycraftError } from '@journeycraft/schema';
import { exportRoleDocument } from '../src/export/api';
import { filenameFrom, readBody, type DownloadProgress } from '../src/client';
import { DownloadStatus, ErrorNotice, PaperField } from '../src/export/ui';
import { sharedFormats } from '../src/export/RoleDocuments';
import { sampleText } from '../src/export/TemplateFields';
import { isText } from '../src/export/CustomTemplateForm';

function streamOf(chunks: number[], headers: Record<string, string>): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const n of chunks) controller.enqueue(new Uint8Array(n).fill(65));
      controller.close();
    },
  });
  return new Response(body, { headers });
}

afterEach(() => vi.unstubAllGlobals());

describe('downloads', () => {
  it('reports bytes received after each chunk, against Content-Length', async () => {
    const seen: DownloadProgress[] = [];
    const blob = await readBody(
      streamOf([400, 300, 300], { 'content-length': '1000', 'content-type': 'application/zip' }),
      (p) => seen.push(p),
    );
    expect(blob.size).toBe(1000);
    expect(blob.type).toBe('application/zip');
    expect(seen).toEqual([
      { received: 0, total: 1000 },
      { received: 400, total: 1000 },
      { received: 700, total: 1000 },
      { received: 1000, total: 1000 },
    ]);
  });

  it('has no total when the server sends no length, or more than it said', async () => {
    const seen: DownloadProgress[] = [];
    await readBody(streamOf([10, 10], {}), (p) => seen.push(p));
    expect(seen.map((p) => p.total)).toEqual([null, null, null]);
    const over: DownloadProgress[] = [];
    await readBody(streamOf([10, 10], { 'content-length': '15' }), (p) => over.push(p));
    expect(over.at(-1)).toEqual({ received: 20, total: null });
  });

  it("saves under the server's file name, UTF-8 first, never with a path", () => {
    expect(filenameFrom(`attachment; filename="x.docx"; filename*=UTF-8''caf%C3%A9-agent.docx`, 'f')).toBe(
      'café-agent.docx',
    );
    expect(filenameFrom('attachment; filename="plain.pdf"', 'f')).toBe('plain.pdf');
    expect(filenameFrom('attachment; filename=../../etc/passwd', 'f')).toBe('.._.._etc_passwd');
    expect(filenameFrom(null, 'fallback.zip')).toBe('fallback.zip');
  });

  it("turns a 4xx answer into the server's error, with its issues", async () => {
    const body = {
      error: { code: 'bad_request', message: 'format "jsonld" is not available for interview-guide', issues: [] },
    };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify(body), { status: 400 }));
    const failure = await exportRoleDocument('m1', 'r1', 'interview-guide', 'jsonld').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JourneycraftError);
    expect((failure as JourneycraftError).message).toBe('format "jsonld" is not available for interview-guide');
    expect((failure as JourneycraftError).code).toBe('bad_request');
  });

  it('asks for the kind and format of a role document and names the file from the answer', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      return new Response('PK', {
        headers: { 'content-disposition': 'attachment; filename="agent-job-ad.jsonld"' },
      });
    });
    const file = await exportRoleDocument('m 1', 'r1', 'job-ad', 'jsonld', {
      organization: 'Northwind',
      validThrough: '',
    });
    expect(calls).toEqual(['/api/maps/m%201/roles/r1/export?kind=job-ad&format=jsonld&organization=Northwind']);
    expect(file.filename).toBe('agent-job-ad.jsonld');
  });
});

describe('download status', () => {
  it('shows a progress bar with bytes while receiving, indeterminate without a total', () => {
    const known = renderToStaticMarkup(
      <DownloadStatus
        state={{
          status: 'receiving',
          label: 'documents (zip)',
          progress: { received: 512 * 1024, total: 2048 * 1024 },
        }}
        errorLabel="x"
      />,
    );
    expect(known).toContain('role="progressbar"');
    expect(known).toContain('aria-valuenow="25"');
    expect(known).toContain('512 KB of 2.0 MB');
    const unknown = renderToStaticMarkup(
      <DownloadStatus
        state={{ status: 'receiving', label: 'documents (zip)', progress: { received: 3000, total: null } }}
        errorLabel="x"
      />,
    );
    expect(unknown).toContain('progress-indeterminate');
    expect(unknown).not.toContain('aria-valuenow');
    expect(unknown).toContain('2.9 KB received');
    const preparing = renderToStaticMarkup(
      <DownloadStatus state={{ status: 'preparing', label: 'the plan' }} errorLabel="x" />,
    );
    expect(preparing).toContain('Preparing the plan…');
  });

  it('lists line-numbered issues in line order under a short headline', () => {
    const html = renderToStaticMarkup(
      <ErrorNotice
        label="Assessment problems"
        message="the assessments CSV has errors: line 3: b; line 2: a"
        issues={[
          { path: 'line 3', message: 'b' },
          { path: 'line 2', message: 'a' },
        ]}
      />,
    );
    expect(html).toContain('The assessments CSV has errors</p>');
    expect(html.indexOf('Line 2')).toBeLessThan(html.indexOf('Line 3'));
  });
});

describe('paper size', () => {
  it("shows the workspace's paper until another is chosen, and says so where it cannot be read", () => {
    const selected = (html: string) => /<option[^>]*selected=""[^>]*>([^<]*)</.exec(html)?.[1];
    const none = () => undefined;
    expect(selected(renderToStaticMarkup(<PaperField chosen={undefined} workspace="Letter" onChange={none} />))).toBe(
      'US Letter (HR settings)',
    );
    expect(selected(renderToStaticMarkup(<PaperField chosen="A4" workspace="Letter" onChange={none} />))).toBe('A4');
    const unread = renderToStaticMarkup(<PaperField chosen={undefined} workspace={undefined} onChange={none} />);
    expect(selected(unread)).toBe('As in the HR settings');
  });

  it('asks the server for the paper chosen', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      calls.push(url);
      return new Response('%PDF', { headers: { 'content-disposition': 'attachment; filename="g.pdf"' } });
    });
    await exportRoleDocument('m1', 'r1', 'interview-guide', 'pdf', { paperSize: 'Letter' });
    await exportRoleDocument('m1', 'r1', 'interview-guide', 'pdf', {});
    expect(calls).toEqual([
      '/api/maps/m1/roles/r1/export?kind=interview-guide&format=pdf&paperSize=Letter',
      '/api/maps/m1/roles/r1/export?kind=interview-guide&format=pdf',
    ]);
  });
});

describe('export helpers', () => {
  it('offers for a zip only the formats every kind has', () => {
    expect(
      sharedFormats([
        { kind: 'a', label: 'A', description: '', scope: 'role', formats: ['docx', 'pdf', 'jsonld'] },
        { kind: 'b', label: 'B', description: '', scope: 'role', formats: ['docx', 'pdf', 'csv'] },
      ]),
    ).toEqual(['docx', 'pdf']);
  });

  it('shows sample values in one short line', () => {
    expect(sampleText('Contact centre agent', 'text')).toBe('“Contact centre agent”');
    expect(sampleText(['Handle calls', 'Log'], 'list of text')).toBe('2 items, first “Handle calls”');
    expect(sampleText(true, 'yes/no')).toBe('yes');
    expect(sampleText(75, 'number')).toBe('75');
    expect(sampleText(undefined, 'text')).toBeNull();
  });
});

describe('template previews', () => {
  it('shows text, Markdown, HTML and JSON here, and never prints a Word document as bytes', () => {
    for (const t of [
      'text/markdown; charset=utf-8',
      'text/html',
      'text/plain',
      'application/json',
      'application/ld+json',
    ])
      expect(isText(t), t).toBe(true);
    expect(isText('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(false);
    expect(isText('application/pdf')).toBe(false);
    expect(isText('application/zip')).toBe(false);
  });
});
