import type { Bar } from '../bars/bar.js';
import type { DepthLevel, OrderBook } from '../streams/depth/order-book.js';
import { TICK_BY_TICK_TYPES, type TickByTick } from '../streams/tick-by-tick/tick-by-tick.js';
import { REMOTE_PROTOCOL_VERSION } from './protocol-version.js';
import { RemoteProtocolError } from './remote-errors.js';
import { barTuple, errorPart, streamParts, tupleBar, type StreamBatch } from './wire.js';

// The JSON stream messages of depth books, tick-by-tick data and 5-second bars:
// `[3, instance, firstSeq, kind, [item, item, …]]`, item i numbered firstSeq + i (docs/remote.md).

/** The kind of a JSON items message: depth changes, tick-by-tick ticks, 5-second bars. */
export type ItemsKind = 'd' | 't' | 'b5';

/** A depth book's change: its time and stale flag, and each side that changed (whole, best first). */
export interface DepthChange {
  readonly time: number;
  readonly stale: boolean;
  readonly bids?: readonly DepthLevel[];
  readonly asks?: readonly DepthLevel[];
}

/** A depth level as it travels: `[price, size]` or `[price, size, marketMaker]`. */
type LevelTuple = readonly [number, number] | readonly [number, number, string];

/** An order book as JSON data (a join's snapshot of a depth stream). */
export interface OrderBookRecord {
  readonly symbol: string;
  readonly rows: number;
  readonly smart: boolean;
  readonly time: number;
  readonly stale: boolean;
  readonly bids: readonly LevelTuple[];
  readonly asks: readonly LevelTuple[];
}

const levelTuple = (level: DepthLevel): LevelTuple =>
  (level.marketMaker === undefined ? [level.price, level.size] : [level.price, level.size, level.marketMaker]);

/** One items message, from items already encoded as JSON text (each one stringified once, when it was queued). */
export function encodeItems(kind: ItemsKind, instance: string, firstSeq: number, items: readonly string[]): string {
  return `[${String(REMOTE_PROTOCOL_VERSION)},${JSON.stringify(instance)},${String(firstSeq)},"${kind}",[${items.join(',')}]]`;
}

/**
 * The change from `previous` to `book` as an item's JSON text: `[time, stale 0|1, bids | null, asks | null]`,
 * a side only when its array is not `previous`'s (both without a previous book).
 */
export function depthChangeJson(book: OrderBook, previous: OrderBook | undefined): string {
  const side = (now: readonly DepthLevel[], before: readonly DepthLevel[] | undefined): readonly LevelTuple[] | null =>
    (now === before ? null : now.map(levelTuple));
  return JSON.stringify([book.time, book.stale ? 1 : 0, side(book.bids, previous?.bids), side(book.asks, previous?.asks)]);
}

/** A book as an {@link OrderBookRecord}. */
export function orderBookRecord(book: OrderBook): OrderBookRecord {
  const { symbol, rows, smart, time, stale } = book;
  return { symbol, rows, smart, time, stale, bids: book.bids.map(levelTuple), asks: book.asks.map(levelTuple) };
}

/** The book an {@link OrderBookRecord} describes (frozen, with frozen levels, as `depth$`'s). */
export function fromOrderBookRecord(record: OrderBookRecord): OrderBook {
  const { symbol, rows, smart, time, stale } = record;
  return Object.freeze({ symbol, bids: record.bids.map(tupleLevel), asks: record.asks.map(tupleLevel), time, rows, smart, stale });
}

/** `book` after a {@link DepthChange}: a new frozen book (the sides not in the change are shared). */
export function applyDepthChange(book: OrderBook, change: DepthChange): OrderBook {
  return Object.freeze({
    symbol: book.symbol, bids: change.bids ?? book.bids, asks: change.asks ?? book.asks, time: change.time, rows: book.rows, smart: book.smart, stale: change.stale,
  });
}

/** A bar as an item's JSON text (a {@link barTuple}). */
export const barJson = (bar: Bar): string => JSON.stringify(barTuple(bar));

/** A tick-by-tick tick as an item's JSON text (the object itself: its fields are numbers, strings and booleans). */
export const tickByTickJson = (tick: TickByTick): string => JSON.stringify(tick);

/** Decodes an items message of `kind` (or a stream error) with `item` reading each item; throws `RemoteProtocolError` naming what is wrong. */
function decodeItems<I>(kind: ItemsKind, item: (raw: unknown) => I | string): (subject: string, data: Uint8Array) => StreamBatch<I> {
  return (subject: string, data: Uint8Array): StreamBatch<I> => {
    const p = streamParts(subject, textDecoder.decode(data));
    const instance = p[1] as string;
    const firstSeq = p[2] as number;
    if (!Number.isInteger(firstSeq) || firstSeq < 1) throw new RemoteProtocolError(subject, `sequence number ${String(firstSeq)} is not a positive integer`);
    const error = errorPart(p[3]);
    if (error !== undefined) return { instance, firstSeq, inputs: [], end: { kind: 'error', error } };
    if (p[3] !== kind || p.length !== 5 || !Array.isArray(p[4])) throw new RemoteProtocolError(subject, `unknown message kind ${JSON.stringify(p[3])} (expected "${kind}" with a list of items)`);
    const inputs = (p[4] as unknown[]).map((raw, i) => {
      const value = item(raw);
      if (typeof value === 'string') throw new RemoteProtocolError(subject, `item ${String(i)}: ${value}`);
      return value;
    });
    return { instance, firstSeq, inputs };
  };
}

const textDecoder = new TextDecoder();
const isNumber = (value: unknown): value is number => typeof value === 'number';

function tupleLevel(tuple: LevelTuple): DepthLevel {
  return Object.freeze(tuple[2] === undefined ? { price: tuple[0], size: tuple[1] } : { price: tuple[0], size: tuple[1], marketMaker: tuple[2] });
}

/** A side of a depth change, or why it is not one. */
function readSide(raw: unknown): readonly DepthLevel[] | undefined | string {
  if (raw === null) return undefined;
  if (!Array.isArray(raw)) return 'a side is not a list of levels';
  for (const level of raw as unknown[]) {
    if (!Array.isArray(level) || (level.length !== 2 && level.length !== 3) || !isNumber(level[0]) || !isNumber(level[1]) || (level.length === 3 && typeof level[2] !== 'string')) {
      return `a level is not [price, size] or [price, size, marketMaker]: ${JSON.stringify(level)}`;
    }
  }
  return (raw as LevelTuple[]).map(tupleLevel);
}

function readDepthChange(raw: unknown): DepthChange | string {
  if (!Array.isArray(raw) || raw.length !== 4 || !isNumber(raw[0]) || (raw[1] !== 0 && raw[1] !== 1)) return 'not a depth change [time, stale, bids, asks]';
  const bids = readSide(raw[2]);
  const asks = readSide(raw[3]);
  if (typeof bids === 'string') return bids;
  if (typeof asks === 'string') return asks;
  return { time: raw[0], stale: raw[1] === 1, ...(bids !== undefined && { bids }), ...(asks !== undefined && { asks }) };
}

/** The fields each tick-by-tick type carries, by value type. */
const TICK_FIELDS: Readonly<Record<TickByTick['type'], Readonly<Record<string, 'number' | 'string' | 'boolean'>>>> = (() => {
  const trade = { time: 'number', price: 'number', size: 'number', exchange: 'string', specialConditions: 'string', pastLimit: 'boolean', unreported: 'boolean' } as const;
  return {
    Last: trade,
    AllLast: trade,
    BidAsk: { time: 'number', bidPrice: 'number', askPrice: 'number', bidSize: 'number', askSize: 'number', bidPastLow: 'boolean', askPastHigh: 'boolean' },
    MidPoint: { time: 'number', midPoint: 'number' },
  };
})();

function readTickByTick(raw: unknown): TickByTick | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'not a tick-by-tick object';
  const { type } = raw as { readonly type?: unknown };
  const found = TICK_BY_TICK_TYPES.find((known) => known === type);
  if (found === undefined) return `unknown tick-by-tick type ${JSON.stringify(type)}`;
  const fields = TICK_FIELDS[found];
  for (const [field, kind] of Object.entries(fields)) {
    if (typeof (raw as Record<string, unknown>)[field] !== kind) return `a ${found} tick without a ${kind} ${field}`;
  }
  if (Object.keys(raw).length !== Object.keys(fields).length + 1) return `a ${found} tick with fields it does not have`;
  return raw as TickByTick;
}

function readBar(raw: unknown): Bar | string {
  if (!Array.isArray(raw) || (raw.length !== 8 && raw.length !== 9) || !(raw as unknown[]).every(isNumber)) return 'not a bar [start, end, open, high, low, close, volume, trades, wap?]';
  return tupleBar(raw as number[]);
}

/** A depth stream message (`P.depth.<id>`), decoded. */
export const decodeDepthMessage = decodeItems('d', readDepthChange);
/** A tick-by-tick stream message (`P.tbt.<id>`), decoded. */
export const decodeTickByTickMessage = decodeItems('t', readTickByTick);
/** A 5-second-bars stream message (`P.rtb.<id>`), decoded. */
export const decodeRealTimeBarsMessage = decodeItems('b5', readBar);
