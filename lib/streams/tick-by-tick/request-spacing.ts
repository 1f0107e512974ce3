/**
 * IB's "no more than one tick-by-tick request for the same instrument within 15 seconds", kept per
 * key (instrument and type): when each key's last request left, and how long a new one must wait.
 * Entries older than the spacing are forgotten, so the map holds only recent requests.
 */
export class RequestSpacing {
  readonly #lastSent = new Map<string, number>();
  readonly #spacingMs: number;

  /** @param spacingMs least time between two requests of one key (IB: 15 000 ms). */
  constructor(spacingMs: number) {
    this.#spacingMs = spacingMs;
  }

  /** How long a request of `key` must wait at `now` (0: it may go). */
  delayMs(key: string, now: number): number {
    const last = this.#lastSent.get(key);
    return last === undefined ? 0 : Math.max(0, last + this.#spacingMs - now);
  }

  /** A request of `key` left at `now`. */
  sent(key: string, now: number): void {
    for (const [other, at] of this.#lastSent) if (now - at >= this.#spacingMs) this.#lastSent.delete(other);
    this.#lastSent.set(key, now);
  }
}
