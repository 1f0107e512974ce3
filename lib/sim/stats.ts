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

/** A live streaming subscription (request id → symbol). */
export interface SimSubscription {
  readonly reqId: number;
  readonly symbol: string;
  readonly delayed: boolean;
}

/** What one connection (one client) sent and received. */
export interface SimClientStats {
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
  readonly reqCurrentTime: number;
  /** Every other message (reqIds, reqManagedAccts, unknown ids …). */
  readonly otherMessages: number;
  /** Every reqMktData, in order (at most the last 10 000). */
  readonly requests: readonly SimRequestRecord[];
  /** The request ids of cancelMktData messages, in order (at most the last 10 000). */
  readonly cancels: readonly number[];
  /** Every contract request (details, matching symbols, option parameters), in order (at most the last 10 000). */
  readonly contractRequests: readonly SimContractRequestRecord[];
  readonly subscriptions: readonly SimSubscription[];
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
  reqCurrentTime: number;
  otherMessages: number;
  ticksSent: number;
  messages: number;
  bytes: number;
  requests: SimRequestRecord[];
  cancels: number[];
  contractRequests: SimContractRequestRecord[];
}

export const MAX_RECORDS = 10_000;

export const newClientCounters = (): ClientCounters => ({
  reqMktData: 0,
  cancelMktData: 0,
  reqMarketDataType: 0,
  reqContractDetails: 0,
  reqMatchingSymbols: 0,
  reqSecDefOptParams: 0,
  pacingViolations: 0,
  reqCurrentTime: 0,
  otherMessages: 0,
  ticksSent: 0,
  messages: 0,
  bytes: 0,
  requests: [],
  cancels: [],
  contractRequests: [],
});

/** Appends to a bounded record list. */
export const pushBounded = <T>(list: T[], item: T): void => {
  list.push(item);
  if (list.length > MAX_RECORDS) list.shift();
};

/** The simulator-wide {@link SimStats}: totals over every connection kept, plus each one's own. */
export function aggregateStats(connections: number, clients: readonly SimClientStats[], faults: readonly string[]): SimStats {
  type Total = 'reqMktData' | 'cancelMktData' | 'reqMarketDataType' | 'reqContractDetails' | 'reqMatchingSymbols' | 'reqSecDefOptParams'
    | 'pacingViolations' | 'ticksSent' | 'messagesSent' | 'bytesSent';
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
    ticksSent: sum('ticksSent'),
    messagesSent: sum('messagesSent'),
    bytesSent: sum('bytesSent'),
    faults: [...faults],
    clients,
  };
}
