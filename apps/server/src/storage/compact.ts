import * as Y from 'yjs';
import type { Storage } from './types.js';

/**
 * Folds a map's stored updates into its snapshot, working from what is stored (not from a
 * room's memory), so it is safe while other instances append: only the rows it read are
 * removed, and a concurrent compaction makes it give up (returns false) instead of overwriting.
 */
export async function compactStored(storage: Storage, mapId: string): Promise<boolean> {
  const stored = await storage.loadDoc(mapId);
  if (stored.updates.length === 0) return true;
  const doc = new Y.Doc();
  try {
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    const snapshot = Y.encodeStateAsUpdate(doc);
    return await storage.compact(mapId, snapshot, { snapshotVersion: stored.snapshotVersion, seqs: stored.seqs });
  } finally {
    doc.destroy();
  }
}
