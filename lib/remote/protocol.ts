import type { DataType } from '../config/index.js';
import type { ConnectionState } from '../connection/connection-state.js';
import type { Contract } from '../contracts/contract-types.js';
import type { BarsOptions } from '../history/historical-options.js';
import type { SessionHealth } from '../monitoring/health.js';
import type { RealTimeBarsWhatToShow } from '../streams/real-time-bars/real-time-bars-options.js';
import type { TickByTickType } from '../streams/tick-by-tick/tick-by-tick.js';
import type { OrderBookRecord } from './event-messages.js';
import type { MarketStateRecord } from './market-state-record.js';
import type { BarTuple } from './wire.js';
import type { WireError } from './wire-error.js';

// The control payloads (JSON objects; `v` is added by encodeControl). docs/remote.md lists them.

/** What a server says about itself: in the hello answer and in every heartbeat. */
export interface ServerInfo {
  readonly serverId: string;
  /** When it started serving (epoch ms): of two servers on one prefix, the older one stays. */
  readonly startedAt: number;
  /** `host pid N`. */
  readonly where: string;
  /** It serves the built-in simulator: consumers label the data SIMULATED. */
  readonly simulated: boolean;
  readonly heartbeatMs: number;
  readonly leaseMs: number;
  /** The session's `market_data.data_type` (keys of other types carry it). */
  readonly dataType: DataType;
}

/** The hello answer: the server, plus its connection state and the latest health. */
export interface HelloReply extends ServerInfo {
  readonly connectionState: ConnectionState;
  readonly health: SessionHealth | null;
}

/** A heartbeat (`bye`: the server is closing). */
export interface BeatMessage extends ServerInfo {
  readonly bye?: boolean;
}

/** What a consumer asks to join. */
export type JoinTarget =
  | { readonly kind: 'md'; readonly contract: Contract; readonly dataType?: DataType; readonly genericTicks?: readonly number[] }
  | { readonly kind: 'bars'; readonly contract: Contract; readonly options: BarsOptions }
  | { readonly kind: 'depth'; readonly contract: Contract; readonly rows: number; readonly smart: boolean }
  | { readonly kind: 'tbt'; readonly contract: Contract; readonly type: TickByTickType }
  | { readonly kind: 'rtb'; readonly contract: Contract; readonly whatToShow: RealTimeBarsWhatToShow; readonly useRTH: boolean };

/** A join request: the consumer and the stream it wants (`stream`: the id it computed and subscribed to). */
export interface JoinRequest {
  readonly consumer: string;
  readonly stream: string;
  readonly target: JoinTarget;
}

/** A bars series as JSON data (`history`: closed bars kept at most). */
export interface BarSeriesRecord {
  readonly symbol: string;
  readonly barSize: string;
  readonly history: number;
  /** Closed bars in all (`bars` may hold only the first ones; the rest come in pages). */
  readonly total: number;
  readonly bars: readonly BarTuple[];
  readonly forming: BarTuple | null;
  readonly stale: boolean;
}

/** What a join's snapshot carries: a market state, a bars series or an order book (tick-by-tick and 5-s bar streams have none: no replay). */
export type SnapshotRecord = MarketStateRecord | BarSeriesRecord | OrderBookRecord;

/**
 * The answer to a join: the stream's instance and the last sequence number the snapshot includes
 * (`record`: `null` before the first input); `pin` when more history rows must be fetched on `rows`.
 */
export type JoinReply =
  | {
      readonly ok: true;
      readonly stream: string;
      readonly instance: string;
      readonly seq: number;
      readonly symbol: string;
      readonly history: number;
      readonly record: SnapshotRecord | null;
      readonly pin?: string;
    }
  | { readonly ok: false; readonly error: WireError };

/** A request for more history rows of a pinned snapshot. */
export interface RowsRequest {
  readonly pin: string;
  readonly from: number;
}

/** A consumer's heartbeat: the streams it holds. */
export interface LeaseRequest {
  readonly consumer: string;
  readonly streams: readonly string[];
}

/** The answer: streams the server does not hold for this consumer (it must join them again). */
export interface LeaseReply {
  readonly serverId: string;
  readonly unknown: readonly string[];
}

/** A consumer leaves a stream. */
export interface LeaveMessage {
  readonly consumer: string;
  readonly stream: string;
}

/** The one-shot calls forwarded to the server's session. */
export type RpcOp = 'historicalBars' | 'contractDetails' | 'searchSymbols' | 'qualify' | 'optionChain';

/** A one-shot call. */
export interface RpcRequest {
  readonly op: RpcOp;
  readonly args: readonly unknown[];
}

/** Its answer. */
export type RpcReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: WireError };

/** The server's connection state, on change. */
export interface ConnectionMessage {
  readonly serverId: string;
  readonly state: ConnectionState;
}

/** The server's health, as its session emits it. */
export interface HealthMessage {
  readonly serverId: string;
  readonly health: SessionHealth;
}
