import { defer, filter, map, share, startWith, tap, type Observable } from 'rxjs';
import { initialMarketState, reduceMarketState, type MarketState, type MarketStateInput } from '../state/index.js';
import type { Tick } from '../ticks/tick.js';

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
  /** Sees every step once (however many subscribers): the session's side stream for monitoring. */
  readonly onStep?: (step: FoldStep) => void;
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
 * shared pipeline `inputs → scan(reduceMarketState) → share`, of which `state$` and `ticks$` are
 * projections. A `state$` subscriber that arrives while only `ticks$` kept the request alive still
 * gets the state folded from the first input (`open` / `prevClose`, which TWS sends once).
 *
 * ```text
 * inputs$     --o--b--a--|        o: open 9, b: bid 10, a: ask 11
 * ticks$   ^  --o--b--a--|
 * state$         ^ (B)A--|        B: { open: 9, bid: 10 } at once, then A
 * ```
 * The request is subscribed by the first subscriber of either projection and unsubscribed when the
 * last one leaves; its error or completion reaches every subscriber. The current state is
 * forgotten before an error or completion is delivered, so a `retry()` starts a fresh fold.
 */
export function foldRequest(inputs$: Observable<MarketStateInput>, options: FoldRequestOptions): FoldedRequest {
  const { symbol, history, onStep } = options;
  initialMarketState(symbol, history); // validates `history` now, not at subscription
  let latest: MarketState | undefined;
  const forget = (): void => {
    latest = undefined;
  };
  const steps$ = defer(() => {
    let state = initialMarketState(symbol, history);
    return inputs$.pipe(
      map((input): FoldStep => {
        const next = reduceMarketState(state, input);
        const changed = next !== state;
        state = next;
        if (changed) latest = next;
        const step: FoldStep = { input, state: next, changed };
        onStep?.(step);
        return step;
      }),
    );
  }).pipe(tap({ error: forget, complete: forget, unsubscribe: forget }), share());

  const changes$ = steps$.pipe(
    filter((step) => step.changed),
    map((step) => step.state),
  );
  return {
    state$: defer(() => (latest === undefined ? changes$ : changes$.pipe(startWith(latest)))),
    ticks$: steps$.pipe(
      map((step) => step.input),
      filter((input): input is Tick => input.type === 'tick'),
    ),
  };
}
