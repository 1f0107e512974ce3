import { Observable, type MonoTypeOperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { MarketStateInput, StaleInput } from '../state/index.js';

/** Options of {@link withStaleSignal}. */
export interface StaleSignalOptions {
  /** Connection-wide interruption (socket down, 1100, market data farm broken); replays its current value. */
  readonly interrupted$: Observable<boolean>;
  /** No tick for this long → stale. */
  readonly staleAfterMs: number;
  readonly scheduler: SchedulerLike;
}

const STALE: StaleInput = Object.freeze({ type: 'stale', stale: true });
const FRESH: StaleInput = Object.freeze({ type: 'stale', stale: false });

/**
 * Passes a subscription's market-state inputs through and adds its `stale` inputs: `true` while
 * data is interrupted connection-wide or no tick came for `staleAfterMs`, `false` when both are
 * over. Silent until the first tick (a state with no data is not emitted just to say it is
 * stale), then only changes; a stale input follows the tick that caused it.
 *
 * ```text
 * inputs        --t--t-----------------t---     (staleAfterMs = 5 frames)
 * interrupted   f--------------t---f--------
 * output        --t--t----S------------(ts)-   S: stale true, s: stale false (t clears it in the state too)
 * ```
 * Silence is measured from each tick's own `time` (scheduler ms, stamped when its socket chunk
 * arrived), so the tick path reads no clock: one timer, armed at the first tick, fires when the
 * last tick could be `staleAfterMs` old and re-arms itself for the remainder while ticks flow.
 * `interrupted$` is subscribed from the first tick on. Errors of the source or of `interrupted$`
 * are passed on; it completes with the source; unsubscribing drops the timer and `interrupted$`.
 * Hand-written (one subscriber per tick instead of a shared source, a filter and a debounce per
 * tick): this sits on the per-tick hot path of every market-data stream.
 */
export function withStaleSignal(options: StaleSignalOptions): MonoTypeOperatorFunction<MarketStateInput> {
  const { interrupted$, staleAfterMs, scheduler } = options;
  return (inputs$) =>
    new Observable<MarketStateInput>((subscriber) => {
      let lastDataAt = Number.NEGATIVE_INFINITY;
      let started = false;
      let interrupted = false;
      let silent = false;
      let emitted = false;
      let timer: Subscription | undefined;
      let watch: Subscription | undefined;

      const update = (): void => {
        const stale = interrupted || silent;
        if (stale === emitted) return;
        emitted = stale;
        subscriber.next(stale ? STALE : FRESH);
      };
      const arm = (delayMs: number): void => {
        timer = scheduler.schedule(() => {
          timer = undefined;
          const idleMs = scheduler.now() - lastDataAt;
          if (idleMs < staleAfterMs) {
            arm(staleAfterMs - idleMs);
            return;
          }
          silent = true;
          update();
        }, Math.max(0, delayMs));
      };
      const firstTick = (): void => {
        started = true;
        arm(lastDataAt + staleAfterMs - scheduler.now());
        watch = interrupted$.subscribe({
          next: (value) => {
            interrupted = value;
            update();
          },
          error: (error: unknown) => {
            subscriber.error(error);
          },
        });
        if (subscriber.closed) watch.unsubscribe(); // unsubscribed by the replayed value's subscriber
      };

      const source = inputs$.subscribe({
        next: (input) => {
          subscriber.next(input);
          if (input.type !== 'tick' || subscriber.closed) return;
          lastDataAt = input.time;
          if (!started) firstTick();
          else if (silent) {
            silent = false;
            arm(lastDataAt + staleAfterMs - scheduler.now());
            update();
          }
        },
        error: (error: unknown) => {
          subscriber.error(error);
        },
        complete: () => {
          subscriber.complete();
        },
      });
      return () => {
        source.unsubscribe();
        watch?.unsubscribe();
        timer?.unsubscribe();
      };
    });
}
