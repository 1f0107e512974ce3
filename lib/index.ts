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

// -- client --

// -- monitoring --
