import { Observable, Subscription, type Subscriber } from 'rxjs';
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

/** A subscriber of either projection, in subscription order. */
interface Listener {
  readonly subscriber: Subscriber<MarketState> | Subscriber<Tick>;
  readonly ticks: boolean;
}

/**
 * Folds one request's inputs ONCE, however many subscribers and whatever they subscribe to: one
 * shared pipeline `inputs → reduceMarketState → (state | tick) subscribers`, of which `state$`
 * and `ticks$` are projections. A `state$` subscriber that arrives while only `ticks$` kept the
 * request alive still gets the state folded from the first input (`open` / `prevClose`, which TWS
 * sends once).
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
 *
 * Hand-written instead of `map` + `share` + `filter` + `map` per projection (the same rules as
 * `share` with `resetOnError`, `resetOnComplete` and `resetOnRefCountZero`): each input is one
 * call into here and one `next` per subscriber — the per-tick path of every market-data stream.
 */
export function foldRequest(inputs$: Observable<MarketStateInput>, options: FoldRequestOptions): FoldedRequest {
  const { symbol, history, onStep, end$, onEnd } = options;
  initialMarketState(symbol, history); // validates `history` now, not at subscription
  /** Copied on every change, so a delivery loop never sees a list change under it. */
  let listeners: readonly Listener[] = [];
  /** The request and `end$` while connected (added after a synchronous end → unsubscribed at once). */
  let connection: Subscription | undefined;
  let state: MarketState | undefined;
  let latest: MarketState | undefined;

  const disconnect = (): void => {
    if (connection === undefined) return;
    const current = connection;
    connection = undefined;
    latest = undefined;
    state = undefined;
    current.unsubscribe();
    onEnd?.();
  };
  /** Ends the fold, then tells every subscriber (`error` or `complete`). */
  const finish = (deliver: (subscriber: Subscriber<never>) => void): void => {
    const all = listeners;
    listeners = [];
    disconnect();
    for (const { subscriber } of all) deliver(subscriber);
  };
  const fail = (error: unknown): void => { finish((subscriber) => { subscriber.error(error); }); };
  const complete = (): void => { finish((subscriber) => { subscriber.complete(); }); };
  const onInput = (input: MarketStateInput): void => {
    const before = state ?? initialMarketState(symbol, history);
    const next = reduceMarketState(before, input);
    const changed = next !== before;
    state = next;
    if (changed) latest = next;
    onStep?.(input, next, changed);
    const isTick = input.type === 'tick';
    if (!changed && !isTick) return;
    for (const listener of listeners) {
      if (listener.ticks) {
        if (isTick) (listener.subscriber as Subscriber<Tick>).next(input);
      } else if (changed) (listener.subscriber as Subscriber<MarketState>).next(next);
    }
  };
  const connect = (): void => {
    const bag = new Subscription();
    connection = bag;
    state = initialMarketState(symbol, history);
    bag.add(inputs$.subscribe({ next: onInput, error: fail, complete }));
    if (end$ !== undefined) bag.add(end$.subscribe({ next: complete, error: fail }));
  };
  const projection$ = <T extends MarketState | Tick>(ticks: boolean): Observable<T> =>
    new Observable<T>((subscriber) => {
      if (!ticks && latest !== undefined) {
        (subscriber as Subscriber<MarketState>).next(latest);
        if (subscriber.closed) return undefined;
      }
      const listener: Listener = { subscriber: subscriber as Subscriber<MarketState> | Subscriber<Tick>, ticks };
      listeners = [...listeners, listener];
      if (connection === undefined) connect();
      return () => {
        const index = listeners.indexOf(listener);
        if (index < 0) return;
        listeners = listeners.filter((other) => other !== listener);
        if (listeners.length === 0) disconnect();
      };
    });
  return { state$: projection$<MarketState>(false), ticks$: projection$<Tick>(true) };
}
