import {
  resolveHistoricalOptions,
  type HistoricalOptions,
  type HistoricalPacingOptions,
  type ResolvedHistoricalOptions,
} from './historical-options.js';
import { OPTION_COMPUTATION_MODES, type OptionComputationMode } from './option-computation.js';
import type { ReplayRecord } from './replay-format.js';
import { SIM_MAX_SERVER_VERSION } from './server-version.js';

/** Options of `startSimulator`; every key is optional. */
export interface SimulatorOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  readonly host?: string;
  /** TCP port; 0 (default) picks a free one (read it from `Simulator.port`). */
  readonly port?: number;
  /** Seed of the random walks: same seed → same prices. Default 1. */
  readonly seed?: number;
  /**
   * The stock symbols the simulator knows (other stocks get error 200). Default: its built-in
   * universe (AAPL, MSFT, GOOGL, AMZN, TSLA, NFLX, SPY, IBM, NVDA, META, QQQ, JPM, AMD, INTC) plus
   * TWIN, listed on NASDAQ and NYSE. Symbols outside it get made-up but stable prices and
   * contract details. EUR.USD, SPX, the ES index and ES futures are always listed; options only
   * on AAPL and SPY when those are.
   */
  readonly symbols?: readonly string[];
  /** Market events (quote moves or trades) per second per subscribed symbol. Default 4; 0 = none. */
  readonly rateHz?: number;
  /** Symbols without any market data permission: reqMktData → error 354 whatever the type. */
  readonly unsubscribed?: readonly string[];
  /**
   * Symbols with delayed permission only (`'ALL'` or `['ALL']` = every symbol): market data type
   * 1/2 → error 354; type 3/4 → advisory 10167 and delayed tick ids. `unsubscribed` wins.
   */
  readonly delayedOnly?: readonly string[] | 'ALL';
  /** Market data lines (live streaming requests over all connections). Over it → error 101. Default 100. */
  readonly tickerLimit?: number;
  /** Ticks to replay instead of the random walk: an NDJSON file path or the records. */
  readonly replay?: string | readonly ReplayRecord[];
  /** Replay speed factor (2 = twice as fast). Default 1. */
  readonly speed?: number;
  /** Accounts announced in managedAccounts. Default `['DU1234567']`. */
  readonly accounts?: readonly string[];
  /** Highest server version to announce (100–200). Default 200: `@stoqey/ib` 1.6.10 gets 193. */
  readonly maxServerVersion?: number;
  /** Gap between 2103 and 2104 in `farmBlip()` without an argument, ms. Default 500. */
  readonly farmBlipMs?: number;
  /**
   * Stocks that get a second listing on another primary exchange (NYSE, or NASDAQ for a NYSE
   * stock; conId + 1 000 000 000), so `{ symbol, STK, SMART, USD }` matches two contracts:
   * contract details answer both, market data answers 200 "…is ambiguous". (TWIN is always
   * dual-listed.)
   */
  readonly ambiguous?: readonly string[];
  /**
   * IB asks for at least one second between reqMatchingSymbols calls. With this set, a call
   * sooner than `minIntervalMs` after the last one answered is refused: error 100 for that
   * request (`violation: 'error'`, the default), or no answer at all (`'ignore'`). Default: no
   * pacing.
   */
  readonly matchingSymbolsPacing?: MatchingSymbolsPacing;
  /** How option computation ticks are filled (see OptionComputationMode). Default `computed`. */
  readonly optionComputation?: OptionComputationMode;
  /**
   * The simulated market's date, `YYYYMMDD` (UTC): futures and option expiries, trading-hours
   * lists and option time value follow it (the time of day stays the real one). Default: today.
   */
  readonly today?: string;
  /**
   * The simulated market's clock at start, `YYYYMMDD-HH:mm:ss[.SSS]` (UTC) or epoch ms; it then
   * runs with the wall clock. Like `today` but to the millisecond (bar times, sessions, head of
   * the forming bar). Not together with `today`. Default: the wall clock.
   */
  readonly marketTime?: string | number;
  /** Historical data: keepUpToDate update interval, answer latency, date style, HMDS farm state. */
  readonly historical?: HistoricalOptions;
  /** IB's historical pacing rules (on by default, IB's windows; `scale` shrinks them for specs). */
  readonly historicalPacing?: HistoricalPacingOptions;
  /** Real-time bars and tick-by-tick: bar length, backfill, slots, the 15-s rule. */
  readonly streams?: StreamOptions;
  /** Market depth requests allowed at a time over all connections; beyond → error 309. Default 3 (IB's default). */
  readonly depthRequests?: number;
  /** Changes per second of each depth book someone watches (see docs/simulator.md "Market depth"). Default 4; 0 = only pushed operations. */
  readonly depthRateHz?: number;
}

/** Real-time bars and tick-by-tick (see docs/simulator.md "Real-time bars" and "Tick-by-tick"). */
export interface StreamOptions {
  /**
   * Wall-clock length of one real-time bar, ms. Default 5000 (TWS's). Shorter for specs: bars then
   * come every `realTimeBarMs` and their times still step by 5 s.
   */
  readonly realTimeBarMs?: number;
  /** A new real-time bars request first gets the last bar sent for its contract and whatToShow again (IB's backfill after an outage). Default true. */
  readonly realTimeBarBackfill?: boolean;
  /** Tick-by-tick requests allowed at a time over all connections; beyond → error 10190. Default 3. */
  readonly tickByTickSlots?: number;
  /**
   * Least time between two tick-by-tick requests of one instrument and type; sooner → error 10189
   * (IB's 15-s rule; the answer is not verified against a live TWS). Default 15 000; 0 = no rule.
   */
  readonly tickByTickSpacingMs?: number;
}

/** The `matchingSymbolsPacing` option. */
export interface MatchingSymbolsPacing {
  readonly minIntervalMs: number;
  readonly violation?: 'error' | 'ignore';
}

/** Options with every default filled in. */
export interface ResolvedSimOptions {
  readonly host: string;
  readonly port: number;
  readonly seed: number;
  readonly symbols: readonly string[] | undefined;
  readonly rateHz: number;
  readonly unsubscribed: ReadonlySet<string>;
  readonly delayedOnly: ReadonlySet<string> | 'ALL';
  readonly tickerLimit: number;
  readonly replay: string | readonly ReplayRecord[] | undefined;
  readonly speed: number;
  readonly accounts: readonly string[];
  readonly maxServerVersion: number;
  readonly farmBlipMs: number;
  readonly ambiguous: ReadonlySet<string>;
  /** 0 = no pacing. */
  readonly matchingSymbolsIntervalMs: number;
  readonly matchingSymbolsViolation: 'error' | 'ignore';
  readonly optionComputation: OptionComputationMode;
  readonly today: Date | undefined;
  /** Epoch ms of the market clock at start. */
  readonly marketTime: number | undefined;
  readonly historical: ResolvedHistoricalOptions;
  readonly streams: Required<StreamOptions>;
  readonly depthRequests: number;
  readonly depthRateHz: number;
}

const upper = (list: readonly string[] | undefined): ReadonlySet<string> =>
  new Set((list ?? []).map((s) => s.toUpperCase()));

const positive = (name: string, value: number): number => {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`simulator option ${name} must be a number ≥ 0, got ${value}`);
  return value;
};

const parseToday = (text: string | undefined): Date | undefined => {
  if (text === undefined) return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new RangeError(`simulator option today must be YYYYMMDD, got ${text}`);
  return date;
};

const MARKET_TIME = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

const parseMarketTime = (value: string | number | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`simulator option marketTime must be finite, got ${value}`);
    return value;
  }
  const m = MARKET_TIME.exec(value);
  if (!m) throw new RangeError(`simulator option marketTime must be YYYYMMDD-HH:mm:ss[.SSS] (UTC), got ${value}`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s, Number((m[7] ?? '0').padEnd(3, '0')));
};

const computationMode = (mode: OptionComputationMode | undefined): OptionComputationMode => {
  if (mode !== undefined && !OPTION_COMPUTATION_MODES.includes(mode)) {
    throw new RangeError(`simulator option optionComputation must be one of ${OPTION_COMPUTATION_MODES.join(', ')}`);
  }
  return mode ?? 'computed';
};

const resolveStreamOptions = (opts: StreamOptions = {}): Required<StreamOptions> => {
  const realTimeBarMs = positive('streams.realTimeBarMs', opts.realTimeBarMs ?? 5000);
  if (realTimeBarMs < 10) throw new RangeError('simulator option streams.realTimeBarMs must be at least 10');
  return {
    realTimeBarMs,
    realTimeBarBackfill: opts.realTimeBarBackfill ?? true,
    tickByTickSlots: positive('streams.tickByTickSlots', opts.tickByTickSlots ?? 3),
    tickByTickSpacingMs: positive('streams.tickByTickSpacingMs', opts.tickByTickSpacingMs ?? 15_000),
  };
};

/** Fills defaults and validates ranges (throws RangeError). */
export const resolveSimOptions = (opts: SimulatorOptions = {}): ResolvedSimOptions => {
  const delayedList: readonly string[] = opts.delayedOnly === 'ALL' ? ['ALL'] : (opts.delayedOnly ?? []);
  const allDelayed = delayedList.some((s) => s.toUpperCase() === 'ALL');
  const maxServerVersion = opts.maxServerVersion ?? SIM_MAX_SERVER_VERSION;
  if (maxServerVersion < 100 || maxServerVersion > SIM_MAX_SERVER_VERSION) {
    throw new RangeError(`simulator option maxServerVersion must be within 100..${SIM_MAX_SERVER_VERSION}`);
  }
  if (opts.today !== undefined && opts.marketTime !== undefined) throw new RangeError('simulator options today and marketTime exclude each other');
  const speed = positive('speed', opts.speed ?? 1);
  if (speed === 0) throw new RangeError('simulator option speed must be > 0');
  return {
    host: opts.host ?? '127.0.0.1',
    port: positive('port', opts.port ?? 0),
    seed: opts.seed ?? 1,
    symbols: opts.symbols,
    rateHz: positive('rateHz', opts.rateHz ?? 4),
    unsubscribed: upper(opts.unsubscribed),
    delayedOnly: allDelayed ? 'ALL' : upper(delayedList),
    tickerLimit: positive('tickerLimit', opts.tickerLimit ?? 100),
    replay: opts.replay,
    speed,
    accounts: opts.accounts ?? ['DU1234567'],
    maxServerVersion,
    farmBlipMs: positive('farmBlipMs', opts.farmBlipMs ?? 500),
    ambiguous: upper(opts.ambiguous),
    matchingSymbolsIntervalMs: positive('matchingSymbolsPacing.minIntervalMs', opts.matchingSymbolsPacing?.minIntervalMs ?? 0),
    matchingSymbolsViolation: opts.matchingSymbolsPacing?.violation ?? 'error',
    optionComputation: computationMode(opts.optionComputation),
    today: parseToday(opts.today),
    marketTime: parseMarketTime(opts.marketTime),
    historical: resolveHistoricalOptions(opts.historical, opts.historicalPacing),
    streams: resolveStreamOptions(opts.streams),
    depthRequests: positive('depthRequests', opts.depthRequests ?? 3),
    depthRateHz: positive('depthRateHz', opts.depthRateHz ?? 10),
  };
};
