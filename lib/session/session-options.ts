import type { SchedulerLike } from 'rxjs';
import { checkOptionKeys, DATA_TYPES, didYouMean, type Config, type DataType } from '../config/index.js';
import { InvalidInputError } from '../errors.js';
import type { IbConnection, IbConnectionOptions } from '../connection/ib-connection.js';
import { historicalPacingRules, type HistoricalPacingRules } from '../history/pacing-rules.js';

/** What the session uses of an `IbConnection` (a fake with the same members works in tests). */
export type SessionConnection = Pick<IbConnection, 'events$' | 'state$' | 'ready$' | 'errors$' | 'state' | 'outbound$' | 'open' | 'suspend' | 'send' | 'close'>
  & Partial<Pick<IbConnection, 'received' | 'errorEvents$'>>;

/** Tuning and test hooks of `IbSession` (the config file keeps everything users normally set). */
export interface IbSessionOptions {
  /** Timers (first-data timeout, staleness, snapshot timeout, connection timers). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** After a market data farm comes back (2104 after 2103), streams without a tick for this long are requested again. Default 5000. */
  readonly farmResumeGraceMs?: number;
  /** Passed to `IbConnection`: wait this long for farm OK after nextValidId. */
  readonly readyTimeoutMs?: number;
  /** Passed to `IbConnection`: jitter source for the reconnect backoff. */
  readonly random?: () => number;
  /**
   * A session that connected lazily (not through `IbSession.connect`) disconnects this long after
   * its last subscription ended, and connects again on the next one. Default 1000 ms (a short
   * linger, so that unsubscribe-then-subscribe does not cost a reconnect).
   */
  readonly idleDisconnectMs?: number;
  /**
   * Least time between two symbol searches (`reqMatchingSymbols`): IB allows about one per second.
   * Searches wait in a queue and go out in call order. Default 1100 ms (1 s plus 100 ms for
   * arrival jitter at TWS); a search TWS still refuses for pacing (100) is asked again in its turn.
   */
  readonly symbolSearchIntervalMs?: number;
  /**
   * No complete historical answer (`historicalBars`, the history of `bars$`) within this long after
   * the request left the pacing queue → `RequestTimeoutError`. Default 60 000 ms (IB can take tens
   * of seconds for long spans).
   */
  readonly historicalTimeoutMs?: number;
  /**
   * Test hook: replaces IB's historical pacing rules (windows, maxima, margin, retry delays; see
   * `HistoricalPacingRules`), e.g. windows scaled down to match a simulator started with
   * `historicalPacing: { scale: 0.01 }`, so pacing specs run in seconds. Users normally leave it
   * unset (IB's rules, `limits.historical_requests_per_10_min`).
   */
  readonly historicalPacing?: Partial<HistoricalPacingRules>;
  /** After TWS halts a depth book (316), `depth$` asks for it again after this long. Default 5000 ms. */
  readonly depthHaltedRetryMs?: number;
  /**
   * Test hook: tick-by-tick timing. `lingerMs`: how long a request stays alive after its last
   * subscriber left (default 15 000); `spacingMs`: least time between two requests of one
   * instrument and type (IB's 15-s rule plus 1 s; default 16 000), e.g. shortened to match a simulator
   * started with `streams: { tickByTickSpacingMs }`. Users normally leave it unset.
   */
  readonly tickByTickTiming?: { readonly lingerMs?: number; readonly spacingMs?: number };
  /** Creates the connection (default `new IbConnection(options)`); for tests. */
  readonly createConnection?: (options: IbConnectionOptions) => SessionConnection;
}

/** Per-subscription options of `marketData$` / `ticks$` / `snapshot`. */
export interface MarketDataOptions {
  /**
   * Market data type for this subscription (default: config `market_data.data_type`). A different
   * type is a different subscription (not shared with the default one).
   */
  readonly dataType?: DataType;
  /**
   * Generic tick ids to request with `reqMktData` (e.g. `[233, 236]`: RTVolume, shortable; 100–999).
   * Part of the sharing key (in any order, duplicates ignored): another list is another request.
   */
  readonly genericTicks?: readonly number[];
}

/** Options of `snapshot`. */
export interface SnapshotOptions extends MarketDataOptions {
  /** Give up after this many ms with `MarketDataTimeoutError` (default: config `market_data.timeout` s). */
  readonly timeoutMs?: number;
}

/** The keys of {@link MarketDataOptions}. */
export const MARKET_DATA_OPTION_KEYS: readonly (keyof MarketDataOptions)[] = ['dataType', 'genericTicks'];

/** The keys of {@link SnapshotOptions}. */
export const SNAPSHOT_OPTION_KEYS: readonly (keyof SnapshotOptions)[] = [...MARKET_DATA_OPTION_KEYS, 'timeoutMs'];

/**
 * Checks the options of `marketData$` / `ticks$` (`call` names which in the error) before anything
 * is sent: `UnknownOptionError` for a key they do not take (`datatype`, `genericTick` …),
 * `InvalidInputError` naming `dataType` for a type that is not one of the config's names
 * (`genericTicks` is checked with the request). `undefined` passes.
 */
export function checkMarketDataOptions(options: MarketDataOptions | undefined, call: 'marketData$' | 'ticks$'): void {
  checkOptionKeys(options, MARKET_DATA_OPTION_KEYS, call);
  checkDataType(options?.dataType);
}

/**
 * Checks the options of `snapshot` as {@link checkMarketDataOptions} does, plus `timeoutMs`
 * (milliseconds, a finite number > 0; `InvalidInputError` naming it otherwise).
 */
export function checkSnapshotOptions(options: SnapshotOptions | undefined): void {
  checkOptionKeys(options, SNAPSHOT_OPTION_KEYS, 'snapshot');
  checkDataType(options?.dataType);
  const timeoutMs: unknown = options?.timeoutMs;
  if (timeoutMs !== undefined && !(typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new InvalidInputError({ field: 'timeoutMs', value: timeoutMs, expected: 'milliseconds, a number > 0' });
  }
}

function checkDataType(dataType: unknown): void {
  if (dataType === undefined || (DATA_TYPES as readonly unknown[]).includes(dataType)) return;
  throw new InvalidInputError({ field: 'dataType', value: dataType, expected: `one of ${DATA_TYPES.join(', ')}${didYouMean(dataType, DATA_TYPES)}` });
}

/** The settings of the session's requests, from the config (seconds → ms). */
export interface SessionSettings {
  readonly dataType: DataType;
  readonly history: number;
  readonly firstDataTimeoutMs: number;
  readonly staleAfterMs: number;
  readonly lineLimit: number;
  readonly farmResumeGraceMs: number;
  readonly idleDisconnectMs: number;
  readonly symbolSearchIntervalMs: number;
  readonly historicalTimeoutMs: number;
  readonly historicalPacing: HistoricalPacingRules;
  /** Live tick-by-tick requests allowed (`limits.tick_by_tick_slots`). */
  readonly tickByTickSlots: number;
  /** See `IbSessionOptions.tickByTickTiming` (undefined: the service's defaults). */
  readonly tickByTickLingerMs: number | undefined;
  readonly tickByTickSpacingMs: number | undefined;
  /** Live depth requests allowed (`limits.depth_requests`). */
  readonly depthRequests: number;
  readonly depthHaltedRetryMs: number;
}

const MS_PER_S = 1000;
const DEFAULT_FARM_RESUME_GRACE_MS = 5000;
const DEFAULT_IDLE_DISCONNECT_MS = 1000;
/** IB's one search per second, plus 100 ms: arrival times at TWS jitter (a search sent 1000 ms after the last can arrive 999 ms after it). */
const DEFAULT_SYMBOL_SEARCH_INTERVAL_MS = 1100;
const DEFAULT_HISTORICAL_TIMEOUT_MS = 60_000;
const DEFAULT_DEPTH_HALTED_RETRY_MS = 5000;

/** {@link SessionSettings} from a parsed config and the session options. */
export function sessionSettings(config: Config, options: IbSessionOptions): SessionSettings {
  const { market_data: md, limits } = config;
  return {
    dataType: md.data_type,
    history: md.history,
    firstDataTimeoutMs: md.timeout * MS_PER_S,
    staleAfterMs: md.stale_after_s * MS_PER_S,
    lineLimit: limits.market_data_lines,
    farmResumeGraceMs: options.farmResumeGraceMs ?? DEFAULT_FARM_RESUME_GRACE_MS,
    idleDisconnectMs: options.idleDisconnectMs ?? DEFAULT_IDLE_DISCONNECT_MS,
    symbolSearchIntervalMs: options.symbolSearchIntervalMs ?? DEFAULT_SYMBOL_SEARCH_INTERVAL_MS,
    historicalTimeoutMs: options.historicalTimeoutMs ?? DEFAULT_HISTORICAL_TIMEOUT_MS,
    historicalPacing: historicalPacingRules(limits.historical_requests_per_10_min, options.historicalPacing),
    tickByTickSlots: limits.tick_by_tick_slots,
    tickByTickLingerMs: options.tickByTickTiming?.lingerMs,
    tickByTickSpacingMs: options.tickByTickTiming?.spacingMs,
    depthRequests: limits.depth_requests,
    depthHaltedRetryMs: options.depthHaltedRetryMs ?? DEFAULT_DEPTH_HALTED_RETRY_MS,
  };
}

/** The `IbConnection` options for a config. */
export function connectionOptions(config: Config, options: IbSessionOptions): IbConnectionOptions {
  return {
    host: config.api.tws_endpoint,
    port: config.api.port,
    clientId: config.api.client_id,
    reconnect: config.reconnect,
    maxMessagesPerSecond: config.limits.max_messages_per_s,
    ...(options.scheduler !== undefined && { scheduler: options.scheduler }),
    ...(options.readyTimeoutMs !== undefined && { readyTimeoutMs: options.readyTimeoutMs }),
    ...(options.random !== undefined && { random: options.random }),
  };
}
