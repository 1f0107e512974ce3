import type { Observable } from 'rxjs';
import { initialMarketState, reduceMarketState, type MarketState, type MarketStateInput } from '../state/index.js';
import type { Tick } from '../ticks/tick.js';
import { projectedShare } from './projected-share.js';

/** One step of a request's fold: the input and the state after it (`changed`: a new snapshot). */
export interface FoldStep {
  readonly input: MarketStateInput;
  readonly state: MarketState;
  readonly changed: boolean;
}

/** Options of {@link foldRequest}. */
export interface FoldRequestOptions {
  readonly symbol: string;
  /** History rows of the state (`market_data.history`). */
  readonly history: number;
  /**
   * Sees every step once (however many subscribers), before the subscribers do: the session's
   * counters and side stream for monitoring. Called with the parts of a `FoldStep` (no object per input).
   */
  readonly onStep?: (input: MarketStateInput, state: MarketState, changed: boolean) => void;
  /** Emits once when everything ends (the session closed): every subscriber completes. */
  readonly end$?: Observable<unknown>;
  /** Called when the request ends (error, completion, `end$`, last unsubscribe), before any subscriber hears of it. */
  readonly onEnd?: () => void;
}

/** The projections of one folded request. */
export interface FoldedRequest {
  /** The states; a late subscriber gets the current state at once (if there is one). */
  readonly state$: Observable<MarketState>;
  /** The ticks alone (no replay). */
  readonly ticks$: Observable<Tick>;
}

/**
 * Folds one request's inputs ONCE, however many subscribers and whatever they subscribe to: one
 * shared pipeline `inputs → reduceMarketState → (state | tick) subscribers`, of which `state$`
 * and `ticks$` are projections (a `projectedShare`). A `state$` subscriber that arrives while only
 * `ticks$` kept the request alive still gets the state folded from the first input (`open` /
 * `prevClose`, which TWS sends once).
 *
 * ```text
 * inputs$     --o--b--a--|        o: open 9, b: bid 10, a: ask 11
 * ticks$   ^  --o--b--a--|
 * state$         ^ (B)A--|        B: { open: 9, bid: 10 } at once, then A
 * ```
 * - The request is subscribed by the first subscriber of either projection and unsubscribed when
 *   the last one leaves (or `end$` emits); its error or completion reaches every subscriber.
 * - The current state is forgotten (and `onEnd` called) before an error or completion is
 *   delivered, so a `retry()` starts a fresh fold.
 * - `state$` emits only new snapshots (an input that changes nothing is not a state); `ticks$`
 *   every tick input. Subscribers hear of each input in the order they subscribed.
 */
export function foldRequest(inputs$: Observable<MarketStateInput>, options: FoldRequestOptions): FoldedRequest {
  const { symbol, history, onStep, end$, onEnd } = options;
  initialMarketState(symbol, history); // validates `history` now, not at subscription
  const shared = projectedShare<MarketState, MarketStateInput, Tick>(
    (sink) => {
      let state = initialMarketState(symbol, history);
      const subscription = inputs$.subscribe({
        next: (input) => {
          const next = reduceMarketState(state, input);
          const changed = next !== state;
          state = next;
          onStep?.(input, next, changed);
          if (changed || input.type === 'tick') sink.next(next, input, changed);
        },
        error: sink.error,
        complete: sink.complete,
      });
      return () => { subscription.unsubscribe(); };
    },
    { pick: tickOf, end$, onEnd },
  );
  return { state$: shared.value$, ticks$: shared.inputs$ };
}

/** A tick input, or `undefined` for the other inputs (what a `ticks$` projection emits of market-data inputs). */
export const tickOf = (input: MarketStateInput): Tick | undefined => (input.type === 'tick' ? input : undefined);
