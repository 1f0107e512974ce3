import { fanOut, isWatched } from './feed-fanout.js';
import type { SymbolFeed } from './sim-context.js';

const MIN_PERIOD_MS = 10;
const MAX_PERIOD_MS = 100;

/** The engine's timer period for a rate: one timer for all symbols, 10–100 ms. */
export const enginePeriodMs = (rateHz: number): number =>
  Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, Math.floor(1000 / rateHz)));

/**
 * Drives the random walks: every period each watched contract (subscribed, or the underlying of a
 * subscribed option) is owed `rateHz × period` market events; whole ones are stepped and fanned
 * out to the subscribers (their outboxes flush once per event-loop turn). Paused while
 * `flowing()` is false. `stop()` clears the timer.
 */
export class TickEngine {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly feeds: ReadonlyMap<number, SymbolFeed>,
    private readonly rateHz: number,
    private readonly flowing: () => boolean,
  ) {}

  start(): void {
    if (this.timer || this.rateHz <= 0) return;
    const period = enginePeriodMs(this.rateHz);
    const perPeriod = (this.rateHz * period) / 1000;
    this.timer = setInterval(() => {
      this.run(perPeriod);
    }, period);
  }

  /** One engine turn (public for specs / benchmarks). */
  run(perPeriod: number): void {
    if (!this.flowing()) return;
    for (const feed of this.feeds.values()) {
      if (!feed.walk || !isWatched(feed)) continue;
      feed.due += perPeriod;
      while (feed.due >= 1) {
        feed.due -= 1;
        fanOut(feed, feed.walk.step());
      }
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
