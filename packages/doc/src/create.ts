import * as Y from 'yjs';
import type { MapSnapshot } from '@journeycraft/schema';
import { applySnapshot } from './write.js';
import { serverOrigin } from './origin.js';

/** A new, empty map doc. gc stays on: deleted content is collected. */
export function createMapDoc(): Y.Doc {
  return new Y.Doc();
}

/** A doc holding the given snapshot (for templates and duplicates). */
export function docFromSnapshot(snap: MapSnapshot): Y.Doc {
  const doc = createMapDoc();
  applySnapshot(doc, snap, serverOrigin('template'));
  return doc;
}
