export { HistoryLog, HistoryWindow } from './history-log.js';
export { HistoryView } from './history-view.js';
export type { MarketState } from './market-state.js';
export { marketState, type MarketStateOptions } from './market-state-operator.js';
export {
  DEFAULT_HISTORY,
  initialMarketState,
  reduceMarketState,
  type MarketDataTypeInput,
  type MarketStateInput,
  type StaleInput,
} from './reduce-market-state.js';
