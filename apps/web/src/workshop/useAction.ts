import { useCallback, useState } from 'react';
import { messageOf } from '../client';

/**
 * Runs an async action for a form or button: `busy` while it runs, its failure kept as a readable
 * `error` to show in place. `run` resolves true when the action succeeded.
 */
export function useAction(): {
  error: string | null;
  busy: boolean;
  run: (fn: () => Promise<void> | void) => Promise<boolean>;
  setError: (message: string | null) => void;
} {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (fn: () => Promise<void> | void) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(messageOf(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, busy, run, setError };
}
