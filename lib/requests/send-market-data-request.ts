import { MarketDataType, type Contract } from '@stoqey/ib';
import type { DataType } from '../config/index.js';
import { log } from '../log.js';
import type { SendCommand } from './request-context.js';

/** `reqMarketDataType`'s argument for each data type (ids 1..4, as `DATA_TYPE_IDS`). */
const MARKET_DATA_TYPES: Readonly<Record<DataType, MarketDataType>> = {
  realtime: MarketDataType.REALTIME,
  frozen: MarketDataType.FROZEN,
  delayed: MarketDataType.DELAYED,
  'delayed-frozen': MarketDataType.DELAYED_FROZEN,
};

/** Sends `reqMarketDataType(dataType)` on socket `generation`. */
export function sendMarketDataType(send: SendCommand, dataType: DataType, generation: number): void {
  send((api) => api.reqMarketDataType(MARKET_DATA_TYPES[dataType]), generation);
}

/** What {@link sendMarketDataRequest} sends. */
export interface MarketDataRequestMessage {
  readonly reqId: number;
  readonly generation: number;
  readonly contract: Contract;
  /** The type wanted for this request. */
  readonly dataType: DataType;
  /** The type the connection is set to (`reqMarketDataType` on every ready). */
  readonly sessionDataType: DataType;
  /** The generic tick list (`'233,236'`); default none. */
  readonly genericTicks?: string;
  /** Called when `reqMktData` actually goes out (after any wait for the pacing budget). */
  readonly onSent?: () => void;
}

/**
 * Sends `reqMktData` (streaming, with the message's generic tick list, if any). The market data type is a per-connection
 * setting in TWS, so a request that wants another type than the session's (a delayed fallback) is
 * wrapped: `reqMarketDataType(wanted)`, `reqMktData`, `reqMarketDataType(session's)` — three
 * messages, each through the pacing budget, in this order.
 */
export function sendMarketDataRequest(send: SendCommand, message: MarketDataRequestMessage): void {
  const { reqId, generation, contract, dataType, sessionDataType, onSent, genericTicks = '' } = message;
  const wrap = dataType !== sessionDataType;
  log.requests('reqMktData %d %s (%s) on socket %d', reqId, contract.symbol ?? contract.localSymbol ?? contract.conId, dataType, generation);
  if (wrap) sendMarketDataType(send, dataType, generation);
  send((api) => {
    onSent?.();
    api.reqMktData(reqId, contract, genericTicks, false, false);
  }, generation);
  if (wrap) sendMarketDataType(send, sessionDataType, generation);
}

/** Sends `cancelMktData(reqId)` on socket `generation`. */
export function sendCancelMarketData(send: SendCommand, reqId: number, generation: number): void {
  log.requests('cancelMktData %d on socket %d', reqId, generation);
  send((api) => api.cancelMktData(reqId), generation);
}
