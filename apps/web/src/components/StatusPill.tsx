import type { ConnectionState } from '@journeycraft/doc-react';

/**
 * The connection pill: "Connecting…" until the socket opens, "Loading…" until the first full
 * sync, "Live" while synced, "Offline" when the socket is down (edits stay in this browser and
 * merge on reconnect). `data-loaded` turns true only after the first sync with the server.
 */
export function StatusPill({ state }: { state: ConnectionState }) {
  const { status, synced, loaded, closed } = state;
  let tone: 'live' | 'pending' | 'offline' | 'closed';
  let text: string;
  let hint: string;
  if (closed) {
    tone = 'closed';
    text = closed.code === 4404 ? 'Deleted' : 'Disconnected';
    hint = closed.code === 4404 ? 'This map was deleted.' : `The server closed the connection (${closed.code}).`;
  } else if (status === 'connected' && synced) {
    tone = 'live';
    text = 'Live';
    hint = 'Connected. Edits are shared and saved as you make them.';
  } else if (status === 'connected') {
    tone = 'pending';
    text = 'Loading…';
    hint = 'Connected. Loading the map from the server.';
  } else if (status === 'connecting' && !loaded) {
    tone = 'pending';
    text = 'Connecting…';
    hint = 'Connecting to the server.';
  } else {
    tone = 'offline';
    text = 'Offline';
    hint = 'Not connected. Your edits are kept in this browser and sent when the connection returns.';
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
    >
      <span className="pill-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
