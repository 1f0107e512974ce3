import {
  combineLatest, debounceTime, distinctUntilChanged, filter, map, merge, skip, startWith, switchMap, take,
  type Observable, type OperatorFunction, type SchedulerLike,
} from 'rxjs';
import type { MarketStateInput, StaleInput } from '../state/index.js';

/** Options of {@link staleSignal}. */
export interface StaleSignalOptions {
  /** Connection-wide interruption (socket down, 1100, market data farm broken); replays its current value. */
  readonly interrupted$: Observable<boolean>;
  /** No tick for this long → stale. */
  readonly staleAfterMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * The `stale` inputs of one subscription: `true` while data is interrupted connection-wide or no
 * tick came for `staleAfterMs`, `false` when both are over. Silent until the first tick (a state
 * with no data is not emitted just to say it is stale), then only changes.
 *
 * ```text
 * inputs        --t--t-----------------t--     (staleAfterMs = 5 frames)
 * interrupted   f--------------t---f-------
 * staleSignal   ----------S----------------s-  S: stale true, s: stale false (t clears it in the state too)
 * ```
 * Subscribes to the source more than once: give it a shared source. Errors of the source pass
 * through; it completes when the source and `interrupted$` complete. One timer per subscription
 * (`debounceTime`), whatever the tick rate.
 */
export function staleSignal(options: StaleSignalOptions): OperatorFunction<MarketStateInput, StaleInput> {
  const { interrupted$, staleAfterMs, scheduler } = options;
  return (inputs$) => {
    const ticks$ = inputs$.pipe(filter((input) => input.type === 'tick'));
    const silent$ = merge(
      ticks$.pipe(map(() => false)),
      ticks$.pipe(startWith(undefined), debounceTime(staleAfterMs, scheduler), map(() => true)),
    ).pipe(distinctUntilChanged());
    const stale$ = combineLatest([interrupted$, silent$.pipe(startWith(false))]).pipe(
      map(([interrupted, silent]) => interrupted || silent),
    );
    return ticks$.pipe(
      take(1),
      switchMap(() => stale$),
      startWith(false),
      distinctUntilChanged(),
      skip(1),
      map((stale): StaleInput => ({ type: 'stale', stale })),
    );
  };
}
