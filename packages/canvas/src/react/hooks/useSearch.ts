import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Touchpoint } from '@journeycraft/schema';
import { searchCards } from '../../core/commands.js';

/**
 * Search on the map: the matches of the query and stepping through them. `onMatch` gets the
 * card stepped to (the canvas brings it into view and selects it, rendered or not).
 */
export function useSearch(
  touchpoints: readonly Touchpoint[],
  onMatch: (id: string) => void,
): {
  query: string;
  setQuery: (q: string) => void;
  matchList: string[] | null;
  matches: ReadonlySet<string> | null;
  matchIndex: number;
  gotoMatch: (step: number) => void;
} {
  const [query, setQuery] = useState('');
  const [matchIndex, setMatchIndex] = useState(0);
  const matchList = useMemo(() => searchCards(touchpoints, query), [query, touchpoints]);
  const matches = useMemo(() => (matchList ? new Set(matchList) : null), [matchList]);
  const gotoMatch = useCallback(
    (step: number) => {
      if (!matchList?.length) return;
      const i = (((matchIndex + step) % matchList.length) + matchList.length) % matchList.length;
      setMatchIndex(i);
      onMatch(matchList[i]!);
    },
    [matchList, matchIndex, onMatch],
  );
  useEffect(() => setMatchIndex(-1), [query]);
  return { query, setQuery, matchList, matches, matchIndex, gotoMatch };
}
