import fs from 'node:fs';
import { exportRole, sampleSupportMap } from './src/index.js';
const map = sampleSupportMap();
const now = new Date('2026-03-02T09:00:00Z');
const kinds = process.argv.slice(2);
for (const kind of kinds) for (const fmt of ['pdf', 'docx', 'md'] as const) {
  const f = await exportRole(map, 'r-agent', kind as any, fmt, { now });
  fs.writeFileSync(`/tmp/hr2/${f.filename}`, f.bytes);
}
