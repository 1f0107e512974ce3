import { performance } from 'node:perf_hooks';

/**
 * Counts a client's deliveries (events, updates, ticks or states) and stamps the time of two
 * chosen ones, so a burst's duration is known without a timestamp per delivery (the same two
 * compares per delivery in every variant). Polling cannot do it: node may decode a whole burst
 * in one event-loop turn, with no timer in between.
 */
export class Meter {
  count = 0;
  firstMs = Number.NaN;
  lastMs = Number.NaN;
  private startAt = Number.POSITIVE_INFINITY;
  private endAt = Number.POSITIVE_INFINITY;

  /** One delivery. */
  hit(): void {
    const c = ++this.count;
    if (c === this.startAt) this.firstMs = performance.now();
    else if (c === this.endAt) this.lastMs = performance.now();
  }

  /** Stamp the next delivery and the `span`-th one after it. */
  arm(span: number): void {
    this.firstMs = Number.NaN;
    this.lastMs = Number.NaN;
    this.startAt = this.count + 1;
    this.endAt = this.count + 1 + Math.max(1, Math.floor(span));
  }
}
