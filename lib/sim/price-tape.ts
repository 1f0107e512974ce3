/**
 * What the live market did since history began for a contract, in buckets: one per second for the
 * last two hours, one per minute for the last week. Each bucket keeps, per price kind, the first,
 * highest, lowest and last value seen in it and the last value known at its end (carried over
 * quiet buckets), plus traded volume, trade count and price × size.
 */

/** The prices a bar can be built from. */
export type PriceKind = 'trades' | 'bid' | 'ask' | 'mid';

export const PRICE_KINDS: readonly PriceKind[] = ['trades', 'bid', 'ask', 'mid'];

/** OHLC plus the time-average stand-in (`mean`) and, for trades, volume, count and price × size. */
export interface BarValues {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly mean: number;
  readonly volume: number;
  readonly count: number;
  /** Sum of price × size (trades); 0 otherwise. */
  readonly notional: number;
}

const SLOT = { open: 0, high: 1, low: 2, close: 3, last: 4 } as const;
const PER_KIND = 5;
const KIND_INDEX: Readonly<Record<PriceKind, number>> = { trades: 0, bid: 1, ask: 2, mid: 3 };
const VOLUME = PRICE_KINDS.length * PER_KIND;
const COUNT = VOLUME + 1;
const NOTIONAL = VOLUME + 2;
const BUCKET_FIELDS = NOTIONAL + 1;

/** One resolution of the tape: buckets of `resolutionMs`, kept for `spanMs`. */
class TapeLevel {
  private starts: number[] = [];
  private buckets: Float64Array[] = [];
  /** Buckets before this instant were dropped (-Infinity while none was). */
  cut = Number.NEGATIVE_INFINITY;

  constructor(
    readonly resolutionMs: number,
    private readonly spanMs: number,
  ) {}

  get oldest(): number | undefined {
    return this.starts[0];
  }

  private bucketAt(t: number, carry: Readonly<Record<PriceKind, number>>): Float64Array {
    const start = t - (t % this.resolutionMs);
    const lastStart = this.starts[this.starts.length - 1];
    const last = this.buckets[this.buckets.length - 1];
    if (last && lastStart === start) return last;
    const bucket = new Float64Array(BUCKET_FIELDS).fill(Number.NaN);
    for (const kind of PRICE_KINDS) bucket[KIND_INDEX[kind] * PER_KIND + SLOT.last] = last ? (last[KIND_INDEX[kind] * PER_KIND + SLOT.last] ?? Number.NaN) : carry[kind];
    bucket[VOLUME] = 0;
    bucket[COUNT] = 0;
    bucket[NOTIONAL] = 0;
    this.starts.push(start);
    this.buckets.push(bucket);
    return bucket;
  }

  record(t: number, kind: PriceKind, price: number, size: number, carry: Readonly<Record<PriceKind, number>>): void {
    const b = this.bucketAt(t, carry);
    const i = KIND_INDEX[kind] * PER_KIND;
    const first = Number.isNaN(b[i + SLOT.open] ?? Number.NaN);
    b[i + SLOT.open] = first ? price : (b[i + SLOT.open] ?? price);
    b[i + SLOT.high] = first ? price : Math.max(b[i + SLOT.high] ?? price, price);
    b[i + SLOT.low] = first ? price : Math.min(b[i + SLOT.low] ?? price, price);
    b[i + SLOT.close] = price;
    b[i + SLOT.last] = price;
    if (kind === 'trades') {
      b[VOLUME] = (b[VOLUME] ?? 0) + size;
      b[COUNT] = (b[COUNT] ?? 0) + 1;
      b[NOTIONAL] = (b[NOTIONAL] ?? 0) + price * size;
    }
  }

  /** Drops buckets older than the span; returns the last values of the newest dropped one. */
  evict(now: number): Float64Array | undefined {
    const limit = now - this.spanMs;
    let n = 0;
    while (n < this.starts.length && (this.starts[n] ?? limit) < limit) n++;
    if (n === 0) return undefined;
    const dropped = this.buckets[n - 1];
    this.cut = limit;
    this.starts.splice(0, n);
    this.buckets.splice(0, n);
    return dropped;
  }

  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] ?? 0) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The last value of a kind known before `t`, or NaN when this level starts later. */
  lastBefore(kind: PriceKind, t: number): number {
    const i = this.lowerBound(t) - 1;
    return this.buckets[i]?.[KIND_INDEX[kind] * PER_KIND + SLOT.last] ?? Number.NaN;
  }

  /**
   * Folds the buckets overlapping [from, to) into `acc`. A bucket only partly inside (a minute
   * bucket for a 5-second bar) gives its prices and the overlapping share of its trades.
   */
  fold(kind: PriceKind, from: number, to: number, acc: Accumulator): void {
    const k = KIND_INDEX[kind] * PER_KIND;
    const res = this.resolutionMs;
    for (let i = this.lowerBound(from - (from % res)); i < this.starts.length && (this.starts[i] ?? to) < to; i++) {
      const b = this.buckets[i];
      const start = this.starts[i] ?? from;
      if (!b) continue;
      const open = b[k + SLOT.open] ?? Number.NaN;
      if (!Number.isNaN(open)) acc.add(open, b[k + SLOT.high] ?? open, b[k + SLOT.low] ?? open, b[k + SLOT.close] ?? open);
      const share = (Math.min(to, start + res) - Math.max(from, start)) / res;
      acc.addTrades((b[VOLUME] ?? 0) * share, (b[COUNT] ?? 0) * share, (b[NOTIONAL] ?? 0) * share);
    }
  }
}

/** Collects OHLC and trade totals over pieces, oldest first. */
export class Accumulator {
  open = Number.NaN;
  high = Number.NEGATIVE_INFINITY;
  low = Number.POSITIVE_INFINITY;
  close = Number.NaN;
  private sum = 0;
  private n = 0;
  volume = 0;
  count = 0;
  notional = 0;

  add(open: number, high: number, low: number, close: number): void {
    if (Number.isNaN(this.open)) this.open = open;
    this.high = Math.max(this.high, high, open, close);
    this.low = Math.min(this.low, low, open, close);
    this.close = close;
    this.sum += close;
    this.n += 1;
  }

  addTrades(volume: number, count: number, notional: number): void {
    this.volume += volume;
    this.count += count;
    this.notional += notional;
  }

  /** The folded values (volume and count whole); a quiet span is flat at `carry`. */
  result(carry: number): BarValues {
    const trades = { volume: Math.round(this.volume), count: Math.round(this.count), notional: this.notional };
    if (Number.isNaN(this.open)) return { open: carry, high: carry, low: carry, close: carry, mean: carry, ...trades };
    return { open: this.open, high: this.high, low: this.low, close: this.close, mean: this.sum / this.n, ...trades };
  }
}

const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const FINE_SPAN_MS = 2 * 3_600_000;
const COARSE_SPAN_MS = 7 * 86_400_000;

/** The two-level tape of one contract. */
export class PriceTape {
  private readonly fine = new TapeLevel(SECOND_MS, FINE_SPAN_MS);
  private readonly coarse = new TapeLevel(MINUTE_MS, COARSE_SPAN_MS);

  /**
   * @param carry the values when the tape began (or its oldest kept minute, after eviction).
   * @param onEvicted told the last values before the new oldest minute when the coarse level drops one.
   */
  constructor(
    private carry: Record<PriceKind, number>,
    private readonly onEvicted: (at: number, values: Readonly<Record<PriceKind, number>>) => void,
  ) {}

  /** Records one price (and, for trades, its size) at `t`. */
  record(t: number, kind: PriceKind, price: number, size = 0): void {
    this.fine.record(t, kind, price, size, this.carry);
    this.coarse.record(t, kind, price, size, this.carry);
    this.fine.evict(t - (t % MINUTE_MS));
    const dropped = this.coarse.evict(t);
    if (!dropped) return;
    const values = { ...this.carry };
    for (const kind of PRICE_KINDS) values[kind] = dropped[KIND_INDEX[kind] * PER_KIND + SLOT.last] ?? values[kind];
    this.carry = values;
    this.onEvicted(this.coarse.cut, values);
  }

  /** The last value of a kind before `t` (the carry when nothing was recorded before it). */
  lastBefore(kind: PriceKind, t: number): number {
    const fine = this.fine.lastBefore(kind, t);
    if (!Number.isNaN(fine)) return fine;
    const coarse = this.coarse.lastBefore(kind, t);
    return Number.isNaN(coarse) ? this.carry[kind] : coarse;
  }

  /** Folds [from, to) into `acc`: minute buckets where seconds are gone, second buckets after. */
  fold(kind: PriceKind, from: number, to: number, acc: Accumulator): void {
    const boundary = Math.ceil(this.fine.cut / MINUTE_MS) * MINUTE_MS;
    if (from < boundary) this.coarse.fold(kind, from, Math.min(to, boundary), acc);
    if (to > boundary) this.fine.fold(kind, Math.max(from, boundary), to, acc);
  }
}
