import { asyncScheduler, retry, throwError, timer } from 'rxjs';
import type { MonoTypeOperatorFunction, SchedulerLike } from 'rxjs';
import { backoffDelay } from './backoff-delay.js';

/** What `retryWithBackoff` tells `onRetry` before it waits. */
export interface RetryInfo {
  /** 1 for the first retry, counting since the last reset. */
  readonly attempt: number;
  /** How long it waits before resubscribing (ms). */
  readonly delayMs: number;
  /** The error that ended the previous subscription. */
  readonly error: unknown;
}

/** Options of {@link retryWithBackoff}. */
export interface RetryWithBackoffOptions {
  /** Upper bound of the first retry's delay (ms). */
  readonly initialDelayMs: number;
  /** Upper bound of any retry's delay (ms). */
  readonly maxDelayMs: number;
  /** Retries before the error is passed on; `null` or absent = unlimited. */
  readonly maxRetries?: number | null;
  /** Reset the retry count (and the delay bound) whenever the source emits a value. Default true. */
  readonly resetOnSuccess?: boolean;
  /** Errors for which this returns false are passed on at once. Default: retry every error. */
  readonly shouldRetry?: (error: unknown) => boolean;
  /** Called before each wait (for logging / state); must not throw. */
  readonly onRetry?: (info: RetryInfo) => void;
  /** Jitter source returning `[0, 1)`; default `Math.random`. */
  readonly random?: () => number;
  /** Scheduler of the delay timers; default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Resubscribes to the source after an error, waiting a random delay in
 * `[0, min(maxDelayMs, initialDelayMs * 2^n)]` before retry n (0-based): exponential backoff with
 * full jitter. Values pass through unchanged.
 *
 * ```text
 * source (1st):  -a-#
 * source (2nd):        -b-#            (waits d0 ∈ [0, initial], then d1 ∈ [0, 2·initial] …)
 * result:        -a----- -b-- …
 * ```
 * - Error: after `maxRetries` retries (or when `shouldRetry` says no) the last error is passed on.
 * - Completion of the source completes the result; unsubscribing cancels a pending delay at once.
 * - A throwing `random`/`onRetry`/`shouldRetry` callback errors the result.
 *
 * @example
 * connect$.pipe(retryWithBackoff({ initialDelayMs: 500, maxDelayMs: 30_000 }))
 */
export function retryWithBackoff<T>(options: RetryWithBackoffOptions): MonoTypeOperatorFunction<T> {
  const { maxRetries = null, resetOnSuccess = true, scheduler = asyncScheduler } = options;
  return retry<T>({
    ...(maxRetries === null ? {} : { count: maxRetries }),
    resetOnSuccess,
    delay: (error: unknown, retryCount: number) => {
      if (options.shouldRetry !== undefined && !options.shouldRetry(error)) {
        // eslint-disable-next-line rxjs-x/throw-error -- passes the source's own error on unchanged
        return throwError(() => error);
      }
      const delayMs = backoffDelay(retryCount - 1, options, options.random);
      options.onRetry?.({ attempt: retryCount, delayMs, error });
      return timer(delayMs, scheduler);
    },
  });
}
