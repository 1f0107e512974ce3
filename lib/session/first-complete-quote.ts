import { asyncScheduler, defer, filter, of, take, tap, throwError, timeout } from 'rxjs';
import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import type { MarketState } from '../state/index.js';
import { hasQuotePrices, isCompleteQuote } from './complete-quote.js';

/** Options of {@link firstCompleteQuote}. */
export interface FirstCompleteQuoteOptions {
  /** How long to wait for a complete quote. */
  readonly timeoutMs: number;
  /** The error when not even bid, ask and last arrived in time. */
  readonly timeoutError: () => Error;
  /** Scheduler of the timeout; default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * The first complete quote (bid, ask, last and their sizes), then completes. At `timeoutMs` it
 * settles for the latest state with bid, ask and last (sizes still missing), else errors with
 * `timeoutError()`. What `IbSession.snapshot` waits for.
 *
 * ```text
 * states:  -p--c--c-|      p: prices only, c: complete      (timeout 5)
 * result:  ----(c|)
 * states:  -p-------       (timeout 5)
 * result:  -----(p|)
 * states:  ---------       (timeout 5)
 * result:  -----#          #: timeoutError()
 * ```
 * A source error passes through; unsubscribing stops the timer.
 */
export function firstCompleteQuote(options: FirstCompleteQuoteOptions): MonoTypeOperatorFunction<MarketState> {
  const { timeoutMs, timeoutError, scheduler = asyncScheduler } = options;
  return (state$) =>
    defer(() => {
      let latest: MarketState | undefined; // per subscription
      return state$.pipe(
        tap((state) => { latest = state; }),
        filter(isCompleteQuote),
        take(1),
        timeout({
          first: timeoutMs,
          scheduler,
          with: () => (latest !== undefined && hasQuotePrices(latest) ? of(latest) : throwError(() => timeoutError())),
        }),
      );
    });
}
