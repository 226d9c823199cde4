import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { RecordKind } from '@journeycraft/schema';
import {
  readRecord,
  updateMeta,
  updateRecord,
  watchConflicts,
  type FieldConflict,
  type TxOrigin,
} from '@journeycraft/doc';
import { messageOf } from '../client';
import { Button } from '@journeycraft/ui';

/** What a record kind is called in a sentence ("stage “Discover”"). */
const kindNames: Partial<Record<RecordKind, string>> = {
  stages: 'stage',
  lanes: 'lane',
  touchpoints: 'card',
  connections: 'connection',
  roles: 'role',
  competencies: 'competency',
  comments: 'comment',
  notes: 'note',
};

function fieldName(field: string): string {
  const words = field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text || '(empty)';
}

function where(doc: Y.Doc, c: FieldConflict): string {
  if (c.kind === 'meta') return 'the map';
  const record = readRecord(doc, c.kind, c.id) as { title?: string; name?: string } | null;
  const label = record?.title ?? record?.name;
  const kind = kindNames[c.kind] ?? c.kind;
  return label ? `${kind} “${label}”` : `a ${kind}`;
}

interface Notice extends FieldConflict {
  key: string;
  otherName: string;
}

/** A value of this person's that lost a collision, shared in presence for the other writer. */
interface LostEdit {
  key: string;
  value: unknown;
  /** Yjs client id of the writer whose value was kept. */
  to: number;
}

const LOST_FIELD = 'lostEdits';

/** The other writer's value: from the doc, or else from what they shared in presence. */
function theirValue(awareness: Awareness | null, n: Notice, me: number): { value: unknown } | null {
  if (n.theirsKnown) return { value: n.theirs };
  const lost = awareness?.getStates().get(n.otherClient)?.[LOST_FIELD] as LostEdit[] | undefined;
  const entry = Array.isArray(lost) ? lost.find((e) => e.key === n.key && e.to === me) : undefined;
  return entry ? { value: entry.value } : null;
}

/**
 * Field-level conflict notices: when a change from elsewhere collided with this person's own
 * concurrent change of the same field (typically after a reconnect), both people are told which
 * value was kept and get a button to use the other one.
 */
export function ConflictNotices({
  doc,
  awareness,
  origin,
}: {
  doc: Y.Doc;
  awareness: Awareness | null;
  origin: TxOrigin;
}) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [, setPresenceTick] = useState(0);

  useEffect(() => {
    setNotices([]);
    return watchConflicts(doc, (found) => {
      const named = found.map((c) => {
        const user = awareness?.getStates().get(c.otherClient)?.['user'] as { name?: string } | undefined;
        return { ...c, key: `${c.kind}/${c.id}/${c.field}`, otherName: user?.name ?? 'Someone else' };
      });
      setNotices((list) => [...list.filter((n) => !named.some((m) => m.key === n.key)), ...named]);
      // The server keeps no content of overwritten values, so the writer whose value was kept may
      // never see ours: share it in presence, addressed to them.
      const lost = named.filter((n) => n.kept === 'theirs');
      if (awareness && lost.length) {
        const before = (awareness.getLocalState()?.[LOST_FIELD] as LostEdit[] | undefined) ?? [];
        const added = lost.map((n) => ({ key: n.key, value: n.mine, to: n.otherClient }));
        const kept = before.filter((e) => !added.some((a) => a.key === e.key && a.to === e.to));
        awareness.setLocalStateField(LOST_FIELD, [...kept, ...added].slice(-20));
      }
    });
  }, [doc, awareness]);

  // A notice waiting for the other writer's value re-renders when their presence brings it.
  useEffect(() => {
    if (!awareness) return;
    const onChange = () => setPresenceTick((t) => t + 1);
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness]);

  if (!notices.length) return null;
  const dismiss = (key: string) => setNotices((list) => list.filter((n) => n.key !== key));
  const use = (n: Notice, value: unknown) => {
    try {
      if (n.kind === 'meta') updateMeta(doc, { [n.field]: value }, origin);
      else updateRecord(doc, n.kind, n.id, { [n.field]: value } as never, origin);
      setError(null);
      dismiss(n.key);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <div className="conflict-notices" role="region" aria-label="Edit conflicts">
      {notices.map((n) => {
        const their = theirValue(awareness, n, doc.clientID);
        const yours = `“${shown(n.mine)}”`;
        const theirs = their ? `“${shown(their.value)}”` : 'something else (not shared yet)';
        const other = n.kept === 'mine' ? their : { value: n.mine };
        return (
          <div key={n.key} className="notice notice-warn conflict-notice" role="alert" data-testid="conflict-notice">
            <p>
              <strong>
                {fieldName(n.field)} of {where(doc, n)}
              </strong>{' '}
              was changed by you and by {n.otherName} at the same time. You wrote {yours}, {n.otherName} wrote {theirs};{' '}
              {n.kept === 'mine' ? 'yours' : 'theirs'} was kept.
            </p>
            <div className="conflict-actions">
              {other ? (
                <Button size="sm" onClick={() => use(n, other.value)}>
                  Use “{shown(other.value)}”
                </Button>
              ) : null}
              <Button variant="ghost" size="sm" onClick={() => dismiss(n.key)}>
                Keep as is
              </Button>
            </div>
          </div>
        );
      })}
      {error ? (
        <p className="error-line" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
