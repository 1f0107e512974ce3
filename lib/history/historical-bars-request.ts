import { catchError, defer, filter, map, merge, switchMap, take, tap, throwError, type Observable } from 'rxjs';
import type { Bar } from '../bars/bar.js';
import { asIbRxError } from './as-ib-rx-error.js';
import { historicalAttempt$, type AttemptMemory, type AttemptStep } from './historical-attempt.js';
import type { HistoricalRequestSpec, HistoryContext } from './history-context.js';

/**
 * The bars of one historical request (`IbSession.historicalBars`) as a cold Observable: emits the
 * whole answer once, then completes.
 *
 * ```text
 * ready$     -r--------l-------      r: connected, l: reconnected or 1101
 * attempts     1         2           each through the governor, with a fresh request id
 * answer                   -(B|)     the bars of the attempt that got its end marker
 * ```
 * - Waits for a ready socket; a new ready (reconnect, 1101) before the answer sends it again (the
 *   abandoned attempt's rows are dropped, no cancel for a request TWS forgot).
 * - Errors as `historicalAttempt$` (a 162 pacing violation is retried), and with
 *   `connectionDeadline$`'s `ConnectionError` when the session never connects; anything that is
 *   not an `IbRxError` is wrapped in one (with `cause`).
 * - Unsubscribing before the answer cancels the request at TWS (if it was sent).
 */
export function historicalBarsRequest$(spec: HistoricalRequestSpec, context: HistoryContext): Observable<readonly Bar[]> {
  return defer(() => {
    const memory: AttemptMemory = { requestLost: false };
    const duration = (): string => spec.query.duration.duration;
    const attempts$ = context.ready$.pipe(
      tap((ready) => {
        memory.requestLost = ready.reason !== 'connected';
      }),
      switchMap((ready) => historicalAttempt$(spec, duration, ready.generation, context, memory)),
    );
    return merge(attempts$, context.connectionDeadline$).pipe(
      filter((step): step is Extract<AttemptStep, { type: 'history' }> => step.type === 'history'),
      map((step) => step.bars),
      take(1),
      catchError((error: unknown) => throwError(() => asIbRxError(error, `the historical request for ${spec.symbol}`))),
    );
  });
}
