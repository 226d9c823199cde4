import type { MapStore } from '@journeycraft/doc';
import { useRecords } from '@journeycraft/doc-react';
import { timeAgo } from '../format';
import { Drawer } from './Drawer';

/** Workshop notes grouped by stage; anonymous notes show no author, because the server stored none. */
export function NotesPanel({ store, onClose }: { store: MapStore; onClose: () => void }) {
  const notes = useRecords(store, 'notes');
  const stages = useRecords(store, 'stages');
  const groups = [
    ...stages.map((s) => ({ id: s.id, title: s.title, notes: notes.filter((n) => n.stageId === s.id) })),
    {
      id: '',
      title: 'The whole journey',
      notes: notes.filter((n) => !n.stageId || !stages.some((s) => s.id === n.stageId)),
    },
  ].filter((g) => g.notes.length);
  return (
    <Drawer title="Notes" onClose={onClose} testId="notes-panel">
      {groups.length === 0 ? (
        <p className="session-muted">No notes yet. Anyone in the session can add one with “Add note”.</p>
      ) : (
        groups.map((g) => (
          <section key={g.id || 'loose'} className="notes-group" aria-label={`Notes on ${g.title}`}>
            <h3 className="notes-stage">{g.title}</h3>
            <ul className="notes">
              {[...g.notes]
                .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
                .map((n) => (
                  <li key={n.id} className="sticky" style={{ background: n.color }} data-testid="note">
                    <p className="sticky-text">{n.text}</p>
                    <p className="sticky-meta">
                      {n.authorName ?? 'Anonymous'} · {timeAgo(n.createdAt)}
                    </p>
                  </li>
                ))}
            </ul>
          </section>
        ))
      )}
    </Drawer>
  );
}
