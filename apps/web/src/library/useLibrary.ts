import { useCallback, useEffect, useState } from 'react';
import { builtinLibrary } from '@journeycraft/library';
import { messageOf } from '../client';
import { listLibrary, type LibraryEntry } from './api';

export interface LibraryState {
  /** The entries, or the built-in library while loading or when the server cannot be reached. */
  entries: readonly LibraryEntry[];
  status: 'loading' | 'ready' | 'error';
  /** Why the server's library could not be loaded. */
  error: string | null;
  /** Loads the list again (after an edit or an import). */
  reload: () => Promise<void>;
  /** Replaces the list with a known new state without a round trip. */
  setEntries: (update: (entries: readonly LibraryEntry[]) => readonly LibraryEntry[]) => void;
}

const BUILTIN: readonly LibraryEntry[] = builtinLibrary.map((c) => ({ ...c, origin: 'builtin' as const }));

/** The workspace library from the server, with the built-ins as the fallback when it is unreachable. */
export function useLibrary(): LibraryState {
  const [entries, setList] = useState<readonly LibraryEntry[]>([]);
  const [status, setStatus] = useState<LibraryState['status']>('loading');
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const list = await listLibrary();
      setList(list);
      setStatus('ready');
      setError(null);
    } catch (err) {
      setStatus('error');
      setError(messageOf(err));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const setEntries = useCallback((update: (e: readonly LibraryEntry[]) => readonly LibraryEntry[]) => {
    setList((current) => update(current));
  }, []);

  return {
    entries: status === 'ready' ? entries : status === 'error' && entries.length === 0 ? BUILTIN : entries,
    status,
    error,
    reload,
    setEntries,
  };
}
