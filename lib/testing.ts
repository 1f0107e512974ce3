// `ib-rx/testing`: hooks for testing code built on ib-rx, and the internals they need. Not part of
// the root API: these names may change between minor versions.
export { IbConnection, type ConnectionReady, type IbConnectionOptions, type OutboundStatus } from './connection/ib-connection.js';
export type { SessionConnection } from './session/session-options.js';
export {
  INITIAL_CONNECTION_STATE,
  reduceConnectionState,
  type ConnectionInput,
  type ConnectionState,
} from './connection/connection-state.js';
export { contractKey, contractLabel, normalizeContract } from './requests/contract-key.js';
export { hasQuotePrices, isCompleteQuote } from './session/complete-quote.js';
export { classifyIbCode, type IbCodeAction, type IbCodeInfo, type IbCodeKind, type IbCodeName } from './ib-codes.js';
export type { FarmState, LinkState, SocketState } from './connection/connection-state.js';
export type { PriceField, SizeField, TickFor } from './ticks/tick.js';
export { ibApiErrorFromCode } from './errors.js';
export type { FoldStep } from './session/fold-request.js';
export type { ContractCandidate } from './errors.js';
export { isPriceTick, isSizeTick, type GreeksTick, type PriceTick, type SizeTick } from './ticks/tick.js';
export type { RetryInfo } from './operators/retry-with-backoff.js';
export { BarList } from './bars/bar-list.js';
export { initialBarSeries, reduceBarSeries, type BarSeriesInput } from './history/bar-series.js';
export type { HistoricalPacingRules } from './history/pacing-rules.js';
export { applyDepthUpdate } from './streams/depth/apply-depth-update.js';
export { emptyOrderBook, type DepthOperationName, type DepthSideName, type DepthUpdate } from './streams/depth/order-book.js';
export type { TickByTickBidAsk, TickByTickMidPoint, TickByTickOf, TickByTickTrade } from './streams/tick-by-tick/tick-by-tick.js';
export type { RealTimeBarsWhatToShow } from './streams/real-time-bars/real-time-bars-options.js';
