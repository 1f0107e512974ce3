import type { DataType } from '../config/index.js';
import type { OptionGreeks } from '../ticks/option-greeks.js';
import type { HistoryView } from './history-view.js';

/**
 * One symbol's market picture: an immutable snapshot (readonly by type; not frozen, for speed),
 * produced by `reduceMarketState` / `marketState()`. Absent values are `undefined`, never -1.
 * Units are TWS's (sizes and volume not rescaled).
 *
 * History: `timestamp`, `close`, `high`, `low`, `volume` are aligned columns (same length), one row
 * per trade price (`last` tick): the tick time, the trade price, and the day high / low / volume in
 * force at that moment. At most `history` rows (the newest); a snapshot's columns never change.
 */
export interface MarketState {
  readonly symbol: string;
  readonly bid: number | undefined;
  readonly ask: number | undefined;
  /** Last trade price. */
  readonly last: number | undefined;
  readonly bidSize: number | undefined;
  readonly askSize: number | undefined;
  readonly lastSize: number | undefined;
  /** Today's open (OPEN 14 / DELAYED_OPEN 76). */
  readonly open: number | undefined;
  /** Yesterday's close (CLOSE 9 / DELAYED_CLOSE 75). */
  readonly prevClose: number | undefined;
  /** Today's volume so far (VOLUME 8 / DELAYED_VOLUME 74). */
  readonly dayVolume: number | undefined;
  /** Day high: the max of TWS's HIGH ticks and every trade seen. */
  readonly currentHigh: number | undefined;
  /** Day low: the min of TWS's LOW ticks and every trade seen. */
  readonly currentLow: number | undefined;
  /** Time of the last trade, epoch ms (LAST_TIMESTAMP 45 / 88). */
  readonly lastTradeTime: number | undefined;
  /** Trading halted (HALTED 49 / 90); `undefined` until TWS says. */
  readonly halted: boolean | undefined;
  /** `time` of the last tick applied (scheduler ms). */
  readonly lastUpdate: number | undefined;
  /** Market data type TWS reports in effect for this request. */
  readonly marketDataType: DataType | undefined;
  /** Data interrupted (set by the session on 1100 etc.); any new tick clears it. */
  readonly stale: boolean;
  /**
   * An option's latest model computation (MODEL_OPTION 13 / DELAYED_MODEL_OPTION 83) as TWS sent
   * it: implied volatility, delta, gamma, vega, theta, model price and underlying price, each
   * `undefined` where TWS did not compute it. `undefined` for other contracts and until the first one.
   */
  readonly greeks: OptionGreeks | undefined;
  /** History row times (tick `time`, scheduler ms). */
  readonly timestamp: HistoryView;
  /** History trade prices (the close / last series). */
  readonly close: HistoryView;
  /** History: day high in force at each row. */
  readonly high: HistoryView;
  /** History: day low in force at each row. */
  readonly low: HistoryView;
  /** History: day volume in force at each row (`undefined` before TWS sent one). */
  readonly volume: HistoryView<number | undefined>;
}
