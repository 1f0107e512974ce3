import type { MarketState } from '../state/index.js';

/** `true` once a state has a bid, an ask and a last price. */
export function hasQuotePrices(state: MarketState): boolean {
  return state.bid !== undefined && state.ask !== undefined && state.last !== undefined;
}

/**
 * `true` once a state has a bid, an ask and a last price and their sizes: what `snapshot` waits
 * for. (A price and its size arrive as two ticks, so a state with the prices alone may be one tick
 * short of its sizes.)
 */
export function isCompleteQuote(state: MarketState): boolean {
  return hasQuotePrices(state) && state.bidSize !== undefined && state.askSize !== undefined && state.lastSize !== undefined;
}
