import { defer, filter, scan, type OperatorFunction } from 'rxjs';
import type { MarketState } from './market-state.js';
import { DEFAULT_HISTORY, initialMarketState, reduceMarketState, type MarketStateInput } from './reduce-market-state.js';

/** Options of {@link marketState}. */
export interface MarketStateOptions {
  /** The symbol the state describes. */
  readonly symbol: string;
  /** History rows kept (`market_data.history`, default 10 000). */
  readonly history?: number;
}

/**
 * Folds ticks (plus `marketDataType` / `stale` signals) into immutable {@link MarketState}
 * snapshots: `scan(reduceMarketState, initialMarketState(symbol, history))`, emitting one snapshot
 * per input that changed something. Each subscription starts from a fresh state.
 *
 * ```text
 * input:   --b--a--l--s--|     b: bid 10, a: ask 11, l: last 10.5, s: stale false (no change)
 *          marketState({ symbol: 'AAPL' })
 * states:  --B--A--L-----|     B: { bid: 10 }, A: { bid: 10, ask: 11 }, L: { …, last: 10.5, close: [10.5] }
 * ```
 *
 * Errors and completion of the source pass through (no final state is added); unsubscribing
 * unsubscribes the source. Throws `RangeError` right away for a `history` that is not an integer ≥ 1.
 *
 * @example
 * ibEvents$(api).pipe(toTicks({ reqId }), marketState({ symbol: 'AAPL', history: 500 }))
 *   .subscribe((s) => console.log(s.bid, s.ask, s.close.last));
 */
export function marketState(options: MarketStateOptions): OperatorFunction<MarketStateInput, MarketState> {
  const { symbol, history = DEFAULT_HISTORY } = options;
  initialMarketState(symbol, history); // validate now, not at subscription
  return (source$) =>
    defer(() => {
      const initial = initialMarketState(symbol, history);
      // The reducer returns its input state when nothing changed: emit only new snapshots
      // (one hop instead of distinctUntilChanged + a filter for the seed).
      let emitted = initial;
      return source$.pipe(
        scan(reduceMarketState, initial),
        filter((state) => {
          if (state === emitted) return false;
          emitted = state;
          return true;
        }),
      );
    });
}
