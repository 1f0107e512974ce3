import { Cursor, readContract, type RequestedContract } from './request-cursor.js';

/** MIN_SERVER_VER_TICK_BY_TICK_IGNORE_SIZE: numberOfTicks and ignoreSize are sent from here on. */
const TICK_BY_TICK_IGNORE_SIZE = 140;

/** reqRealTimeBars as the simulator reads it. */
export interface RealTimeBarsRequest {
  readonly type: 'reqRealTimeBars';
  readonly reqId: number;
  readonly contract: RequestedContract;
  /** Always 5 (IB ignores it). */
  readonly barSize: number;
  readonly whatToShow: string;
  readonly useRTH: boolean;
}

/** cancelRealTimeBars. */
export interface CancelRealTimeBarsRequest {
  readonly type: 'cancelRealTimeBars';
  readonly reqId: number;
}

/** reqTickByTickData as the simulator reads it. */
export interface TickByTickRequest {
  readonly type: 'reqTickByTickData';
  readonly reqId: number;
  readonly contract: RequestedContract;
  /** As sent: `Last`, `AllLast`, `BidAsk`, `MidPoint` (IB: case sensitive). */
  readonly tickType: string;
  readonly numberOfTicks: number;
  readonly ignoreSize: boolean;
}

/** cancelTickByTickData. */
export interface CancelTickByTickRequest {
  readonly type: 'cancelTickByTickData';
  readonly reqId: number;
}

/** The streaming requests beside market data and depth: real-time bars and tick-by-tick. */
export type StreamClientRequest = RealTimeBarsRequest | CancelRealTimeBarsRequest | TickByTickRequest | CancelTickByTickRequest;

/**
 * `50|3|reqId|conId|symbol|secType|lastTradeDate|strike|right|multiplier|exchange|primaryExch|currency|localSymbol|tradingClass|barSize|whatToShow|useRTH|options`
 * (as `@stoqey/ib` writes it to every v100+ server).
 */
export const parseReqRealTimeBars = (c: Cursor): RealTimeBarsRequest => {
  c.skip(1); // message version (3)
  const reqId = c.int();
  const contract = readContract(c);
  const barSize = c.int();
  const whatToShow = c.str();
  const useRTH = c.bool();
  c.skip(1); // realTimeBarsOptions (every v100+ server has it)
  return { type: 'reqRealTimeBars', reqId, contract, barSize, whatToShow, useRTH };
};

/** `51|1|reqId`. */
export const parseCancelRealTimeBars = (c: Cursor): CancelRealTimeBarsRequest => {
  c.skip(1);
  return { type: 'cancelRealTimeBars', reqId: c.int() };
};

/** `97|reqId|contract…|tickType|numberOfTicks|ignoreSize` (no version field; the last two from server 140). */
export const parseReqTickByTick = (c: Cursor, serverVersion: number): TickByTickRequest => {
  const reqId = c.int();
  const contract = readContract(c);
  const tickType = c.str();
  const withOptions = serverVersion >= TICK_BY_TICK_IGNORE_SIZE;
  const numberOfTicks = withOptions ? c.int() : 0;
  const ignoreSize = withOptions ? c.bool() : false;
  return { type: 'reqTickByTickData', reqId, contract, tickType, numberOfTicks, ignoreSize };
};

/** `98|reqId` (no version field). */
export const parseCancelTickByTick = (c: Cursor): CancelTickByTickRequest => ({ type: 'cancelTickByTickData', reqId: c.int() });

/** The parser of a stream message id, or `undefined` for other ids. */
export const streamRequestParser = (msgId: number): ((c: Cursor, serverVersion: number) => StreamClientRequest) | undefined => {
  switch (msgId) {
    case StreamClientMsg.REQ_REAL_TIME_BARS:
      return parseReqRealTimeBars;
    case StreamClientMsg.CANCEL_REAL_TIME_BARS:
      return parseCancelRealTimeBars;
    case StreamClientMsg.REQ_TICK_BY_TICK_DATA:
      return parseReqTickByTick;
    case StreamClientMsg.CANCEL_TICK_BY_TICK_DATA:
      return parseCancelTickByTick;
    default:
      return undefined;
  }
};

/** Client message ids of the stream requests (values as `@stoqey/ib`'s OUT_MSG_ID). */
export const StreamClientMsg = {
  REQ_REAL_TIME_BARS: 50,
  CANCEL_REAL_TIME_BARS: 51,
  REQ_TICK_BY_TICK_DATA: 97,
  CANCEL_TICK_BY_TICK_DATA: 98,
} as const satisfies Record<string, number>;

