import type { BarSlot } from './bar-plan.js';
import type { RequestedContract } from './client-requests.js';
import type { FeedHistory } from './feed-history.js';
import type { HistoricalQuery } from './historical-query.js';
import type { HmdsState } from './historical-options.js';
import type { HeadTimestampRequest, HistoricalDataRequest } from './historical-request-parsers.js';
import type { ContractUniverse } from './contract-universe.js';
import type { CancelMktDepthRequest, MktDepthRequest } from './depth-requests.js';
import type { SimDepthClientStats } from './depth-stats.js';
import type { FeedObserver } from './feed-observer.js';
import type { Field } from './frame.js';
import type { OptionComputation, OptionComputationMode } from './option-computation.js';
import type { OptionModel } from './option-model.js';
import type { ResolvedSimOptions } from './options.js';
import type { RandomWalk } from './random-walk.js';
import type { SimContract } from './sim-contract.js';
import type { SymbolBook } from './sim-tick.js';
import type { ClientCounters } from './stats.js';
import type { StreamClientRequest } from './stream-requests.js';
import type { SimStreamClientStats } from './stream-stats.js';
import type { ComputationKind, TickField } from './tick-ids.js';

/** What a connection offers to the request handlers and the tick fan-out. */
export interface SimPeer {
  readonly serverVersion: number;
  readonly counters: ClientCounters;
  readonly subscriptions: Map<number, Subscription>;
  /** Live keepUpToDate requests. */
  readonly bars: Map<number, BarSubscription>;
  marketDataType: number;
  /** When this connection's last reqMatchingSymbols was answered (ms; -Infinity before). */
  matchingSymbolsAt: number;
  send(fields: readonly Field[]): void;
}

/** A live streaming market-data request of one connection. */
export interface Subscription {
  readonly peer: SimPeer;
  readonly reqId: number;
  readonly feed: SymbolFeed;
  readonly delayed: boolean;
  /** False while the initial ticks wait for the link / farm to come back. */
  started: boolean;
}

/** A live keepUpToDate request of one connection. */
export interface BarSubscription {
  readonly peer: SimPeer;
  readonly reqId: number;
  readonly feed: SymbolFeed;
  readonly query: HistoricalQuery;
  /** The bar last reported (a new one closes it). */
  lastSlot: BarSlot | undefined;
}

/** The option side of an option's feed: its model and latest computations. */
export interface OptionFeedState {
  readonly model: OptionModel;
  readonly underlying: SymbolFeed;
  /** The latest computation of each kind (what a new subscriber gets first). */
  readonly computations: Map<ComputationKind, OptionComputation>;
  /** Computation ticks produced so far (drives the `alternate` mode). */
  sequence: number;
  /** False until the underlying had a price. */
  initialized: boolean;
  now(): number;
  mode(): OptionComputationMode;
}

/** One contract's market: its book, its walk (none when replaying, or for options) and its subscribers. */
export interface SymbolFeed {
  readonly contract: SimContract;
  readonly book: SymbolBook;
  readonly walk: RandomWalk | undefined;
  /** Set for options: their market follows the underlying's price. */
  readonly option: OptionFeedState | undefined;
  /** The fields this kind of contract reports (no last for forex, no quotes for indices). */
  readonly fields: ReadonlySet<TickField>;
  /** Option feeds whose underlying this is. */
  readonly dependents: Set<SymbolFeed>;
  /** Its history: the seeded path before history was first asked for, the live tape after. */
  readonly history: FeedHistory;
  /** Fractional market events owed to this symbol by the tick engine. */
  due: number;
  readonly subscribers: Set<Subscription>;
  /** Real-time bars and tick-by-tick requests that follow this feed (the engine walks it while there are any). */
  readonly observers: Set<FeedObserver>;
}

/** Market-data permission of a symbol. */
export type Permission = 'live' | 'delayed-only' | 'unsubscribed';

/** The simulator as the handlers see it. */
export interface SimContext {
  readonly options: ResolvedSimOptions;
  readonly universe: ContractUniverse;
  /** Wall-clock ms (the simulator lives at the socket edge). */
  now(): number;
  /** The market's clock: the wall clock moved to the `today` option's date (listings, sessions, option time value). */
  marketNow(): number;
  /** The contracts a request names (none, one, or several when ambiguous). */
  lookup(contract: RequestedContract): readonly SimContract[];
  feed(contract: SimContract): SymbolFeed;
  permission(symbol: string): Permission;
  /** Historical bars, head timestamps, keepUpToDate updates and the HMDS farm. */
  readonly historical: HistoricalPort;
  /** Real-time bars and tick-by-tick requests (`StreamService`). */
  readonly streams: StreamsPort;
  /** Market depth requests (`DepthService`). */
  readonly depth: DepthPort;
  /** Live streaming requests over all connections (the market data lines in use). */
  linesInUse(): number;
  /** False while the link is lost, the farm is broken or the server is stalled. */
  dataFlowing(): boolean;
  /** True when another open, started connection has this client id. */
  clientIdTaken(clientId: number, self: SimPeer): boolean;
  nextOrderId(): number;
}

/**
 * What the connections and the simulator ask of the historical-data service (`HistoricalService`
 * implements it); described here so that the context does not import the service (no cycle).
 */
export interface HistoricalPort {
  readonly hmds: HmdsState;
  notice(): readonly [number, string];
  setHmds(state: HmdsState): void;
  flush(): void;
  requestBars(peer: SimPeer, req: HistoricalDataRequest): void;
  cancelBars(peer: SimPeer, reqId: number): void;
  requestHeadTimestamp(peer: SimPeer, req: HeadTimestampRequest): void;
  cancelHeadTimestamp(peer: SimPeer, reqId: number): void;
  forget(peer: SimPeer): void;
  close(): void;
}

/** What the connections ask of the market depth service (`DepthService` implements it; described here so that the context does not import it). */
export interface DepthPort {
  request(peer: SimPeer, req: MktDepthRequest): void;
  cancel(peer: SimPeer, req: CancelMktDepthRequest): void;
  /** The connection closed, or TWS lost its requests (1101). */
  forget(peer: SimPeer): void;
  /** Sends the book to requests that waited for data to flow again. */
  flush(): void;
  /** The depth part of a connection's stats. */
  statsOf(peer: SimPeer): SimDepthClientStats;
  close(): void;
}

/** What the connections ask of the real-time bars and tick-by-tick service (`StreamService` implements it; described here so that the context does not import it). */
export interface StreamsPort {
  request(peer: SimPeer, req: StreamClientRequest): void;
  /** The connection closed, or TWS lost its requests (1101). */
  forget(peer: SimPeer): void;
  /** The stream part of a connection's stats. */
  statsOf(peer: SimPeer): SimStreamClientStats;
}
