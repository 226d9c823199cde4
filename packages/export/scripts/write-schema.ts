/** Writes document.schema.json from the Zod schemas: `pnpm --filter @journeycraft/export schema`. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { documentJsonSchema } from '../src/index.js';

const target = fileURLToPath(new URL('../document.schema.json', import.meta.url));
fs.writeFileSync(target, `${JSON.stringify(documentJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
