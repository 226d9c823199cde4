import * as Y from 'yjs';
import { recordKinds } from '@journeycraft/schema';
import { collection, metaMap } from './layout.js';
import type { TxOrigin } from './origin.js';
import { TRASH } from './trash.js';

/**
 * Per-user undo: tracks only transactions made with `origin`, so a user undoes their own
 * changes and never someone else's (a delete and its trash entry are undone together). Edits
 * within `captureTimeout` ms merge into one step.
 */
export function createUndoManager(doc: Y.Doc, origin: TxOrigin, captureTimeout = 400): Y.UndoManager {
  const roots = [metaMap(doc), doc.getMap(TRASH), ...recordKinds.map((k) => collection(doc, k))];
  const scope = roots as Array<Y.AbstractType<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Y.UndoManager(scope, { trackedOrigins: new Set([origin]), captureTimeout });
}
