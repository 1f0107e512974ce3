// Typed builders and tables of raw IbEvents and Ticks for specs (shared; import freely).
import { IBApiTickType } from '@stoqey/ib';
import type { TickType } from '@stoqey/ib';
import type { IbEvent, TickPriceEvent, TickSizeEvent } from '../../lib/connection/ib-event.js';
import type { Tick, TickField, TickFor } from '../../lib/ticks/tick.js';

/** The request id fixtures use unless told otherwise. */
export const REQ = 7;

export interface At {
  readonly reqId?: number;
  readonly time?: number;
}

/** A raw `tickPrice` event. */
export function tickPrice(tickType: TickType, price: number, at: At = {}): TickPriceEvent {
  return { type: 'tickPrice', reqId: at.reqId ?? REQ, tickType, price, time: at.time ?? 0 };
}

/** A raw `tickSize` event. */
export function tickSize(tickType: TickType, size: number | undefined, at: At = {}): TickSizeEvent {
  return { type: 'tickSize', reqId: at.reqId ?? REQ, tickType, size, time: at.time ?? 0 };
}

/** A raw `tickString` event. */
export function tickString(tickType: TickType, value: string, at: At = {}): IbEvent {
  return { type: 'tickString', reqId: at.reqId ?? REQ, tickType, value, time: at.time ?? 0 };
}

/** A raw `tickGeneric` event. */
export function tickGeneric(tickType: TickType, value: number, at: At = {}): IbEvent {
  return { type: 'tickGeneric', reqId: at.reqId ?? REQ, tickType, value, time: at.time ?? 0 };
}

/** A typed tick as `toTicks` produces it. */
export function tick<F extends TickField>(field: F, value: TickFor<F>['value'], at: At & { readonly delayed?: boolean } = {}): TickFor<F> {
  return { type: 'tick', field, value, reqId: at.reqId ?? REQ, delayed: at.delayed ?? false, time: at.time ?? 0 } as TickFor<F>;
}

const T = IBApiTickType;

/** One row per tick id DESIGN.md lists: the raw event and the tick it must become. */
export interface TickIdCase {
  readonly name: string;
  readonly event: IbEvent;
  readonly expected: Tick;
}

const priceCase = (name: keyof typeof T, field: TickField, delayed: boolean, value = 101.25): TickIdCase => ({
  name,
  event: tickPrice(T[name], value),
  expected: tick(field, value as never, { delayed }),
});
const sizeCase = (name: keyof typeof T, field: TickField, delayed: boolean, value = 300): TickIdCase => ({
  name,
  event: tickSize(T[name], value),
  expected: tick(field, value as never, { delayed }),
});

/** Every live and delayed price / size id of DESIGN.md, plus last-timestamp and halted ids. */
export const TICK_ID_CASES: readonly TickIdCase[] = [
  priceCase('BID', 'bid', false),
  priceCase('ASK', 'ask', false),
  priceCase('LAST', 'last', false),
  priceCase('HIGH', 'high', false),
  priceCase('LOW', 'low', false),
  priceCase('CLOSE', 'close', false),
  priceCase('OPEN', 'open', false),
  sizeCase('BID_SIZE', 'bidSize', false),
  sizeCase('ASK_SIZE', 'askSize', false),
  sizeCase('LAST_SIZE', 'lastSize', false),
  sizeCase('VOLUME', 'volume', false, 123_456),
  priceCase('DELAYED_BID', 'bid', true),
  priceCase('DELAYED_ASK', 'ask', true),
  priceCase('DELAYED_LAST', 'last', true),
  priceCase('DELAYED_HIGH', 'high', true),
  priceCase('DELAYED_LOW', 'low', true),
  priceCase('DELAYED_CLOSE', 'close', true),
  priceCase('DELAYED_OPEN', 'open', true),
  sizeCase('DELAYED_BID_SIZE', 'bidSize', true),
  sizeCase('DELAYED_ASK_SIZE', 'askSize', true),
  sizeCase('DELAYED_LAST_SIZE', 'lastSize', true),
  sizeCase('DELAYED_VOLUME', 'volume', true, 123_456),
  { name: 'LAST_TIMESTAMP', event: tickString(T.LAST_TIMESTAMP, '1700000000'), expected: tick('lastTimestamp', 1_700_000_000_000) },
  { name: 'DELAYED_LAST_TIMESTAMP', event: tickString(T.DELAYED_LAST_TIMESTAMP, '1700000001'), expected: tick('lastTimestamp', 1_700_000_001_000, { delayed: true }) },
  { name: 'HALTED', event: tickGeneric(T.HALTED, 1), expected: tick('halted', true) },
  { name: 'DELAYED_HALTED', event: tickGeneric(T.DELAYED_HALTED, 0), expected: tick('halted', false, { delayed: true }) },
];

/** Price ids whose tickPrice `@stoqey/ib` follows with a synthetic tickSize (live BID excluded). */
export const SYNTHETIC_SIZE_IDS: readonly { readonly price: TickType; readonly size: TickType }[] = [
  { price: T.ASK, size: T.ASK_SIZE },
  { price: T.LAST, size: T.LAST_SIZE },
  { price: T.DELAYED_BID, size: T.DELAYED_BID_SIZE },
  { price: T.DELAYED_ASK, size: T.DELAYED_ASK_SIZE },
  { price: T.DELAYED_LAST, size: T.DELAYED_LAST_SIZE },
];

/** A short trading sequence (bid, ask, trade with its synthetic size, volume, trade, high) as ticks. */
export const SESSION_TICKS = {
  b: tick('bid', 99.5, { time: 10 }),
  a: tick('ask', 100.5, { time: 20 }),
  l: tick('last', 100, { time: 30 }),
  s: tick('lastSize', 5, { time: 30 }),
  v: tick('volume', 1000, { time: 40 }),
  m: tick('last', 101, { time: 50 }),
  h: tick('high', 102, { time: 60 }),
} as const satisfies Record<string, Tick>;
