import { isTickField, type TickField } from './tick-ids.js';

/** The field names a tick record may carry (prices, then sizes). */
export type ReplayField = TickField;

/**
 * One recorded market-data tick (a line without `kind`, or with `"kind":"tick"`).
 *
 * ```text
 * {"t":1760000000123,"symbol":"AAPL","field":"bid","value":189.5,"delayed":false}
 * {"t":1760000000125,"symbol":"AAPL","field":"bidSize","value":3}
 * ```
 * - `field`: one of bid, ask, last, high, low, close, open (prices) or bidSize, askSize, lastSize,
 *   volume (sizes, in TWS's units). `value`: a finite number.
 * - `delayed` (optional): the tick came with a delayed tick id. Informational; on replay the
 *   simulator uses live or delayed ids according to the subscriber's market data type.
 */
export interface ReplayTickRecord {
  readonly kind?: 'tick';
  readonly t: number;
  readonly symbol: string;
  readonly field: ReplayField;
  readonly value: number;
  readonly delayed?: boolean;
}

/** What a recorded 5-second bar shows. */
export type ReplayBarKind = 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK';

/**
 * One recorded 5-second bar (`realTimeBars$`): `{"kind":"bar5s","t":…,"symbol":"AAPL","whatToShow":"TRADES",
 * "start":1760000000000,"open":…,"high":…,"low":…,"close":…,"volume":…,"trades":…,"wap":…}` —
 * `start` epoch ms (a whole second), `wap` optional. Replayed to the real-time bars requests of its
 * symbol and whatToShow.
 */
export interface ReplayBarRecord {
  readonly kind: 'bar5s';
  readonly t: number;
  readonly symbol: string;
  readonly whatToShow: ReplayBarKind;
  readonly start: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly trades: number;
  readonly wap?: number;
}

/** A recorded tick-by-tick trade (`"type":"Last"` or `"AllLast"`). */
export interface ReplayTradeRecord {
  readonly kind: 'tbt';
  readonly t: number;
  readonly symbol: string;
  readonly type: 'Last' | 'AllLast';
  /** Epoch ms (a whole second). */
  readonly time: number;
  readonly price: number;
  readonly size: number;
  readonly exchange: string;
  readonly specialConditions: string;
  readonly pastLimit: boolean;
  readonly unreported: boolean;
}

/** A recorded tick-by-tick quote. */
export interface ReplayQuoteRecord {
  readonly kind: 'tbt';
  readonly t: number;
  readonly symbol: string;
  readonly type: 'BidAsk';
  readonly time: number;
  readonly bidPrice: number;
  readonly askPrice: number;
  readonly bidSize: number;
  readonly askSize: number;
  readonly bidPastLow: boolean;
  readonly askPastHigh: boolean;
}

/** A recorded tick-by-tick midpoint. */
export interface ReplayMidPointRecord {
  readonly kind: 'tbt';
  readonly t: number;
  readonly symbol: string;
  readonly type: 'MidPoint';
  readonly time: number;
  readonly midPoint: number;
}

/**
 * One recorded tick-by-tick message (`tickByTick$`): `{"kind":"tbt","t":…,"symbol":"AAPL","type":"Last",
 * "time":…,"price":…,"size":…,"exchange":"ARCA","specialConditions":"","pastLimit":false,"unreported":false}`,
 * the fields of a `TickByTick` of its type. Replayed to the tick-by-tick requests of its symbol and type.
 */
export type ReplayTickByTickRecord = ReplayTradeRecord | ReplayQuoteRecord | ReplayMidPointRecord;

/** One row of a recorded depth book. */
export interface ReplayDepthLevel {
  readonly price: number;
  readonly size: number;
  /** The exchange or market maker of the row (smart and L2 depth); absent for L1 rows. */
  readonly marketMaker?: string;
}

/**
 * One recorded depth book (`depth$`): `{"kind":"depth","t":…,"symbol":"AAPL","bids":[{"price":…,
 * "size":…,"marketMaker":"ARCA"}…],"asks":[…]}`, best first. The simulator replays a book as the
 * operations that turn its own book of the symbol into this one (updates in place, then inserts or
 * deletes at the end), sent to the symbol's depth requests like any other; a book that comes
 * before anyone asked for the symbol's depth is skipped.
 */
export interface ReplayDepthRecord {
  readonly kind: 'depth';
  readonly t: number;
  readonly symbol: string;
  readonly bids: readonly ReplayDepthLevel[];
  readonly asks: readonly ReplayDepthLevel[];
}

/**
 * One line of an NDJSON replay file (`ib-rx record` writes it, `ib-rx sim --replay` plays it
 * back), discriminated on `kind`: a market-data tick (no `kind`: every older file stays valid), a
 * 5-second bar (`bar5s`), a tick-by-tick message (`tbt`) or a depth book (`depth`). Every line has `t` (epoch ms when it
 * was received; lines are in `t` order) and `symbol` (a US stock for the simulator). A depth book
 * is `depth`. Empty lines
 * are ignored; other keys are allowed and ignored.
 */
export type ReplayRecord = ReplayTickRecord | ReplayBarRecord | ReplayTickByTickRecord | ReplayDepthRecord;

/** A replay line that is not a valid ReplayRecord: `line` (1-based) and, in `reason`, the field. */
export class ReplayFormatError extends Error {
  override readonly name = 'ReplayFormatError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`replay line ${line}: ${reason}`);
  }
}

type Raw = Record<string, unknown>;

const isObject = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const BAR_KINDS = ['TRADES', 'MIDPOINT', 'BID', 'ASK'] as const satisfies readonly ReplayBarKind[];
const TICK_BY_TICK_TYPES = ['Last', 'AllLast', 'BidAsk', 'MidPoint'] as const satisfies readonly ReplayTickByTickRecord['type'][];

/** Reads typed fields of one line, throwing a `ReplayFormatError` that names the field. */
class LineReader {
  constructor(
    private readonly raw: Raw,
    private readonly line: number,
  ) {}

  fail(reason: string): never {
    throw new ReplayFormatError(this.line, reason);
  }

  number(key: string, what = 'a number'): number {
    const value = this.raw[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`"${key}" must be ${what}`);
    return value;
  }

  string(key: string, allowEmpty = true): string {
    const value = this.raw[key];
    if (typeof value !== 'string' || (!allowEmpty && value === '')) this.fail(`"${key}" must be a ${allowEmpty ? '' : 'non-empty '}string`);
    return value;
  }

  boolean(key: string): boolean {
    const value = this.raw[key];
    if (typeof value !== 'boolean') this.fail(`"${key}" must be a boolean`);
    return value;
  }

  oneOf<const A extends readonly string[]>(key: string, allowed: A): A[number] {
    const value = this.raw[key];
    const found = allowed.find((item) => item === value);
    if (found === undefined) this.fail(`"${key}" must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
    return found;
  }
}

/**
 * Parses one NDJSON line. Returns undefined for a blank line; throws ReplayFormatError (with the
 * 1-based `lineNumber`, naming the field) for bad JSON, an unknown `kind`, a missing key, a wrong
 * type or an unknown field name.
 */
export const parseReplayLine = (text: string, lineNumber = 1): ReplayRecord | undefined => {
  if (text.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ReplayFormatError(lineNumber, 'not JSON');
  }
  if (!isObject(raw)) throw new ReplayFormatError(lineNumber, 'not a JSON object');
  const r = new LineReader(raw, lineNumber);
  const t = r.number('t', 'epoch ms');
  const symbol = r.string('symbol', false);
  switch (raw.kind) {
    case undefined:
    case 'tick':
      return tickRecord(r, raw, t, symbol);
    case 'bar5s':
      return barRecord(r, raw, t, symbol);
    case 'tbt':
      return tickByTickRecord(r, t, symbol);
    case 'depth':
      return { kind: 'depth', t, symbol, bids: depthSide(r, raw, 'bids'), asks: depthSide(r, raw, 'asks') };
    default:
      return r.fail(`unknown "kind" ${JSON.stringify(raw.kind)} (expected tick, bar5s, tbt or depth)`);
  }
};

const tickRecord = (r: LineReader, raw: Raw, t: number, symbol: string): ReplayTickRecord => {
  const { field, delayed, kind } = raw;
  if (typeof field !== 'string' || !isTickField(field)) r.fail(`unknown "field" ${JSON.stringify(field)}`);
  const value = r.number('value');
  if (delayed !== undefined && typeof delayed !== 'boolean') r.fail('"delayed" must be a boolean');
  const base = kind === 'tick' ? { kind: 'tick' as const, t, symbol, field, value } : { t, symbol, field, value };
  return delayed === undefined ? base : { ...base, delayed };
};

const barRecord = (r: LineReader, raw: Raw, t: number, symbol: string): ReplayBarRecord => {
  const bar: ReplayBarRecord = {
    kind: 'bar5s', t, symbol, whatToShow: r.oneOf('whatToShow', BAR_KINDS), start: r.number('start', 'epoch ms'),
    open: r.number('open'), high: r.number('high'), low: r.number('low'), close: r.number('close'), volume: r.number('volume'), trades: r.number('trades'),
  };
  return raw.wap === undefined ? bar : { ...bar, wap: r.number('wap') };
};

const tickByTickRecord = (r: LineReader, t: number, symbol: string): ReplayTickByTickRecord => {
  const type = r.oneOf('type', TICK_BY_TICK_TYPES);
  const time = r.number('time', 'epoch ms');
  switch (type) {
    case 'Last':
    case 'AllLast':
      return {
        kind: 'tbt', t, symbol, type, time, price: r.number('price'), size: r.number('size'), exchange: r.string('exchange'),
        specialConditions: r.string('specialConditions'), pastLimit: r.boolean('pastLimit'), unreported: r.boolean('unreported'),
      };
    case 'BidAsk':
      return {
        kind: 'tbt', t, symbol, type, time, bidPrice: r.number('bidPrice'), askPrice: r.number('askPrice'), bidSize: r.number('bidSize'),
        askSize: r.number('askSize'), bidPastLow: r.boolean('bidPastLow'), askPastHigh: r.boolean('askPastHigh'),
      };
    case 'MidPoint':
      return { kind: 'tbt', t, symbol, type, time, midPoint: r.number('midPoint') };
  }
};

const depthSide = (r: LineReader, raw: Raw, key: 'bids' | 'asks'): ReplayDepthLevel[] => {
  const rows = raw[key];
  if (!Array.isArray(rows)) return r.fail(`"${key}" must be an array of { price, size, marketMaker? }`);
  return rows.map((row: unknown, i) => {
    if (!isObject(row)) return r.fail(`"${key}[${i}]" must be an object { price, size, marketMaker? }`);
    const price = row.price;
    const size = row.size;
    if (typeof price !== 'number' || !Number.isFinite(price)) return r.fail(`"${key}[${i}].price" must be a number`);
    if (typeof size !== 'number' || !Number.isFinite(size)) return r.fail(`"${key}[${i}].size" must be a number`);
    if (row.marketMaker === undefined) return { price, size };
    if (typeof row.marketMaker !== 'string') return r.fail(`"${key}[${i}].marketMaker" must be a string`);
    return { price, size, marketMaker: row.marketMaker };
  });
};

/** One NDJSON line (without the newline) for a record: what `ib-rx record` writes. */
export const formatReplayRecord = (record: ReplayRecord): string => JSON.stringify(record);

/** True for a market-data tick record (no `kind`, or `tick`). */
export const isTickRecord = (record: ReplayRecord): record is ReplayTickRecord => record.kind === undefined || record.kind === 'tick';
