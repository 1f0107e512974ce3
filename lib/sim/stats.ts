import type { HistoricalPacingRule as PacingRule } from './historical-pacing-rule.js';
import type { SimDepthClientStats } from './depth-stats.js';
import type { HmdsState } from './historical-options.js';
import type { SimStreamClientStats } from './stream-stats.js';

/** One market-data request a client made, as the simulator saw it. */
export interface SimRequestRecord {
  readonly reqId: number;
  readonly symbol: string;
  readonly snapshot: boolean;
  /** The connection's market data type when the request arrived (1–4). */
  readonly marketDataType: number;
  /** What the simulator answered: streaming / snapshot data, or the error code it sent. */
  readonly outcome: 'live' | 'delayed' | number;
}

/** Kinds of contract requests the simulator answers. */
export type SimContractRequestKind = 'contractDetails' | 'matchingSymbols' | 'secDefOptParams';

/**
 * One contract request a client made: what it asked (`AAPL STK SMART USD`, `conId:265598`, the
 * search pattern, `AAPL STK 265598`) and how many rows the answer had, or the error code sent.
 * A matching-symbols request refused for pacing with `violation: 'ignore'` has error 0.
 */
export type SimContractRequestRecord =
  | { readonly kind: SimContractRequestKind; readonly reqId: number; readonly query: string; readonly rows: number }
  | { readonly kind: SimContractRequestKind; readonly reqId: number; readonly query: string; readonly error: number };

/** Kinds of historical requests the simulator answers. */
export type SimHistoricalRequestKind = 'historicalData' | 'headTimestamp';

interface HistoricalRecordBase {
  readonly kind: SimHistoricalRequestKind;
  readonly reqId: number;
  /** The contract as asked (`AAPL STK SMART USD`, `conId:265598`). */
  readonly query: string;
  /** As sent (`''` for head timestamps). */
  readonly barSize: string;
  readonly duration: string;
  readonly whatToShow: string;
  readonly endDateTime: string;
  readonly useRTH: boolean;
  readonly keepUpToDate: boolean;
}

/**
 * One historical request a client made and its answer: the number of bars (1 for a head
 * timestamp), or the error code sent (`pacingRule` set when refused for pacing).
 */
export type SimHistoricalRequestRecord =
  | (HistoricalRecordBase & { readonly bars: number })
  | (HistoricalRecordBase & { readonly error: number; readonly pacingRule?: PacingRule });

/** A live keepUpToDate request (historicalDataUpdate messages flow to it). */
export interface SimBarSubscription {
  readonly reqId: number;
  readonly symbol: string;
  readonly barSize: string;
  readonly whatToShow: string;
  readonly useRTH: boolean;
}

/** A live streaming subscription (request id → symbol). */
export interface SimSubscription {
  readonly reqId: number;
  readonly symbol: string;
  readonly delayed: boolean;
}

/** What one connection (one client) sent and received (the depth counters: see `SimDepthClientStats`). */
export interface SimClientStats extends SimDepthClientStats, SimStreamClientStats {
  /** 1, 2, 3 … in accept order. */
  readonly connectionId: number;
  /** From startApi; undefined before it. */
  readonly clientId: number | undefined;
  /** The negotiated server version; undefined before the hello. */
  readonly serverVersion: number | undefined;
  readonly open: boolean;
  readonly reqMktData: number;
  readonly cancelMktData: number;
  readonly reqMarketDataType: number;
  /** The last requested market data type (1 realtime, 2 frozen, 3 delayed, 4 delayed-frozen). */
  readonly marketDataType: number;
  readonly reqContractDetails: number;
  readonly reqMatchingSymbols: number;
  readonly reqSecDefOptParams: number;
  /** reqMatchingSymbols refused because it came sooner than the configured pacing interval. */
  readonly pacingViolations: number;
  readonly reqHistoricalData: number;
  readonly cancelHistoricalData: number;
  readonly reqHeadTimestamp: number;
  /** reqHistoricalData refused with 162 for pacing (see `historicalRequests[].pacingRule`). */
  readonly historicalPacingViolations: number;
  readonly reqCurrentTime: number;
  /** Every other message (reqIds, reqManagedAccts, unknown ids …). */
  readonly otherMessages: number;
  /** Every reqMktData, in order (at most the last 10 000). */
  readonly requests: readonly SimRequestRecord[];
  /** The request ids of cancelMktData messages, in order (at most the last 10 000). */
  readonly cancels: readonly number[];
  /** Every contract request (details, matching symbols, option parameters), in order (at most the last 10 000). */
  readonly contractRequests: readonly SimContractRequestRecord[];
  /** Every reqHistoricalData and reqHeadTimestamp, in order (at most the last 10 000). */
  readonly historicalRequests: readonly SimHistoricalRequestRecord[];
  readonly subscriptions: readonly SimSubscription[];
  /** Live keepUpToDate requests. */
  readonly barSubscriptions: readonly SimBarSubscription[];
  readonly ticksSent: number;
  readonly messagesSent: number;
  readonly bytesSent: number;
}

/** A snapshot of the simulator's counters (a copy: it does not change afterwards). */
export interface SimStats {
  /** Connections accepted since start. */
  readonly connections: number;
  readonly openConnections: number;
  /** Totals over all connections. */
  readonly reqMktData: number;
  readonly cancelMktData: number;
  readonly reqMarketDataType: number;
  readonly reqContractDetails: number;
  readonly reqMatchingSymbols: number;
  readonly reqSecDefOptParams: number;
  readonly pacingViolations: number;
  readonly reqHistoricalData: number;
  readonly cancelHistoricalData: number;
  readonly reqHeadTimestamp: number;
  readonly historicalPacingViolations: number;
  readonly reqMktDepth: number;
  readonly cancelMktDepth: number;
  readonly depthUpdatesSent: number;
  /** Live market depth requests over all open connections. */
  readonly depthSubscriptions: number;
  /** Live keepUpToDate requests over all open connections. */
  readonly barSubscriptions: number;
  readonly reqRealTimeBars: number;
  readonly cancelRealTimeBars: number;
  readonly reqTickByTickData: number;
  readonly cancelTickByTickData: number;
  /** Real-time bars sent (backfilled ones included). */
  readonly realTimeBarsSent: number;
  /** Tick-by-tick messages sent. */
  readonly tickByTickSent: number;
  /** Live real-time bars requests over all open connections. */
  readonly realTimeBarSubscriptions: number;
  /** Live tick-by-tick requests over all open connections. */
  readonly tickByTickSubscriptions: number;
  /** The HMDS farm's state now. */
  readonly hmds: HmdsState;
  readonly ticksSent: number;
  readonly messagesSent: number;
  readonly bytesSent: number;
  /** Faults injected so far, in order (`'drop'`, `'garbage:random-bytes'`, …). */
  readonly faults: readonly string[];
  /** Per connection, oldest first (closed ones too, at most the last 1 000). */
  readonly clients: readonly SimClientStats[];
}

/** Mutable counters of one connection (internal). */
export interface ClientCounters {
  reqMktData: number;
  cancelMktData: number;
  reqMarketDataType: number;
  reqContractDetails: number;
  reqMatchingSymbols: number;
  reqSecDefOptParams: number;
  pacingViolations: number;
  reqHistoricalData: number;
  cancelHistoricalData: number;
  reqHeadTimestamp: number;
  historicalPacingViolations: number;
  reqCurrentTime: number;
  otherMessages: number;
  ticksSent: number;
  messages: number;
  bytes: number;
  requests: SimRequestRecord[];
  cancels: number[];
  contractRequests: SimContractRequestRecord[];
  historicalRequests: SimHistoricalRequestRecord[];
}

export const newClientCounters = (): ClientCounters => ({
  reqMktData: 0,
  cancelMktData: 0,
  reqMarketDataType: 0,
  reqContractDetails: 0,
  reqMatchingSymbols: 0,
  reqSecDefOptParams: 0,
  pacingViolations: 0,
  reqHistoricalData: 0,
  cancelHistoricalData: 0,
  reqHeadTimestamp: 0,
  historicalPacingViolations: 0,
  reqCurrentTime: 0,
  otherMessages: 0,
  ticksSent: 0,
  messages: 0,
  bytes: 0,
  requests: [],
  cancels: [],
  contractRequests: [],
  historicalRequests: [],
});

/** The simulator-wide {@link SimStats}: totals over every connection kept, plus each one's own. */
export function aggregateStats(connections: number, clients: readonly SimClientStats[], faults: readonly string[], hmds: HmdsState): SimStats {
  type Total = 'reqMktData' | 'cancelMktData' | 'reqMarketDataType' | 'reqContractDetails' | 'reqMatchingSymbols' | 'reqSecDefOptParams'
    | 'pacingViolations' | 'reqHistoricalData' | 'cancelHistoricalData' | 'reqHeadTimestamp' | 'historicalPacingViolations'
    | 'ticksSent' | 'messagesSent' | 'bytesSent' | 'reqRealTimeBars' | 'cancelRealTimeBars' | 'reqTickByTickData' | 'cancelTickByTickData' | 'reqMktDepth' | 'cancelMktDepth' | 'depthUpdatesSent';
  const sum = (key: Total): number =>
    clients.reduce((n, c) => n + c[key], 0);
  return {
    connections,
    openConnections: clients.filter((c) => c.open).length,
    reqMktData: sum('reqMktData'),
    cancelMktData: sum('cancelMktData'),
    reqMarketDataType: sum('reqMarketDataType'),
    reqContractDetails: sum('reqContractDetails'),
    reqMatchingSymbols: sum('reqMatchingSymbols'),
    reqSecDefOptParams: sum('reqSecDefOptParams'),
    pacingViolations: sum('pacingViolations'),
    reqHistoricalData: sum('reqHistoricalData'),
    cancelHistoricalData: sum('cancelHistoricalData'),
    reqHeadTimestamp: sum('reqHeadTimestamp'),
    historicalPacingViolations: sum('historicalPacingViolations'),
    reqMktDepth: sum('reqMktDepth'),
    cancelMktDepth: sum('cancelMktDepth'),
    depthUpdatesSent: sum('depthUpdatesSent'),
    depthSubscriptions: clients.filter((c) => c.open).reduce((n, c) => n + c.depthSubscriptions.length, 0),
    barSubscriptions: clients.filter((c) => c.open).reduce((n, c) => n + c.barSubscriptions.length, 0),
    reqRealTimeBars: sum('reqRealTimeBars'),
    cancelRealTimeBars: sum('cancelRealTimeBars'),
    reqTickByTickData: sum('reqTickByTickData'),
    cancelTickByTickData: sum('cancelTickByTickData'),
    realTimeBarsSent: clients.reduce((n, c) => n + c.realTimeBarsSent, 0),
    tickByTickSent: clients.reduce((n, c) => n + c.tickByTickSent, 0),
    realTimeBarSubscriptions: clients.filter((c) => c.open).reduce((n, c) => n + c.realTimeBarSubscriptions.length, 0),
    tickByTickSubscriptions: clients.filter((c) => c.open).reduce((n, c) => n + c.tickByTickSubscriptions.length, 0),
    hmds,
    ticksSent: sum('ticksSent'),
    messagesSent: sum('messagesSent'),
    bytesSent: sum('bytesSent'),
    faults: [...faults],
    clients,
  };
}
