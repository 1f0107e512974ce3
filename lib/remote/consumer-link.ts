import type { NatsConnection, Subscription as NatsSubscription } from '@nats-io/transport-node';
import { asyncScheduler, BehaviorSubject, combineLatest, distinctUntilChanged, interval, map, Subject, type Observable, type SchedulerLike, type Subscription } from 'rxjs';
import type { ConnectionState } from '../connection/connection-state.js';
import { log } from '../log.js';
import type { SessionHealth } from '../monitoring/health.js';
import { natsStatus$ } from './nats-link.js';
import type { BeatMessage, ConnectionMessage, HealthMessage, HelloReply, LeaseReply, ServerInfo } from './protocol.js';
import type { RemoteSubjects } from './subjects.js';
import { decodeControl, encodeControl } from './wire.js';

/**
 * What the consumer's streams hear from the link: data cannot flow (`down`), must be joined again
 * (`rejoin`: every stream, or those listed), or a heartbeat went by while the link is up (`retry`:
 * a stream whose join failed tries again).
 */
export type LinkSignal =
  | { readonly type: 'down'; readonly reason: string }
  | { readonly type: 'rejoin'; readonly streams?: ReadonlySet<string> }
  | { readonly type: 'retry' };

/** A server is gone after this many of its heartbeat periods without a heartbeat (at least its lease time). */
const MISSED_BEATS = 3;

/**
 * A consumer's side of the link: the NATS connection, which server it follows (heartbeats; gone
 * after 3 missed ones — at least the lease time — or its goodbye), its leases (refreshed well within the server's lease time;
 * streams the server does not know are joined again), and the server's connection state and health.
 */
export class ConsumerLink {
  readonly signals$: Observable<LinkSignal>;
  readonly #signals$ = new Subject<LinkSignal>();
  readonly #server$: BehaviorSubject<ServerInfo>;
  readonly #serverState$: BehaviorSubject<ConnectionState>;
  readonly #health$: BehaviorSubject<SessionHealth | undefined>;
  readonly #down$ = new BehaviorSubject<string | undefined>(undefined);
  readonly #streams = new Set<string>();
  readonly #subscriptions: Subscription[] = [];
  readonly #natsSubscriptions: NatsSubscription[] = [];
  #lastSeen: number;
  #closed = false;

  constructor(
    readonly nc: NatsConnection,
    readonly subjects: RemoteSubjects,
    readonly consumerId: string,
    hello: HelloReply,
    private readonly scheduler: SchedulerLike = asyncScheduler,
  ) {
    this.signals$ = this.#signals$.asObservable();
    this.#server$ = new BehaviorSubject<ServerInfo>(hello);
    this.#serverState$ = new BehaviorSubject(hello.connectionState);
    this.#health$ = new BehaviorSubject<SessionHealth | undefined>(hello.health ?? undefined);
    this.#lastSeen = scheduler.now();
    const listen = (subject: string, handle: (message: unknown) => void): void => {
      const sub = nc.subscribe(subject, { callback: (error, msg) => {
        if (error !== null) return;
        try {
          handle(decodeControl(subject, msg.string()));
        } catch (failure: unknown) {
          log.remote('%s: %O', subject, failure);
        }
      } });
      this.#natsSubscriptions.push(sub);
    };
    listen(subjects.beat, (beat) => { this.#beat(beat as BeatMessage); });
    listen(subjects.connection, (message) => {
      const { serverId, state } = message as ConnectionMessage;
      if (serverId === this.server.serverId) this.#serverState$.next(state);
    });
    listen(subjects.health, (message) => {
      const { serverId, health } = message as HealthMessage;
      if (serverId === this.server.serverId) this.#health$.next(health);
    });
    this.#subscriptions.push(
      natsStatus$(nc).subscribe({
        next: (status) => {
          if (status.type === 'disconnect') this.#down('the NATS connection was lost');
          else if (status.type === 'reconnect') {
            log.remote('NATS connection back: joining every stream again');
            this.#lastSeen = this.scheduler.now();
            this.#up();
          }
        },
        error: () => undefined,
      }),
      interval(this.#tickMs(), scheduler).subscribe({ next: () => { this.#tick(); }, error: () => undefined }),
    );
  }

  /** The server followed now. */
  get server(): ServerInfo {
    return this.#server$.value;
  }

  /** True while data can flow (NATS connected, the server alive). */
  get up(): boolean {
    return this.#down$.value === undefined;
  }

  /** The server's IB connection state; while the link is down, a `disconnected` state saying why. */
  get connectionState$(): Observable<ConnectionState> {
    return withLinkDown$(this.#serverState$, this.#down$);
  }

  /** The server's health snapshots (the latest at once, if any). */
  get health$(): Observable<SessionHealth | undefined> {
    return this.#health$.asObservable();
  }

  /** A stream now held (its lease is refreshed with every heartbeat). */
  hold(stream: string): void {
    this.#streams.add(stream);
  }

  /** A stream no longer held: the server is told at once. */
  release(stream: string): void {
    this.#streams.delete(stream);
    if (!this.nc.isClosed() && !this.nc.isDraining()) this.nc.publish(this.subjects.leave, encodeControl({ consumer: this.consumerId, stream }));
  }

  /** Stops listening (the streams have ended); the NATS connection is closed by the session. */
  close(): void {
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    for (const subscription of this.#natsSubscriptions) subscription.unsubscribe();
    this.#closed = true;
    this.#signals$.complete();
    this.#down$.next('closed');
    this.#down$.complete();
    this.#serverState$.complete();
    this.#health$.complete();
    this.#server$.complete();
  }

  #tickMs(): number {
    const { heartbeatMs, leaseMs } = this.server;
    return Math.max(10, Math.min(heartbeatMs, Math.floor(leaseMs / 3)));
  }

  #beat(beat: BeatMessage): void {
    const current = this.server;
    if (beat.serverId === current.serverId) {
      if (beat.bye === true) {
        this.#down(`the ib-rx server ${beat.serverId} closed`);
        return;
      }
      this.#lastSeen = this.scheduler.now();
      if (!this.up && !this.nc.isClosed()) this.#up();
      return;
    }
    if (beat.bye === true || (this.up && beat.startedAt >= current.startedAt)) return;
    log.remote('following ib-rx server %s (%s)%s', beat.serverId, beat.where, beat.simulated ? ', SIMULATED' : '');
    this.#server$.next(beat);
    this.#lastSeen = this.scheduler.now();
    this.#up();
  }

  #tick(): void {
    const now = this.scheduler.now();
    const { heartbeatMs, leaseMs } = this.server;
    if (this.up && now - this.#lastSeen > Math.max(MISSED_BEATS * heartbeatMs, leaseMs)) this.#down(`no heartbeat from the ib-rx server for ${now - this.#lastSeen} ms`);
    if (this.#streams.size === 0 || this.nc.isClosed() || this.nc.isDraining()) return;
    if (this.up) this.#signals$.next({ type: 'retry' });
    const streams = [...this.#streams];
    this.nc
      .request(this.subjects.lease, encodeControl({ consumer: this.consumerId, streams }), { timeout: Math.max(1000, heartbeatMs) })
      .then((msg) => {
        const reply = decodeControl(this.subjects.lease, msg.string()) as LeaseReply;
        if (reply.serverId === this.server.serverId) this.#lastSeen = this.scheduler.now();
        const unknown = new Set(reply.unknown.filter((id) => this.#streams.has(id)));
        if (unknown.size > 0 && this.up) {
          log.remote('the server does not hold %d of our streams: joining them again', unknown.size);
          this.#signals$.next({ type: 'rejoin', streams: unknown });
        }
      })
      .catch((error: unknown) => { log.remote('lease refresh failed: %s', error instanceof Error ? error.message : String(error)); });
  }

  #down(reason: string): void {
    if (this.#closed || this.#down$.value !== undefined) return;
    log.remote('streams stale: %s', reason);
    this.#down$.next(reason);
    this.#signals$.next({ type: 'down', reason });
  }

  #up(): void {
    if (this.#closed) return;
    this.#down$.next(undefined);
    this.#signals$.next({ type: 'rejoin' });
  }
}

/** The server's state, or a `disconnected` one naming why the link is down (`retrying`: the consumer waits for a server). */
function withLinkDown$(state$: Observable<ConnectionState>, down$: Observable<string | undefined>): Observable<ConnectionState> {
  return combineLatest([state$, down$]).pipe(
    map(([state, reason]): ConnectionState =>
      reason === undefined ? state : { socket: { status: 'disconnected', reason: `ib-rx server unreachable: ${reason}`, retrying: true }, link: 'unknown', farms: {} }),
    distinctUntilChanged(),
  );
}
