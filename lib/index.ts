// The public API of ib-rx (the package root). Named exports only; nothing inside lib/ imports this
// file. Subpaths: `ib-rx/sim` (the simulator), `ib-rx/monitoring` (Prometheus; needs prom-client),
// `ib-rx/testing` (test hooks and internals), `ib-rx/remote` (NATS fan-out; needs @nats-io/transport-node).
// Each layer owns one block below. The root stays at 100 names or fewer (spec/package/public-api.spec.ts).

// -- config --
export { DEFAULT_CONFIG, loadConfig, parseConfig, type Config, type ConfigInput, type DataType, type LoadConfigOptions } from './config/index.js';

// -- errors --
export {
  ClientIdInUseError,
  ConfigError,
  ConnectionError,
  IbApiError,
  IbRxError,
  MarketDataLinesError,
  MarketDataTimeoutError,
  NotSubscribedError,
  ProtocolError,
  SessionClosedError,
  SymbolNotFoundError,
  HistoricalDataError,
  AmbiguousContractError,
  InvalidContractError,
  InvalidInputError,
  UnknownOptionError,
  type UnknownOptionInfo,
  RequestTimeoutError,
  StreamLimitError,
  type StreamLimitKind,
  type ConfigProblem,
} from './errors.js';
export { IbCode } from './ib-codes.js';

// -- session --
export { IbSession, type StreamInput } from './session/ib-session.js';
export type { IbSessionOptions, MarketDataOptions, SnapshotOptions } from './session/session-options.js';
export type { SymbolOrContract } from './requests/contract-key.js';
export type { LiveSubscription } from './requests/subscription-registry.js';
export type { ConnectionState } from './connection/connection-state.js';
export type { OutboundStatus } from './connection/ib-connection.js';
export type { ConnectionHealth, SessionHealth, StreamHealth } from './monitoring/health.js';
export { collectMetrics } from './monitoring/collect-metrics.js';

// -- contracts --
export { forex, future, index, option, stock } from './contracts/contract-helpers.js';
export { SecType, type Contract, type OptionRight } from './contracts/contract-types.js';
export type { ContractDetails } from './contracts/contract-details.js';
export type { SymbolMatch } from './contracts/symbol-match.js';
export type { OptionChain } from './contracts/option-chain.js';
export type { OptionGreeks } from './ticks/option-greeks.js';

// -- history --
export type { BarSeries } from './history/bar-series.js';
export type { BarSize } from './history/bar-size.js';
export type { Duration } from './history/duration.js';
export type { BarsOptions, HistoricalBarsOptions, WhatToShow } from './history/historical-options.js';
export { resample } from './bars/resample.js';

// -- streams --
export type { TickByTick, TickByTickType } from './streams/tick-by-tick/tick-by-tick.js';
export type { RealTimeBarsOptions } from './streams/real-time-bars/real-time-bars-options.js';
export type { DepthLevel, OrderBook } from './streams/depth/order-book.js';
export type { DepthOptions } from './streams/depth/depth-options.js';

// -- events, ticks, state --
export { ibEvents$, type IbEventsOptions } from './connection/ib-events.js';
export type { IbEvent, IbEventOf } from './connection/ib-event.js';
export { toTicks, type ToTicksOptions } from './ticks/to-ticks.js';
export { prices } from './ticks/prices.js';
export { sizes } from './ticks/sizes.js';
export { field } from './ticks/field.js';
export { validPrices } from './ticks/valid-prices.js';
export type { Tick, TickField } from './ticks/tick.js';
export type { MarketState } from './state/market-state.js';
export type { HistoryView } from './state/history-view.js';
export { initialMarketState, reduceMarketState, type MarketStateInput } from './state/reduce-market-state.js';
export { marketState, type MarketStateOptions } from './state/market-state-operator.js';

// -- operators --
export type { Bar } from './bars/bar.js';
export { bars } from './bars/bars.js';
export { tickBars } from './bars/tick-bars.js';
export { retryWithBackoff, type RetryWithBackoffOptions } from './operators/retry-with-backoff.js';
export { pace, type PaceOptions } from './operators/pace.js';
export { shareLatest } from './operators/share-latest.js';

// -- client (the original design's facade) --
export { IBClient } from './client/ib-client.js';
export { toMarketData, type MarketData } from './client/market-data.js';

// -- simulator (owned by `ib-rx/sim`; the root keeps what a quick start needs) --
export { startSimulator } from './sim/simulator.js';
export type { Simulator } from './sim/simulator-api.js';
export type { SimulatorOptions } from './sim/options.js';
