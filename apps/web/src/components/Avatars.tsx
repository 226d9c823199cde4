import type { Presence } from '@journeycraft/doc-react';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

const MAX_SHOWN = 5;

/** Who is on the map: one coloured circle per person (you first), "+N" past five. */
export function Avatars({ people }: { people: readonly Presence[] }) {
  const shown = people.slice(0, MAX_SHOWN);
  const hidden = people.slice(MAX_SHOWN);
  const label =
    people.length === 0
      ? 'Nobody else is here'
      : `${people.length} ${people.length === 1 ? 'person' : 'people'} here: ${people.map((p) => (p.isLocal ? `${p.name} (you)` : p.name)).join(', ')}`;
  return (
    <div className="avatars" role="group" aria-label={label} data-count={people.length}>
      <ul className="avatar-list">
        {shown.map((p) => (
          <li
            key={p.clientId}
            className={`avatar${p.isLocal ? ' avatar-local' : ''}`}
            style={{ backgroundColor: p.color }}
            title={p.isLocal ? `${p.name} (you)` : p.name}
            data-name={p.name}
          >
            <span aria-hidden="true">{initials(p.name)}</span>
            <span className="visually-hidden">{p.isLocal ? `${p.name} (you)` : p.name}</span>
          </li>
        ))}
        {hidden.length ? (
          <li className="avatar avatar-more" title={hidden.map((p) => p.name).join(', ')}>
            +{hidden.length}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
