import type { Contract, IBApi } from '@stoqey/ib';
import type { Observable, SchedulerLike } from 'rxjs';
import type { DataType } from '../config/index.js';
import type { IbEvent } from '../connection/ib-event.js';
import type { IbApiError } from '../errors.js';
import type { RouteListener } from './request-router.js';
import type { SubscriptionRegistry } from './subscription-registry.js';

/** Requests may be sent on socket `generation`; `reason` says why (see `IbConnection.ready$`). */
export interface ReadySignal {
  readonly generation: number;
  readonly reason: 'connected' | 'reconnected' | 'link-restored';
}

/** Queues one outgoing message for socket `generation` (dropped if that socket is gone). */
export type SendCommand = (command: (api: IBApi) => void, generation: number) => void;

/** One shared market-data subscription: what to request and under which key. */
export interface MarketDataRequestSpec {
  readonly key: string;
  readonly symbol: string;
  readonly contract: Contract;
  /** The market data type asked for (before any delayed fallback). */
  readonly dataType: DataType;
  /** `reqMktData`'s generic tick list (`'233,236'`, see `genericTickList`); none when absent or `''`. */
  readonly genericTicks?: string;
}

/**
 * Everything a market-data request needs from its session, as streams and sinks — so the request
 * logic is a function of streams, testable with Subjects and virtual time.
 */
export interface MarketDataRequestContext {
  /** Replays the current readiness (only while that socket is alive) and emits each new one. */
  readonly ready$: Observable<ReadySignal>;
  /** Replays and emits whether data is interrupted connection-wide (socket down, 1100, farm broken). */
  readonly interrupted$: Observable<boolean>;
  /**
   * Never emits; errors with a `ConnectionError` when the session has had no connection within the
   * first-data timeout of subscribing (a dead gateway is not silence); completes once it has one.
   */
  readonly connectionDeadline$: Observable<never>;
  /** Emits when a market data farm reports OK again after being broken (2103 → 2104). */
  readonly farmRecovered$: Observable<unknown>;
  /** Hands the events of one request id to `listener`; returns its removal (see `RequestRouter.listen`). */
  readonly listen: (reqId: number, listener: RouteListener<IbEvent>) => () => void;
  readonly nextReqId: () => number;
  readonly send: SendCommand;
  /** Whether socket `generation` is still the open one (no cancel is sent to a dead socket). */
  readonly isAlive: (generation: number) => boolean;
  readonly registry: SubscriptionRegistry;
  /** The type sent with `reqMarketDataType` on every ready (config `market_data.data_type`). */
  readonly sessionDataType: DataType;
  /** No first tick within this time after the request → `MarketDataTimeoutError`. */
  readonly firstDataTimeoutMs: number;
  /** No tick for this long → the state says `stale: true` until the next tick. */
  readonly staleAfterMs: number;
  /** After a farm comes back, streams without a tick for this long are requested again. */
  readonly farmResumeGraceMs: number;
  readonly scheduler: SchedulerLike;
  /** Non-fatal request errors (for the session's `errors$`). */
  readonly report: (error: IbApiError) => void;
}
