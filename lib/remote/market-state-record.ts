import type { DataType } from '../config/index.js';
import { COL_CLOSE, COL_HIGH, COL_LOW, COL_TIMESTAMP, COL_VOLUME, HistoryLog, HistoryWindow } from '../state/history-log.js';
import { HistoryView } from '../state/history-view.js';
import type { MarketState } from '../state/index.js';
import type { OptionGreeks } from '../ticks/option-greeks.js';

/** History rows as they travel: columns of equal length; `null` where a volume was absent. */
export interface HistoryRows {
  readonly timestamp: readonly number[];
  readonly close: readonly number[];
  readonly high: readonly number[];
  readonly low: readonly number[];
  readonly volume: readonly (number | null)[];
}

/**
 * A `MarketState` as plain JSON data: every scalar (`null` for `undefined`), the history capacity
 * and the history rows. What a late joiner receives, and what specs compare (two states with the
 * same record are the same market picture).
 */
export interface MarketStateRecord {
  readonly symbol: string;
  /** Rows the state keeps at most (`market_data.history` of the server). */
  readonly history: number;
  readonly bid: number | null;
  readonly ask: number | null;
  readonly last: number | null;
  readonly bidSize: number | null;
  readonly askSize: number | null;
  readonly lastSize: number | null;
  readonly open: number | null;
  readonly prevClose: number | null;
  readonly dayVolume: number | null;
  readonly currentHigh: number | null;
  readonly currentLow: number | null;
  readonly lastTradeTime: number | null;
  readonly halted: boolean | null;
  readonly lastUpdate: number | null;
  readonly marketDataType: DataType | null;
  readonly stale: boolean;
  readonly greeks: { readonly [K in keyof OptionGreeks]: number | null } | null;
  /** Rows in the state's history (the record may carry only the first ones, see {@link historyRows}). */
  readonly rowCount: number;
  readonly rows: HistoryRows;
}

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const orUndefined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

/** Rows `from` (inclusive) to `to` (exclusive) of a state's history. */
export function historyRows(state: MarketState, from = 0, to: number = state.close.length): HistoryRows {
  const window = state.close.window;
  const end = Math.min(to, window.length);
  const column = (col: number): number[] => {
    const out: number[] = [];
    for (let i = from; i < end; i++) out.push(window.read(i, col));
    return out;
  };
  return {
    timestamp: column(COL_TIMESTAMP),
    close: column(COL_CLOSE),
    high: column(COL_HIGH),
    low: column(COL_LOW),
    volume: column(COL_VOLUME).map((v) => (Number.isNaN(v) ? null : v)),
  };
}

/** A state as a {@link MarketStateRecord} with its first `maxRows` history rows (default all). */
export function toMarketStateRecord(state: MarketState, maxRows: number = state.close.length): MarketStateRecord {
  const g = state.greeks;
  return {
    symbol: state.symbol,
    history: state.close.window.log.capacity,
    bid: orNull(state.bid),
    ask: orNull(state.ask),
    last: orNull(state.last),
    bidSize: orNull(state.bidSize),
    askSize: orNull(state.askSize),
    lastSize: orNull(state.lastSize),
    open: orNull(state.open),
    prevClose: orNull(state.prevClose),
    dayVolume: orNull(state.dayVolume),
    currentHigh: orNull(state.currentHigh),
    currentLow: orNull(state.currentLow),
    lastTradeTime: orNull(state.lastTradeTime),
    halted: orNull(state.halted),
    lastUpdate: orNull(state.lastUpdate),
    marketDataType: orNull(state.marketDataType),
    stale: state.stale,
    greeks:
      g === undefined
        ? null
        : { impliedVol: orNull(g.impliedVol), delta: orNull(g.delta), gamma: orNull(g.gamma), vega: orNull(g.vega), theta: orNull(g.theta), optPrice: orNull(g.optPrice), undPrice: orNull(g.undPrice) },
    rowCount: state.close.length,
    rows: historyRows(state, 0, maxRows),
  };
}

/** Appends rows to a column set (the pages of a large history). */
export function concatRows(a: HistoryRows, b: HistoryRows): HistoryRows {
  return {
    timestamp: [...a.timestamp, ...b.timestamp],
    close: [...a.close, ...b.close],
    high: [...a.high, ...b.high],
    low: [...a.low, ...b.low],
    volume: [...a.volume, ...b.volume],
  };
}

/**
 * The `MarketState` a record describes (its `rows` must hold all `rowCount` rows): a fresh
 * snapshot whose history log ends at its newest row, so `reduceMarketState` continues it exactly
 * as it continues the server's state.
 */
export function fromMarketStateRecord(record: MarketStateRecord): MarketState {
  const { rows } = record;
  const log = new HistoryLog(record.history);
  let window = new HistoryWindow(log, log.chunks, 0, 0, 0);
  for (let i = 0; i < rows.close.length; i++) {
    window = log.append(rows.timestamp[i] ?? Number.NaN, rows.close[i] ?? Number.NaN, rows.high[i] ?? Number.NaN, rows.low[i] ?? Number.NaN, rows.volume[i] ?? Number.NaN);
  }
  const g = record.greeks;
  return {
    symbol: record.symbol,
    bid: orUndefined(record.bid),
    ask: orUndefined(record.ask),
    last: orUndefined(record.last),
    bidSize: orUndefined(record.bidSize),
    askSize: orUndefined(record.askSize),
    lastSize: orUndefined(record.lastSize),
    open: orUndefined(record.open),
    prevClose: orUndefined(record.prevClose),
    dayVolume: orUndefined(record.dayVolume),
    currentHigh: orUndefined(record.currentHigh),
    currentLow: orUndefined(record.currentLow),
    lastTradeTime: orUndefined(record.lastTradeTime),
    halted: orUndefined(record.halted),
    lastUpdate: orUndefined(record.lastUpdate),
    marketDataType: orUndefined(record.marketDataType),
    stale: record.stale,
    greeks:
      g === null
        ? undefined
        : {
            impliedVol: orUndefined(g.impliedVol), delta: orUndefined(g.delta), gamma: orUndefined(g.gamma), vega: orUndefined(g.vega),
            theta: orUndefined(g.theta), optPrice: orUndefined(g.optPrice), undPrice: orUndefined(g.undPrice),
          },
    timestamp: new HistoryView(window, COL_TIMESTAMP, false),
    close: new HistoryView(window, COL_CLOSE, false),
    high: new HistoryView(window, COL_HIGH, false),
    low: new HistoryView(window, COL_LOW, false),
    volume: new HistoryView<number | undefined>(window, COL_VOLUME, true),
  };
}
