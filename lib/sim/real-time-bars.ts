import { priceText } from './server-messages.js';
import type { SimPeer } from './sim-context.js';
import type { SimTick, SymbolBook } from './sim-tick.js';
import { realTimeBarMsg, type RealTimeBarRow } from './stream-messages.js';
import type { FormingBar, PeerStreamsTable, RealTimeBarKind, RealTimeBarSub } from './stream-peer.js';
import { recordBar } from './stream-stats.js';

/** IB's real-time bars are 5 s long: the bar times step by this. */
const LABEL_MS = 5000;
const SECOND_MS = 1000;
/** At most this many bars missed by a late timer are sent (the rest are skipped). */
const MAX_LATE_BARS = 100;
/** A bar older than this is not backfilled to a new request. */
const BACKFILL_MAX_AGE_MS = 60_000;
/** A price as it travels (see `priceText`). */
const round = (value: number): number => Number(priceText(value));

/** What the bar driver needs from the simulator. */
export interface RealTimeBarsEnv {
  /** Wall-clock length of one bar (5000 like TWS; shorter for specs: the bar times still step by 5 s). */
  readonly barMs: number;
  /** Re-send the last bar of the same contract and whatToShow to a new request (IB's backfill after an outage). */
  readonly backfill: boolean;
  /** Bars come from replayed records only (nothing is built from ticks). */
  readonly replaying: boolean;
  /** The market's clock, ms. */
  marketNow(): number;
  /** False while data does not flow (link lost, farm broken, stalled): no bar is sent. */
  flowing(): boolean;
  /** Wall clock, ms. */
  now(): number;
}

/** What a new real-time bars request names. */
export type NewRealTimeBarSub = Omit<RealTimeBarSub, 'forming' | 'onTick'>;

/**
 * Builds and sends 5-second bars. Each request follows its feed's ticks (the same price path its
 * market-data subscribers see): TRADES bars from trades (volume, count, WAP), BID / ASK from the
 * quotes, MIDPOINT from their midpoint (`-1` volume, WAP and count, as TWS). At each bar boundary
 * of the market clock (one timer for all, running only while there is a request) every request
 * gets its bar; a span without a price is flat at the last one. Bar k of length `barMs` is
 * labelled 5 s after bar k-1 (with the default 5000 ms the label is the span's start). A new
 * request first gets the last bar sent for the same contract and whatToShow (at most a minute
 * old) again: IB's backfill after an outage, which clients must drop as a duplicate.
 */
export class RealTimeBarsDriver {
  private timer: NodeJS.Timeout | undefined;
  private readonly subs = new Set<RealTimeBarSub>();
  private readonly lastBars = new Map<string, { readonly row: RealTimeBarRow; readonly at: number }>();
  private readonly originIndex: number;
  private readonly originLabel: number;
  /** The last bar index closed (bars are closed in order, late ones too; never one twice). */
  private lastClosed = Number.NEGATIVE_INFINITY;
  /** The timer restarted after a pause without requests: bars missed meanwhile are not sent. */
  private restarted = true;

  constructor(
    private readonly env: RealTimeBarsEnv,
    private readonly peers: PeerStreamsTable,
  ) {
    const start = env.marketNow();
    this.originIndex = Math.floor(start / env.barMs);
    this.originLabel = Math.floor(start / LABEL_MS) * LABEL_MS;
  }

  /** Live requests over all connections. */
  get size(): number {
    return this.subs.size;
  }

  add(request: NewRealTimeBarSub): void {
    const forming = emptyBar(bookValue(request.whatToShow, request.feed.book));
    const sub: RealTimeBarSub = { ...request, forming };
    if (!this.env.replaying) sub.onTick = (tick, book) => { follow(sub, tick, book); };
    this.peers.of(sub.peer).realTimeBars.set(sub.reqId, sub);
    sub.feed.observers.add(sub);
    this.subs.add(sub);
    this.schedule();
    const last = this.lastBars.get(keyOf(sub));
    if (this.env.backfill && last && this.env.now() - last.at <= BACKFILL_MAX_AGE_MS && this.env.flowing()) this.send(sub, last.row, true);
  }

  remove(sub: RealTimeBarSub): void {
    this.peers.of(sub.peer).realTimeBars.delete(sub.reqId);
    sub.feed.observers.delete(sub);
    this.subs.delete(sub);
    if (this.subs.size === 0) this.stop();
  }

  /** Forgets every request of one connection (socket closed, or 1101). */
  removePeer(peer: SimPeer): void {
    for (const sub of [...this.peers.of(peer).realTimeBars.values()]) this.remove(sub);
  }

  /** Sends a replayed bar to the requests of its symbol and whatToShow. */
  deliver(symbol: string, whatToShow: string, row: RealTimeBarRow): void {
    if (!this.env.flowing()) return;
    for (const sub of this.subs) if (sub.feed.contract.symbol === symbol && sub.whatToShow === whatToShow) this.send(sub, row, false);
  }

  /** Stops the timer and forgets everything. */
  close(): void {
    this.stop();
    for (const sub of [...this.subs]) this.remove(sub);
  }

  private schedule(): void {
    if (this.timer || this.subs.size === 0 || this.env.replaying) return;
    const { barMs } = this.env;
    const now = this.env.marketNow();
    const next = (Math.floor(now / barMs) + 1) * barMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A late timer (a busy machine) closes every bar it missed, in order; an early one none.
      const closed = Math.floor(this.env.marketNow() / barMs) - 1;
      const first = Math.max(this.lastClosed + 1, this.restarted ? closed : closed - MAX_LATE_BARS);
      this.restarted = false;
      for (let index = first; index <= closed; index++) {
        this.closeBars(index);
        this.lastClosed = index;
      }
      this.schedule();
    }, next - now);
  }

  /** Bar `index` (of length `barMs`) closed: each request gets its bar (none while data does not flow). */
  private closeBars(index: number): void {
    const flowing = this.env.flowing();
    const time = (this.originLabel + (index - this.originIndex) * LABEL_MS) / SECOND_MS;
    for (const sub of this.subs) {
      const row = closeBar(sub.forming, sub.whatToShow === 'TRADES', time);
      if (!flowing || row === undefined) continue; // no price of that kind yet (or ever: TRADES of forex)
      this.lastBars.set(keyOf(sub), { row, at: this.env.now() });
      this.send(sub, row, false);
    }
  }

  private send(sub: RealTimeBarSub, row: RealTimeBarRow, backfill: boolean): void {
    sub.peer.send(realTimeBarMsg(sub.reqId, row));
    recordBar(this.peers.of(sub.peer).counters, { ...row, reqId: sub.reqId, backfill });
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.restarted = true;
  }
}

const keyOf = (sub: RealTimeBarSub): string => `${sub.feed.contract.conId}|${sub.whatToShow}|${String(sub.useRTH)}`;

const emptyBar = (carry: number): FormingBar => ({
  open: Number.NaN, high: Number.NaN, low: Number.NaN, close: Number.NaN, volume: 0, count: 0, notional: 0, carry,
});

/** The book's current value of a kind (NaN when it has none). */
const bookValue = (kind: RealTimeBarKind, book: SymbolBook): number => {
  const bid = book.get('bid');
  const ask = book.get('ask');
  switch (kind) {
    case 'TRADES':
      return book.get('last') ?? Number.NaN;
    case 'BID':
      return bid ?? Number.NaN;
    case 'ASK':
      return ask ?? Number.NaN;
    case 'MIDPOINT':
      return bid !== undefined && ask !== undefined ? (bid + ask) / 2 : Number.NaN;
  }
};

/** Adds one price to the forming bar. */
const addPrice = (bar: FormingBar, price: number): void => {
  if (Number.isNaN(bar.open)) {
    bar.open = price;
    bar.high = price;
    bar.low = price;
  } else {
    bar.high = Math.max(bar.high, price);
    bar.low = Math.min(bar.low, price);
  }
  bar.close = price;
};

/** One tick of the feed, as the request's kind sees it. */
const follow = (sub: RealTimeBarSub, tick: SimTick, book: SymbolBook): void => {
  const bar = sub.forming;
  switch (sub.whatToShow) {
    case 'TRADES': {
      if (tick.field !== 'last') return;
      const size = tick.size ?? book.get('lastSize') ?? 0;
      addPrice(bar, tick.value);
      bar.volume += size;
      bar.count += 1;
      bar.notional += tick.value * size;
      return;
    }
    case 'BID':
    case 'ASK':
      if (tick.field === sub.whatToShow.toLowerCase()) addPrice(bar, tick.value);
      return;
    case 'MIDPOINT': {
      if (tick.field !== 'bid' && tick.field !== 'ask') return;
      const mid = bookValue('MIDPOINT', book);
      if (!Number.isNaN(mid)) addPrice(bar, mid);
      return;
    }
  }
};

/** The row of a closed span (flat at the carry when it had no price; none without any), and a fresh bar. */
const closeBar = (bar: FormingBar, trades: boolean, time: number): RealTimeBarRow | undefined => {
  const empty = Number.isNaN(bar.open);
  const open = empty ? bar.carry : bar.open;
  const row = Number.isNaN(open) ? undefined : {
    time, open: round(open), high: round(empty ? open : bar.high), low: round(empty ? open : bar.low), close: round(empty ? open : bar.close),
    volume: trades ? bar.volume : -1, wap: trades ? (bar.volume > 0 ? round(bar.notional / bar.volume) : 0) : -1, count: trades ? bar.count : -1,
  };
  Object.assign(bar, emptyBar(empty ? bar.carry : bar.close));
  return row;
};
