import type { SimInstrument } from './universe.js';

/** Security types the simulator lists, as TWS spells them. */
export const SimSecType = { STK: 'STK', CASH: 'CASH', FUT: 'FUT', IND: 'IND', OPT: 'OPT' } as const;

/** One of the security types in {@link SimSecType}. */
export type SimSecTypeName = (typeof SimSecType)[keyof typeof SimSecType];

/** An option's right as TWS reports it (`''` for everything that is not an option). */
export type SimRight = '' | 'C' | 'P';

/** A `tag=value` security id (ISIN, CUSIP …). */
export interface SimSecId {
  readonly tag: string;
  readonly value: string;
}

/**
 * One contract the simulator knows, with what TWS reports about it in contractDetails and what
 * drives its simulated market. Every contract has a distinct, stable conId.
 */
export interface SimContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: SimSecTypeName;
  /** The exchange it is reported on when a request names none: SMART for stocks and options. */
  readonly exchange: string;
  /** Listing exchange (`NASDAQ`, `NYSE`, `CBOE` …); `''` for forex. */
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
  readonly marketName: string;
  /** `'50'`, `'100'`; `''` for stocks, forex and indices. */
  readonly multiplier: string;
  /** `YYYYMMDD` for futures and options, `''` otherwise. */
  readonly lastTradeDate: string;
  /** `YYYYMM` for futures and options, `''` otherwise. */
  readonly contractMonth: string;
  /** 0 unless an option. */
  readonly strike: number;
  readonly right: SimRight;
  readonly minTick: number;
  readonly longName: string;
  /** Exchanges a request may name for it (the first is the default one). */
  readonly validExchanges: readonly string[];
  /** The underlying of a derivative (0, `''`, `''` otherwise). */
  readonly underConId: number;
  readonly underSymbol: string;
  readonly underSecType: string;
  readonly industry: string;
  readonly category: string;
  readonly subcategory: string;
  /** `COMMON` / `ETF` for stocks, `''` otherwise. */
  readonly stockType: string;
  readonly secIds: readonly SimSecId[];
  /** Yesterday's close: the anchor of its simulated price. */
  readonly price: number;
  /** Typical daily volume, in the units TWS reports for it. */
  readonly dailyVolume: number;
  /** Seeds its random walk (the symbol for the default stocks, so their prices never change). */
  readonly seedKey: string;
}

/** US stock venues TWS lists as valid exchanges of a SMART-routed stock. */
export const STOCK_EXCHANGES: readonly string[] = [
  'SMART', 'AMEX', 'NYSE', 'CBOE', 'PHLX', 'ISE', 'CHX', 'ARCA', 'NASDAQ', 'DRCTEDGE', 'BEX', 'BATS', 'EDGEA', 'IEX', 'EDGX',
  'PEARL', 'MEMX', 'IBEOS', 'OVERNIGHT',
];

/** A US stock as TWS describes it (SMART, USD, trading class NMS). */
export const stockContract = (s: SimInstrument, seedKey: string = s.symbol): SimContract => ({
  conId: s.conId,
  symbol: s.symbol,
  secType: SimSecType.STK,
  exchange: 'SMART',
  primaryExch: s.primaryExch,
  currency: 'USD',
  localSymbol: s.symbol,
  tradingClass: 'NMS',
  marketName: 'NMS',
  multiplier: '',
  lastTradeDate: '',
  contractMonth: '',
  strike: 0,
  right: '',
  minTick: 0.01,
  longName: s.longName,
  validExchanges: STOCK_EXCHANGES,
  underConId: 0,
  underSymbol: '',
  underSecType: '',
  industry: s.industry,
  category: s.category,
  subcategory: s.subcategory,
  stockType: s.stockType,
  secIds: s.isin ? [{ tag: 'ISIN', value: s.isin }] : [],
  price: s.price,
  dailyVolume: s.dailyVolume,
  seedKey,
});

/** Short description for logs: `AAPL STK`, `AAPL  260116C00230000 OPT`. */
export const describeContract = (c: SimContract): string => `${c.localSymbol || c.symbol} ${c.secType}`;
