import { memo, useCallback, useSyncExternalStore } from 'react';
import { useStore } from '@xyflow/react';
import type { PeerStore, RemoteCursor } from '../core/peers.js';

const NONE: readonly RemoteCursor[] = [];

/** Everyone else's pointer, with their name, drawn over the canvas at their flow position. */
export const Cursors = memo(function Cursors({ peers }: { peers: PeerStore | null }) {
  const subscribe = useCallback((l: () => void) => (peers ? peers.subscribe('cursors', l) : () => {}), [peers]);
  const get = useCallback(() => (peers ? peers.getCursors() : NONE), [peers]);
  const cursors = useSyncExternalStore(subscribe, get, get);
  const [tx, ty, zoom] = useStore((s) => s.transform);
  if (!cursors.length) return null;
  return (
    <div className="jc-cursors" aria-hidden="true">
      {cursors.map((c) => (
        <div
          key={c.clientId}
          className="jc-cursor"
          data-testid="remote-cursor"
          data-name={c.name}
          style={{ transform: `translate(${c.x * zoom + tx}px, ${c.y * zoom + ty}px)`, color: c.color }}
        >
          <svg width="18" height="20" viewBox="0 0 18 20">
            <path
              d="M1 1l15 7.5-6.5 1.8L6.7 18z"
              fill="currentColor"
              stroke="#fff"
              strokeWidth="1.5"
              strokeLinejoin="round"
            />
          </svg>
          <span className="jc-cursor-name" style={{ background: c.color }}>
            {c.name}
          </span>
        </div>
      ))}
    </div>
  );
});
