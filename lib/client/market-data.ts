import type { DataType } from '../config/index.js';
import type { MarketState } from '../state/market-state.js';

/**
 * The original design's per-symbol market data structure, as `IBClient.getMarketData` returns it:
 * aligned history arrays (`timestamp[i]` is when the trade `close[i]` happened, with the day
 * `high[i]` / `low[i]` / `volume[i]` in force then; oldest first, at most `market_data.history`
 * rows), plus `last_update`, `current_high`, `current_low` — and the current quote. Keys keep the
 * original's snake_case. Absent values are `null`. A plain, frozen copy: later ticks don't change it.
 */
export interface MarketData {
  readonly symbol: string;
  /** Epoch ms of each history row. */
  readonly timestamp: readonly number[];
  /** Close / last trade prices. */
  readonly close: readonly number[];
  readonly high: readonly number[];
  readonly low: readonly number[];
  /** Day volume at each row (`null` before TWS sent one), in TWS's units. */
  readonly volume: readonly (number | null)[];
  /** Epoch ms of the last update. */
  readonly last_update: number | null;
  /** Day high / low so far. */
  readonly current_high: number | null;
  readonly current_low: number | null;
  readonly bid: number | null;
  readonly ask: number | null;
  readonly last: number | null;
  /** Yesterday's close. */
  readonly prev_close: number | null;
  /** The market data type TWS reports in effect (`realtime`, `delayed` …). */
  readonly market_data_type: DataType | null;
  /** True while the data is interrupted (connection or link lost). */
  readonly stale: boolean;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** Copies a `MarketState` into the original design's {@link MarketData} shape. */
export function toMarketData(state: MarketState): MarketData {
  return Object.freeze({
    symbol: state.symbol,
    timestamp: Object.freeze(state.timestamp.toArray()),
    close: Object.freeze(state.close.toArray()),
    high: Object.freeze(state.high.toArray()),
    low: Object.freeze(state.low.toArray()),
    volume: Object.freeze(state.volume.toArray().map(orNull)),
    last_update: orNull(state.lastUpdate),
    current_high: orNull(state.currentHigh),
    current_low: orNull(state.currentLow),
    bid: orNull(state.bid),
    ask: orNull(state.ask),
    last: orNull(state.last),
    prev_close: orNull(state.prevClose),
    market_data_type: orNull(state.marketDataType),
    stale: state.stale,
  });
}
