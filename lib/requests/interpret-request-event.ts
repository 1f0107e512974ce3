import type { IbEvent, IbEventOf } from '../connection/ib-event.js';
import { IbApiError, ibApiErrorFromCode, MarketDataLinesError, NotSubscribedError } from '../errors.js';
import { IbCode } from '../ib-codes.js';
import { log } from '../log.js';
import type { MarketStateInput } from '../state/index.js';
import { decodeTick } from '../ticks/decode-tick.js';
import type { SizePairing } from '../ticks/size-pairing.js';

/** The request was refused for lack of a market data subscription: request it again as delayed. */
export const FALLBACK: unique symbol = Symbol('fallback');

/**
 * What one event of a market-data request means for its stream: an input for the market state,
 * `FALLBACK` (request again with the next data type), an `IbApiError` that ends the stream, or
 * `undefined` (nothing to do).
 */
export type RequestStep = MarketStateInput | typeof FALLBACK | IbApiError | undefined;

/** What {@link interpretRequestEvent} needs to know about the request. */
export interface RequestEventContext {
  readonly symbol: string;
  /** A delayed type is left to try after a "not subscribed" answer. */
  readonly canFallBack: boolean;
  /** Size pairing state of this request (see `toTicks`). */
  readonly pairing: SizePairing;
  /** The line budget and how many lines are in use, for a 101 answer. */
  readonly lines: () => { readonly inUse: number; readonly limit: number };
  /** Non-fatal request errors worth surfacing (on the session's `errors$`). */
  readonly report: (error: IbApiError) => void;
}

/**
 * Interprets one event of one market-data request (already routed by request id):
 * - tick events (option computations included) → a `Tick` (via `decodeTick`), `marketDataType` → the type in effect;
 * - 354 / 10168 → `FALLBACK` while a delayed type is left, else a `NotSubscribedError`;
 * - 200 → `SymbolNotFoundError`; 101 → `MarketDataLinesError` naming the line budget; any other
 *   request-fatal code → its `IbApiError`;
 * - advisory codes (10167, 10089, 10090, 300 …) and status → `undefined` (logged; the stream goes on);
 *   pacing / entitlement warnings (100, 10197) are reported, the stream goes on.
 */
export function interpretRequestEvent(event: IbEvent, context: RequestEventContext): RequestStep {
  switch (event.type) {
    case 'tickPrice':
    case 'tickSize':
    case 'tickString':
    case 'tickGeneric':
    case 'tickOptionComputation':
      return decodeTick(event, context.pairing);
    case 'marketDataType':
      return event.marketDataType === undefined ? undefined : { type: 'marketDataType', marketDataType: event.marketDataType };
    case 'error':
      return interpretError(event, context);
    default:
      return undefined;
  }
}

function interpretError(event: IbEventOf<'error'>, context: RequestEventContext): RequestStep {
  const { code, message, reqId, info } = event;
  const details = { reqId, symbol: context.symbol };
  log.requests('reqId %d %s: IB %d %s', reqId, context.symbol, code, message);
  if (info.action === 'fallback-delayed') {
    return context.canFallBack ? FALLBACK : new NotSubscribedError(code, message, details);
  }
  if (code === IbCode.MAX_TICKERS) {
    const { inUse, limit } = context.lines();
    return new MarketDataLinesError(`${message} (TWS refused a line; limits.market_data_lines is ${limit}, ${inUse} in use)`, { ...details, inUse, limit });
  }
  if (info.action === 'fail-request') return ibApiErrorFromCode(code, message, details);
  if (info.kind === 'pacing' || info.kind === 'entitlement') context.report(new IbApiError(code, message, details));
  return undefined;
}
