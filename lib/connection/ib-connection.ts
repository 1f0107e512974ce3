import { IBApi } from '@stoqey/ib';
import { asyncScheduler, BehaviorSubject, defer, distinctUntilChanged, finalize, Subject, tap } from 'rxjs';
import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import type { Config } from '../config/index.js';
import { ClientIdInUseError, ConnectionError, IbRxError } from '../errors.js';
import { log } from '../log.js';
import { retryWithBackoff } from '../operators/retry-with-backoff.js';
import { INITIAL_CONNECTION_STATE, reduceConnectionState } from './connection-state.js';
import type { ConnectionInput, ConnectionState } from './connection-state.js';
import { EventFanout } from './event-fanout.js';
import type { IbEvent, IbEventOf } from './ib-event.js';
import { socketSession$ } from './socket-session.js';
import type { Outgoing } from './socket-session.js';

/** Options of {@link IbConnection}. */
export interface IbConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly clientId: number;
  /** Backoff (`initial_delay_ms`, `max_delay_ms`, `max_attempts`: null = unlimited), `heartbeat_ms`, `stall_timeout_ms`. */
  readonly reconnect: Config['reconnect'];
  /** Pacing budget for ALL outgoing messages of one socket, per sliding second (`send`). */
  readonly maxMessagesPerSecond: number;
  /**
   * What to do after 326 (client id in use); either way the next attempt waits for the backoff delay.
   * - `'next-id'` (default): the next attempt uses the refused id + 1 (after another 326, + 1 again:
   *   7 → 8 → 9 while those are taken). The bump lasts only while the clash does: once a socket on
   *   the bumped id had been ready, the attempt after it drops uses the configured `clientId` again,
   *   and so does the first attempt after `suspend()` → `open()`. (TWS often still holds our own
   *   previous session for a moment after a drop; the configured id is usually free again soon, and
   *   client ids own orders, so ib-rx does not drift away from the configured one for good.)
   * - `'backoff'`: every attempt uses the configured id.
   */
  readonly clientIdInUse?: 'next-id' | 'backoff';
  /** After nextValidId, wait this long for market-data farm OK (2104), then be ready anyway. Default 1000. */
  readonly readyTimeoutMs?: number;
  /** Ready this long → the backoff starts over from `initial_delay_ms`. Default 10 000. */
  readonly stableAfterMs?: number;
  /** Timers, backoff, heartbeat, pacing and event times run on this scheduler. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Jitter source returning `[0, 1)` (seedable in tests). Default `Math.random`. */
  readonly random?: () => number;
  /** Creates the IBApi of each attempt (a fresh one per socket). For tests. */
  readonly createApi?: (o: { host: string; port: number; clientId: number }) => IBApi;
  /**
   * Decode tick messages in the frame guard (`TickFrameDecoder`) instead of `@stoqey/ib`'s decoder.
   * Default `true`; `false` only to measure what the fast path buys (bench/) — events are the same.
   */
  readonly tickFastPath?: boolean;
}

/** Why requests may be (re)sent now; see {@link IbConnection.ready$}. */
export interface ConnectionReady {
  /** The socket: increases with every connection attempt. Pass it to `send`. */
  readonly generation: number;
  readonly reason: 'connected' | 'reconnected' | 'link-restored';
  readonly serverVersion: number;
  /** The client id this socket uses (differs from the configured one after a 326 with `'next-id'`). */
  readonly clientId: number;
}

const defaultCreateApi = (o: { host: string; port: number; clientId: number }): IBApi => new IBApi(o);

/** The outgoing side: messages written so far (cumulative) and messages waiting for the pacing budget. */
export interface OutboundStatus {
  readonly sent: number;
  readonly queued: number;
}

/**
 * One logical connection to TWS / IB Gateway that survives socket drops: a fresh IBApi per socket,
 * reconnect with exponential backoff + full jitter (reset once ready for `stableAfterMs`), a frame
 * guard in front of the client's decoder, heartbeat (`reqCurrentTime`) and stall detection, 326
 * handling, and one pacing budget for every outgoing message. Lazy: nothing happens before `open()`.
 *
 * @example
 * const conn = new IbConnection({ host: '127.0.0.1', port: 7497, clientId: 0, reconnect: config.reconnect, maxMessagesPerSecond: 45 });
 * conn.ready$.subscribe(({ generation }) => conn.send((api) => api.reqMarketDataType(3), generation));
 * conn.open(); … await conn.close();
 */
export class IbConnection {
  /** Every IbEvent of the current socket and the ones after reconnects; hot; completes on `close()`. */
  readonly events$: Observable<IbEvent>;
  /** The `error` events of `events$` alone (for monitoring, which then need not observe every event); completes on `close()`. */
  readonly errorEvents$: Observable<IbEventOf<'error'>>;
  /** The combined connection state (socket / link / farms); replays the current value; completes on `close()`. */
  readonly state$: Observable<ConnectionState>;
  /**
   * Emits when requests may be (re)sent: after connect + nextValidId (+ farm OK or `readyTimeoutMs`)
   * with reason `'connected'` (first socket) / `'reconnected'`, and after 1101 with `'link-restored'`
   * (same generation). Hot, no replay: subscribe before `open()`. Completes on `close()`.
   */
  readonly ready$: Observable<ConnectionReady>;
  /** Connection-level errors (ConnectionError, ProtocolError, ClientIdInUseError, IbApiError for socket codes); never ends; completes on `close()`. */
  readonly errors$: Observable<IbRxError>;
  /** Messages written and messages queued behind the pacing budget, on every change; replays the current value; completes on `close()`. */
  readonly outbound$: Observable<OutboundStatus>;

  readonly #options: IbConnectionOptions;
  readonly #scheduler: SchedulerLike;
  /** A hand-written multicast instead of a `Subject`: one `next` per inbound message (see `EventFanout`). */
  readonly #events = new EventFanout<IbEvent>();
  readonly #errorEvents = new EventFanout<IbEventOf<'error'>>();
  readonly #state$ = new BehaviorSubject<ConnectionState>(INITIAL_CONNECTION_STATE);
  readonly #ready$ = new Subject<ConnectionReady>();
  readonly #errors$ = new Subject<IbRxError>();
  readonly #outgoing$ = new Subject<Outgoing>();
  readonly #outbound$ = new BehaviorSubject<OutboundStatus>({ sent: 0, queued: 0 });
  readonly #closing = new Set<Promise<void>>();
  #loop: Subscription | undefined;
  #closed = false;
  #generation = 0;
  #live: number | undefined;
  #clientId: number;
  #retries = 0;
  #everReady = false;
  #stateDone = false;
  #received = 0;

  constructor(options: IbConnectionOptions) {
    this.#options = options;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#clientId = options.clientId;
    this.events$ = this.#events.events$;
    this.errorEvents$ = this.#errorEvents.events$;
    this.state$ = this.#state$.pipe(distinctUntilChanged());
    this.ready$ = this.#ready$.asObservable();
    this.errors$ = this.#errors$.asObservable();
    this.outbound$ = this.#outbound$.asObservable();
  }

  /** Events handed to `events$` so far, ticks included (a plain counter: read it instead of counting `events$`). */
  get received(): number {
    return this.#received;
  }

  /** The current state (same value `state$` replays). */
  get state(): ConnectionState {
    return this.#state$.value;
  }

  /** Starts connecting (idempotent; a no-op after `close()`; connects again after `suspend()`). */
  open(): void {
    if (this.#closed || this.#loop !== undefined) return;
    const { reconnect } = this.#options;
    this.#loop = defer(() => this.#socket$())
      .pipe(
        retryWithBackoff({
          initialDelayMs: reconnect.initial_delay_ms,
          maxDelayMs: reconnect.max_delay_ms,
          maxRetries: reconnect.max_attempts,
          scheduler: this.#scheduler,
          ...(this.#options.random === undefined ? {} : { random: this.#options.random }),
          onRetry: ({ attempt, delayMs, error }) => {
            this.#retries = attempt;
            this.#input({ type: 'reconnecting', attempt, delayMs, reason: reasonOf(error) });
            log.connection('reconnect attempt %d in %d ms (%s)', attempt, delayMs, reasonOf(error));
          },
        }),
      )
      .subscribe({
        next: () => {
          this.#retries = 0;
        },
        error: (error: unknown) => {
          const reason = `gave up after ${reconnect.max_attempts ?? 0} reconnect attempts: ${reasonOf(error)}`;
          log.connection(reason);
          this.#errors$.next(new ConnectionError({ host: this.#options.host, port: this.#options.port, reason }, { cause: error }));
        },
      });
  }

  /**
   * Queues one outgoing message (a `command` calling one IBApi request method) through the one
   * pacing budget (`maxMessagesPerSecond` per sliding second, per socket; never dropped for
   * pacing). It runs only on socket `generation` (default: the current socket at call time) and is
   * dropped, never sent, if that socket died meanwhile, there is none, or the connection is closed.
   *
   * A `command` that throws when its turn comes is logged (`ib-rx:connection`) and reported on
   * `errors$` as a `ConnectionError` (reason `sending failed: …`, the exception as `cause`); it
   * leaves `outbound$`'s `queued` and is not counted as `sent`. The socket stays up and the
   * messages queued after it still go out: the client writes nothing for a command that threw
   * before writing, so the socket is as healthy as before.
   */
  send(command: (api: IBApi) => void, generation?: number): void {
    const target = generation ?? this.#live;
    if (this.#closed || target === undefined || target !== this.#live) {
      log.connection('send dropped: socket %s is gone', String(target));
      return;
    }
    this.#outbound({ sent: 0, queued: 1 });
    this.#outgoing$.next({
      command: (api) => {
        let sent = 0;
        try {
          command(api);
          sent = 1;
        } finally {
          this.#outbound({ sent, queued: -1 });
        }
      },
      generation: target,
    });
  }

  /**
   * Disconnects and stops retrying but keeps every stream open (state `idle`): the next `open()`
   * connects again with a new socket generation (`ready$` reason `'reconnected'`). Messages queued
   * for the old socket are dropped. A no-op when idle or closed. Resolves when the socket is gone.
   */
  async suspend(): Promise<void> {
    if (this.#closed || this.#loop === undefined) return;
    log.connection('suspending: no socket until the next open()');
    this.#loop.unsubscribe();
    this.#loop = undefined;
    this.#live = undefined;
    this.#retries = 0;
    this.#clientId = this.#options.clientId;
    this.#input({ type: 'idle' });
    await Promise.all([...this.#closing]);
  }

  /** Stops retries at once, disconnects, completes every stream; resolves when no socket is left. */
  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#loop?.unsubscribe();
      this.#live = undefined;
      this.#input({ type: 'closed' });
      this.#outgoing$.complete();
      this.#events.complete();
      this.#errorEvents.complete();
      this.#ready$.complete();
      this.#errors$.complete();
      this.#outbound$.complete();
      this.#stateDone = true;
      this.#state$.complete();
    }
    await Promise.all([...this.#closing]);
  }

  #socket$(): Observable<'stable'> {
    const generation = ++this.#generation;
    const clientId = this.#clientId;
    const o = this.#options;
    let wasReady = false;
    this.#live = generation;
    return socketSession$({
      host: o.host,
      port: o.port,
      clientId,
      generation,
      attempt: this.#retries,
      heartbeatMs: o.reconnect.heartbeat_ms,
      stallTimeoutMs: o.reconnect.stall_timeout_ms,
      readyTimeoutMs: o.readyTimeoutMs ?? 1000,
      stableAfterMs: o.stableAfterMs ?? 10_000,
      maxMessagesPerSecond: o.maxMessagesPerSecond,
      scheduler: this.#scheduler,
      createApi: o.createApi ?? defaultCreateApi,
      tickFastPath: o.tickFastPath ?? true,
      outgoing$: this.#outgoing$,
      send: (command, gen) => { this.send(command, gen); },
      emitEvent: (event) => {
        this.#received++;
        this.#events.next(event);
        if (event.type === 'error') this.#errorEvents.next(event);
      },
      emitState: (input) => { this.#input(input); },
      emitReady: ({ serverVersion, linkRestored }) => {
        const reason = linkRestored ? 'link-restored' : this.#everReady ? 'reconnected' : 'connected';
        this.#everReady = true;
        wasReady = true;
        this.#ready$.next({ generation, reason, serverVersion, clientId });
      },
      emitError: (error) => { this.#errors$.next(error); },
      closing: (done) => {
        // `disconnectApi` is not meant to reject; if it does anyway (an IBApi without the internals
        // it expects), log it: `close()` / `suspend()` still resolve and nothing is left unhandled.
        const settled: Promise<void> = done
          .catch((error: unknown) => {
            log.connection('socket %d: disconnect failed %O', generation, error);
          })
          .finally(() => {
            this.#closing.delete(settled);
          });
        this.#closing.add(settled);
      },
    }).pipe(
      tap({
        error: (error: unknown) => {
          if (this.#live === generation) this.#live = undefined;
          // See `clientIdInUse`: bump on 326, back to the configured id once a ready socket dropped.
          if (error instanceof ClientIdInUseError && (o.clientIdInUse ?? 'next-id') === 'next-id') this.#clientId = clientId + 1;
          else if (wasReady) this.#clientId = o.clientId;
          const max = o.reconnect.max_attempts;
          this.#input({ type: 'disconnected', reason: reasonOf(error), retrying: max === null || this.#retries < max });
          this.#errors$.next(error instanceof IbRxError ? error : new ConnectionError({ host: o.host, port: o.port, reason: reasonOf(error) }, { cause: error }));
        },
      }),
      // Whatever is still queued for this socket is dropped with it.
      finalize(() => { this.#outbound({ sent: 0, queued: -this.#outbound$.value.queued }); }),
    );
  }

  #outbound(delta: OutboundStatus): void {
    if (this.#closed || (delta.sent === 0 && delta.queued === 0)) return;
    const { sent, queued } = this.#outbound$.value;
    this.#outbound$.next({ sent: sent + delta.sent, queued: queued + delta.queued });
  }

  #input(input: ConnectionInput): void {
    if (this.#stateDone) return;
    const next = reduceConnectionState(this.#state$.value, input);
    if (next !== this.#state$.value) this.#state$.next(next);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof ConnectionError) return error.reason;
  return error instanceof Error ? error.message : String(error);
}
