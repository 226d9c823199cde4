import { strToU8, zipSync } from 'fflate';
import { applySnapshot, serverOrigin } from '@journeycraft/doc';
import { sampleSupportMap } from '@journeycraft/export';
import { openSqliteStorage, Rooms, silentLogger } from '../src/index.js';
import { ownerApp } from './auth-helpers.js';

/** An in-memory app with one map holding the sample support-call map (roles, competencies…), as its owner. */
export async function sampleMapApp(title = 'Billing support call', options: { mapRestoreMs?: number } = {}) {
  const storage = openSqliteStorage(':memory:');
  const rooms = new Rooms({ storage, log: silentLogger, compactEvery: 500, idleMs: 60_000 });
  const app = ownerApp({ storage, rooms, log: silentLogger, maxBodyBytes: 1024 * 1024, ...options });
  const created = await app.request('/api/maps', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  const { id } = (await created.json()) as { id: string };
  await rooms.withDoc(id, (doc) => applySnapshot(doc, sampleSupportMap(), serverOrigin('template')));
  return { app, id, storage, rooms };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

/** A paragraph of Word XML with the given text (tags included). */
export const wordParagraph = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

/** A minimal Word document whose body is the given XML, with extra parts if any. */
export function wordDocument(
  body: string,
  options: { level?: 0 | 6 | 9; parts?: Record<string, Uint8Array> } = {},
): Uint8Array<ArrayBuffer> {
  const zip = zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(RELS),
      'word/document.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
      ),
      ...options.parts,
    },
    { level: options.level ?? 6 },
  );
  return new Uint8Array(zip);
}

/** A minimal Word document whose paragraphs are the given lines (tags included). */
export function minimalDocx(lines: string[]): Uint8Array<ArrayBuffer> {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return wordDocument(lines.map((l) => wordParagraph(esc(l))).join(''));
}
