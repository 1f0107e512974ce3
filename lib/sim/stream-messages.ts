import type { Field } from './field.js';
import { priceText } from './server-messages.js';

/** Server message ids of the streams (values as `@stoqey/ib`'s IN_MSG_ID). */
export const StreamServerMsg = { REAL_TIME_BARS: 50, TICK_BY_TICK: 99 } as const;

/** realtimeBar's per-message version. */
const REAL_TIME_BARS_VERSION = 3;

/** One 5-second bar as it travels (-1 for volume, WAP and count of bars without trades). */
export interface RealTimeBarRow {
  /** The bar's start, epoch seconds. */
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly wap: number;
  readonly count: number;
}

/** realtimeBar `50|3|reqId|time|open|high|low|close|volume|wap|count`. */
export const realTimeBarMsg = (reqId: number, bar: RealTimeBarRow): Field[] => [
  StreamServerMsg.REAL_TIME_BARS, REAL_TIME_BARS_VERSION, reqId, bar.time, priceText(bar.open), priceText(bar.high), priceText(bar.low),
  priceText(bar.close), bar.volume, bar.wap === -1 ? -1 : priceText(bar.wap), bar.count,
];

/** The tickType field of a tick-by-tick message. */
export const TickByTickId = { Last: 1, AllLast: 2, BidAsk: 3, MidPoint: 4 } as const;

/** A trade row (Last / AllLast). */
export interface TradeRow {
  readonly time: number;
  readonly price: number;
  readonly size: number;
  readonly pastLimit: boolean;
  readonly unreported: boolean;
  readonly exchange: string;
  readonly specialConditions: string;
}

/** A quote row (BidAsk). */
export interface QuoteRow {
  readonly time: number;
  readonly bidPrice: number;
  readonly askPrice: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly bidPastLow: boolean;
  readonly askPastHigh: boolean;
}

/** `99|reqId|1 or 2|time|price|size|mask|exchange|specialConditions` (mask bit 0 pastLimit, bit 1 unreported; no version field). */
export const tradeTickMsg = (reqId: number, allLast: boolean, row: TradeRow): Field[] => [
  StreamServerMsg.TICK_BY_TICK, reqId, allLast ? TickByTickId.AllLast : TickByTickId.Last, row.time, priceText(row.price), row.size,
  (row.pastLimit ? 1 : 0) | (row.unreported ? 2 : 0), row.exchange, row.specialConditions,
];

/** `99|reqId|3|time|bid|ask|bidSize|askSize|mask` (mask bit 0 bidPastLow, bit 1 askPastHigh). */
export const quoteTickMsg = (reqId: number, row: QuoteRow): Field[] => [
  StreamServerMsg.TICK_BY_TICK, reqId, TickByTickId.BidAsk, row.time, priceText(row.bidPrice), priceText(row.askPrice), row.bidSize, row.askSize,
  (row.bidPastLow ? 1 : 0) | (row.askPastHigh ? 2 : 0),
];

/** `99|reqId|4|time|midPoint`. */
export const midPointTickMsg = (reqId: number, time: number, midPoint: number): Field[] => [
  StreamServerMsg.TICK_BY_TICK, reqId, TickByTickId.MidPoint, time, priceText(midPoint),
];
