import type { Field } from './frame.js';
import type { ResolvedSimOptions } from './options.js';
import type { RandomWalk } from './random-walk.js';
import type { SymbolBook } from './sim-tick.js';
import type { ClientCounters } from './stats.js';
import type { SimInstrument } from './universe.js';

/** What a connection offers to the request handlers and the tick fan-out. */
export interface SimPeer {
  readonly serverVersion: number;
  readonly counters: ClientCounters;
  readonly subscriptions: Map<number, Subscription>;
  marketDataType: number;
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

/** One symbol's market: its book, its walk (none when replaying) and its subscribers. */
export interface SymbolFeed {
  readonly instrument: SimInstrument;
  readonly book: SymbolBook;
  readonly walk: RandomWalk | undefined;
  /** Fractional market events owed to this symbol by the tick engine. */
  due: number;
  readonly subscribers: Set<Subscription>;
}

/** Market-data permission of a symbol. */
export type Permission = 'live' | 'delayed-only' | 'unsubscribed';

/** The simulator as the handlers see it. */
export interface SimContext {
  readonly options: ResolvedSimOptions;
  /** Wall-clock ms (the simulator lives at the socket edge). */
  now(): number;
  /** The instrument a request names (by conId or symbol), undefined when unknown. */
  resolve(symbol: string, conId: number, secType: string): SimInstrument | undefined;
  feed(inst: SimInstrument): SymbolFeed;
  permission(symbol: string): Permission;
  /** Live streaming requests over all connections (the market data lines in use). */
  linesInUse(): number;
  /** False while the link is lost, the farm is broken or the server is stalled. */
  dataFlowing(): boolean;
  /** True when another open, started connection has this client id. */
  clientIdTaken(clientId: number, self: SimPeer): boolean;
  nextOrderId(): number;
}
