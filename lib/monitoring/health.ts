import type { DataType } from '../config/index.js';
import type { LinkState, SocketState } from '../connection/connection-state.js';
import type { TickField } from '../ticks/tick.js';

/** The connection part of a {@link SessionHealth} snapshot. */
export interface ConnectionHealth {
  /** The socket's status (`idle` before the first subscription, `ready` is separate). */
  readonly status: SocketState['status'];
  /** Connected, nextValidId seen and the market data farm OK (or the ready timeout passed). */
  readonly ready: boolean;
  /** IB's link as TWS reports it (1100 / 1101 / 1102). */
  readonly link: LinkState;
  /** Market data cannot flow now: socket not ready, IB's link lost (1100) or a market data farm broken. */
  readonly interrupted: boolean;
  /** Names of data farms TWS reports broken (2103 / 2105 / 2157). */
  readonly brokenFarms: readonly string[];
  /** TWS's server version on the current socket; `undefined` while not connected. */
  readonly serverVersion: number | undefined;
  /** When the current socket connected (scheduler ms); `undefined` while not connected. */
  readonly connectedSince: number | undefined;
  /** Sockets that connected after the first one (socket reconnects; not 1101). */
  readonly reconnects: number;
  /** Why the last socket ended (`undefined` before any disconnect). */
  readonly lastDisconnectReason: string | undefined;
  /** Inbound events per second (over the last rate window). */
  readonly messagesInPerSecond: number;
  /** Outgoing messages per second; `undefined` when the session does not report them. */
  readonly messagesOutPerSecond: number | undefined;
  /** Messages waiting for the pacing budget; `undefined` when the session does not report them. */
  readonly pacingQueueDepth: number | undefined;
  /** Market data lines in use (live shared subscriptions). */
  readonly linesInUse: number;
  /** The line budget (`limits.market_data_lines`). */
  readonly lineLimit: number;
}

/** The last error one stream or the session saw (TWS code and classification when there is one). */
export interface HealthError {
  /** TWS / client code (200, 354, 502 …); `undefined` for errors without one (a dropped socket …). */
  readonly code: number | undefined;
  /** `IbCodeKind` for coded errors (`request-fatal`, `advisory` …), else `connection`, `protocol`, `timeout` or `other`. */
  readonly kind: string;
  readonly message: string;
  /** Scheduler ms. */
  readonly time: number;
}

/** How often one (code, kind) error was seen since health$ was subscribed. */
export interface ErrorCount {
  readonly code: number | undefined;
  readonly kind: string;
  readonly count: number;
}

/** One live market data stream in a {@link SessionHealth} snapshot. */
export interface StreamHealth {
  /** The session's sharing key of the stream. */
  readonly key: string;
  /** Its human name (the contract's symbol). */
  readonly symbol: string;
  /** The request id in use at TWS; `undefined` while waiting for a connection. */
  readonly reqId: number | undefined;
  /** The type TWS says is in effect (`marketDataType` message); `undefined` before it said. */
  readonly marketDataType: DataType | undefined;
  /** Ticks since the stream started. */
  readonly ticks: number;
  /** Ticks since the stream started, per field. */
  readonly ticksByField: Readonly<Partial<Record<TickField, number>>>;
  /** Ticks per second (over the last rate window). */
  readonly ticksPerSecond: number;
  /** Milliseconds since the last tick; `undefined` before the first. */
  readonly lastTickAgeMs: number | undefined;
  /**
   * Data interrupted: after the first tick, no tick for `staleAfterMs` or the connection cannot
   * deliver data (socket not ready, 1100, market data farm broken) — the rule of `MarketState.stale`.
   */
  readonly stale: boolean;
  /** Requests sent again after reconnects, 1101 or farm flaps (delayed fallbacks not counted). */
  readonly resubscriptions: number;
  readonly lastError: HealthError | undefined;
}

/**
 * An immutable health snapshot of a session: see `IbSession.health$` / {@link buildHealth$}.
 * Times are scheduler milliseconds.
 */
export interface SessionHealth {
  /** When the snapshot was taken. */
  readonly time: number;
  readonly connection: ConnectionHealth;
  /** Live streams, in subscription order. */
  readonly streams: readonly StreamHealth[];
  /** Errors seen so far, by code and kind (cumulative, a bounded set). */
  readonly errors: readonly ErrorCount[];
}
