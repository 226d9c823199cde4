import { useEffect, useState } from 'react';
import * as decoding from 'lib0/decoding';
import type { MapSession } from '../session';
import { Button } from '@journeycraft/ui';

/** Message type of the server's notices (see apps/server/src/sync/protocol.ts). */
const MESSAGE_NOTICE = 4;

/** The server refused a change of ours, and why (its copy is what everyone sees). */
export interface RefusalNotice {
  id: number;
  message: string;
  /** Our copy holds changes the server never took: load the map again from the server. */
  resync: boolean;
}

let nextId = 1;

/** Listens for the server's refusal notices on a session's connection. */
export function useRefusalNotices(session: MapSession | null): [RefusalNotice[], (id: number) => void] {
  const [notices, setNotices] = useState<RefusalNotice[]>([]);
  useEffect(() => {
    if (!session) return;
    const handlers = session.provider.messageHandlers;
    handlers[MESSAGE_NOTICE] = (_encoder, decoder) => {
      let notice: { message?: unknown; resync?: unknown };
      try {
        notice = JSON.parse(decoding.readVarString(decoder)) as typeof notice;
      } catch {
        return;
      }
      if (typeof notice.message !== 'string') return;
      const entry = { id: nextId++, message: notice.message, resync: notice.resync === true };
      setNotices((list) => [...list.filter((n) => n.message !== entry.message), entry].slice(-3));
    };
    return () => {
      delete handlers[MESSAGE_NOTICE];
    };
  }, [session]);
  const dismiss = (id: number) => setNotices((list) => list.filter((n) => n.id !== id));
  return [notices, dismiss];
}

/** What the server refused, shown until dismissed; nothing a person did is refused silently. */
export function RefusalNotices({ session }: { session: MapSession | null }) {
  const [notices, dismiss] = useRefusalNotices(session);
  if (!notices.length) return null;
  return (
    <div className="refusal-notices" data-testid="refusal-notices">
      {notices.map((n) => (
        <div key={n.id} className="notice notice-warn" role="alert">
          <span>{n.message}</span>
          {n.resync && session ? (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => void session.persistence.clearData().then(() => window.location.reload())}
            >
              Reload from the server
            </Button>
          ) : null}
          <Button variant="ghost" size="sm" onClick={() => dismiss(n.id)}>
            Dismiss
          </Button>
        </div>
      ))}
    </div>
  );
}
