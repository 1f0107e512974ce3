import { barRow, formingSlots } from './historical-answer.js';
import { historicalDataUpdateMsg } from './historical-messages.js';
import type { BarDateStyle } from './ib-dates.js';
import type { BarSlot } from './bar-plan.js';
import type { BarSubscription, SimPeer } from './sim-context.js';

/** What the updater needs from the simulator. */
export interface BarUpdaterEnv {
  /** The market's clock, ms. */
  marketNow(): number;
  /** False while updates pause (link lost, market data farm or HMDS broken, stalled). */
  flowing(): boolean;
  readonly style: BarDateStyle;
}

/**
 * Sends historicalDataUpdate to every live keepUpToDate request every `intervalMs` (one timer for
 * all, running only while there is one): the forming bar with its time repeated and its values so
 * far. When a new bar has begun, the bar that just closed is sent once more with its final values,
 * then the new one (so the last update of a bar matches what history reports for it). Outside the
 * sessions nothing is sent.
 */
export class BarUpdater {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly subs = new Set<BarSubscription>();

  constructor(
    private readonly intervalMs: number,
    private readonly env: BarUpdaterEnv,
  ) {}

  /** Live requests over all connections. */
  get size(): number {
    return this.subs.size;
  }

  add(sub: BarSubscription): void {
    sub.peer.bars.set(sub.reqId, sub);
    this.subs.add(sub);
    this.timer ??= setInterval(() => {
      this.tick();
    }, this.intervalMs);
  }

  remove(sub: BarSubscription): void {
    sub.peer.bars.delete(sub.reqId);
    this.subs.delete(sub);
    if (this.subs.size === 0) this.stop();
  }

  /** Forgets every live request of one connection (socket closed, or 1101). */
  removePeer(peer: SimPeer): void {
    for (const sub of [...peer.bars.values()]) this.remove(sub);
  }

  /** One round of updates (public for specs). */
  tick(): void {
    if (!this.env.flowing()) return;
    const now = this.env.marketNow();
    for (const sub of this.subs) this.update(sub, now);
  }

  private send(sub: BarSubscription, slot: BarSlot): void {
    sub.peer.send(historicalDataUpdateMsg(sub.reqId, barRow(sub.feed.history, sub.query, slot, this.env.style)));
  }

  private update(sub: BarSubscription, now: number): void {
    const { current, previous } = formingSlots(sub.query, now);
    const reported = sub.lastSlot;
    if (reported && reported.label !== current?.label) {
      if (previous?.label === reported.label) this.send(sub, previous);
      sub.lastSlot = current;
    }
    if (!current) return;
    this.send(sub, current);
    sub.lastSlot = current;
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Stops the timer and forgets everything. */
  close(): void {
    this.stop();
    for (const sub of [...this.subs]) this.remove(sub);
  }
}
