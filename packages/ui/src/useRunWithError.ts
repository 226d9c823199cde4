import { useCallback, useRef, useState } from 'react';

/** The readable message of anything thrown: an Error's message, else a plain sentence. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong.';
}

export interface RunWithError {
  /** The message of the last failure, until the next run (or setError). */
  error: string | null;
  /** True while an action runs. */
  busy: boolean;
  /** Runs `fn`; resolves true when it succeeded, false when it threw (its message is kept in `error`). */
  run: (fn: () => Promise<unknown> | unknown) => Promise<boolean>;
  setError: (message: string | null) => void;
}

/**
 * Runs an async action for a form, button or dialog: `busy` while it runs, and its failure kept as
 * a readable `error` to show in place (with ErrorLine), never swallowed. `messageOf` turns what was
 * thrown into words (default: the Error's message).
 */
export function useRunWithError(messageOf: (error: unknown) => string = errorMessage): RunWithError {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef(messageOf);
  messageRef.current = messageOf;
  const run = useCallback(async (fn: () => Promise<unknown> | unknown) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(messageRef.current(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, setError };
}
