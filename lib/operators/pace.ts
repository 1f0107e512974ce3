import { asyncScheduler, concatMap, defer, of, tap, timer } from 'rxjs';
import type { MonoTypeOperatorFunction, Observable, SchedulerLike } from 'rxjs';

/** Options of {@link pace}. */
export interface PaceOptions {
  /** At most this many values in any sliding window (≥ 1). */
  readonly count: number;
  /** Window length in ms; default 1000. */
  readonly windowMs?: number;
  /** Scheduler of the clock and the waits; default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Lets at most `count` values through in any sliding window of `windowMs` (scheduler time); the
 * excess is queued in order and never dropped. A value goes out as soon as the value `count`
 * places before it is at least `windowMs` old.
 *
 * ```text
 * source:  abc-----|       pace({ count: 2, windowMs: 5 })
 * result:  ab---c--|
 * ```
 * - Completion waits until the queue is empty; a source error is passed on at once (queued
 *   values are discarded); unsubscribing discards the queue and cancels pending waits.
 *
 * @example
 * outgoing$.pipe(pace({ count: 45 }))   // ≤ 45 messages per second, like TWS wants
 */
export function pace<T>(options: PaceOptions): MonoTypeOperatorFunction<T> {
  const { windowMs = 1000, scheduler = asyncScheduler } = options;
  const count = Math.max(1, Math.floor(options.count));
  return (source$) =>
    defer(() => {
      // Emission times of the last `count` values, oldest first (per subscription).
      const sent: number[] = [];
      const record = (): void => {
        sent.push(scheduler.now());
        if (sent.length > count) sent.shift();
      };
      // Waits until the value `count` places back is `windowMs` old, re-checking after each wait:
      // Node timers may fire a millisecond early, which would let `count + 1` values into a window.
      const release$ = (value: T): Observable<T> =>
        defer(() => {
          const oldest = sent.length < count ? undefined : sent[0];
          const waitMs = oldest === undefined ? 0 : oldest + windowMs - scheduler.now();
          return waitMs > 0 ? timer(waitMs, scheduler).pipe(concatMap(() => release$(value))) : of(value);
        });
      return source$.pipe(concatMap((value) => release$(value).pipe(tap(record))));
    });
}
