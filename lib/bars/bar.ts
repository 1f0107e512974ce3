/**
 * One OHLCV bar built from trades: prices from `last` ticks, volume from `lastSize` ticks (TWS's
 * units, not rescaled). `trades` counts `last` ticks; a size without a new price (IB's "another
 * trade at the same price") adds volume at the previous price.
 */
export interface Bar {
  /** Time bars: interval start (a multiple of the interval). Tick bars: first trade's tick time. */
  readonly start: number;
  /** Time bars: interval end (exclusive). Tick bars: last trade's tick time. */
  readonly end: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
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
