/**
 * Hands out market-data request ids (TWS "ticker ids") for one session: strictly increasing, never
 * reused — not after a cancel, not after a reconnect — so a late tick for an old id can never be
 * mistaken for a live request's tick.
 *
 * @example
 * const ids = new RequestIds();
 * ids.next(); // 1
 * ids.next(); // 2
 */
export class RequestIds {
  #last: number;

  /** @param first the first id handed out (default 1). */
  constructor(first = 1) {
    this.#last = first - 1;
  }

  /** The next unused id. */
  next(): number {
    this.#last += 1;
    return this.#last;
  }

  /** The most recently handed-out id (first - 1 before any). */
  get last(): number {
    return this.#last;
  }
}
