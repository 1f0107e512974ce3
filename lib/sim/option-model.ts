import { blackScholes, impliedVol, type BsInputs } from './black-scholes.js';
import { yearsToExpiry } from './expiries.js';
import { RISK_FREE_RATE, modelVol, type OptionChainSpec } from './option-chains.js';
import type { OptionComputation } from './option-computation.js';
import { createPrng, randomInt, type Prng } from './prng.js';
import type { SimContract } from './sim-contract.js';
import type { SimTick } from './sim-tick.js';
import type { ComputationKind } from './tick-ids.js';
import { hashString } from './universe.js';

/** What one underlying move does to an option: changed quote / trade ticks and fresh computations. */
export interface OptionUpdate {
  readonly ticks: readonly SimTick[];
  readonly computations: readonly { readonly kind: ComputationKind; readonly value: OptionComputation }[];
}

const CENTS = 100;
const TICK = 0.01;
const HALF = 0.5;
/** Half the quoted spread, as a fraction of the model price (at least one tick). */
const HALF_SPREAD_FRACTION = 0.015;
const TRADE_PROBABILITY = 0.3;
const MAX_QUOTE_SIZE = 50;
const MAX_TRADE_SIZE = 20;
/** Today's open lies within ± half this fraction of yesterday's close. */
const OPEN_RANGE = 0.1;
/** Volume so far: this fraction of a day's plus up to VOLUME_SPREAD more. */
const VOLUME_FLOOR = 0.2;
const VOLUME_SPREAD = 0.4;

const cents = (price: number): number => Math.round(price * CENTS) / CENTS;

/**
 * The market of one option, driven by its underlying's price: Black-Scholes with a fixed
 * per-strike volatility (the chain's skew and smile around the underlying's reference price),
 * quotes around the model price, occasional trades, and the bid / ask / model computations TWS
 * sends as tickOptionComputation. Deterministic for a seed.
 */
export class OptionModel {
  private readonly rng: Prng;
  private readonly vol: number;
  private bid = 0;
  private ask = 0;
  private last = 0;
  private high = 0;
  private low = 0;
  private volume = 0;

  constructor(
    readonly contract: SimContract,
    private readonly spec: OptionChainSpec,
    underlyingReference: number,
    seed: number,
  ) {
    this.rng = createPrng((seed ^ hashString(contract.seedKey)) >>> 0);
    this.vol = modelVol(spec, contract.strike, underlyingReference);
  }

  /** The model's volatility for this option. */
  get modelVol(): number {
    return this.vol;
  }

  /** The day so far at underlying price `und`: every field, then the three computations. */
  initial(und: number, nowMs: number): OptionUpdate {
    const r = this.rng;
    const { bid, ask, theo } = this.quote(und, nowMs);
    const close = this.contract.price;
    const open = Math.max(TICK, cents(close * (1 + (r() - 0.5) * OPEN_RANGE)));
    this.last = Math.max(TICK, cents(theo));
    this.high = Math.max(open, this.last, close);
    this.low = Math.min(open, this.last);
    this.volume = Math.round(this.contract.dailyVolume * (VOLUME_FLOOR + r() * VOLUME_SPREAD));
    this.bid = bid;
    this.ask = ask;
    const ticks: SimTick[] = [
      { field: 'last', value: this.last, size: randomInt(r, 1, MAX_TRADE_SIZE) },
      { field: 'volume', value: this.volume },
      { field: 'high', value: this.high },
      { field: 'low', value: this.low },
      { field: 'close', value: close },
      { field: 'open', value: open },
      { field: 'bid', value: bid, size: randomInt(r, 1, MAX_QUOTE_SIZE) },
      { field: 'ask', value: ask, size: randomInt(r, 1, MAX_QUOTE_SIZE) },
    ];
    return { ticks, computations: this.computations(und, nowMs, ['bid', 'ask', 'model']) };
  }

  /** The underlying moved to `und`: requote (ticks only for what changed), maybe trade, recompute. */
  update(und: number, nowMs: number): OptionUpdate {
    const r = this.rng;
    const { bid, ask } = this.quote(und, nowMs);
    const ticks: SimTick[] = [];
    const kinds: ComputationKind[] = [];
    if (bid !== this.bid) {
      const size = randomInt(r, 1, MAX_QUOTE_SIZE);
      ticks.push({ field: 'bid', value: bid, size }, { field: 'bidSize', value: size });
      kinds.push('bid');
    }
    if (ask !== this.ask) {
      const size = randomInt(r, 1, MAX_QUOTE_SIZE);
      ticks.push({ field: 'ask', value: ask, size }, { field: 'askSize', value: size });
      kinds.push('ask');
    }
    this.bid = bid;
    this.ask = ask;
    if (r() < TRADE_PROBABILITY) ticks.push(...this.trade());
    kinds.push('model');
    return { ticks, computations: this.computations(und, nowMs, kinds) };
  }

  private inputs(und: number, nowMs: number): Omit<BsInputs, 'vol'> {
    const { right, strike, lastTradeDate } = this.contract;
    return {
      right: right === 'P' ? 'P' : 'C',
      spot: und,
      strike,
      years: yearsToExpiry(lastTradeDate, nowMs),
      rate: RISK_FREE_RATE,
      dividendYield: this.spec.dividendYield,
    };
  }

  private quote(und: number, nowMs: number): { bid: number; ask: number; theo: number } {
    const theo = blackScholes({ ...this.inputs(und, nowMs), vol: this.vol }).price;
    const half = Math.max(TICK, cents(theo * HALF_SPREAD_FRACTION));
    const bid = Math.max(TICK, cents(theo - half));
    const ask = Math.max(cents(bid + TICK), cents(theo + half));
    return { bid, ask, theo };
  }

  private trade(): SimTick[] {
    const r = this.rng;
    const price = r() < HALF ? this.bid : this.ask;
    const size = randomInt(r, 1, MAX_TRADE_SIZE);
    this.last = price;
    this.volume += size;
    const ticks: SimTick[] = [
      { field: 'last', value: price, size },
      { field: 'lastSize', value: size },
      { field: 'volume', value: this.volume },
    ];
    if (price > this.high) ticks.push({ field: 'high', value: (this.high = price) });
    if (price < this.low) ticks.push({ field: 'low', value: (this.low = price) });
    return ticks;
  }

  /** Computations of the given kinds: at the model volatility, or implied from the bid / ask. */
  private computations(und: number, nowMs: number, kinds: readonly ComputationKind[]): OptionUpdate['computations'] {
    const inputs = this.inputs(und, nowMs);
    return kinds.map((kind) => {
      const optPrice = kind === 'bid' ? this.bid : kind === 'ask' ? this.ask : undefined;
      const vol = optPrice === undefined ? this.vol : impliedVol(optPrice, inputs);
      const model = blackScholes({ ...inputs, vol: vol ?? this.vol });
      const greeks = vol === undefined ? undefined : model;
      return {
        kind,
        value: {
          impliedVol: vol,
          delta: greeks?.delta,
          optPrice: optPrice ?? model.price,
          pvDividend: model.pvDividend,
          gamma: greeks?.gamma,
          vega: greeks?.vega,
          theta: greeks?.theta,
          undPrice: und,
          notComputedAs: 'ib',
        },
      };
    });
  }
}
