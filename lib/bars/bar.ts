/**
 * One OHLCV bar, the one bar type of ib-rx: built from ticks (`bars`, `tickBars`), from historical
 * data (`historicalBars`, `bars$`) or merged from finer bars (`resample`). Volume in TWS's units
 * (not rescaled).
 * - From ticks: prices from `last` ticks, volume from `lastSize` ticks; `trades` counts `last`
 *   ticks; a size without a new price (IB's "another trade at the same price") adds volume at the
 *   previous price. No `wap`.
 * - From TWS's historical data: `trades` is IB's bar count, `wap` its volume-weighted average
 *   price. Bars without trades data (MIDPOINT, BID, ASK, BID_ASK …: TWS sends -1) have `volume`
 *   0, `trades` 0 and no `wap`.
 */
export interface Bar {
  /**
   * Epoch ms. Time bars: interval start (a multiple of the interval). Tick bars: first trade's
   * tick time. Historical bars: the bar's time as TWS reports it; daily and longer bars: 00:00 UTC
   * of their (first) trading date.
   */
  readonly start: number;
  /**
   * Epoch ms, exclusive. Time bars: interval end. Tick bars: last trade's tick time. Historical
   * bars: `start` + the bar length (a calendar month for monthly bars), cut at the next bar's start.
   */
  readonly end: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
  /** Volume-weighted average price, where the source has one (TWS's historical TRADES bars; `resample` of bars with one). */
  readonly wap?: number;
}

/** A bar opened by a trade at `price`. */
export function openBar(start: number, end: number, price: number, trades: number, volume: number): Bar {
  return { start, end, open: price, high: price, low: price, close: price, volume, trades };
}

/** `bar` with one more trade at `price`. */
export function addTrade(bar: Bar, price: number, end: number = bar.end): Bar {
  return {
    ...bar,
    end,
    high: price > bar.high ? price : bar.high,
    low: price < bar.low ? price : bar.low,
    close: price,
    trades: bar.trades + 1,
  };
}

/** `bar` with `size` more volume. */
export function addVolume(bar: Bar, size: number): Bar {
  return { ...bar, volume: bar.volume + size };
}
