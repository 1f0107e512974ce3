import {
  parseCancelHeadTimestamp,
  parseCancelHistoricalData,
  parseReqHeadTimestamp,
  parseReqHistoricalData,
  type HistoricalClientRequest,
} from './historical-request-parsers.js';
import { parseCancelMktDepth, parseReqMktDepth, type CancelMktDepthRequest, type MktDepthRequest } from './depth-requests.js';
import { ClientMsg } from './protocol-ids.js';
import { Cursor, readContract, skipComboLegs, type RequestedContract } from './request-cursor.js';
import { ServerVersion } from './server-version.js';
import { streamRequestParser, type StreamClientRequest } from './stream-requests.js';

export { MalformedRequestError } from './request-cursor.js';
export type { RequestedContract } from './request-cursor.js';

/** A parsed client message. */
export type ClientRequest =
  | { readonly type: 'startApi'; readonly clientId: number }
  | {
      readonly type: 'reqMktData';
      readonly reqId: number;
      readonly contract: RequestedContract;
      readonly genericTickList: string;
      readonly snapshot: boolean;
      readonly regulatorySnapshot: boolean;
    }
  | { readonly type: 'cancelMktData'; readonly reqId: number }
  | { readonly type: 'reqMarketDataType'; readonly marketDataType: number }
  | { readonly type: 'reqContractDetails'; readonly reqId: number; readonly contract: RequestedContract }
  | { readonly type: 'reqMatchingSymbols'; readonly reqId: number; readonly pattern: string }
  | {
      readonly type: 'reqSecDefOptParams';
      readonly reqId: number;
      readonly underlyingSymbol: string;
      readonly futFopExchange: string;
      readonly underlyingSecType: string;
      readonly underlyingConId: number;
    }
  | { readonly type: 'reqCurrentTime' }
  | { readonly type: 'reqCurrentTimeInMillis' }
  | { readonly type: 'reqIds'; readonly numIds: number }
  | { readonly type: 'reqManagedAccts' }
  | HistoricalClientRequest
  | StreamClientRequest
  | MktDepthRequest
  | CancelMktDepthRequest
  | { readonly type: 'unknown'; readonly msgId: number };

const DELTA_NEUTRAL_FIELDS = 3;

const parseReqMktData = (c: Cursor, v: number): ClientRequest => {
  c.skip(1); // message version (11)
  const reqId = c.int();
  const contract = readContract(c);
  skipComboLegs(c, contract);
  if (c.bool()) c.skip(DELTA_NEUTRAL_FIELDS);
  const genericTickList = c.str();
  const snapshot = c.bool();
  const regulatorySnapshot = v >= ServerVersion.REQ_SMART_COMPONENTS ? c.bool() : false;
  return { type: 'reqMktData', reqId, contract, genericTickList, snapshot, regulatorySnapshot };
};

/**
 * Parses one client message for the negotiated server version, following `@stoqey/ib`'s encoder
 * (dist/core/io/encoder.js). Unknown ids come back as `{ type: 'unknown' }`; a known message with
 * missing fields throws MalformedRequestError.
 */
export const parseClientRequest = (fields: readonly string[], serverVersion: number): ClientRequest => {
  const c = new Cursor(fields);
  const msgId = c.int();
  switch (msgId) {
    case ClientMsg.START_API:
      c.skip(1);
      return { type: 'startApi', clientId: c.int() };
    case ClientMsg.REQ_MKT_DATA:
      return parseReqMktData(c, serverVersion);
    case ClientMsg.CANCEL_MKT_DATA:
      c.skip(1);
      return { type: 'cancelMktData', reqId: c.int() };
    case ClientMsg.REQ_MARKET_DATA_TYPE:
      c.skip(1);
      return { type: 'reqMarketDataType', marketDataType: c.int() };
    case ClientMsg.REQ_CONTRACT_DATA: {
      c.skip(1);
      const reqId = c.int();
      return { type: 'reqContractDetails', reqId, contract: readContract(c) };
    }
    case ClientMsg.REQ_MATCHING_SYMBOLS:
      return { type: 'reqMatchingSymbols', reqId: c.int(), pattern: c.str() };
    case ClientMsg.REQ_SEC_DEF_OPT_PARAMS:
      // No version field: 78|reqId|underlyingSymbol|futFopExchange|underlyingSecType|underlyingConId
      return {
        type: 'reqSecDefOptParams',
        reqId: c.int(),
        underlyingSymbol: c.str(),
        futFopExchange: c.str(),
        underlyingSecType: c.str(),
        underlyingConId: c.int(),
      };
    case ClientMsg.REQ_CURRENT_TIME:
      return { type: 'reqCurrentTime' };
    case ClientMsg.REQ_CURRENT_TIME_IN_MILLIS:
      return { type: 'reqCurrentTimeInMillis' };
    case ClientMsg.REQ_IDS:
      c.skip(1);
      return { type: 'reqIds', numIds: c.int() };
    case ClientMsg.REQ_MANAGED_ACCTS:
      return { type: 'reqManagedAccts' };
    case ClientMsg.REQ_HISTORICAL_DATA:
      return parseReqHistoricalData(c, serverVersion);
    case ClientMsg.CANCEL_HISTORICAL_DATA:
      return parseCancelHistoricalData(c);
    case ClientMsg.REQ_HEAD_TIMESTAMP:
      return parseReqHeadTimestamp(c);
    case ClientMsg.CANCEL_HEAD_TIMESTAMP:
      return parseCancelHeadTimestamp(c);
    case ClientMsg.REQ_MKT_DEPTH:
      return parseReqMktDepth(c, serverVersion);
    case ClientMsg.CANCEL_MKT_DEPTH:
      return parseCancelMktDepth(c, serverVersion);
    default:
      return streamRequestParser(msgId)?.(c, serverVersion) ?? { type: 'unknown', msgId };
  }
};
