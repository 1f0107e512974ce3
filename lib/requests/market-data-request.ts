import { catchError, defer, filter, map, merge, mergeMap, repeat, switchMap, take, tap, throwError, timer, type Observable } from 'rxjs';
import { IbRxError, MarketDataTimeoutError } from '../errors.js';
import { log } from '../log.js';
import type { MarketStateInput } from '../state/index.js';
import { requestAttempt$, type AttemptMemory } from './request-attempt.js';
import type { MarketDataRequestContext, MarketDataRequestSpec } from './request-context.js';
import { withStaleSignal } from './with-stale-signal.js';

/** Why a subscription requests (again): on which socket, and whether TWS forgot the old request. */
interface Trigger {
  readonly generation: number;
  /** A new socket or 1101: the old request is gone at TWS, so it is not cancelled. */
  readonly requestLost: boolean;
}

/**
 * One market-data subscription over the life of a session: the market-state inputs (ticks, the
 * type in effect, stale flags) of a contract, continuous across reconnects.
 *
 * ```text
 * ready$        -c-----------r----------l----     c connected, r reconnected, l link-restored (1101)
 * requests       1           2          3         a fresh request id each time (none after 1102)
 * output        --t-t-t--S----t-t-------t-t--     S: stale (socket down); never errors or completes on a reconnect
 * ```
 * - Takes a market-data line on subscribe (`MarketDataLinesError` when the budget is exhausted)
 *   and frees it on unsubscribe, and on error or completion *before* they are delivered (so a
 *   `retry()` in the subscriber's pipeline finds the line free).
 * - Errors with `context.connectionDeadline$`'s error (a `ConnectionError`) when the session has
 *   never had a connection within the first-data timeout.
 * - Every error it delivers is an `IbRxError` (anything else is wrapped, with `cause`).
 * - Requests once per `ready$` emission with a fresh id; after a farm flap (2103 → 2104) it
 *   requests again only if no tick came within `farmResumeGraceMs` of the 2104.
 * - Errors with `MarketDataTimeoutError` when no tick follows the request within
 *   `firstDataTimeoutMs` of it leaving the pacing queue (only until the first tick ever), and with the request's typed
 *   `IbApiError` on a request-fatal answer (see `requestAttempt$`).
 * - Unsubscribing cancels the live request (only on its own, still open socket).
 */
export function marketDataRequest$(spec: MarketDataRequestSpec, context: MarketDataRequestContext): Observable<MarketStateInput> {
  return defer(() => {
    const { registry, scheduler, firstDataTimeoutMs } = context;
    registry.add(spec);
    // The attempts count ticks in `memory.ticks` (no clock read per tick).
    const memory: AttemptMemory = { fallbackLevel: 0, requestLost: false, sentAt: undefined, ticks: 0 };
    const gotData = (): boolean => memory.ticks > 0;
    let generation: number | undefined;

    // Counted from when the request left the pacing queue: re-armed until then.
    const remainingMs = (): number => (memory.sentAt === undefined ? firstDataTimeoutMs : memory.sentAt + firstDataTimeoutMs - scheduler.now());
    const deadline$ = defer(() => timer(Math.max(0, remainingMs()), scheduler)).pipe(
      repeat(),
      filter(() => gotData() || (memory.sentAt !== undefined && remainingMs() <= 0)),
      take(1),
      filter(() => !gotData()),
      mergeMap(() => throwError(() => new MarketDataTimeoutError({ symbol: spec.symbol, timeoutMs: firstDataTimeoutMs }))),
    );
    const farmResync$ = context.farmRecovered$.pipe(
      switchMap(() => {
        const ticksBefore = memory.ticks;
        return timer(context.farmResumeGraceMs, scheduler).pipe(filter(() => memory.ticks === ticksBefore));
      }),
      map(() => generation),
      filter((gen): gen is number => gen !== undefined),
      map((gen): Trigger => ({ generation: gen, requestLost: false })),
      tap(() => {
        log.requests('%s silent after the farm came back: requesting again', spec.symbol);
      }),
    );
    const readyTrigger$ = context.ready$.pipe(map((ready): Trigger => ({ generation: ready.generation, requestLost: ready.reason !== 'connected' })));
    const release = (): void => {
      registry.remove(spec.key);
    };
    const requests$ = merge(readyTrigger$, farmResync$).pipe(
      tap((trigger) => {
        memory.requestLost = trigger.requestLost;
      }),
      switchMap((trigger) => {
        generation = trigger.generation;
        const attempt$ = requestAttempt$(spec, trigger.generation, context, memory);
        return gotData() ? attempt$ : merge(attempt$, deadline$);
      }),
      withStaleSignal({ interrupted$: context.interrupted$, staleAfterMs: context.staleAfterMs, scheduler }),
    );
    return merge(requests$, context.connectionDeadline$).pipe(
      catchError((error: unknown) => throwError(() => asIbRxError(error, spec.symbol))),
      tap({ error: release, complete: release, unsubscribe: release }),
    );
  });
}

function asIbRxError(error: unknown, symbol: string): IbRxError {
  if (error instanceof IbRxError) return error;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new IbRxError(`ib-rx: the market data request for ${symbol} failed unexpectedly (${what})`, { cause: error });
}
