import { blackScholes } from './black-scholes.js';
import { monthlyExpiries, occLocalSymbol, yearsToExpiry, ymd } from './expiries.js';
import { SimSecType, type SimContract } from './sim-contract.js';
import { hashString } from './universe.js';

/** How the simulator lists and prices the options of one underlying. */
export interface OptionChainSpec {
  readonly underlying: string;
  /** At-the-money volatility of the model. */
  readonly vol: number;
  /** Volatility change per unit of log-moneyness ln(K / S₀) (negative: puts richer). */
  readonly skew: number;
  /** Volatility added per unit of squared log-moneyness (the smile). */
  readonly smile: number;
  readonly dividendYield: number;
  readonly strikeStep: number;
  /** Strikes below and above the one nearest the underlying's reference price. */
  readonly strikesEachSide: number;
  /** Monthly expiries listed. */
  readonly expiries: number;
}

/** Underlyings with listed options: AAPL and SPY, three monthlies × nine strikes × call / put. */
export const OPTION_CHAIN_SPECS: readonly OptionChainSpec[] = [
  { underlying: 'AAPL', vol: 0.27, skew: -0.25, smile: 0.6, dividendYield: 0.0045, strikeStep: 5, strikesEachSide: 4, expiries: 3 },
  { underlying: 'SPY', vol: 0.15, skew: -0.45, smile: 0.8, dividendYield: 0.012, strikeStep: 5, strikesEachSide: 4, expiries: 3 },
];

/** The model's risk-free rate (continuous). */
export const RISK_FREE_RATE = 0.04;
/** Exchanges the options trade on; reqSecDefOptParams answers one row per exchange. */
export const OPTION_EXCHANGES: readonly string[] = ['SMART', 'AMEX', 'BATS', 'BOX', 'CBOE', 'ISE', 'MIAX', 'PHLX'];
export const OPTION_MULTIPLIER = '100';
const OPTION_TICK = 0.01;
const OPTION_CONID_BASE = 700_000_000;
const CONID_SPAN = 90_000_000;
const ATM_DAILY_VOLUME = 5_000;
/** Daily volume falls off as exp(−VOLUME_DECAY × |ln(K / S)|), never below MIN_DAILY_VOLUME. */
const VOLUME_DECAY = 20;
const MIN_DAILY_VOLUME = 10;

/** The chain spec of an option's underlying (undefined for other contracts). */
export const chainSpecFor = (symbol: string): OptionChainSpec | undefined =>
  OPTION_CHAIN_SPECS.find((s) => s.underlying === symbol);

/** The model volatility of a strike, given the underlying's reference price. */
export const modelVol = (spec: OptionChainSpec, strike: number, referencePrice: number): number => {
  const moneyness = Math.log(strike / referencePrice);
  return spec.vol + spec.skew * moneyness + spec.smile * moneyness * moneyness;
};

const OPTION_TICKS_PER_UNIT = 1 / OPTION_TICK;
const roundTick = (price: number): number => Math.max(OPTION_TICK, Math.round(price * OPTION_TICKS_PER_UNIT) / OPTION_TICKS_PER_UNIT);

/** The options of one underlying: `spec.expiries` monthlies, strikes around its reference price, calls and puts. */
export const optionChain = (underlying: SimContract, spec: OptionChainSpec, today: Date): SimContract[] => {
  const center = Math.round(underlying.price / spec.strikeStep) * spec.strikeStep;
  const strikes = Array.from({ length: 2 * spec.strikesEachSide + 1 }, (_, i) => center + (i - spec.strikesEachSide) * spec.strikeStep);
  const contracts: SimContract[] = [];
  for (const expiry of monthlyExpiries(today, spec.expiries)) {
    const lastTradeDate = ymd(expiry);
    const years = yearsToExpiry(lastTradeDate, today.getTime());
    for (const strike of strikes) {
      for (const right of ['C', 'P'] as const) {
        const localSymbol = occLocalSymbol(underlying.symbol, expiry, right, strike);
        const vol = modelVol(spec, strike, underlying.price);
        const theo = blackScholes({ right, spot: underlying.price, strike, years, rate: RISK_FREE_RATE, dividendYield: spec.dividendYield, vol });
        const distance = Math.abs(Math.log(strike / underlying.price));
        contracts.push({
          conId: OPTION_CONID_BASE + (hashString(localSymbol) % CONID_SPAN),
          symbol: underlying.symbol, secType: SimSecType.OPT, exchange: 'SMART', primaryExch: '', currency: underlying.currency,
          localSymbol, tradingClass: underlying.symbol, marketName: underlying.symbol, multiplier: OPTION_MULTIPLIER,
          lastTradeDate, contractMonth: lastTradeDate.slice(0, 6), strike, right, minTick: OPTION_TICK, longName: underlying.longName,
          validExchanges: OPTION_EXCHANGES, underConId: underlying.conId, underSymbol: underlying.symbol, underSecType: underlying.secType,
          industry: underlying.industry, category: underlying.category, subcategory: underlying.subcategory, stockType: '', secIds: [],
          price: roundTick(theo.price), dailyVolume: Math.round(ATM_DAILY_VOLUME * Math.exp(-distance * VOLUME_DECAY)) + MIN_DAILY_VOLUME, seedKey: localSymbol,
        });
      }
    }
  }
  return contracts;
};
