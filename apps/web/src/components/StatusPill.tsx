import type { ConnectionState } from '@journeycraft/doc-react';

function changes(n: number): string {
  return `${n} ${n === 1 ? 'change' : 'changes'}`;
}

/**
 * The connection pill: "Connecting…" until the socket opens, "Loading…" until the first full
 * sync, "Saving…" while the server has not yet acknowledged local changes, "Saved" once it has,
 * "Offline — n changes waiting" when the socket is down or silent (edits stay in this browser and
 * merge on reconnect). `data-loaded` turns true only after the first sync with the server;
 * `data-pending` is the number of unacknowledged local changes.
 */
export function StatusPill({ state, pending = 0 }: { state: ConnectionState; pending?: number }) {
  const { status, synced, loaded, closed } = state;
  let tone: 'live' | 'pending' | 'offline' | 'closed';
  let text: string;
  let hint: string;
  if (closed) {
    tone = 'closed';
    text = closed.code === 4404 ? 'Deleted' : 'Disconnected';
    hint = closed.code === 4404 ? 'This map was deleted.' : `The server closed the connection (${closed.code}).`;
  } else if (status === 'connected' && synced && pending > 0) {
    tone = 'pending';
    text = 'Saving…';
    hint = `Connected. Waiting for the server to confirm ${changes(pending)}.`;
  } else if (status === 'connected' && synced) {
    tone = 'live';
    text = 'Saved';
    hint = 'Connected. Every change is stored on the server and shared.';
  } else if (status === 'connected' && !loaded) {
    tone = 'pending';
    text = 'Loading…';
    hint = 'Connected. Loading the map from the server.';
  } else if (status === 'connecting' && !loaded) {
    tone = 'pending';
    text = 'Connecting…';
    hint = 'Connecting to the server.';
  } else {
    tone = 'offline';
    text = pending > 0 ? `Offline — ${changes(pending)} waiting` : 'Offline';
    hint = `Not connected. ${pending > 0 ? `${changes(pending)} not yet saved on the server are` : 'Your edits are'} kept in this browser and sent when the connection returns.`;
  }
  return (
    <span
      className={`pill pill-${tone}`}
      role="status"
      aria-label={`Connection: ${text.replace('…', '')}${loaded ? ', map loaded' : ''}`}
      title={hint}
      data-status={status}
      data-synced={synced}
      data-loaded={loaded}
      data-pending={pending}
    >
      <span className="pill-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
