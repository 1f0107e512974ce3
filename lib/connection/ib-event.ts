import type { ContractDetails, TickType } from '@stoqey/ib';
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
  | ContractDetailsEndEvent;

/** The event of one `type`, e.g. `IbEventOf<'tickPrice'>`. */
export type IbEventOf<T extends IbEvent['type']> = Extract<IbEvent, { readonly type: T }>;
