import type { BarSlot } from './bar-plan.js';
import { yearlyVolatility, type FeedHistory } from './feed-history.js';
import { hashedNormal } from './price-path.js';
import type { BarValues, PriceKind } from './price-tape.js';
import type { SimContract } from './sim-contract.js';
import { hashString } from './universe.js';

/** How each whatToShow is built: from one price kind, from bid and ask, or a volatility series. */
export type ShowSource =
  | { readonly type: 'kind'; readonly kind: PriceKind }
  | { readonly type: 'bidAsk' }
  | { readonly type: 'volatility'; readonly implied: boolean };

/** The whatToShow values the simulator answers, and how (ADJUSTED_LAST = TRADES: no splits or dividends here). */
export const WHAT_TO_SHOW: Readonly<Record<string, ShowSource>> = {
  TRADES: { type: 'kind', kind: 'trades' },
  ADJUSTED_LAST: { type: 'kind', kind: 'trades' },
  MIDPOINT: { type: 'kind', kind: 'mid' },
  BID: { type: 'kind', kind: 'bid' },
  ASK: { type: 'kind', kind: 'ask' },
  BID_ASK: { type: 'bidAsk' },
  HISTORICAL_VOLATILITY: { type: 'volatility', implied: false },
  OPTION_IMPLIED_VOLATILITY: { type: 'volatility', implied: true },
};

/** Valid in TWS but not simulated: answered with "no data". */
export const UNSIMULATED_WHAT_TO_SHOW: ReadonlySet<string> = new Set([
  'FEE_RATE', 'REBATE_RATE', 'SCHEDULE', 'AGGTRADES', 'YIELD_BID', 'YIELD_ASK', 'YIELD_BID_ASK', 'YIELD_LAST',
]);

/** One bar's values, -1 where IB reports none. */
export interface BarNumbers {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly wap: number;
  readonly count: number;
}

const NONE = -1;
const DAY_MS = 86_400_000;
/** Day-to-day wobble of the volatility series, and the implied premium over the historical one. */
const VOL_NOISE = 0.15;
const IMPLIED_PREMIUM = 1.12;
const VOL_DECIMALS = 1e6;
const WAP_DECIMALS = 1e4;

/** True when the market has the prices a whatToShow needs (forex has no trades, indices no quotes). */
export const canShow = (history: FeedHistory, source: ShowSource): boolean => {
  if (source.type === 'kind') return history.has(source.kind);
  if (source.type === 'bidAsk') return history.has('bid') && history.has('ask');
  return true;
};

const quotes = (v: BarValues): BarNumbers => ({ open: v.open, high: v.high, low: v.low, close: v.close, volume: NONE, wap: NONE, count: NONE });

const volatilityBar = (contract: SimContract, implied: boolean, slot: BarSlot): BarNumbers => {
  const key = hashString(`vol:${contract.seedKey}`);
  const base = yearlyVolatility(contract.secType) * (implied ? IMPLIED_PREMIUM : 1);
  const at = (t: number): number => Math.round(base * Math.exp(VOL_NOISE * hashedNormal(key, Math.floor(t / DAY_MS))) * VOL_DECIMALS) / VOL_DECIMALS;
  const open = at(slot.from);
  const close = at(slot.to);
  return { open, high: Math.max(open, close), low: Math.min(open, close), close, volume: NONE, wap: NONE, count: NONE };
};

/**
 * A bar's numbers for a whatToShow: TRADES with volume, WAP and trade count; MIDPOINT / BID / ASK
 * with -1 for those; BID_ASK as IB builds it (open = time-average bid, high = highest ask, low =
 * lowest bid, close = time-average ask); the volatilities around the market's yearly volatility.
 */
export const barNumbers = (history: FeedHistory, contract: SimContract, source: ShowSource, slot: BarSlot): BarNumbers => {
  if (source.type === 'volatility') return volatilityBar(contract, source.implied, slot);
  if (source.type === 'bidAsk') {
    const bid = history.bar('bid', slot.from, slot.to);
    const ask = history.bar('ask', slot.from, slot.to);
    return { open: bid.mean, high: ask.high, low: bid.low, close: ask.mean, volume: NONE, wap: NONE, count: NONE };
  }
  const v = history.bar(source.kind, slot.from, slot.to);
  if (source.kind !== 'trades') return quotes(v);
  const wap = v.volume > 0 ? v.notional / v.volume : v.mean;
  return { ...quotes(v), volume: v.volume, wap: Math.round(wap * WAP_DECIMALS) / WAP_DECIMALS, count: v.count };
};
