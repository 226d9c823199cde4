/**
 * Typed transaction origins. Every write to a map doc names where it came from, so undo
 * (tracks only the local user's origin), persistence and fan-out can tell edits apart.
 * Origins are compared by identity: create one per user/session and reuse it.
 */
export type TxOrigin =
  | { readonly type: 'user'; readonly userId: string }
  | { readonly type: 'server'; readonly reason: ServerReason }
  | { readonly type: 'import'; readonly source: string };

export type ServerReason =
  | 'create'
  | 'rename'
  | 'duplicate'
  | 'template'
  | 'restore'
  | 'migration'
  /** HR facts of a role changed through the REST API; a job posting opened at its first export. */
  | 'hr-facts';

/** Origin for one local user's edits; pass the same object to mutations and to the undo manager. */
export function userOrigin(userId: string): TxOrigin {
  return Object.freeze({ type: 'user', userId });
}

/** Origin for edits the server makes itself (rename via REST, templates, restores). */
export function serverOrigin(reason: ServerReason): TxOrigin {
  return Object.freeze({ type: 'server', reason });
}

/** Origin for bulk imports (templates, framework files). */
export function importOrigin(source: string): TxOrigin {
  return Object.freeze({ type: 'import', source });
}

/** True if a transaction origin is one of ours (as opposed to a provider or unknown origin). */
export function isTxOrigin(origin: unknown): origin is TxOrigin {
  return (
    typeof origin === 'object' &&
    origin !== null &&
    'type' in origin &&
    ((origin as { type: unknown }).type === 'user' ||
      (origin as { type: unknown }).type === 'server' ||
      (origin as { type: unknown }).type === 'import')
  );
}
