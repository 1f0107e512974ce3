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
 * tick); `marketDataRequest$` uses its core, {@link StaleSignal}, without the subscriber hop.
 */
export function withStaleSignal(options: StaleSignalOptions): MonoTypeOperatorFunction<MarketStateInput> {
  return (inputs$) =>
    new Observable<MarketStateInput>((subscriber) => {
      const signal = new StaleSignal(options, subscriber);
      const source = inputs$.subscribe({
        next: (input) => {
          signal.input(input);
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
        signal.stop();
      };
    });
}

/** Where a {@link StaleSignal} delivers: the inputs and its stale inputs, or the error of `interrupted$`. */
export interface StaleSignalSink {
  readonly closed: boolean;
  next(input: MarketStateInput): void;
  error(error: unknown): void;
}

/**
 * The state machine of {@link withStaleSignal} for one subscription, fed by calls: `input` passes
 * an input to `sink.next` and adds the stale inputs it causes; `stop` drops the timer and
 * `interrupted$`. Mutable; one per subscription.
 */
export class StaleSignal {
  readonly #options: StaleSignalOptions;
  readonly #sink: StaleSignalSink;
  #lastDataAt = Number.NEGATIVE_INFINITY;
  #started = false;
  #interrupted = false;
  #silent = false;
  #emitted = false;
  #timer: Subscription | undefined;
  #watch: Subscription | undefined;

  constructor(options: StaleSignalOptions, sink: StaleSignalSink) {
    this.#options = options;
    this.#sink = sink;
  }

  /** Passes `input` on; a tick starts the signal (the first) or clears a silence. */
  input(input: MarketStateInput): void {
    const sink = this.#sink;
    sink.next(input);
    if (input.type !== 'tick' || sink.closed) return;
    this.#lastDataAt = input.time;
    if (!this.#started) this.#firstTick();
    else if (this.#silent) {
      this.#silent = false;
      this.#arm(this.#lastDataAt + this.#options.staleAfterMs - this.#options.scheduler.now());
      this.#update();
    }
  }

  /** Drops the timer and the subscription to `interrupted$`. */
  stop(): void {
    this.#watch?.unsubscribe();
    this.#timer?.unsubscribe();
    this.#watch = undefined;
    this.#timer = undefined;
  }

  #update(): void {
    const stale = this.#interrupted || this.#silent;
    if (stale === this.#emitted) return;
    this.#emitted = stale;
    this.#sink.next(stale ? STALE : FRESH);
  }

  #arm(delayMs: number): void {
    const { scheduler, staleAfterMs } = this.#options;
    this.#timer = scheduler.schedule(() => {
      this.#timer = undefined;
      const idleMs = scheduler.now() - this.#lastDataAt;
      if (idleMs < staleAfterMs) {
        this.#arm(staleAfterMs - idleMs);
        return;
      }
      this.#silent = true;
      this.#update();
    }, Math.max(0, delayMs));
  }

  #firstTick(): void {
    const { scheduler, staleAfterMs, interrupted$ } = this.#options;
    this.#started = true;
    this.#arm(this.#lastDataAt + staleAfterMs - scheduler.now());
    const watch = interrupted$.subscribe({
      next: (value) => {
        this.#interrupted = value;
        this.#update();
      },
      error: (error: unknown) => {
        this.#sink.error(error);
      },
    });
    if (this.#sink.closed) watch.unsubscribe(); // unsubscribed by the replayed value's subscriber
    else this.#watch = watch;
  }
}
