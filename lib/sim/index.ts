// The TWS simulator: a server speaking the TWS API socket protocol (market data, contracts,
// symbol search, option chains and option computations, historical bars and keepUpToDate
// updates, market depth, real-time bars, tick-by-tick). Imports nothing from the client side of ib-rx.
export { startSimulator } from './simulator.js';
export type { Simulator, ConnectivityLossOptions, BurstOptions, BurstResult } from './simulator-api.js';
export type { SimulatorOptions, MatchingSymbolsPacing, StreamOptions } from './options.js';
export type { HistoricalOptions, HistoricalPacingOptions, HmdsState } from './historical-options.js';
export { IB_HISTORICAL_PACING } from './historical-options.js';
export type { HistoricalPacingRule } from './historical-pacing-rule.js';
export type { BarDateStyle } from './ib-dates.js';
export { BAR_SIZE_NAMES } from './bar-sizes.js';
export { GARBAGE_MODES } from './garbage.js';
export type { GarbageMode } from './garbage.js';
export type {
  SimStats,
  SimClientStats,
  SimRequestRecord,
  SimSubscription,
  SimContractRequestRecord,
  SimContractRequestKind,
  SimHistoricalRequestRecord,
  SimHistoricalRequestKind,
  SimBarSubscription,
} from './stats.js';
export { parseReplayLine, formatReplayRecord, ReplayFormatError } from './replay-format.js';
export type {
  ReplayRecord, ReplayField, ReplayTickRecord, ReplayBarRecord, ReplayBarKind, ReplayTickByTickRecord, ReplayTradeRecord, ReplayQuoteRecord,
  ReplayMidPointRecord, ReplayDepthRecord, ReplayDepthLevel,
} from './replay-format.js';
export { isTickRecord } from './replay-format.js';
export type {
  SimStreamClientStats, SimStreamRequestRecord, SimRealTimeBarRecord, SimTickByTickRecord, SimRealTimeBarSubscription, SimTickByTickSubscription,
  TickByTickBurstResult,
} from './stream-stats.js';
export { readReplayFile } from './replay.js';
export { DEFAULT_UNIVERSE } from './universe.js';
export type { SimInstrument } from './universe.js';
export { DUAL_LISTED_SYMBOL } from './listings.js';
export { DepthOperation, DepthSide } from './depth-book.js';
export type { SimDepthLevel, SimDepthOperation, SimDepthSnapshot, DepthOperationId, DepthSideId } from './depth-book.js';
export type { DepthBurstResult, SimDepthClientStats, SimDepthRequestRecord, SimDepthCancelRecord, SimDepthSubscription, SimDepthLevelKind } from './depth-stats.js';
export { SimSecType } from './sim-contract.js';
export type { SimContract, SimSecTypeName, SimRight, SimSecId } from './sim-contract.js';
export { OPTION_COMPUTATION_MODES } from './option-computation.js';
export type { OptionComputationMode } from './option-computation.js';
export { createSimCommand } from './sim-command.js';
export type { SimCommandIo } from './sim-command.js';
