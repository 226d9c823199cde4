import { updateRecord } from '@journeycraft/doc';
import { useCanvas } from '../context.js';
import { Icon, icons } from '../icons.js';

/** Facilitators lock and unlock a stage or card here; the server keeps everyone else off it. */
export function LockToggle({ kind, id, locked }: { kind: 'stages' | 'touchpoints'; id: string; locked: boolean }) {
  const { doc, origin, canEditLocked } = useCanvas();
  if (!canEditLocked) return null;
  const what = kind === 'stages' ? 'stage' : 'card';
  return (
    <button
      type="button"
      className={`btn btn-secondary btn-sm jc-lock-toggle${locked ? ' is-locked' : ''}`}
      aria-pressed={locked}
      onClick={() => updateRecord(doc, kind, id, { locked: !locked }, origin)}
    >
      <Icon d={icons.lock} size={13} /> {locked ? `Unlock ${what}` : `Lock ${what}`}
    </button>
  );
}

/** Why a participant cannot change what they are looking at. */
export function LockedNote({ what }: { what: string }) {
  return (
    <p className="jc-locked-note" role="status">
      <Icon d={icons.lock} size={13} /> A facilitator has locked this {what}: you can read it and comment on it, not
      change it.
    </p>
  );
}
