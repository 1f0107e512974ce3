import { hashedNormal, PricePath, type PathClamp, type PathPin } from './price-path.js';
import { Accumulator, PriceTape, type BarValues, type PriceKind } from './price-tape.js';
import { SEC_TYPE_PROFILES } from './sec-type-profiles.js';
import { SimSecType, type SimContract, type SimSecTypeName } from './sim-contract.js';
import type { SimTick, SymbolBook } from './sim-tick.js';
import { lastSessions, sessionCalendar } from './trading-sessions.js';
import { hashString } from './universe.js';
import { zoneOffsetMs } from './zoned-time.js';

/** Daily volatility (log price, 24 h) and yearly drift of each kind of market. */
const MARKET_MOTION: Readonly<Record<SimSecTypeName, { readonly dailyVol: number; readonly drift: number }>> = {
  [SimSecType.STK]: { dailyVol: 0.018, drift: 0.07 },
  [SimSecType.OPT]: { dailyVol: 0.06, drift: 0 },
  [SimSecType.FUT]: { dailyVol: 0.011, drift: 0.06 },
  [SimSecType.IND]: { dailyVol: 0.011, drift: 0.06 },
  [SimSecType.CASH]: { dailyVol: 0.005, drift: 0 },
};

const TRADING_DAYS_PER_YEAR = 252;
const SECOND_MS = 1000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
/** A bar is sampled at most this many times (plus its start) where the path stands in for history. */
const MAX_SAMPLES = 24;
/** Seconds of a regular session: volume per second = daily volume / this (times the shape). */
const REGULAR_SESSION_S = 23_400;
/** Volume shape: U over the regular session (mean 1), a trickle outside it. */
const U_FLOOR = 0.6;
const U_DEPTH = 2.4;
const U_MEAN = U_FLOOR + U_DEPTH / 12;
const OUTSIDE_SHAPE = 0.05;
/** Spread of the per-bar volume factor (log-normal). */
const VOLUME_NOISE = 0.35;
/** Trades per traded lot. */
const TRADES_PER_LOT = 0.3;
/** Salts that keep the hashed streams (noise, wicks, volume) apart. */
const WICK_SALT = 0x5bd1e995;
const VOLUME_SALT = 0x27d4eb2f;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(2, 4));

/**
 * The history of one contract's market: a seeded path (PricePath) before its feed was created,
 * the live tape (PriceTape: what the market did since, every tick clients could see) after.
 * `start()` anchors the path at the book as it is then (last price, quotes; yesterday's close,
 * today's open, high and low pinned too), so bars and live ticks agree.
 */
export class FeedHistory {
  private tape: PriceTape | undefined;
  private path: PricePath | undefined;
  private anchorT = 0;
  private anchor: Record<PriceKind, number> = { trades: Number.NaN, bid: Number.NaN, ask: Number.NaN, mid: Number.NaN };
  private pins: PathPin[] = [];
  private clamp: PathClamp | undefined;
  private readonly key: number;
  private asked = false;
  /** Set once the feed is built: from then on the first price starts the tape. */
  private armed = false;

  constructor(
    private readonly contract: SimContract,
    seed: number,
    private readonly now: () => number,
  ) {
    this.key = (hashString(`${seed}:${contract.seedKey}`) ^ seed) >>> 0;
  }

  /** True once the tape runs (from the first price of the market on). */
  get started(): boolean {
    return this.tape !== undefined;
  }

  /** True once a client asked for history: the engine keeps this market moving from then on. */
  get wanted(): boolean {
    return this.asked;
  }

  /** Starts the tape once the feed is built (now, or at its first price). */
  arm(now: number, book: SymbolBook): void {
    this.armed = true;
    this.start(now, book);
  }

  /** Notes that a client asked for history. */
  markWanted(): void {
    this.asked = true;
  }

  /** When the live tape began (ms); bars before it come from the path. */
  get anchorTime(): number {
    return this.anchorT;
  }

  /**
   * Anchors the history at the book as it is at `now` and starts the tape. Idempotent; does
   * nothing while the book has no price yet (a replay before its first tick).
   */
  start(now: number, book: SymbolBook): void {
    if (this.tape) return;
    const last = book.get('last');
    const bid = book.get('bid');
    const ask = book.get('ask');
    const mid = bid !== undefined && ask !== undefined ? (bid + ask) / 2 : last;
    if (mid === undefined) return;
    this.anchor = { trades: last ?? Number.NaN, bid: bid ?? Number.NaN, ask: ask ?? Number.NaN, mid };
    const [previous, today] = lastSessions(sessionCalendar(this.contract, true), now, 2);
    const close = book.get('close');
    const open = book.get('open');
    if (previous && close !== undefined && previous.close < now) this.pins.push({ t: previous.close, price: close });
    if (today && open !== undefined) this.pins.push({ t: today.open, price: open });
    const high = book.get('high');
    const low = book.get('low');
    if (today && high !== undefined && low !== undefined) this.clamp = { from: today.open, to: now, low, high };
    this.anchorAt(now, this.anchor);
    this.tape = new PriceTape({ ...this.anchor }, (at, values) => {
      this.anchorAt(at, values);
    });
  }

  private anchorAt(t: number, values: Readonly<Record<PriceKind, number>>): void {
    this.anchorT = t;
    this.anchor = { ...values };
    const ref = this.reference();
    this.pins = [...this.pins.filter((p) => p.t < t), ...(Number.isNaN(ref) ? [] : [{ t, price: ref }])];
    const motion = MARKET_MOTION[this.contract.secType];
    this.path = this.pins.length > 0 ? new PricePath(this.key, motion.dailyVol, motion.drift, this.pins, this.clamp) : undefined;
  }

  /** The price the path follows: the last trade, or the midpoint where nothing trades. */
  private reference(): number {
    return Number.isNaN(this.anchor.trades) ? this.anchor.mid : this.anchor.trades;
  }

  /** True when the market has that kind of price (no trades for forex, no quotes for indices). */
  has(kind: PriceKind): boolean {
    return !Number.isNaN(this.anchor[kind]);
  }

  /** Records one live tick (after it was applied to the book), at the market clock's time; the first price starts the tape. */
  record(tick: SimTick, book: SymbolBook): void {
    const tape = this.tape;
    const t = this.now();
    if (!tape) {
      if (this.armed) this.start(t, book);
      return;
    }
    if (tick.field === 'last') tape.record(t, 'trades', tick.value, tick.size ?? 0);
    if (tick.field !== 'bid' && tick.field !== 'ask') return;
    tape.record(t, tick.field, tick.value);
    const bid = book.get('bid');
    const ask = book.get('ask');
    if (bid !== undefined && ask !== undefined) tape.record(t, 'mid', (bid + ask) / 2);
  }

  private roundTick(price: number): number {
    const tick = this.contract.minTick;
    return Math.max(tick, Math.round(price / tick) * tick);
  }

  /** A kind's price on the path at `t` (before the tape began). */
  private pathValue(kind: PriceKind, t: number): number {
    const path = this.path;
    const ref = this.reference();
    if (!path || Number.isNaN(ref)) return this.anchor[kind];
    const p = path.at(t);
    if (kind === 'trades') return this.roundTick(p);
    const ratio = p / ref;
    const bid = this.roundTick(this.anchor.bid * ratio);
    const ask = Math.max(this.roundTick(this.anchor.ask * ratio), bid + this.contract.minTick);
    if (kind === 'bid') return bid;
    if (kind === 'ask') return ask;
    return Number.isNaN(bid) ? this.roundTick(this.anchor.mid * ratio) : (bid + ask) / 2;
  }

  /** The volume shape at local minute-of-day `m` (U over the regular session, low outside). */
  private shape(m: number): number {
    const { open, close, overnight } = SEC_TYPE_PROFILES[this.contract.secType].liquidHours;
    const o = minutesOf(open);
    const c = minutesOf(close);
    const length = overnight ? c + DAY_MINUTES - o : c - o;
    const into = overnight ? (m - o + DAY_MINUTES) % DAY_MINUTES : m - o;
    if (into < 0 || into >= length) return OUTSIDE_SHAPE;
    const u = into / length - 0.5;
    return (U_FLOOR + U_DEPTH * u * u) / U_MEAN;
  }

  /** Bar values from the path over [from, to), sampled. */
  private pathBar(kind: PriceKind, from: number, to: number): BarValues {
    const samples = Math.min(MAX_SAMPLES, Math.max(1, Math.round((to - from) / SECOND_MS)));
    const step = (to - from) / samples;
    const offset = zoneOffsetMs(from, SEC_TYPE_PROFILES[this.contract.secType].timeZoneId);
    const values: number[] = [];
    let shape = 0;
    for (let i = 0; i <= samples; i++) {
      const t = from + i * step;
      values.push(this.pathValue(kind, t));
      if (i < samples) shape += this.shape(Math.floor((t + step / 2 + offset) / MINUTE_MS) % DAY_MINUTES);
    }
    const open = values[0] ?? Number.NaN;
    const close = values[values.length - 1] ?? open;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const index = Math.floor(from / SECOND_MS);
    const wick = (salt: number): number =>
      Math.abs(hashedNormal(this.key ^ salt, index)) * (this.path?.sigma ?? 0) * Math.sqrt(step / SECOND_MS) * mean * 0.5;
    let high = this.roundTick(Math.max(...values) + wick(WICK_SALT));
    let low = this.roundTick(Math.min(...values) - wick(~WICK_SALT));
    const k = this.clamp;
    if (kind === 'trades' && k && from < k.to && to > k.from) {
      high = Math.max(Math.min(high, k.high), open, close);
      low = Math.min(Math.max(low, k.low), open, close);
    }
    if (kind !== 'trades') return { open, high, low, close, mean, volume: 0, count: 0, notional: 0 };
    const seconds = (to - from) / SECOND_MS;
    const noise = Math.exp(VOLUME_NOISE * hashedNormal(this.key ^ VOLUME_SALT, index));
    const volume = Math.round((this.contract.dailyVolume * seconds * (shape / samples) * noise) / REGULAR_SESSION_S);
    const count = volume > 0 ? Math.max(1, Math.round(volume * TRADES_PER_LOT)) : 0;
    return { open, high, low, close, mean, volume, count, notional: mean * volume };
  }

  /** The values of one kind over [from, to): the path before the tape began, the tape after. */
  bar(kind: PriceKind, from: number, to: number): BarValues {
    const acc = new Accumulator();
    const a = this.anchorT;
    if (from < a) {
      const p = this.pathBar(kind, from, Math.min(to, a));
      acc.add(p.open, p.high, p.low, p.close);
      acc.addTrades(p.volume, p.count, p.notional);
    }
    if (to > a) this.tape?.fold(kind, Math.max(from, a), to, acc);
    const carry = from < a ? this.pathValue(kind, from) : (this.tape?.lastBefore(kind, from) ?? this.anchor[kind]);
    return acc.result(carry);
  }
}

/** Yearly volatility of a kind of market (what HISTORICAL_VOLATILITY bars hover around). */
export const yearlyVolatility = (secType: SimSecTypeName): number => MARKET_MOTION[secType].dailyVol * Math.sqrt(TRADING_DAYS_PER_YEAR);
