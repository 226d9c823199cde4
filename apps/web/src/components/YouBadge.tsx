/**
 * Who "you" are, at the end of the header: a guest's name as their link session gave it (the
 * server stamps it, so it cannot be changed here), or a workspace member's name with a button to
 * change it.
 */
export function YouBadge({
  name,
  color,
  guestLabel,
  onChangeName,
}: {
  name: string;
  color: string;
  /** Set for a guest: how they are announced, e.g. "You: Ada, Editor". */
  guestLabel?: string | null;
  onChangeName: () => void;
}) {
  const dot = <span className="you-dot" style={{ backgroundColor: color }} aria-hidden="true" />;
  if (guestLabel) {
    return (
      <span className="btn btn-ghost btn-sm you-btn" aria-label={guestLabel}>
        {dot}
        {name}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm you-btn"
      onClick={onChangeName}
      aria-label={`Your name: ${name}. Change it`}
    >
      {dot}
      {name}
    </button>
  );
}
