import fs from 'node:fs';
import { exportRole, sampleSupportMap } from './src/index.js';
const map = sampleSupportMap();
const now = new Date('2026-03-02T09:00:00Z');
for (const [kind, opts] of [['interview-guide', {}], ['scorecard', {}], ['interview-guide', { panel: 2, panelMember: 2 }]] as const) {
  for (const fmt of ['pdf', 'docx', 'md'] as const) {
    const f = await exportRole(map, 'r-agent', kind, fmt, { now, ...opts });
    fs.writeFileSync(`/tmp/hr2/${f.filename.replace(/\.(\w+)$/, (opts as any).panelMember ? '-m2.$1' : '.$1')}`, f.bytes);
  }
}
