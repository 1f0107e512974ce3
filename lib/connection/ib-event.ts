import type { ContractDescription, ContractDetails, TickType } from '@stoqey/ib';
import type { DataType } from '../config/index.js';
import type { IbCodeInfo } from '../ib-codes.js';

/** Fields every {@link IbEvent} has: `time` is the arrival time in scheduler milliseconds. */
interface At<T extends string> {
  readonly type: T;
  readonly time: number;
}

/** The socket to TWS is open (emitted before the handshake finishes). */
export type ConnectedEvent = At<'connected'>;
/** The socket to TWS closed. */
export type DisconnectedEvent = At<'disconnected'>;
/** Handshake answer: TWS's server version and its connection time text. */
export interface ServerEvent extends At<'server'> {
  readonly version: number;
  readonly connectionTime: string;
}
/** Next valid order id; TWS sends it when the connection is ready for requests. */
export interface NextValidIdEvent extends At<'nextValidId'> {
  readonly orderId: number;
}
/** Accounts this login can see (TWS's comma-separated list, split). */
export interface ManagedAccountsEvent extends At<'managedAccounts'> {
  readonly accounts: readonly string[];
}
/** A price tick of one market data request (raw: -1 still means "no quote" here). */
export interface TickPriceEvent extends At<'tickPrice'> {
  readonly reqId: number;
  readonly tickType: TickType;
  readonly price: number;
}
/**
 * A size tick. `@stoqey/ib` also emits one synthetically right after each ASK / LAST / DELAYED_BID /
 * DELAYED_ASK / DELAYED_LAST `tickPrice` (the size carried in the price message); `toTicks` pairs them.
 * `size` is `undefined` when TWS sent an empty value.
 */
export interface TickSizeEvent extends At<'tickSize'> {
  readonly reqId: number;
  readonly tickType: TickType;
  readonly size: number | undefined;
}
/** A text tick (e.g. LAST_TIMESTAMP 45 in epoch seconds). */
export interface TickStringEvent extends At<'tickString'> {
  readonly reqId: number;
  readonly tickType: TickType;
  readonly value: string;
}
/** A numeric generic tick (e.g. HALTED 49). */
export interface TickGenericEvent extends At<'tickGeneric'> {
  readonly reqId: number;
  readonly tickType: TickType;
  readonly value: number;
}
/** Request parameters TWS reports for a market data request. */
export interface TickReqParamsEvent extends At<'tickReqParams'> {
  readonly reqId: number;
  readonly minTick: number;
  readonly bboExchange: string;
  readonly snapshotPermissions: number;
}
/** A snapshot request (`reqMktData(…, snapshot=true)`) is complete. */
export interface TickSnapshotEndEvent extends At<'tickSnapshotEnd'> {
  readonly reqId: number;
}
/** The market data type in effect for one request (may differ from the one asked for). */
export interface MarketDataTypeEvent extends At<'marketDataType'> {
  readonly reqId: number;
  /** `undefined` for an id outside 1–4 (see `marketDataTypeId`). */
  readonly marketDataType: DataType | undefined;
  readonly marketDataTypeId: number;
}
/** TWS's clock, epoch seconds (answer to `reqCurrentTime`). */
export interface CurrentTimeEvent extends At<'currentTime'> {
  readonly serverTime: number;
}
/**
 * An error. `reqId >= 0`: TWS's answer about one request (200, 354, 10167 …). `reqId === -1`: raised
 * by the client itself (502 connect failed, 504 not connected, decoder errors); TWS's own
 * connection-wide messages arrive as {@link NoticeEvent} instead.
 */
export interface ErrorEvent extends At<'error'> {
  readonly reqId: number;
  readonly code: number;
  readonly message: string;
  readonly info: IbCodeInfo;
  readonly advancedOrderReject?: unknown;
}
/** A connection-wide message from TWS (request id -1): 1100/1101/1102, farm status 2104 …, 326. */
export interface NoticeEvent extends At<'notice'> {
  readonly code: number;
  readonly message: string;
  readonly info: IbCodeInfo;
}
/** One answer row of `reqContractDetails`. */
export interface ContractDetailsEvent extends At<'contractDetails'> {
  readonly reqId: number;
  readonly details: ContractDetails;
}
/** `reqContractDetails` is complete. */
export interface ContractDetailsEndEvent extends At<'contractDetailsEnd'> {
  readonly reqId: number;
}

/**
 * An option computation (`tickOptionComputation`: BID 10 / ASK 11 / LAST 12 / MODEL 13 and the
 * delayed 80–83) as `@stoqey/ib` decodes it: IB's "not computed" values (-1 for the volatility and
 * prices, -2 for the greeks, Double.MAX_VALUE) mostly arrive as `undefined` already; raw otherwise.
 */
export interface TickOptionComputationEvent extends At<'tickOptionComputation'> {
  readonly reqId: number;
  readonly tickType: TickType;
  /** 0 return-based, 1 price-based implied volatility (server ≥ 156), else `undefined`. */
  readonly tickAttrib: number | undefined;
  readonly impliedVol: number | undefined;
  readonly delta: number | undefined;
  readonly optPrice: number | undefined;
  readonly pvDividend: number | undefined;
  readonly gamma: number | undefined;
  readonly vega: number | undefined;
  readonly theta: number | undefined;
  readonly undPrice: number | undefined;
}
/** The answer of `reqMatchingSymbols`: up to 16 contract descriptions. */
export interface SymbolSamplesEvent extends At<'symbolSamples'> {
  readonly reqId: number;
  readonly descriptions: readonly ContractDescription[];
}
/** One row of `reqSecDefOptParams`: the option chain of an underlying on one exchange and trading class. */
export interface SecDefOptParamsEvent extends At<'securityDefinitionOptionParameter'> {
  readonly reqId: number;
  readonly exchange: string;
  readonly underlyingConId: number;
  readonly tradingClass: string;
  /** `@stoqey/ib` reads it as a number (its typings say string); `undefined` when empty. */
  readonly multiplier: number | string | undefined;
  readonly expirations: readonly string[];
  readonly strikes: readonly number[];
}
/** `reqSecDefOptParams` is complete. */
export interface SecDefOptParamsEndEvent extends At<'securityDefinitionOptionParameterEnd'> {
  readonly reqId: number;
}

/** The values of one historical bar as `@stoqey/ib` decodes them (raw: TWS sends -1 where it has none). */
interface BarValues {
  readonly reqId: number;
  /**
   * The bar's time as TWS wrote it: epoch seconds (formatDate 2) or `yyyyMMdd HH:mm:ss[ zone]`
   * (formatDate 1) for intraday bars, `yyyyMMdd` for daily and longer bars whatever formatDate.
   */
  readonly date: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** -1 for bars without volume (MIDPOINT, BID, ASK …); `undefined` when empty. */
  readonly volume: number | undefined;
  /** Trade count; -1 for bars without trades; `undefined` when TWS did not send one. */
  readonly count: number | undefined;
  /** Volume-weighted average price; -1 when TWS has none; `undefined` when empty. */
  readonly wap: number | undefined;
}
/** One bar of a `reqHistoricalData` answer. */
export interface HistoricalDataEvent extends At<'historicalData'>, BarValues {}
/**
 * The end of a `reqHistoricalData` answer (`@stoqey/ib` emits it as a `historicalData` event whose
 * time is `finished-<start>-<end>` and whose values are -1): the span TWS answered, as it wrote it
 * (split at the first `-` after `finished-`, best effort).
 */
export interface HistoricalDataEndEvent extends At<'historicalDataEnd'> {
  readonly reqId: number;
  readonly start: string;
  readonly end: string;
}
/** A keepUpToDate update: the forming bar so far (its time repeated until a new bar begins). */
export interface HistoricalDataUpdateEvent extends At<'historicalDataUpdate'>, BarValues {}
/** The answer of `reqHeadTimestamp`: the earliest data, epoch seconds (formatDate 2) or `yyyyMMdd-HH:mm:ss`. */
export interface HeadTimestampEvent extends At<'headTimestamp'> {
  readonly reqId: number;
  readonly headTimestamp: string;
}

/** One 5-second bar of `reqRealTimeBars` (`realtimeBar`): `barTime` is the bar's start, epoch seconds. */
export interface RealtimeBarEvent extends At<'realtimeBar'> {
  readonly reqId: number;
  readonly barTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** -1 (or `undefined`) for bars without volume (MIDPOINT, BID, ASK). */
  readonly volume: number | undefined;
  /** -1 (or `undefined`) without trades. */
  readonly wap: number | undefined;
  /** -1 without trades. */
  readonly count: number;
}
/** A trade of `reqTickByTickData` Last (`tickType` 1) or AllLast (2); `tickTime` as TWS wrote it (epoch seconds). */
export interface TickByTickAllLastEvent extends At<'tickByTickAllLast'> {
  readonly reqId: number;
  readonly tickType: number;
  readonly tickTime: string;
  readonly price: number | undefined;
  readonly size: number | undefined;
  readonly pastLimit: boolean;
  readonly unreported: boolean;
  readonly exchange: string;
  readonly specialConditions: string;
}
/** A quote of `reqTickByTickData` BidAsk; `tickTime` as TWS wrote it (epoch seconds). */
export interface TickByTickBidAskEvent extends At<'tickByTickBidAsk'> {
  readonly reqId: number;
  readonly tickTime: string;
  readonly bidPrice: number | undefined;
  readonly askPrice: number | undefined;
  readonly bidSize: number | undefined;
  readonly askSize: number | undefined;
  readonly bidPastLow: boolean;
  readonly askPastHigh: boolean;
}
/** A midpoint of `reqTickByTickData` MidPoint; `tickTime` as TWS wrote it (epoch seconds). */
export interface TickByTickMidPointEvent extends At<'tickByTickMidPoint'> {
  readonly reqId: number;
  readonly tickTime: string;
  readonly midPoint: number | undefined;
}

/** The fields of one market depth row change (raw, as `@stoqey/ib` decodes them). */
interface DepthValues {
  readonly reqId: number;
  /** The row (0 = best) the operation applies to. */
  readonly position: number;
  /** 0 insert (the rows from `position` down shift down), 1 update, 2 delete (the rows below shift up). */
  readonly operation: number;
  /** 0 ask, 1 bid. */
  readonly side: number;
  readonly price: number;
  /** `undefined` when TWS sent an empty value. */
  readonly size: number | undefined;
}
/** A row change of a depth book of one exchange (`updateMktDepth`: no market makers). */
export interface MktDepthEvent extends At<'updateMktDepth'>, DepthValues {}
/** A row change of a depth book with market makers or exchanges (`updateMktDepthL2`; smart depth when `isSmartDepth`). */
export interface MktDepthL2Event extends At<'updateMktDepthL2'>, DepthValues {
  readonly marketMaker: string;
  /** Sent from server version 146; `undefined` before. */
  readonly isSmartDepth: boolean | undefined;
}

/** What `ibEvents$` emits: the `IBApi` events ib-rx uses, typed and discriminated on `type`. */
export type IbEvent =
  | ConnectedEvent
  | DisconnectedEvent
  | ServerEvent
  | NextValidIdEvent
  | ManagedAccountsEvent
  | TickPriceEvent
  | TickSizeEvent
  | TickStringEvent
  | TickGenericEvent
  | TickReqParamsEvent
  | TickSnapshotEndEvent
  | MarketDataTypeEvent
  | CurrentTimeEvent
  | ErrorEvent
  | NoticeEvent
  | ContractDetailsEvent
  | ContractDetailsEndEvent
  | TickOptionComputationEvent
  | SymbolSamplesEvent
  | SecDefOptParamsEvent
  | SecDefOptParamsEndEvent
  | HistoricalDataEvent
  | HistoricalDataEndEvent
  | HistoricalDataUpdateEvent
  | HeadTimestampEvent
  | RealtimeBarEvent
  | TickByTickAllLastEvent
  | TickByTickBidAskEvent
  | TickByTickMidPointEvent
  | MktDepthEvent
  | MktDepthL2Event;

/** The event of one `type`, e.g. `IbEventOf<'tickPrice'>`. */
export type IbEventOf<T extends IbEvent['type']> = Extract<IbEvent, { readonly type: T }>;
