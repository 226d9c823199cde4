/**
 * Failed sign-ins per (client address, e-mail) and per client address in a sliding window.
 * Past the limit, sign-in is refused (HTTP 429) until the oldest failure leaves the window, even
 * with the right password, so guessing costs time. Kept in memory per instance.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly opts: { perAccount: number; perClient: number; windowMs: number } = {
      perAccount: 5,
      perClient: 50,
      windowMs: 15 * 60_000,
    },
  ) {}

  private recent(key: string, now: number): number[] {
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < this.opts.windowMs);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Milliseconds until another attempt is allowed; 0 when allowed now. */
  blockedFor(accountKey: string, clientKey: string, now = Date.now()): number {
    const waits = [
      [this.recent(accountKey, now), this.opts.perAccount],
      [this.recent(`client|${clientKey}`, now), this.opts.perClient],
    ] as const;
    let wait = 0;
    for (const [times, limit] of waits) {
      if (times.length >= limit) wait = Math.max(wait, times[times.length - limit]! + this.opts.windowMs - now);
    }
    return wait;
  }

  fail(accountKey: string, clientKey: string, now = Date.now()): void {
    for (const key of [accountKey, `client|${clientKey}`]) this.failures.set(key, [...this.recent(key, now), now]);
    // Bounded memory under a spray of addresses: forget the oldest keys, not the recent ones.
    if (this.failures.size > 100_000) {
      let drop = 10_000;
      for (const key of this.failures.keys()) {
        if (drop-- <= 0) break;
        this.failures.delete(key);
      }
    }
  }

  succeed(accountKey: string): void {
    this.failures.delete(accountKey);
  }
}
