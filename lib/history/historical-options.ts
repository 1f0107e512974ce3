import type { BarSize } from './bar-size.js';
import type { Duration } from './duration.js';

/** What the bars show (`reqHistoricalData`'s whatToShow); TRADES is the default. */
export type WhatToShow =
  | 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK' | 'BID_ASK' | 'ADJUSTED_LAST' | 'HISTORICAL_VOLATILITY' | 'OPTION_IMPLIED_VOLATILITY'
  | 'FEE_RATE' | 'YIELD_BID' | 'YIELD_ASK' | 'YIELD_BID_ASK' | 'YIELD_LAST' | 'AGGTRADES';

/** Every {@link WhatToShow} ib-rx sends (IB's SCHEDULE answers another message and is not one of them). */
export const WHAT_TO_SHOW_LIST: readonly WhatToShow[] = [
  'TRADES', 'MIDPOINT', 'BID', 'ASK', 'BID_ASK', 'ADJUSTED_LAST', 'HISTORICAL_VOLATILITY', 'OPTION_IMPLIED_VOLATILITY',
  'FEE_RATE', 'YIELD_BID', 'YIELD_ASK', 'YIELD_BID_ASK', 'YIELD_LAST', 'AGGTRADES',
];

/** Options of `IbSession.historicalBars`. */
export interface HistoricalBarsOptions {
  /** How far back from `end`, in IB's words: `'30 S'`, `'1 D'` (trading days), `'2 W'`, `'1 M'`, `'1 Y'`. */
  readonly duration: Duration;
  /** IB's bar size: `'1 secs'` … `'1 month'`; the duration must not exceed IB's limit for it. */
  readonly barSize: BarSize;
  /** Default `'TRADES'`. */
  readonly whatToShow?: WhatToShow;
  /** Regular trading hours only. Default `false` (all the data TWS has, extended hours included). */
  readonly useRTH?: boolean;
  /** The end of the span, epoch ms (sent as `yyyyMMdd-HH:mm:ss` in UTC). Default: now. */
  readonly end?: number;
}

/** Options of `IbSession.bars$` (historical bars kept up to date). */
export interface BarsOptions {
  /** IB's bar size, 5 secs or longer (keepUpToDate needs it). */
  readonly barSize: BarSize;
  /** The history requested first, as for `historicalBars`. */
  readonly duration: Duration;
  /** Default `'TRADES'`. */
  readonly whatToShow?: WhatToShow;
  /** Default `false`. */
  readonly useRTH?: boolean;
  /** Closed bars kept in each `BarSeries` (the newest ones), an integer ≥ 1. Default `market_data.history`. */
  readonly history?: number;
}

/** The keys of {@link HistoricalBarsOptions}. */
export const HISTORICAL_BARS_OPTION_KEYS: readonly (keyof HistoricalBarsOptions)[] = ['duration', 'barSize', 'whatToShow', 'useRTH', 'end'];

/** The keys of {@link BarsOptions} (no `end`: the bars are kept up to date to now). */
export const BARS_OPTION_KEYS: readonly (keyof BarsOptions)[] = ['barSize', 'duration', 'whatToShow', 'useRTH', 'history'];
