import { BarList } from '../bars/bar-list.js';
import type { BarSize } from '../history/bar-size.js';
import { initialBarSeries, reduceBarSeries, type BarSeries } from '../history/bar-series.js';
import { initialMarketState, reduceMarketState, type MarketState, type MarketStateInput } from '../state/index.js';
import { concatRows, fromMarketStateRecord, type HistoryRows, type MarketStateRecord } from './market-state-record.js';
import type { BarSeriesRecord } from './protocol.js';
import type { Bar } from '../bars/bar.js';
import { emptyOrderBook, type OrderBook } from '../streams/depth/order-book.js';
import type { TickByTick } from '../streams/tick-by-tick/tick-by-tick.js';
import { applyDepthChange, decodeDepthMessage, decodeRealTimeBarsMessage, decodeTickByTickMessage, fromOrderBookRecord, type DepthChange, type OrderBookRecord } from './event-messages.js';
import type { StreamCodec } from './remote-stream.js';
import type { RemoteSubjects } from './subjects.js';
import { decodeBarsUpdate, decodeInputs, tupleBar, type BarsUpdate, type BarTuple } from './wire.js';

const textDecoder = new TextDecoder();

/** Market data travels as the reducer's inputs (binary batches); the consumer folds them with the same `reduceMarketState`. */
export function marketDataCodec(subjects: RemoteSubjects, symbol: string): StreamCodec<MarketState, MarketStateInput> {
  return {
    subject: subjects.marketData,
    decode: decodeInputs,
    initial: (history) => initialMarketState(symbol, history),
    restore: (record, pages) => {
      const r = record as MarketStateRecord;
      return fromMarketStateRecord({ ...r, rows: (pages as HistoryRows[]).reduce(concatRows, r.rows) });
    },
    apply: reduceMarketState,
    stale: (state, stale) => reduceMarketState(state, { type: 'stale', stale }),
  };
}

/** Bars travel as updates (closed bars appended, the forming bar, the flag). */
export function barsCodec(subjects: RemoteSubjects, symbol: string, barSize: BarSize): StreamCodec<BarSeries, BarsUpdate> {
  return {
    subject: subjects.bars,
    decode: (subject, data) => decodeBarsUpdate(subject, textDecoder.decode(data)),
    initial: (history) => initialBarSeries(symbol, barSize, history),
    restore: (record, pages) => {
      const r = record as BarSeriesRecord;
      let bars = BarList.empty(r.history);
      for (const tuple of [r.bars, ...(pages as BarTuple[][])].flat()) bars = bars.append(tupleBar(tuple));
      return { symbol: r.symbol, barSize: r.barSize as BarSize, bars, forming: r.forming === null ? undefined : tupleBar(r.forming), stale: r.stale };
    },
    apply: (series, update) => {
      let bars = series.bars;
      const lastStart = bars.last?.start ?? Number.NEGATIVE_INFINITY;
      for (const bar of update.closed) if (bar.start > lastStart) bars = bars.append(bar);
      return { symbol: series.symbol, barSize: series.barSize, bars, forming: update.forming, stale: update.stale };
    },
    stale: (series, stale) => reduceBarSeries(series, { type: 'stale', stale }),
  };
}

/**
 * Depth books travel as changes (each side that changed, whole); the consumer applies them to
 * the join's book, so its book is the server's after every change. Stale (locally) while the
 * link is down, as the server's own interruptions make its books stale.
 */
export function depthCodec(subjects: RemoteSubjects, symbol: string, rows: number, smart: boolean): StreamCodec<OrderBook, DepthChange> {
  return {
    subject: subjects.depth,
    decode: decodeDepthMessage,
    initial: () => emptyOrderBook(symbol, rows, smart),
    restore: (record) => fromOrderBookRecord(record as OrderBookRecord),
    apply: applyDepthChange,
    stale: (book, stale) => (book.stale === stale ? book : Object.freeze({ ...book, stale })),
  };
}

/**
 * Events with no replay (tick-by-tick data, 5-second bars): the value is a count of the events
 * applied (nothing to show), the events themselves are the inputs (`RemoteEntry.inputs$`).
 */
function eventsCodec<E>(subject: (id: string) => string, decode: StreamCodec<number, E>['decode']): StreamCodec<number, E> {
  return {
    subject,
    decode,
    initial: () => 0,
    restore: () => 0,
    apply: (count) => count + 1,
    stale: (count) => count,
  };
}

/** Tick-by-tick ticks travel as JSON objects, each as the server's session emitted it. */
export function tickByTickCodec(subjects: RemoteSubjects): StreamCodec<number, TickByTick> {
  return eventsCodec(subjects.tickByTick, decodeTickByTickMessage);
}

/** 5-second bars travel as bar tuples. */
export function realTimeBarsCodec(subjects: RemoteSubjects): StreamCodec<number, Bar> {
  return eventsCodec(subjects.realTimeBars, decodeRealTimeBarsMessage);
}
