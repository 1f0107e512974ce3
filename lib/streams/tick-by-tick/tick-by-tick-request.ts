import { TickByTickDataType, type Contract } from '@stoqey/ib';
import { catchError, throwError, type Observable } from 'rxjs';
import { asIbRxError } from '../../history/as-ib-rx-error.js';
import type { StreamContext } from '../stream-context.js';
import { streamError } from '../stream-error.js';
import { streamRequest$ } from '../stream-request.js';
import type { RequestSpacing } from './request-spacing.js';
import type { TickByTick, TickByTickType } from './tick-by-tick.js';
import { tickByTickFromEvent } from './tick-by-tick-event.js';

/** One shared tick-by-tick request. */
export interface TickByTickSpec {
  /** The sharing key (`tbt:` + contract key + type); also the key of the 15-s rule. */
  readonly key: string;
  readonly symbol: string;
  readonly contract: Contract;
  readonly type: TickByTickType;
}

const IB_TYPES: Readonly<Record<TickByTickType, TickByTickDataType>> = {
  Last: TickByTickDataType.Last,
  AllLast: TickByTickDataType.AllLast,
  BidAsk: TickByTickDataType.BidAsk,
  MidPoint: TickByTickDataType.MidPoint,
};

/**
 * One `tickByTick$` request over the life of a session: `reqTickByTickData` (no historical ticks
 * first: `numberOfTicks` 0), each event a fresh `TickByTick`; requested again with a fresh id after
 * a reconnect or 1101, but never sooner than `spacing` allows after the previous request of the
 * same instrument and type (IB's 15-s rule): such a request waits.
 *
 * ```text
 * ready$     -c--------l---------     l: 1101 three seconds after the first request
 * requests    1        ···(12 s)2     the second waits until 15 s after the first
 * output     --t-t-t------------t-
 * ```
 * Errors: the request's typed `IbApiError` (10190 → `StreamLimitError`, 200 →
 * `SymbolNotFoundError` …), a `ProtocolError` for an unreadable tick, the `ConnectionError` of a
 * session that never connects. Unsubscribing sends `cancelTickByTickData`.
 */
export function tickByTickRequest$(spec: TickByTickSpec, context: StreamContext, spacing: RequestSpacing): Observable<TickByTick> {
  const { key, symbol, contract, type } = spec;
  return streamRequest$<TickByTick>({
    label: `reqTickByTickData ${symbol} ${type}`,
    request: (api, reqId) => api.reqTickByTickData(reqId, contract, IB_TYPES[type], 0, false),
    cancel: (api, reqId) => api.cancelTickByTickData(reqId),
    interpret: (event) => (event.type === 'error' ? streamError(event, symbol, context.report) : tickByTickFromEvent(event, type)),
    delayMs: () => spacing.delayMs(key, context.scheduler.now()),
    onSent: () => { spacing.sent(key, context.scheduler.now()); },
  }, context).pipe(catchError((error: unknown) => throwError(() => asIbRxError(error, `the tick-by-tick request for ${symbol}`))));
}
