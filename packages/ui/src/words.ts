/** A count of things that go with a delete: how many, and the word for one and for several. */
export interface CountOf {
  count: number;
  one: string;
  many?: string;
}

/** "1 card", "12 cards", "0 cards" (`many` defaults to `one` + "s"). */
export function countPhrase({ count, one, many }: CountOf): string {
  return `${count} ${count === 1 ? one : (many ?? `${one}s`)}`;
}

/** "a, b and c" */
export function listPhrase(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The question a delete asks, naming what goes with it:
 * deleteQuestion('stage', 'Onboarding', [{ count: 12, one: 'card' }]) →
 * "Delete stage ‘Onboarding’ and its 12 cards?". Counts of zero are left out.
 */
export function deleteQuestion(kind: string, name: string, parts: readonly CountOf[] = []): string {
  const going = parts.filter((p) => p.count > 0).map(countPhrase);
  const what = name.trim() ? `${kind} ‘${name.trim()}’` : `this ${kind}`;
  return going.length ? `Delete ${what} and its ${listPhrase(going)}?` : `Delete ${what}?`;
}
