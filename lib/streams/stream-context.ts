import type { Observable, SchedulerLike } from 'rxjs';
import type { IbEvent } from '../connection/ib-event.js';
import type { DataType } from '../config/index.js';
import type { IbApiError } from '../errors.js';
import type { ReadySignal, SendCommand } from '../requests/request-context.js';
import type { SubscriptionRegistry } from '../requests/subscription-registry.js';

/**
 * What the streaming requests beside market data (real-time bars, tick-by-tick) need from their
 * session: the same ready signal, request ids, routing, pacing (`send`) and line registry as
 * `marketData$`, as streams and sinks, so that the request logic is testable with Subjects and
 * virtual time.
 */
export interface StreamContext {
  /** Replays the current readiness (only while that socket is alive) and emits each new one (reconnect, 1101). */
  readonly ready$: Observable<ReadySignal>;
  /** Never emits; errors with a `ConnectionError` when the session never connected in time; completes once it has. */
  readonly connectionDeadline$: Observable<never>;
  /** The events of one request id (see `RequestRouter`). */
  readonly route$: (reqId: number) => Observable<IbEvent>;
  readonly nextReqId: () => number;
  /** Queues one message for socket `generation` through the session's pacing budget. */
  readonly send: SendCommand;
  /** Whether socket `generation` is still the open one (no cancel is sent to a dead socket). */
  readonly isAlive: (generation: number) => boolean;
  /** The market-data lines (a real-time bars request takes one, like `marketData$`). */
  readonly registry: SubscriptionRegistry;
  /** The session's data type (recorded with a registry entry). */
  readonly sessionDataType: DataType;
  readonly scheduler: SchedulerLike;
  /** Non-fatal request errors (pacing warnings) for the session's `errors$`. */
  readonly report: (error: IbApiError) => void;
}
