// The public API of ib-rx. Named exports only; nothing inside lib/ imports this file.
// Each layer owns one block below.

// -- config / errors / log --
export {
  DATA_TYPES,
  DATA_TYPE_IDS,
  dataTypeFromId,
  DEFAULT_CONFIG,
  DEFAULT_CONFIG_FILE,
  ENV_OVERRIDES,
  loadConfig,
  parseConfig,
  TWS_MAX_MESSAGES_PER_S,
  type Config,
  type ConfigInput,
  type DataType,
  type LoadConfigOptions,
} from './config/index.js';
export {
  ClientIdInUseError,
  ConfigError,
  ConnectionError,
  formatConfigProblem,
  IbApiError,
  ibApiErrorFromCode,
  IbRxError,
  MarketDataLinesError,
  MarketDataTimeoutError,
  NotSubscribedError,
  ProtocolError,
  SessionClosedError,
  SymbolNotFoundError,
  type ConfigProblem,
} from './errors.js';
export { classifyIbCode, IbCode, ibCodeName, type IbCodeAction, type IbCodeInfo, type IbCodeKind, type IbCodeName } from './ib-codes.js';
export { log } from './log.js';

// -- connection / ticks / state / operators --
export { ibEvents$, type IbEventsOptions } from './connection/ib-events.js';
export type {
  ConnectedEvent,
  ContractDetailsEndEvent,
  ContractDetailsEvent,
  CurrentTimeEvent,
  DisconnectedEvent,
  ErrorEvent as IbErrorEvent,
  IbEvent,
  IbEventOf,
  ManagedAccountsEvent,
  MarketDataTypeEvent,
  NextValidIdEvent,
  NoticeEvent as IbNoticeEvent,
  ServerEvent,
  TickGenericEvent,
  TickPriceEvent,
  TickReqParamsEvent,
  TickSizeEvent,
  TickSnapshotEndEvent,
  TickStringEvent,
} from './connection/ib-event.js';
export { toTicks, type ToTicksOptions } from './ticks/to-ticks.js';
export { prices } from './ticks/prices.js';
export { sizes } from './ticks/sizes.js';
export { field } from './ticks/field.js';
export { validPrices } from './ticks/valid-prices.js';
export {
  isPriceTick,
  isSizeTick,
  type HaltedTick,
  type LastTimestampTick,
  type PriceField,
  type PriceTick,
  type SizeField,
  type SizeTick,
  type Tick,
  type TickField,
  type TickFor,
  type TickOf,
} from './ticks/tick.js';
export { TICK_TYPE_FIELDS, type TickTypeMapping } from './ticks/tick-types.js';
export type { MarketState } from './state/market-state.js';
export { HistoryView } from './state/history-view.js';
export {
  DEFAULT_HISTORY,
  initialMarketState,
  reduceMarketState,
  type MarketDataTypeInput,
  type MarketStateInput,
  type StaleInput,
} from './state/reduce-market-state.js';
export { marketState, type MarketStateOptions } from './state/market-state-operator.js';
export type { Bar } from './operators/bar.js';
export { bars } from './operators/bars.js';
export { tickBars } from './operators/tick-bars.js';
export { IbConnection, type ConnectionReady, type IbConnectionOptions, type OutboundStatus } from './connection/ib-connection.js';
export {
  farmName,
  INITIAL_CONNECTION_STATE,
  reduceConnectionState,
  type ConnectionInput,
  type ConnectionState,
  type FarmKind,
  type FarmState,
  type FarmStatus,
  type LinkState,
  type SocketState,
} from './connection/connection-state.js';
export { FrameGuard, MAX_FRAME_BYTES, MIN_FRAME_BYTES, type FrameGuardResult, type FrameViolation, type FrameViolationReason } from './connection/frame-guard.js';
export { retryWithBackoff, type RetryInfo, type RetryWithBackoffOptions } from './operators/retry-with-backoff.js';
export { backoffCeiling, backoffDelay, type BackoffOptions } from './operators/backoff-delay.js';
export { pace, type PaceOptions } from './operators/pace.js';

// -- sim --
export {
  createSimCommand,
  DEFAULT_UNIVERSE,
  formatReplayRecord,
  GARBAGE_MODES,
  parseReplayLine,
  readReplayFile,
  ReplayFormatError,
  startSimulator,
  type BurstOptions,
  type BurstResult,
  type ConnectivityLossOptions,
  type GarbageMode,
  type ReplayField,
  type ReplayRecord,
  type SimClientStats,
  type SimCommandIo,
  type SimInstrument,
  type SimRequestRecord,
  type SimStats,
  type SimSubscription,
  type Simulator,
  type SimulatorOptions,
} from './sim/index.js';

// -- session --
export { IbSession } from './session/ib-session.js';
export type { IbSessionOptions, MarketDataOptions, SessionConnection, SnapshotOptions } from './session/session-options.js';
export { hasQuotePrices, isCompleteQuote } from './session/complete-quote.js';
export { contractKey, contractLabel, normalizeContract, type SymbolOrContract } from './requests/contract-key.js';
export type { LiveSubscription } from './requests/subscription-registry.js';
export { shareLatest } from './requests/share-latest.js';

// -- client --
export { IBClient } from './client/ib-client.js';
export { toMarketData, type MarketData } from './client/market-data.js';

// -- monitoring --
export { buildHealth$, type BuildHealthOptions } from './monitoring/build-health.js';
export { collectMetrics, type HealthSource, type MetricsCollector } from './monitoring/collect-metrics.js';
export type { ConnectionHealth, ErrorCount, HealthError, SessionHealth, StreamHealth } from './monitoring/health.js';
export type { HealthSources, SessionErrorEvent, StreamEvent } from './monitoring/health-sources.js';
export { CONNECTION_STATE_VALUES, METRIC_NAMES } from './monitoring/metric-names.js';
export { serveMetrics, type MetricsServer, type ServeMetricsOptions } from './monitoring/metrics-server.js';
export { MetricsUnavailableError } from './monitoring/prom-client.js';
export { sessionHealth$, type SessionHealthOptions } from './monitoring/session-health.js';
export { sessionHealthSources, type MonitorableSession } from './monitoring/session-health-sources.js';
export { attachMetricsToWatch, healthLine$, healthSummary, type WatchMetrics } from './monitoring/watch-monitoring.js';
