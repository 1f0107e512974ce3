import { catchError, concat, defer, EMPTY, map, merge, of, retry, switchMap, tap, throwError, timer, type Observable } from 'rxjs';
import { IbRxError } from '../../errors.js';
import { IbCode } from '../../ib-codes.js';
import { log } from '../../log.js';
import { DepthBookReset, depthAttempt$, type DepthMemory } from './depth-attempt.js';
import type { DepthContext, DepthRequestSpec } from './depth-context.js';
import type { DepthInput } from './depth-fold.js';

/**
 * One depth book over the life of a session: `reqMktDepth`, as book inputs, continuous across
 * reconnects, 1101 and TWS's book resets.
 *
 * ```text
 * ready$        -c-----------------r--------    c connected, r reconnected (or 1101)
 * requests       1          2      3            a fresh id each time (2: after a 317)
 * inputs        --u--u--i---(c)u-I-c--u--u--    u: update, c: clear, i / I: interrupted true / false
 * ```
 * - After a reconnect or 1101, and after TWS's 317 (reset) or 316 (halted; asked again after
 *   `context.haltedRetryMs`), the book is cleared and requested again with a fresh id (the reset
 *   one is cancelled first, with the same isSmartDepth).
 * - Errors as `depthAttempt$` (every error an `IbRxError`), and `connectionDeadline$`'s when the
 *   session never connects. Unsubscribing cancels the live request (on its own socket).
 */
export function depthRequest$(spec: DepthRequestSpec, context: DepthContext): Observable<DepthInput> {
  return defer(() => {
    const { scheduler } = context;
    const memory: DepthMemory = { requestLost: false };
    let requested = false;
    const resettable$ = (generation: number): Observable<DepthInput> =>
      depthAttempt$(spec, generation, context, memory).pipe(
        retry({
          delay: (error: unknown) => {
            if (!(error instanceof DepthBookReset)) throw error;
            const waitMs = error.code === IbCode.DEPTH_HALTED ? context.haltedRetryMs : 0;
            log.requests('reqMktDepth %s: %s; asking again in %d ms', spec.symbol, error.message, waitMs);
            return timer(waitMs, scheduler);
          },
        }),
      );
    const attempts$ = context.ready$.pipe(
      tap((ready) => {
        memory.requestLost = ready.reason !== 'connected';
      }),
      switchMap((ready) => {
        const again = requested;
        requested = true;
        return concat(again ? of<DepthInput>({ type: 'clear', time: scheduler.now() }) : EMPTY, resettable$(ready.generation));
      }),
    );
    const interrupted$ = context.interrupted$.pipe(map((interrupted): DepthInput => ({ type: 'interrupted', interrupted })));
    return merge(attempts$, interrupted$, context.connectionDeadline$).pipe(
      catchError((error: unknown) => throwError(() => asIbRxError(error, spec.symbol))),
    );
  });
}

function asIbRxError(error: unknown, symbol: string): IbRxError {
  if (error instanceof IbRxError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new IbRxError(`ib-rx: the depth request for ${symbol} failed unexpectedly (${text})`, { cause: error });
}
