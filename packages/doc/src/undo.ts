import * as Y from 'yjs';
import { recordKinds } from '@journeycraft/schema';
import { collection, metaMap } from './layout.js';
import type { TxOrigin } from './origin.js';

/**
 * Per-user undo: tracks only transactions made with `origin`, so a user undoes their own
 * changes and never someone else's. Edits within `captureTimeout` ms merge into one step.
 */
export function createUndoManager(doc: Y.Doc, origin: TxOrigin, captureTimeout = 400): Y.UndoManager {
  const scope = [metaMap(doc), ...recordKinds.map((k) => collection(doc, k))] as Array<Y.AbstractType<any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Y.UndoManager(scope, { trackedOrigins: new Set([origin]), captureTimeout });
}
