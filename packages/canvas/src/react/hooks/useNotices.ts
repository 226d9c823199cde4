import { useCallback, useEffect, useRef, useState } from 'react';
import type { MapStore } from '@journeycraft/doc';
import type { Comment } from '@journeycraft/schema';

/** How long a notice (copied, pasted, refused) stays up. */
export const NOTICE_MS = 4000;
/** How long a "mentioned you" notice stays up. */
export const MENTION_MS = 8000;

export interface Mention {
  text: string;
  targetId: string;
}

/**
 * The canvas's short notices: `notify` shows one line (the last one wins) for a few seconds;
 * `mention` appears when someone else mentions this person in a comment that arrives after the
 * canvas opened (comments already there when it opened never notify).
 */
export function useNotices(
  store: MapStore,
  comments: readonly Comment[],
  userName: string,
): {
  notice: string | null;
  notify: (text: string | null) => void;
  mention: Mention | null;
  dismissMention: () => void;
} {
  const [notice, notify] = useState<string | null>(null);
  const [mention, setMention] = useState<Mention | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => notify(null), NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice]);

  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!seen.current) {
      seen.current = new Set(comments.map((c) => c.id));
      return;
    }
    for (const c of comments) {
      if (seen.current.has(c.id)) continue;
      seen.current.add(c.id);
      if (c.authorName !== userName && c.mentions.includes(userName)) {
        const target = store.getRecord('touchpoints', c.targetId);
        setMention({
          text: `${c.authorName} mentioned you on “${target?.title ?? 'a touchpoint'}”`,
          targetId: c.targetId,
        });
      }
    }
  }, [comments, userName, store]);
  useEffect(() => {
    if (!mention) return;
    const t = setTimeout(() => setMention(null), MENTION_MS);
    return () => clearTimeout(t);
  }, [mention]);
  const dismissMention = useCallback(() => setMention(null), []);
  return { notice, notify, mention, dismissMention };
}
