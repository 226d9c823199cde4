import { useEffect, type ReactNode } from 'react';
import { Link } from 'wouter';
import { Shell } from '../components/Shell';
import { forgetSession, useJoinedSession } from '../workshop/tokens';
import type { MapLookup } from './useMapConnection';
import { Button } from '@journeycraft/ui';

/** A full-page problem (no map, no access) with a way back to the list. */
function ProblemPage({
  code,
  pageTitle,
  title,
  text,
  alert = false,
  children,
}: {
  code: string;
  pageTitle: string;
  title: string;
  text: string;
  alert?: boolean;
  children?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${pageTitle} · Journeycraft`;
  }, [pageTitle]);
  return (
    <Shell>
      <div className="page page-narrow">
        <div className="empty not-found">
          <p className="not-found-code" aria-hidden="true">
            {code}
          </p>
          <h1 className="empty-title">{title}</h1>
          <p className="empty-text" role={alert ? 'alert' : undefined}>
            {text}
          </p>
          {children}
          <Link href="/" className="btn btn-primary">
            Back to all maps
          </Link>
        </div>
      </div>
    </Shell>
  );
}

/**
 * No access, in the server's words: signed in but not shared with (403: whom to ask, by name when
 * the server says it), or nobody signed in / a link that was revoked or has expired (401).
 */
export function MapDenied({ mapId, lookup }: { mapId: string; lookup: Extract<MapLookup, { kind: 'denied' }> }) {
  const joined = useJoinedSession(mapId);
  const { message, forbidden } = lookup;
  return (
    <ProblemPage
      code={forbidden ? '403' : '401'}
      pageTitle="No access"
      alert
      title={forbidden ? 'You have no access to this map' : 'You cannot open this map'}
      text={`${message.charAt(0).toUpperCase()}${message.slice(1)}.`}
    >
      {joined ? <Button onClick={() => forgetSession(mapId)}>Forget my invitation</Button> : null}
    </ProblemPage>
  );
}

/** No map at this address, or it was deleted while open. */
export function MapNotFound({ deleted = false }: { deleted?: boolean }) {
  return (
    <ProblemPage
      code="404"
      pageTitle="Map not found"
      title={deleted ? 'This map was deleted' : 'Map not found'}
      text={
        deleted
          ? 'Someone deleted this map while you had it open. Your other maps are still there.'
          : 'There is no map at this address. It may have been deleted, or the link may be incomplete.'
      }
    />
  );
}
