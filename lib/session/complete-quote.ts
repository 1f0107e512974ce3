import type { MarketState } from '../state/index.js';

/** `true` once a state has a bid, an ask and a last price: what `snapshot` waits for. */
export function isCompleteQuote(state: MarketState): boolean {
  return state.bid !== undefined && state.ask !== undefined && state.last !== undefined;
}
