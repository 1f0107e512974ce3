import type { SimPeer } from './sim-context.js';

/** A historical request accepted but not answered yet (latency, HMDS broken, link lost). */
interface Waiting {
  readonly peer: SimPeer;
  readonly reqId: number;
  readonly answer: () => void;
  /** Called instead of `answer` when the request is cancelled or forgotten. */
  readonly drop: () => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The historical requests waiting for an answer: each waits `latencyMs` (a timer), then for
 * `available()` (HMDS farm up, link up); `flush()` answers those ready once things are back.
 */
export class HistoricalQueue {
  private readonly waiting = new Set<Waiting>();

  constructor(
    private readonly latencyMs: number,
    private readonly available: () => boolean,
  ) {}

  /** Answers now when nothing holds it back, else queues it. */
  add(peer: SimPeer, reqId: number, answer: () => void, drop: () => void): void {
    if (this.latencyMs === 0 && this.available()) {
      answer();
      return;
    }
    const w: Waiting = { peer, reqId, answer, drop, timer: undefined };
    this.waiting.add(w);
    if (this.latencyMs === 0) return;
    w.timer = setTimeout(() => {
      w.timer = undefined;
      if (this.available()) this.settle(w);
    }, this.latencyMs);
  }

  private settle(w: Waiting): void {
    if (!this.waiting.delete(w)) return;
    w.answer();
  }

  /** Answers every request whose latency has passed, if available. */
  flush(): void {
    if (!this.available()) return;
    for (const w of [...this.waiting]) if (!w.timer) this.settle(w);
  }

  private find(peer: SimPeer, reqId: number): Waiting | undefined {
    for (const w of this.waiting) if (w.peer === peer && w.reqId === reqId) return w;
    return undefined;
  }

  has(peer: SimPeer, reqId: number): boolean {
    return this.find(peer, reqId) !== undefined;
  }

  /** Requests of one connection still waiting. */
  count(peer: SimPeer): number {
    let n = 0;
    for (const w of this.waiting) if (w.peer === peer) n++;
    return n;
  }

  /** Drops one waiting request (its `drop` runs); false when there was none. */
  cancel(peer: SimPeer, reqId: number): boolean {
    const w = this.find(peer, reqId);
    if (!w) return false;
    this.remove(w);
    return true;
  }

  private remove(w: Waiting): void {
    if (!this.waiting.delete(w)) return;
    if (w.timer) clearTimeout(w.timer);
    w.drop();
  }

  /** Drops every waiting request of one connection, or of all when `peer` is undefined. */
  clear(peer?: SimPeer): void {
    for (const w of [...this.waiting]) if (peer === undefined || w.peer === peer) this.remove(w);
  }
}
