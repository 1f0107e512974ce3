import type { Bar } from '../bars/bar.js';
import { BarList } from '../bars/bar-list.js';
import type { BarSize } from './bar-size.js';
import { endBefore } from './historical-bar.js';

/**
 * Historical bars kept up to date (`IbSession.bars$`): an immutable snapshot per update (readonly
 * by type; never changed after it was emitted).
 */
export interface BarSeries {
  /** The contract's label (`AAPL`, `EUR.USD`, `ESZ6`). */
  readonly symbol: string;
  readonly barSize: BarSize;
  /** Closed bars, oldest first, at most `history` (the newest ones); one per start, starts increasing. */
  readonly bars: BarList;
  /** The bar still forming (TWS repeats its start with new values until a new bar begins), if any. */
  readonly forming: Bar | undefined;
  /** Data interrupted (connection lost, 1100, market data farm broken), or re-requested after a reconnect / 1101 and not answered yet. */
  readonly stale: boolean;
}

/** What changes a {@link BarSeries}. */
export type BarSeriesInput =
  /** An answer of (re)requested history, oldest first: every bar but the last is closed; the last is forming. */
  | { readonly type: 'history'; readonly bars: readonly Bar[] }
  /** A keepUpToDate update: the forming bar so far, or a new bar (which closes the forming one). */
  | { readonly type: 'update'; readonly bar: Bar }
  | { readonly type: 'stale'; readonly stale: boolean };

/** An empty series (no bars, nothing forming, not stale) keeping at most `history` closed bars (RangeError unless an integer ≥ 1). */
export function initialBarSeries(symbol: string, barSize: BarSize, history: number): BarSeries {
  return { symbol, barSize, bars: BarList.empty(history), forming: undefined, stale: false };
}

/**
 * The series after one input (the same object when nothing changed). O(1) per update, whatever
 * `history`:
 * - `update` with the forming bar's start: the forming bar is replaced; with a later start: the
 *   forming bar is closed (appended to `bars`, its end cut at the new start) and the new one forms;
 *   with an earlier start (a late or repeated bar that is already closed): ignored.
 * - `history` (an answer after a (re)request): bars starting at or before the last closed bar are
 *   dropped (closed bars are final); the rest is merged with the forming bar (the answer's version
 *   wins for the same start): all but the newest are closed, the newest forms. So a re-request that
 *   overlaps what is known adds no duplicate start and leaves no hole.
 * - `stale`: sets the flag.
 */
export function reduceBarSeries(series: BarSeries, input: BarSeriesInput): BarSeries {
  switch (input.type) {
    case 'stale':
      return input.stale === series.stale ? series : next(series, series.bars, series.forming, input.stale);
    case 'update':
      return update(series, input.bar);
    case 'history':
      return merge(series, input.bars);
  }
}

/** A series like `series` with these bars, forming bar and flag (a literal, not a spread: this runs per update). */
function next(series: BarSeries, bars: BarList, forming: Bar | undefined, stale: boolean): BarSeries {
  return { symbol: series.symbol, barSize: series.barSize, bars, forming, stale };
}

function update(series: BarSeries, bar: Bar): BarSeries {
  const { forming } = series;
  if (forming === undefined) {
    const lastClosed = series.bars.last;
    return lastClosed !== undefined && bar.start <= lastClosed.start ? series : next(series, series.bars, bar, series.stale);
  }
  if (bar.start === forming.start) return next(series, series.bars, bar, series.stale);
  if (bar.start < forming.start) return series;
  return next(series, series.bars.append(endBefore(forming, bar.start)), bar, series.stale);
}

function merge(series: BarSeries, answer: readonly Bar[]): BarSeries {
  const lastClosed = series.bars.last?.start ?? Number.NEGATIVE_INFINITY;
  const fresh = answer.filter((bar) => bar.start > lastClosed);
  const { forming } = series;
  if (forming !== undefined && !fresh.some((bar) => bar.start === forming.start)) {
    const at = fresh.findIndex((bar) => bar.start > forming.start);
    fresh.splice(at < 0 ? fresh.length : at, 0, forming);
  }
  if (fresh.length === 0 || (fresh.length === 1 && fresh[0] === forming)) return series;
  let bars = series.bars;
  for (let i = 0; i + 1 < fresh.length; i++) bars = bars.append(endBefore(fresh[i] as Bar, (fresh[i + 1] as Bar).start));
  return next(series, bars, fresh[fresh.length - 1], series.stale);
}
