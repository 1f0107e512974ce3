import type { Msg, NatsConnection, Subscription as NatsSubscription } from '@nats-io/transport-node';
import { interval, Subscription, type SchedulerLike } from 'rxjs';
import type { ConnectionState } from '../connection/connection-state.js';
import { log } from '../log.js';
import type { SessionHealth } from '../monitoring/health.js';
import { contractLabel, normalizeContract } from '../requests/contract-key.js';
import { listenSteps, type IbSession } from '../session/ib-session.js';
import { natsStatus$ } from './nats-link.js';
import type { BeatMessage, HelloReply, JoinReply, JoinRequest, JoinTarget, LeaseReply, LeaseRequest, LeaveMessage, RowsRequest, ServerInfo } from './protocol.js';
import { RemoteProtocolError, RemoteServerConflictError } from './remote-errors.js';
import { handleRpc } from './rpc.js';
import { ServedBars, ServedMarketData, type ServedSnapshot, type ServedStream, type ServedStreamHost } from './served-stream.js';
import { joinRequest } from './stream-keys.js';
import { barJson, tickByTickJson } from './event-messages.js';
import { ServedDepth, ServedEvents } from './served-items.js';
import type { RemoteSubjects } from './subjects.js';
import { decodeControl, encodeControl } from './wire.js';
import { toWireError } from './wire-error.js';

/** A running server (what `serveRemote` resolves to). */
export interface RemoteServer {
  /** This server's id (in its heartbeats and in the consumers' `serverId`). */
  readonly serverId: string;
  /** The subject prefix it serves. */
  readonly prefix: string;
  /**
   * Resolves when the server stops serving: `undefined` after `close()`, a
   * `RemoteServerConflictError` when it stepped down because an older server serves the prefix.
   */
  readonly done: Promise<RemoteServerConflictError | undefined>;
  /** Says goodbye (consumers mark their streams stale at once), ends every served stream (the session cancels its IB requests), closes the NATS connection. Idempotent; the session stays open. */
  close(): Promise<void>;
}

/** A snapshot's history pages stay fetchable this long. */
const PIN_MS = 30_000;
/** Bytes allowed per history row / bar in a page (JSON of 5 / 9 numbers). */
const ROW_BYTES = 120;
const BAR_BYTES = 220;

const logError = (what: string) => (error: unknown): void => { log.remote('%s ended: %O', what, error); };

interface Pin {
  readonly snapshot: ServedSnapshot;
  readonly perPage: number;
  readonly until: number;
}

/**
 * What `serveRemote` returns: the served streams with their leases and sequence numbers, the
 * handlers of the control subjects, the heartbeat and the lease sweep (see docs/remote.md).
 */
export class ServingServer implements RemoteServer {
  readonly serverId: string;
  readonly prefix: string;
  readonly done: Promise<RemoteServerConflictError | undefined>;
  readonly #streams = new Map<string, ServedStream>();
  readonly #byKey = new Map<string, ServedMarketData>();
  readonly #pins = new Map<string, Pin>();
  readonly #subscriptions: Subscription[] = [];
  readonly #natsSubscriptions: NatsSubscription[] = [];
  readonly #host: ServedStreamHost;
  #natsUp = true;
  #connectionState: ConnectionState | undefined;
  #health: SessionHealth | undefined;
  #pinCount = 0;
  #instanceCount = 0;
  #closing: Promise<void> | undefined;
  #resolveDone: (value: RemoteServerConflictError | undefined) => void = () => undefined;

  constructor(
    private readonly session: IbSession,
    private readonly nc: NatsConnection,
    private readonly subjects: RemoteSubjects,
    private readonly info: ServerInfo,
    private readonly scheduler: SchedulerLike,
  ) {
    this.serverId = info.serverId;
    this.prefix = subjects.prefix;
    this.done = new Promise((resolve) => { this.#resolveDone = resolve; });
    const maxPayload = nc.info?.max_payload ?? 1024 * 1024;
    this.#host = {
      publish: (subject, payload) => { this.#publish(subject, payload); },
      ended: (stream) => { this.#forget(stream); },
      barsPerMessage: Math.max(1, Math.floor(maxPayload / 2 / BAR_BYTES)),
      itemBytesPerMessage: Math.max(1024, Math.floor(maxPayload / 4)),
    };
    const rowsPerPage = Math.max(1, Math.floor(maxPayload / 2 / ROW_BYTES));
    const barsPerPage = this.#host.barsPerMessage;
    const listen = (subject: string, handle: (msg: Msg) => void): void => {
      this.#natsSubscriptions.push(nc.subscribe(subject, { callback: (error, msg) => {
        if (error !== null) {
          log.remote('subscription %s failed: %O', subject, error);
          return;
        }
        try {
          handle(msg);
        } catch (failure: unknown) {
          log.remote('%s: %O', subject, failure);
          if (msg.reply !== undefined) msg.respond(encodeControl({ ok: false, error: toWireError(failure) }));
        }
      } }));
    };
    this.#subscriptions.push(
      // Every folded input of the session, as plain calls (the per-tick path of the server).
      new Subscription(listenSteps(session, (key, input, state) => { this.#byKey.get(key)?.step(input, state); })),
      session.connectionState$.subscribe({
        next: (state) => {
          this.#connectionState = state;
          this.#publish(subjects.connection, encodeControl({ serverId: info.serverId, state }));
        },
        error: logError('connection state'),
      }),
      session.health$.subscribe({
        next: (health) => {
          this.#health = health;
          this.#publish(subjects.health, encodeControl({ serverId: info.serverId, health }));
        },
        error: logError('health'),
      }),
      interval(info.heartbeatMs, scheduler).subscribe({
        next: () => {
          this.#publish(subjects.beat, encodeControl(info));
          this.#sweep();
        },
        error: logError('heartbeat'),
      }),
      natsStatus$(nc).subscribe({
        next: (status) => {
          if (status.type === 'disconnect') {
            log.remote('NATS connection lost: leases are kept until it is back');
            this.#natsUp = false;
          } else if (status.type === 'reconnect') {
            log.remote('NATS connection back (%s)', status.server);
            this.#natsUp = true;
            const until = scheduler.now() + info.leaseMs;
            for (const stream of this.#streams.values()) stream.extendAll(until);
            this.#publish(subjects.beat, encodeControl(info));
          }
        },
        error: (error: unknown) => { log.remote('NATS status ended: %O', error); },
      }),
    );
    listen(subjects.hello, (msg) => {
      const reply: HelloReply = { ...info, connectionState: this.#connectionState ?? { socket: { status: 'idle' }, link: 'unknown', farms: {} }, health: this.#health ?? null };
      msg.respond(encodeControl(reply));
    });
    listen(subjects.join, (msg) => { msg.respond(encodeControl(this.#join((decodeControl(subjects.join, msg.string()) as JoinRequest), rowsPerPage, barsPerPage))); });
    listen(subjects.rows, (msg) => { msg.respond(encodeControl(this.#rows((decodeControl(subjects.rows, msg.string()) as RowsRequest)))); });
    listen(subjects.lease, (msg) => { msg.respond(encodeControl(this.#lease((decodeControl(subjects.lease, msg.string()) as LeaseRequest)))); });
    listen(subjects.leave, (msg) => { this.#leave((decodeControl(subjects.leave, msg.string()) as LeaveMessage)); });
    listen(subjects.rpc, (msg) => {
      void handleRpc(session, subjects.rpc, msg.string()).then((reply) => { msg.respond(encodeControl(reply)); });
    });
    listen(subjects.beat, (msg) => { this.#otherBeat((decodeControl(subjects.beat, msg.string()) as BeatMessage)); });
    this.#publish(subjects.beat, encodeControl(info));
  }

  close(): Promise<void> {
    this.#closing ??= this.#close(undefined);
    return this.#closing;
  }

  async #close(conflict: RemoteServerConflictError | undefined): Promise<void> {
    log.remote('server %s closing (%d streams)', this.serverId, this.#streams.size);
    this.#publish(this.subjects.beat, encodeControl({ ...this.info, bye: true }));
    for (const stream of this.#streams.values()) stream.stop();
    this.#streams.clear();
    this.#byKey.clear();
    this.#pins.clear();
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    for (const subscription of this.#natsSubscriptions) subscription.unsubscribe();
    try {
      await this.nc.drain();
    } catch (error: unknown) {
      log.remote('NATS drain failed: %O', error);
      await this.nc.close();
    }
    this.#resolveDone(conflict);
  }

  #publish(subject: string, payload: string | Uint8Array): void {
    if (this.nc.isClosed() || this.nc.isDraining()) return;
    this.nc.publish(subject, payload);
  }

  #join(request: JoinRequest, rowsPerPage: number, barsPerPage: number): JoinReply {
    const { target } = request;
    const wanted = joinRequest(target, this.session.config.market_data.data_type);
    if (wanted.id !== request.stream) throw new RemoteProtocolError(this.subjects.join, `stream id ${request.stream} does not match its request (${wanted.id}): consumer and server disagree on keys`);
    let stream = this.#streams.get(wanted.id);
    if (stream === undefined) {
      this.#instanceCount += 1;
      stream = this.#serve(target, wanted.id, wanted.key, `${this.serverId}-${this.#instanceCount}`);
      try {
        stream.start();
      } catch (error: unknown) {
        this.#byKey.delete(wanted.key);
        return { ok: false, error: toWireError(error) };
      }
      this.#streams.set(wanted.id, stream);
      log.remote('serving %s (%s) for %s', wanted.key, wanted.id, request.consumer);
    }
    stream.lease(request.consumer, this.scheduler.now() + this.info.leaseMs);
    const perPage = target.kind === 'md' ? rowsPerPage : barsPerPage;
    const snapshot = stream.snapshot(perPage);
    const symbol = contractLabel(normalizeContract(target.contract));
    const { record } = snapshot;
    const history = record !== null && 'history' in record ? record.history : this.session.config.market_data.history;
    let pin: string | undefined;
    if (snapshot.sent < snapshot.total) {
      this.#pinCount += 1;
      pin = `${this.serverId}-${this.#pinCount}`;
      this.#pins.set(pin, { snapshot, perPage, until: this.scheduler.now() + PIN_MS });
    }
    return { ok: true, stream: stream.id, instance: stream.instance, seq: snapshot.seq, symbol, history, record, ...(pin !== undefined && { pin }) };
  }

  /** A new served stream of `target` (not started): one subscription at the session. */
  #serve(target: JoinTarget, id: string, key: string, instance: string): ServedStream {
    const { session, subjects } = this;
    const host = this.#host;
    const { contract } = target;
    switch (target.kind) {
      case 'md': {
        const md = new ServedMarketData(id, key, subjects.marketData(id), instance, host,
          session.marketData$(contract, { ...(target.dataType !== undefined && { dataType: target.dataType }), ...(target.genericTicks !== undefined && { genericTicks: target.genericTicks }) }));
        this.#byKey.set(key, md);
        return md;
      }
      case 'bars':
        return new ServedBars(id, key, subjects.bars(id), instance, host, session.bars$(contract, target.options));
      case 'depth':
        return new ServedDepth(id, key, subjects.depth(id), instance, host, session.depth$(contract, { rows: target.rows, smart: target.smart }));
      case 'tbt':
        return new ServedEvents(id, key, subjects.tickByTick(id), instance, host, 't', session.tickByTick$(contract, target.type), tickByTickJson);
      case 'rtb':
        return new ServedEvents(id, key, subjects.realTimeBars(id), instance, host, 'b5', session.realTimeBars$(contract, { whatToShow: target.whatToShow, useRTH: target.useRTH }), barJson);
    }
  }

  #rows(request: RowsRequest): { readonly ok: true; readonly rows: unknown } {
    const pin = this.#pins.get(request.pin);
    if (pin === undefined) throw new RemoteProtocolError(this.subjects.rows, `snapshot ${request.pin} is gone (fetched, or older than ${PIN_MS} ms): join again`);
    const rows = pin.snapshot.page(request.from, pin.perPage);
    if (request.from + pin.perPage >= pin.snapshot.total) this.#pins.delete(request.pin);
    return { ok: true, rows };
  }

  #lease(request: LeaseRequest): LeaseReply {
    const until = this.scheduler.now() + this.info.leaseMs;
    const unknown: string[] = [];
    for (const id of request.streams) {
      const stream = this.#streams.get(id);
      if (stream?.holds(request.consumer) === true) stream.lease(request.consumer, until);
      else unknown.push(id);
    }
    return { serverId: this.serverId, unknown };
  }

  #leave(message: LeaveMessage): void {
    const stream = this.#streams.get(message.stream);
    if (stream === undefined) return;
    log.remote('%s left %s', message.consumer, stream.key);
    if (stream.release(message.consumer)) this.#drop(stream, 'its last consumer left');
  }

  #sweep(): void {
    const now = this.scheduler.now();
    for (const [pin, { until }] of this.#pins) if (until < now) this.#pins.delete(pin);
    if (!this.#natsUp) return;
    for (const stream of [...this.#streams.values()]) {
      const gone = stream.expire(now);
      if (gone.length > 0) log.remote('leases of %s expired on %s', gone.join(', '), stream.key);
      if (gone.length > 0 && stream.consumers === 0) this.#drop(stream, 'every lease expired');
    }
  }

  #drop(stream: ServedStream, why: string): void {
    log.remote('stop serving %s: %s', stream.key, why);
    stream.stop();
    this.#forget(stream);
  }

  #forget(stream: ServedStream): void {
    if (this.#streams.get(stream.id) === stream) this.#streams.delete(stream.id);
    if (this.#byKey.get(stream.key) === stream) this.#byKey.delete(stream.key);
  }

  /** Another server's heartbeat on this prefix: the younger of the two steps down. */
  #otherBeat(beat: BeatMessage): void {
    if (beat.serverId === this.serverId || beat.bye === true || this.#closing !== undefined) return;
    const olderThanMe = beat.startedAt < this.info.startedAt || (beat.startedAt === this.info.startedAt && beat.serverId < this.serverId);
    if (!olderThanMe) return;
    log.remote('server %s (%s) is older on prefix %s: stepping down', beat.serverId, beat.where, this.prefix);
    this.#closing = this.#close(new RemoteServerConflictError({ prefix: this.prefix, serverId: beat.serverId, where: beat.where }));
  }
}
