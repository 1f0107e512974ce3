import { Cursor, type RequestedContract } from './request-cursor.js';

/** MIN_SERVER_VER gates of the depth messages (TWS API numbering). */
export const DepthServerVersion = { SMART_DEPTH: 146, MKT_DEPTH_PRIM_EXCHANGE: 149 } as const;

/** reqMktDepth as the client sent it. */
export interface MktDepthRequest {
  readonly type: 'reqMktDepth';
  readonly reqId: number;
  readonly contract: RequestedContract;
  readonly numRows: number;
  readonly isSmartDepth: boolean;
}

/** cancelMktDepth as the client sent it (`isSmartDepth` is `false` below server version 146, which cannot send it). */
export interface CancelMktDepthRequest {
  readonly type: 'cancelMktDepth';
  readonly reqId: number;
  readonly isSmartDepth: boolean;
}

/**
 * reqMktDepth `10|5|reqId|conId|symbol|secType|lastTradeDate|strike|right|multiplier|exchange|
 * [primaryExch from 149]|currency|localSymbol|tradingClass|numRows|[isSmartDepth from 146]|options`
 * (`@stoqey/ib`'s encoder; the other gates are below the simulator's oldest version 100).
 */
export const parseReqMktDepth = (c: Cursor, serverVersion: number): MktDepthRequest => {
  c.skip(1); // message version (5)
  const reqId = c.int();
  const conId = c.int();
  const symbol = c.str();
  const secType = c.str();
  const lastTradeDateOrContractMonth = c.str();
  const strike = c.double();
  const right = c.str();
  const multiplier = c.str();
  const exchange = c.str();
  const primaryExch = serverVersion >= DepthServerVersion.MKT_DEPTH_PRIM_EXCHANGE ? c.str() : '';
  const currency = c.str();
  const localSymbol = c.str();
  const tradingClass = c.str();
  const numRows = c.int();
  const isSmartDepth = serverVersion >= DepthServerVersion.SMART_DEPTH ? c.bool() : false;
  const contract: RequestedContract = {
    conId, symbol, secType, lastTradeDateOrContractMonth, strike, right, multiplier, exchange, primaryExch, currency, localSymbol, tradingClass,
  };
  return { type: 'reqMktDepth', reqId, contract, numRows, isSmartDepth };
};

/** cancelMktDepth `11|1|reqId|[isSmartDepth from 146]`. */
export const parseCancelMktDepth = (c: Cursor, serverVersion: number): CancelMktDepthRequest => {
  c.skip(1);
  const reqId = c.int();
  const isSmartDepth = serverVersion >= DepthServerVersion.SMART_DEPTH ? c.bool() : false;
  return { type: 'cancelMktDepth', reqId, isSmartDepth };
};
