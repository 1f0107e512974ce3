import { ClientMsg } from './protocol-ids.js';
import { ServerVersion } from './server-version.js';

/** The contract fields of a request, as the client sent them (`''` / 0 when not given). */
export interface RequestedContract {
  readonly conId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly lastTradeDateOrContractMonth: string;
  /** 0 when not given. */
  readonly strike: number;
  readonly right: string;
  readonly multiplier: string;
  readonly exchange: string;
  readonly primaryExch: string;
  readonly currency: string;
  readonly localSymbol: string;
  readonly tradingClass: string;
}

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
  | { readonly type: 'unknown'; readonly msgId: number };

/** Raised when a known message lacks fields. */
export class MalformedRequestError extends Error {
  override readonly name = 'MalformedRequestError';
}

/** Reads fields in order, like the client's encoder wrote them. */
class Cursor {
  private i = 0;
  constructor(private readonly fields: readonly string[]) {}
  str(): string {
    const value = this.fields[this.i++];
    if (value === undefined) throw new MalformedRequestError(`missing field ${this.i}`);
    return value;
  }
  int(): number {
    const text = this.str();
    return text === '' ? 0 : Number.parseInt(text, 10);
  }
  /** A double; 0 for an empty or unreadable field. */
  double(): number {
    const value = Number.parseFloat(this.str());
    return Number.isFinite(value) ? value : 0;
  }
  bool(): boolean {
    return this.int() !== 0;
  }
  skip(n: number): void {
    for (let k = 0; k < n; k++) this.str();
  }
}

/** conId|symbol|secType|lastTradeDate|strike|right|multiplier|exchange|primaryExch|currency|localSymbol|tradingClass */
const readContract = (c: Cursor): RequestedContract => ({
  conId: c.int(),
  symbol: c.str(),
  secType: c.str(),
  lastTradeDateOrContractMonth: c.str(),
  strike: c.double(),
  right: c.str(),
  multiplier: c.str(),
  exchange: c.str(),
  primaryExch: c.str(),
  currency: c.str(),
  localSymbol: c.str(),
  tradingClass: c.str(),
});

const COMBO_LEG_FIELDS = 4;
const DELTA_NEUTRAL_FIELDS = 3;

const parseReqMktData = (c: Cursor, v: number): ClientRequest => {
  c.skip(1); // message version (11)
  const reqId = c.int();
  const contract = readContract(c);
  if (contract.secType.toUpperCase() === 'BAG') c.skip(c.int() * COMBO_LEG_FIELDS);
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
    default:
      return { type: 'unknown', msgId };
  }
};
