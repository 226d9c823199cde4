import { updateRecord } from '@journeycraft/doc';
import { useCanvas } from '../context.js';
import { Icon, icons } from '../icons.js';
import { Button } from '@journeycraft/ui';

/** Facilitators lock and unlock a stage or card here; the server keeps everyone else off it. */
export function LockToggle({ kind, id, locked }: { kind: 'stages' | 'touchpoints'; id: string; locked: boolean }) {
  const { doc, origin, canEditLocked } = useCanvas();
  if (!canEditLocked) return null;
  const what = kind === 'stages' ? 'stage' : 'card';
  return (
    <Button
      size="sm"
      className={`jc-lock-toggle${locked ? ' is-locked' : ''}`}
      aria-pressed={locked}
      onClick={() => updateRecord(doc, kind, id, { locked: !locked }, origin)}
    >
      <Icon d={icons.lock} size={13} /> {locked ? `Unlock ${what}` : `Lock ${what}`}
    </Button>
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
