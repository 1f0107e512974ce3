import type { Bar } from '../../bars/bar.js';
import type { ReplayBarRecord, ReplayDepthRecord, ReplayRecord, ReplayTickByTickRecord } from '../../sim/replay-format.js';
import type { OrderBook } from '../../streams/depth/order-book.js';
import type { RealTimeBarsWhatToShow } from '../../streams/real-time-bars/real-time-bars-options.js';
import type { TickByTick } from '../../streams/tick-by-tick/tick-by-tick.js';
import type { Tick } from '../../ticks/tick.js';

/**
 * The replay line for one received tick (the format `ib-rx sim --replay` reads), or undefined for
 * ticks the replay format has no field for (last trade time, halted, option greeks).
 */
export function toReplayRecord(symbol: string, tick: Tick): ReplayRecord | undefined {
  if (tick.field === 'lastTimestamp' || tick.field === 'halted' || tick.field === 'greeks') return undefined;
  return { t: tick.time, symbol, field: tick.field, value: tick.value, delayed: tick.delayed };
}

/** The replay line for one 5-second bar received at `t` (epoch ms). */
export function barReplayRecord(symbol: string, whatToShow: RealTimeBarsWhatToShow, bar: Bar, t: number): ReplayBarRecord {
  const { start, open, high, low, close, volume, trades, wap } = bar;
  const record: ReplayBarRecord = { kind: 'bar5s', t, symbol, whatToShow, start, open, high, low, close, volume, trades };
  return wap === undefined ? record : { ...record, wap };
}

/** The replay line for one tick-by-tick message received at `t` (epoch ms): its fields as emitted. */
export function tickByTickReplayRecord(symbol: string, tick: TickByTick, t: number): ReplayTickByTickRecord {
  return { kind: 'tbt', t, symbol, ...tick };
}

/** The replay line for one depth book received at `t` (epoch ms): its rows, best first. */
export function depthReplayRecord(symbol: string, book: OrderBook, t: number): ReplayDepthRecord {
  const rows = (levels: OrderBook['bids']): ReplayDepthRecord['bids'] =>
    levels.map(({ price, size, marketMaker }) => (marketMaker === undefined ? { price, size } : { price, size, marketMaker }));
  return { kind: 'depth', t, symbol, bids: rows(book.bids), asks: rows(book.asks) };
}
