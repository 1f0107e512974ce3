import type { Bar } from '../../bars/bar.js';
import type { BarSeries } from '../../history/bar-series.js';
import type { DepthLevel, OrderBook } from '../../streams/depth/order-book.js';
import type { QuoteColumn, QuoteRow } from '../render/quote-table.js';
import type { WebEvent } from '../../web/web-event.js';

/**
 * `hello`: what the page lays out, sent first on every stream: the title (SIMULATED first under
 * --sim), the table's column titles (those of the terminal view), the symbols, the chart's bar size
 * and the symbols with a depth ladder.
 */
export interface WebHello {
  readonly title: string;
  readonly simulated: boolean;
  readonly symbols: readonly string[];
  readonly columns: readonly string[];
  /** IB's bar size of the charts' candles (`1 min`). */
  readonly barSize: string;
  readonly depth: readonly string[];
}

/** `quote`: one symbol's table row, its cells as the terminal shows them (AGE as of sending: the page keeps it moving from `lastUpdate`). */
export interface WebQuote {
  readonly symbol: string;
  readonly cells: readonly string[];
  readonly last?: number | undefined;
  /** Epoch ms of the quote's last update. */
  readonly lastUpdate?: number | undefined;
  readonly stale: boolean;
  /** Set when the symbol's stream failed: the row shows it instead of prices. */
  readonly error?: string | undefined;
}

/** A candle as the page draws it: `time` is the bar's start in epoch ms. */
export interface WebBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * `bars`: one symbol's candles, all of them each time (closed bars oldest first, then the forming
 * one), so a message that replaces an unsent older one loses nothing; or why there are none (the
 * page then draws a line of trades from the quotes instead).
 */
export type WebBars =
  | { readonly symbol: string; readonly barSize: string; readonly bars: readonly WebBar[]; readonly stale: boolean }
  | { readonly symbol: string; readonly error: string };

/** `depth`: one symbol's book, best first on each side; or why there is none (no permission, too many depth requests …). */
export type WebDepth =
  | { readonly symbol: string; readonly bids: readonly DepthLevel[]; readonly asks: readonly DepthLevel[]; readonly stale: boolean; readonly time: number }
  | { readonly symbol: string; readonly error: string };

/** `health`: the status lines of the terminal view (connection; health summary where the session has one). */
export interface WebHealth {
  readonly lines: readonly string[];
}

/** The `hello` message. */
export const helloMessage = (hello: WebHello): WebEvent => ({ event: 'hello', key: 'hello', data: hello });

/** A `quote` message of `row`, its cells rendered by the terminal's `columns` at `now`. */
export function quoteMessage(row: QuoteRow, columns: readonly QuoteColumn[], now: number): WebEvent {
  const data: WebQuote = {
    symbol: row.symbol,
    cells: columns.map((column) => column.cell(row, now)),
    last: row.quote?.last,
    lastUpdate: row.quote?.lastUpdate,
    stale: row.quote?.stale === true,
    error: row.error,
  };
  return { event: 'quote', key: `quote:${row.symbol}`, data };
}

const webBar = (bar: Bar): WebBar => ({ time: bar.start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });

/** A `bars` message of `symbol`'s series: its closed bars and the forming one. */
export function barsMessage(symbol: string, series: BarSeries): WebEvent {
  const bars = series.bars.slice().map(webBar);
  if (series.forming !== undefined) bars.push(webBar(series.forming));
  const data: WebBars = { symbol, barSize: series.barSize, bars, stale: series.stale };
  return { event: 'bars', key: `bars:${symbol}`, data };
}

/** A `bars` message saying why `symbol` has no bars. */
export function barsErrorMessage(symbol: string, error: string): WebEvent {
  const data: WebBars = { symbol, error };
  return { event: 'bars', key: `bars:${symbol}`, data };
}

/** A `health` message. */
export const healthMessage = (lines: readonly string[]): WebEvent => ({ event: 'health', key: 'health', data: { lines } satisfies WebHealth });

/** A `depth` message of `symbol`'s book. */
export function depthMessage(symbol: string, book: OrderBook): WebEvent {
  const data: WebDepth = { symbol, bids: book.bids, asks: book.asks, stale: book.stale, time: book.time };
  return { event: 'depth', key: `depth:${symbol}`, data };
}

/** A `depth` message saying why `symbol` has no book. */
export function depthErrorMessage(symbol: string, error: string): WebEvent {
  const data: WebDepth = { symbol, error };
  return { event: 'depth', key: `depth:${symbol}`, data };
}
