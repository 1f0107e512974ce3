import type { SimTick, SymbolBook } from './sim-tick.js';

/**
 * Something that follows one feed beside its market-data subscribers (a real-time bars or
 * tick-by-tick request): while a feed has one, the engine keeps its market moving; `onTick` sees
 * every tick after it was applied to the book, whether or not anyone subscribed to market data.
 */
export interface FeedObserver {
  onTick?(tick: SimTick, book: SymbolBook): void;
}
