import { createPrng, randomInt, type Prng } from './prng.js';
import type { SimTick } from './sim-tick.js';
import { hashString } from './universe.js';

/** What a walk starts from: a seed key (a stock's symbol), yesterday's close and a typical daily volume. */
export interface WalkAnchor {
  readonly symbol: string;
  readonly price: number;
  readonly dailyVolume: number;
}

const CENT = 0.01;
/** Per-step relative volatility of the mid price. */
const STEP_VOLATILITY = 0.0004;
const TRADE_PROBABILITY = 0.35;
const MAX_QUOTE_SIZE = 30;
const MAX_TRADE_SIZE = 10;

/**
 * A deterministic random walk of one symbol: the same seed and symbol give the same sequence of
 * quotes and trades. `initial()` is the day so far, `step()` one quote move or one trade. Prices
 * are multiples of `minTick` (default one cent).
 */
export class RandomWalk {
  private readonly rng: Prng;
  private bid: number;
  private ask: number;
  private last: number;
  private high: number;
  private low: number;
  private volume: number;
  private readonly open: number;
  private readonly close: number;
  private readonly tick: number;
  private readonly ticksPerUnit: number;

  constructor(inst: WalkAnchor, seed: number, minTick: number = CENT) {
    this.rng = createPrng((seed ^ hashString(inst.symbol)) >>> 0);
    const r = this.rng;
    this.tick = minTick;
    this.ticksPerUnit = Math.round(1 / minTick);
    this.close = inst.price;
    this.open = this.round(inst.price * (1 + (r() - 0.5) * 0.02));
    this.last = this.round(this.open * (1 + (r() - 0.5) * 0.02));
    this.high = this.round(Math.max(this.open, this.last) * (1 + r() * 0.006));
    this.low = this.round(Math.min(this.open, this.last) * (1 - r() * 0.006));
    this.volume = Math.round(inst.dailyVolume * (0.2 + r() * 0.4));
    this.bid = this.round(this.last - this.tick);
    this.ask = this.round(this.last + this.tick);
  }

  /** A price on the tick grid. */
  private round(price: number): number {
    return Math.round(price * this.ticksPerUnit) / this.ticksPerUnit;
  }

  /** The state of the day so far (one tick per field). */
  initial(): SimTick[] {
    const r = this.rng;
    return [
      { field: 'last', value: this.last, size: randomInt(r, 1, MAX_TRADE_SIZE) },
      { field: 'volume', value: this.volume },
      { field: 'high', value: this.high },
      { field: 'low', value: this.low },
      { field: 'close', value: this.close },
      { field: 'open', value: this.open },
      { field: 'bid', value: this.bid, size: randomInt(r, 1, MAX_QUOTE_SIZE) },
      { field: 'ask', value: this.ask, size: randomInt(r, 1, MAX_QUOTE_SIZE) },
    ];
  }

  /** One market event: a quote move or a trade. */
  step(): SimTick[] {
    return this.rng() < TRADE_PROBABILITY ? this.trade() : this.quote();
  }

  private quote(): SimTick[] {
    const r = this.rng;
    const mid = (this.bid + this.ask) / 2;
    const newMid = mid * (1 + (r() - 0.5) * 2 * STEP_VOLATILITY);
    const halfSpread = this.tick * randomInt(r, 1, 2) * 0.5;
    const bid = this.round(newMid - halfSpread);
    const ask = Math.max(this.round(newMid + halfSpread), this.round(bid + this.tick));
    const ticks: SimTick[] = [];
    const bidSize = randomInt(r, 1, MAX_QUOTE_SIZE);
    const askSize = randomInt(r, 1, MAX_QUOTE_SIZE);
    // Like TWS: a moved quote is a tickPrice carrying the size plus a standalone tickSize.
    if (bid !== this.bid) ticks.push({ field: 'bid', value: bid, size: bidSize });
    ticks.push({ field: 'bidSize', value: bidSize });
    if (ask !== this.ask) ticks.push({ field: 'ask', value: ask, size: askSize });
    ticks.push({ field: 'askSize', value: askSize });
    this.bid = bid;
    this.ask = ask;
    return ticks;
  }

  private trade(): SimTick[] {
    const r = this.rng;
    const price = r() < 0.5 ? this.bid : this.ask;
    const size = randomInt(r, 1, MAX_TRADE_SIZE);
    this.last = price;
    this.volume += size;
    const ticks: SimTick[] = [
      { field: 'last', value: price, size },
      { field: 'lastSize', value: size },
      { field: 'volume', value: this.volume },
    ];
    if (price > this.high) {
      this.high = price;
      ticks.push({ field: 'high', value: price });
    }
    if (price < this.low) {
      this.low = price;
      ticks.push({ field: 'low', value: price });
    }
    return ticks;
  }
}
