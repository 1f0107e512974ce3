import type { Observable } from 'rxjs';
import type { DataType } from '../config/index.js';
import type { ConnectionState } from '../connection/connection-state.js';
import type { IbEventOf } from '../connection/ib-event.js';
import type { OutboundStatus } from '../connection/ib-connection.js';
import type { MarketStateInput } from '../state/index.js';
import type { TickField } from '../ticks/tick.js';
import type { StreamActivity } from './stream-activity.js';

export type { OutboundStatus };

/**
 * What happened to one market data stream (by its sharing `key`):
 * - `added` — the stream took a line; `removed` — it ended (last unsubscribe, error, close);
 * - `requested` — a request with id `reqId` was sent for it; `resubscription` is true when it
 *   replaces a request lost to a reconnect, 1101 or a farm flap (false for the first request and
 *   for a delayed fallback);
 * - `tick` — one decoded tick of `field` arrived at `time` (scheduler ms);
 * - `dataType` — TWS reported the market data type in effect;
 * - `error` — TWS answered the stream's request with an error (`kind` is the code's `IbCodeKind`).
 */
export type StreamEvent =
  | { readonly type: 'added'; readonly key: string; readonly symbol: string }
  | { readonly type: 'requested'; readonly key: string; readonly reqId: number; readonly resubscription: boolean }
  | { readonly type: 'tick'; readonly key: string; readonly field: TickField; readonly time: number }
  | { readonly type: 'dataType'; readonly key: string; readonly marketDataType: DataType }
  | { readonly type: 'error'; readonly key: string; readonly code: number; readonly kind: string; readonly message: string }
  | { readonly type: 'removed'; readonly key: string };

/**
 * One input a live market-data stream folded (a tick, the type in effect, a stale flag), with the
 * stream's key: the part of `IbSession.streamInputs$`'s `StreamInput` monitoring reads.
 */
export interface MonitoredInput {
  /** The stream's sharing key (as in `subscriptions$`, and in the `added` stream event). */
  readonly key: string;
  readonly step: { readonly input: MarketStateInput };
}

/** An error of the session not tied to one stream (`code` undefined when it has none). */
export interface SessionErrorEvent {
  readonly code: number | undefined;
  readonly kind: string;
  readonly message: string;
}

/**
 * Counters a session keeps itself (plain numbers bumped where it already handles each message and
 * input), read when a snapshot is taken instead of observing every message and input.
 */
export interface HealthCounters {
  /** Inbound events so far (cumulative): replaces counting `inbound$`. */
  readonly inbound?: (() => number) | undefined;
  /** The counters of live stream `key`: its ticks (per field), last tick time and type in effect; replaces `inputs$`. */
  readonly stream?: ((key: string) => StreamActivity | undefined) | undefined;
  /** Emits when a stream's type in effect changed (a change worth a snapshot). */
  readonly changes$?: Observable<unknown> | undefined;
  /** The `error` events of the session's `events$` alone (`IbConnection.errorEvents$`): then `events$` is not observed at all. */
  readonly errorEvents$?: Observable<IbEventOf<'error'>> | undefined;
}

/**
 * The streams `buildHealth$` reads — all of them things a session already has; none is polled.
 * Build them from an `IbSession` with `sessionHealthSources`, or from Subjects in tests.
 */
export interface HealthSources {
  /** The combined connection state; replays the current one. Its completion ends `health$`. */
  readonly connectionState$: Observable<ConnectionState>;
  /** Every inbound event (only counted: messages in per second). */
  readonly inbound$: Observable<unknown>;
  /** Outgoing counters (messages out per second, pacing queue depth); optional. */
  readonly outbound$?: Observable<OutboundStatus> | undefined;
  /** Stream lifecycle and activity. */
  readonly streams$: Observable<StreamEvent>;
  /**
   * The inputs the streams folded (optional): a tick counts as a `tick` stream event, a
   * `marketDataType` input as a `dataType` one, a stale flag not at all. A session's side stream
   * goes here as it is, so no stream event is built, and no hop made, per tick.
   */
  readonly inputs$?: Observable<MonitoredInput> | undefined;
  /** Errors of the session not tied to one stream (a stream's TWS errors come as `StreamEvent`s). */
  readonly errors$: Observable<SessionErrorEvent>;
  /** Counters read at each snapshot (optional; see {@link HealthCounters}). */
  readonly counters?: HealthCounters | undefined;
}
