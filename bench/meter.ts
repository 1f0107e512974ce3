import { performance } from 'node:perf_hooks';

/** CPU time this process has used (all its threads: JS, GC helpers, libuv), microseconds. */
const cpuUs = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Counts a client's deliveries (events, updates, ticks or states) and stamps the time of two
 * chosen ones, so a burst's duration is known without a timestamp per delivery (the same two
 * compares per delivery in every variant). Polling cannot do it: node may decode a whole burst
 * in one event-loop turn, with no timer in between. Each stamp also reads the process' CPU time:
 * on a shared machine, the CPU time between the stamps is what the client itself spent, whatever
 * share of a core it got.
 */
export class Meter {
  count = 0;
  firstMs = Number.NaN;
  lastMs = Number.NaN;
  firstCpuUs = Number.NaN;
  lastCpuUs = Number.NaN;
  private startAt = Number.POSITIVE_INFINITY;
  private endAt = Number.POSITIVE_INFINITY;

  /** One delivery. */
  hit(): void {
    const c = ++this.count;
    if (c === this.startAt) {
      this.firstMs = performance.now();
      this.firstCpuUs = cpuUs();
    } else if (c === this.endAt) {
      this.lastMs = performance.now();
      this.lastCpuUs = cpuUs();
    }
  }

  /** Stamp the next delivery and the `span`-th one after it. */
  arm(span: number): void {
    this.firstMs = Number.NaN;
    this.lastMs = Number.NaN;
    this.firstCpuUs = Number.NaN;
    this.lastCpuUs = Number.NaN;
    this.startAt = this.count + 1;
    this.endAt = this.count + 1 + Math.max(1, Math.floor(span));
  }
}
