import { useMemo } from 'react';
import type { PresenceUser } from '@journeycraft/doc-react';
import { useAuth } from '../auth/authStore';
import { useLocalUser } from '../identity';
import { useJoinedSession } from '../workshop/tokens';

/** Who this browser is on one map, for presence, cursors and authorship. */
export interface MapUser {
  user: PresenceUser;
  /** The name is the signed-in account's (nothing to ask, nothing to change here). */
  fromAccount: boolean;
  /** A name was chosen already (always, for an account). */
  chosen: boolean;
}

/**
 * The person on map `mapId`: a signed-in member is their account (its display name, which the
 * server stamps on their presence and what they write anyway); a guest who joined the map by link
 * is the name they typed when joining (kept in this browser). The colour is this browser's.
 */
export function useMapUser(mapId: string): MapUser {
  const local = useLocalUser();
  const joined = useJoinedSession(mapId);
  const auth = useAuth();
  const accountName = !joined && auth.status === 'ready' ? (auth.account?.name ?? null) : null;
  const { user, chosen } = local;
  return useMemo(
    () =>
      accountName !== null
        ? { user: { name: accountName, color: user.color }, fromAccount: true, chosen: true }
        : { user, fromAccount: false, chosen },
    [accountName, user, chosen],
  );
}
