import { defer, finalize, share, startWith, tap } from 'rxjs';
import type { MonoTypeOperatorFunction } from 'rxjs';

const NONE: unique symbol = Symbol('none');

/**
 * Shares one subscription to the source among all subscribers (a plain `Subject` connector) and
 * gives a late subscriber the latest value at once — the cheap alternative to a `ReplaySubject(1)`
 * connector on the per-tick hot path (no buffer bookkeeping per emission).
 *
 * ```text
 * source        --a---b---c---|
 * first   ^     --a---b---c---|
 * late            ^  (a)b---c---|
 * ```
 * The source is subscribed on the first subscription and unsubscribed when the last one leaves;
 * after that, on error or on completion the latest value is forgotten, so the next subscriber
 * starts afresh. Errors and completion reach every current subscriber.
 *
 * @example
 * const state$ = inputs$.pipe(marketState({ symbol: 'AAPL', history: 100 }), shareLatest());
 */
export function shareLatest<T>(): MonoTypeOperatorFunction<T> {
  return (source$) => {
    let latest: T | typeof NONE = NONE;
    const shared$ = source$.pipe(
      tap((value) => {
        latest = value;
      }),
      finalize(() => {
        latest = NONE;
      }),
      share(),
    );
    return defer(() => {
      const current = latest;
      return current === NONE ? shared$ : shared$.pipe(startWith(current));
    });
  };
}
