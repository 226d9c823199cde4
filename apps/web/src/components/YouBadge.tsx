/**
 * Who "you" are, at the end of the header: a guest's name as their link session gave it, or a
 * signed-in member's account name. The server stamps both on presence and authorship, so neither
 * is changed here. `label` is how they are announced, e.g. "You: Ada, Editor".
 */
export function YouBadge({ name, color, label }: { name: string; color: string; label: string }) {
  return (
    <span className="btn btn-ghost btn-sm you-btn" aria-label={label}>
      <span className="you-dot" style={{ backgroundColor: color }} aria-hidden="true" />
      {name}
    </span>
  );
}
