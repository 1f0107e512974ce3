import type { Contract } from '@stoqey/ib';
import { catchError, defer, filter, tap, throwError, type Observable } from 'rxjs';
import type { Bar } from '../../bars/bar.js';
import { asIbRxError } from '../../history/as-ib-rx-error.js';
import { log } from '../../log.js';
import type { StreamContext } from '../stream-context.js';
import { streamError } from '../stream-error.js';
import { streamRequest$ } from '../stream-request.js';
import { realTimeBar, REAL_TIME_BAR_MS } from './real-time-bar.js';
import type { RealTimeBarsQuery } from './real-time-bars-options.js';

/** One shared real-time bars request: what to ask and under which registry key. */
export interface RealTimeBarsSpec {
  /** The registry key (`rtb:` + contract key + query), one market-data line. */
  readonly key: string;
  readonly symbol: string;
  readonly contract: Contract;
  readonly query: RealTimeBarsQuery;
}

/** `reqRealTimeBars`' bar size argument: 5 seconds, the only size IB supports. */
const BAR_SECONDS = REAL_TIME_BAR_MS / 1000;

/**
 * One `realTimeBars$` subscription over the life of a session: `reqRealTimeBars` as `Bar`s,
 * requested again with a fresh id after a reconnect or 1101, bars whose start is not after the
 * last one emitted dropped (IB may send a bar again after an outage).
 *
 * ```text
 * ready$        -c-----------------r--------    c connected, r reconnected (or 1101)
 * realtimeBar   ---1---2---3-------3---4----    bar starts; 3 is backfilled by the new request
 * output        ---1---2---3-----------4----    each start once, in order
 * ```
 * - Takes one market-data line on subscribe (`MarketDataLinesError` when `limits.market_data_lines`
 *   are in use) and frees it on unsubscribe, error or completion, before they are delivered.
 * - Errors with the request's typed `IbApiError` (200 → `SymbolNotFoundError`, 101 …), a
 *   `ProtocolError` for an unreadable bar time, the `ConnectionError` of a session that never
 *   connects; every error is an `IbRxError`. Unsubscribing sends `cancelRealTimeBars`.
 */
export function realTimeBarsRequest$(spec: RealTimeBarsSpec, context: StreamContext): Observable<Bar> {
  return defer(() => {
    const { registry, sessionDataType } = context;
    const { key, symbol, contract, query } = spec;
    registry.add({ key, symbol, contract, dataType: sessionDataType });
    const release = (): void => {
      registry.remove(key);
    };
    let lastStart = Number.NEGATIVE_INFINITY;
    const bars$ = streamRequest$<Bar>({
      label: `reqRealTimeBars ${symbol} ${query.whatToShow}`,
      request: (api, reqId) => api.reqRealTimeBars(reqId, contract, BAR_SECONDS, query.whatToShow, query.useRTH),
      cancel: (api, reqId) => api.cancelRealTimeBars(reqId),
      interpret: (event) => {
        if (event.type === 'realtimeBar') return realTimeBar(event, query.whatToShow);
        if (event.type === 'error') return streamError(event, symbol, context.report);
        return undefined;
      },
      onRequest: (reqId, generation) => { registry.setRequest(key, reqId, generation, sessionDataType); },
      onEnd: (reqId) => { registry.clearRequest(key, reqId); },
    }, context);
    return bars$.pipe(
      filter((bar) => {
        if (bar.start > lastStart) {
          lastStart = bar.start;
          return true;
        }
        log.requests('real-time bar %s at %d already emitted: dropped', symbol, bar.start);
        return false;
      }),
      catchError((error: unknown) => throwError(() => asIbRxError(error, `the real-time bars request for ${symbol}`))),
      tap({ error: release, complete: release, unsubscribe: release }),
    );
  });
}
