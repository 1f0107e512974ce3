import type { GarbageMode } from './garbage-modes.js';
import type { HmdsState } from './historical-options.js';
import type { SimCode } from './codes.js';
import type { SimDepthOperation, SimDepthSnapshot } from './depth-book.js';
import type { DepthBurstResult } from './depth-stats.js';
import type { OptionComputationMode } from './option-computation.js';
import type { SimContract } from './sim-contract.js';
import type { SimStats } from './stats.js';
import type { TickByTickBurstResult } from './stream-stats.js';

/** Options of `Simulator.connectivityLoss`. */
export interface ConnectivityLossOptions {
  /** 1101 = restored, data lost (subscriptions forgotten); 1102 = restored, data maintained. */
  readonly restore: typeof SimCode.CONNECTIVITY_RESTORED_DATA_LOST | typeof SimCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED;
  /** Time between 1100 and the restore notice, ms. */
  readonly gapMs: number;
}

/** Options of `Simulator.burst`. */
export interface BurstOptions {
  /** Only this request id (default: every live subscription, round robin). */
  readonly reqId?: number;
}

/** What `Simulator.burst` pushed. */
export interface BurstResult {
  readonly messages: number;
  readonly bytes: number;
  /** From the first write to the last write accepted by the socket(s), ms. */
  readonly ms: number;
}

/** A running TWS simulator (see `startSimulator`). */
export interface Simulator {
  readonly host: string;
  /** The port it listens on (the real one when started with port 0). */
  readonly port: number;
  /** Stops listening, closes every socket, clears every timer. */
  close(): Promise<void>;
  /** Destroys every client socket (like a crashed gateway; every request of those sockets is forgotten); keeps listening. */
  drop(): void;
  /**
   * Sends 1100, stops ticks, keepUpToDate updates, real-time bars and tick-by-tick data; after `gapMs`
   * sends 1101 (and forgets all market data subscriptions, keepUpToDate and unanswered historical
   * requests, real-time bars and tick-by-tick requests) or 1102. Resolves after the restore.
   */
  connectivityLoss(opts: ConnectivityLossOptions): Promise<void>;
  /** Sends 2103, pauses ticks for `gapMs` (default option `farmBlipMs`), then 2104. Resolves after 2104. */
  farmBlip(gapMs?: number): Promise<void>;
  /**
   * Moves the historical data (HMDS) farm: `broken` sends 2105 (historical requests wait, keepUpToDate
   * updates pause), `inactive` 2107 (the next request wakes it: 2106), `ok` 2106 (waiting requests are answered).
   */
  hmdsFarm(state: HmdsState): void;
  /** Sends 2105, keeps the HMDS farm broken for `gapMs` (default option `farmBlipMs`), then 2106. */
  hmdsBlip(gapMs?: number): Promise<void>;
  /** Freezes: sockets stay open, nothing is sent, requests wait unanswered (until `resume()` or `ms`). */
  stall(ms?: number): void;
  /** Ends a stall: requests received meanwhile are answered, ticks flow again. */
  resume(): void;
  /** Writes corrupt bytes to every connected client (see GarbageMode). */
  garbage(mode: GarbageMode): void;
  /** Stops listening (connects are refused) for `ms`, then listens on the same port again. Existing sockets stay. */
  refuse(ms: number): Promise<void>;
  /** Pushes `n` tickPrice messages to the live subscriptions as fast as the sockets accept them. */
  burst(n: number, opts?: BurstOptions): Promise<BurstResult>;
  /** Switches how option computation ticks are filled from now on (e.g. IB's "not computed" sentinels). */
  optionComputation(mode: OptionComputationMode): void;
  /**
   * A copy of the simulator's own depth book of a symbol (every depth subscriber of it sees its top
   * `numRows` rows), best first; empty sides before anyone asked for its depth.
   */
  depthBook(symbol: string): SimDepthSnapshot;
  /**
   * Applies depth operations to a symbol's book, in order, each sent to the depth subscribers whose
   * rows it touches (as TWS would). Positions must be in range (insert 0..rows, update / delete
   * 0..rows-1): the first one out of range throws RangeError (those before it stay applied). Prices
   * are not checked for order. Throws RangeError when nobody has asked for the symbol's depth yet.
   */
  depthOperations(symbol: string, ops: readonly SimDepthOperation[]): void;
  /**
   * Sends 317 (reset, the default: the request's book is then sent again from empty) or 316
   * (halted: no more updates until cancelled) to every depth request of a symbol. Returns how many
   * requests got it.
   */
  depthReset(symbol: string, code?: typeof SimCode.DEPTH_HALTED | typeof SimCode.DEPTH_RESET): number;
  /** Moves a symbol's depth book `n` times as fast as the sockets take it (for benchmarks). */
  depthBurst(symbol: string, n: number): Promise<DepthBurstResult>;
  /**
   * Sends `n` rounds of synthetic tick-by-tick messages (trades, quotes or midpoints, by request
   * type) to every tick-by-tick request of `symbol`, as fast as the event loop allows (for
   * benchmarks). Resolves with the messages sent, the time it took and the last price sent.
   */
  tickByTickBurst(symbol: string, n: number): Promise<TickByTickBurstResult>;
  /** Every contract the simulator knows (stocks, forex, indices, futures, options), with its conId. */
  contracts(): readonly SimContract[];
  /** What clients sent and received so far. */
  stats(): SimStats;
}

