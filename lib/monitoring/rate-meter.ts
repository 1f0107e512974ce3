/**
 * A per-second rate of a cumulative count, over a sliding window of samples: `rate(now, total)`
 * records the sample and returns `(total - total at the window start) / elapsed seconds`. Samples
 * older than the window are dropped except the newest of them (the window's base), so the memory
 * is bounded by the number of samples per window. Mutable: one per counter and subscription.
 */
export class RateMeter {
  readonly #windowMs: number;
  readonly #times: number[] = [];
  readonly #totals: number[] = [];

  /** @param windowMs the rate window (≥ 1 ms); `start` and `base` are the first sample. */
  constructor(windowMs: number, start: number, base = 0) {
    this.#windowMs = Math.max(1, windowMs);
    this.#times.push(start);
    this.#totals.push(base);
  }

  /** Records `total` at `now` and returns the rate per second over the window (0 when no time passed). */
  rate(now: number, total: number): number {
    while (this.#times.length > 1 && (this.#times[1] ?? now) <= now - this.#windowMs) {
      this.#times.shift();
      this.#totals.shift();
    }
    const since = this.#times[0] ?? now;
    const base = this.#totals[0] ?? total;
    const last = this.#times[this.#times.length - 1];
    if (last === undefined || now > last) {
      this.#times.push(now);
      this.#totals.push(total);
    }
    const elapsed = now - since;
    return elapsed <= 0 ? 0 : ((total - base) * 1000) / elapsed;
  }
}
