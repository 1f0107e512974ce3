/// <reference lib="esnext.disposable" preserve="true" />
import { randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { asyncScheduler, defer, filter, firstValueFrom, ReplaySubject, takeUntil, throwError, type Observable, type SchedulerLike } from 'rxjs';
import type { Bar } from '../bars/bar.js';
import type { ConnectionState } from '../connection/connection-state.js';
import type { ContractDetails } from '../contracts/contract-details.js';
import type { Contract } from '../contracts/contract-types.js';
import type { OptionChain } from '../contracts/option-chain.js';
import type { SymbolMatch } from '../contracts/symbol-match.js';
import { MarketDataTimeoutError, SessionClosedError } from '../errors.js';
import type { BarSeries } from '../history/bar-series.js';
import type { BarsOptions, HistoricalBarsOptions } from '../history/historical-options.js';
import { log } from '../log.js';
import type { SessionHealth } from '../monitoring/health.js';
import { contractLabel, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { firstCompleteQuote } from '../session/first-complete-quote.js';
import { tickOf } from '../session/fold-request.js';
import { checkMarketDataOptions, checkSnapshotOptions, type MarketDataOptions, type SnapshotOptions } from '../session/session-options.js';
import type { MarketState } from '../state/index.js';
import type { Tick } from '../ticks/tick.js';
import type { DepthOptions } from '../streams/depth/depth-options.js';
import type { OrderBook } from '../streams/depth/order-book.js';
import type { RealTimeBarsOptions } from '../streams/real-time-bars/real-time-bars-options.js';
import type { TickByTick, TickByTickOf, TickByTickType } from '../streams/tick-by-tick/tick-by-tick.js';
import { barsCodec, depthCodec, marketDataCodec, realTimeBarsCodec, tickByTickCodec } from './codecs.js';
import { ConsumerLink } from './consumer-link.js';
import { openNats, serversLabel, type NatsServers } from './nats-link.js';
import type { HelloReply, RpcOp, RpcReply } from './protocol.js';
import { RemoteConnectionError, RemoteProtocolError } from './remote-errors.js';
import { remoteEntry, type RemoteEntry, type StartRemote } from './remote-entry.js';
import { remoteStream } from './remote-stream.js';
import { barsRequest, depthRequest, marketDataRequest, realTimeBarsRequest, tickByTickRequest } from './stream-keys.js';
import { DEFAULT_PREFIX, remoteSubjects } from './subjects.js';
import { decodeControl, encodeControl } from './wire.js';
import { fromWireError } from './wire-error.js';

/** Options of {@link connectRemote}. */
export interface ConnectRemoteOptions {
  /** NATS server URL(s): `nats://127.0.0.1:4222`. */
  readonly servers: NatsServers;
  /** Subject prefix of the server (default `ibrx`). */
  readonly prefix?: string;
  /** How long to wait for NATS and for the ib-rx server's hello. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Wait between NATS reconnect attempts. Default 500 ms. */
  readonly reconnectWaitMs?: number;
  /** Default timeout of `snapshot` (ms). Default 15 000 (`market_data.timeout`'s default). */
  readonly snapshotTimeoutMs?: number;
  /** One-shot calls (historicalBars …) give up after this long. Default 60 000 ms. */
  readonly requestTimeoutMs?: number;
  /** Timers (heartbeats, staleness, snapshot timeout). Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

const DEFAULTS = { connectTimeoutMs: 5000, reconnectWaitMs: 500, snapshotTimeoutMs: 15_000, requestTimeoutMs: 60_000 } as const;

/** Bars have no `inputs$` projection. */
const none = (): undefined => undefined;
/** The input itself (tick-by-tick ticks, 5-second bars: the inputs are what the stream emits). */
const itself = <T>(input: T): T => input;

/**
 * Connects to an ib-rx server over NATS (`serveRemote`, `ib-rx serve`): the same market data,
 * with the same types and typed errors, as the server's `IbSession`, without a gateway connection
 * of its own. Rejects with `RemoteConnectionError` when NATS is unreachable or no server answers
 * on the prefix within `connectTimeoutMs`, `InvalidInputError` for a bad URL or prefix.
 *
 * @example
 * const remote = await connectRemote({ servers: 'nats://127.0.0.1:4222' });
 * remote.marketData$('AAPL').subscribe((s) => console.log(s.bid, s.ask, s.last, s.stale));
 * await remote.close();
 */
export function connectRemote(options: ConnectRemoteOptions): Promise<RemoteSession> {
  return RemoteSession.connect(options);
}

/**
 * A session served by another process over NATS (see {@link connectRemote}): `marketData$`,
 * `ticks$`, `snapshot`, `bars$`, `depth$`, `tickByTick$`, `realTimeBars$`, the one-shot calls, `health$`, `connectionState$` — the types and
 * typed errors of `IbSession`. States are folded here by the same reducer from the inputs the
 * server folds, so they equal the server's. While NATS or the server is gone, streams are stale
 * (not errors) and resume from a fresh snapshot when a server answers again.
 */
export class RemoteSession {
  /** The server's IB connection state; `disconnected` (with the reason) while NATS or the server is unreachable. Replays the current value; completes on `close()`. */
  readonly connectionState$: Observable<ConnectionState>;
  /** The server's session health (the latest at once, if the server had one); completes on `close()`. */
  readonly health$: Observable<SessionHealth>;

  readonly #nc: NatsConnection;
  readonly #link: ConsumerLink;
  readonly #options: ConnectRemoteOptions;
  readonly #scheduler: SchedulerLike;
  readonly #entries = new Map<string, RemoteEntry<unknown, unknown>>();
  readonly #closed$ = new ReplaySubject<true>(1);
  #closing: Promise<void> | undefined;

  /** Connects (see {@link connectRemote}). */
  static async connect(options: ConnectRemoteOptions): Promise<RemoteSession> {
    const subjects = remoteSubjects(options.prefix ?? DEFAULT_PREFIX);
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
    const nc = await openNats({
      servers: options.servers, prefix: subjects.prefix, name: `ib-rx consumer ${subjects.prefix}`,
      reconnectWaitMs: options.reconnectWaitMs ?? DEFAULTS.reconnectWaitMs, connectTimeoutMs,
    });
    let hello: HelloReply;
    try {
      const msg = await nc.request(subjects.hello, encodeControl({}), { timeout: connectTimeoutMs });
      hello = decodeControl(subjects.hello, msg.string()) as HelloReply;
    } catch (error: unknown) {
      await nc.close();
      const why = error instanceof Error ? error.message : String(error);
      const reason = error instanceof RemoteProtocolError
        ? `the ib-rx server on ${subjects.hello} speaks another protocol (${why}): run the same ib-rx version on both sides`
        : `no ib-rx server answered on ${subjects.hello} (${why}); start one with: ib-rx serve --nats URL`;
      throw new RemoteConnectionError({ servers: serversLabel(options.servers), prefix: subjects.prefix, reason }, { cause: error });
    }
    log.remote('connected to ib-rx server %s (%s)%s', hello.serverId, hello.where, hello.simulated ? ', SIMULATED' : '');
    return new RemoteSession(nc, hello, options);
  }

  private constructor(nc: NatsConnection, hello: HelloReply, options: ConnectRemoteOptions) {
    this.#nc = nc;
    this.#options = options;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#link = new ConsumerLink(nc, remoteSubjects(options.prefix ?? DEFAULT_PREFIX), `c${randomBytes(6).toString('hex')}`, hello, this.#scheduler);
    this.connectionState$ = this.#link.connectionState$.pipe(takeUntil(this.#closed$));
    this.health$ = this.#link.health$.pipe(filter((health): health is SessionHealth => health !== undefined), takeUntil(this.#closed$));
  }

  /** True when the server serves the built-in simulator: label its data SIMULATED. */
  get simulated(): boolean {
    return this.#link.server.simulated;
  }

  /** The id of the server followed now (it changes when another server takes over). */
  get serverId(): string {
    return this.#link.server.serverId;
  }

  /** This consumer's id (in the server's lease log). */
  get consumerId(): string {
    return this.#link.consumerId;
  }

  /**
   * The market state of a symbol or contract, as the server's `marketData$`: shared per normalised
   * request in this process (one join, one lease) and at the server (one IB line for every
   * consumer). A late subscriber gets the current state at once. Stale while the link is down,
   * then continued from the server's snapshot. Errors with the server's typed error
   * (`SymbolNotFoundError` …), `InvalidContractError` for bad input; completes on `close()`.
   */
  marketData$(symbolOrContract: SymbolOrContract, options: MarketDataOptions = {}): Observable<MarketState> {
    return defer(() => {
      checkMarketDataOptions(options, 'marketData$');
      return this.#marketData(symbolOrContract, options).value$;
    });
  }

  /** The typed ticks of a symbol or contract as the server decoded them (shares the request with `marketData$`; no replay, none while the link is down). */
  ticks$(symbolOrContract: SymbolOrContract, options: MarketDataOptions = {}): Observable<Tick> {
    return defer(() => {
      checkMarketDataOptions(options, 'ticks$');
      return this.#marketData(symbolOrContract, options).inputs$;
    });
  }

  /** The first complete state (bid, ask, last and sizes), as `IbSession.snapshot`; rejects with `MarketDataTimeoutError` after `timeoutMs`, a typed stream error, or `SessionClosedError`. */
  async snapshot(symbolOrContract: SymbolOrContract, options: SnapshotOptions = {}): Promise<MarketState> {
    checkSnapshotOptions(options);
    const timeoutMs = options.timeoutMs ?? this.#options.snapshotTimeoutMs ?? DEFAULTS.snapshotTimeoutMs;
    const { timeoutMs: _ignored, ...marketDataOptions } = options;
    const timeoutError = (): Error => new MarketDataTimeoutError({ symbol: contractLabel(normalizeContract(symbolOrContract)), timeoutMs });
    const state = await firstValueFrom(
      this.marketData$(symbolOrContract, marketDataOptions).pipe(firstCompleteQuote({ timeoutMs, timeoutError, scheduler: this.#scheduler })),
      { defaultValue: undefined },
    );
    if (state === undefined) throw new SessionClosedError();
    return state;
  }

  /** Historical bars kept up to date, as the server's `bars$` (one request at the server for every consumer); a late subscriber gets the current series at once. */
  bars$(symbolOrContract: SymbolOrContract, options: BarsOptions): Observable<BarSeries> {
    return defer(() => {
      if (this.#closing !== undefined) return throwError(() => new SessionClosedError());
      const request = barsRequest(symbolOrContract, options);
      const symbol = contractLabel(normalizeContract(symbolOrContract));
      return this.#entry(request.key, remoteStream(this.#link, request, barsCodec(this.#link.subjects, symbol, options.barSize)), none).value$;
    });
  }

  /**
   * The market depth book, as the server's `depth$` (one `reqMktDepth` at the server for every
   * consumer, within the server's `limits.depth_requests`): after every change the book equals
   * the server's. A late subscriber gets the current book at once; stale while the link is down,
   * then the server's current book. Options are checked here as `IbSession.depth$` checks them
   * (`InvalidInputError`, `UnknownOptionError`), before anything is sent; the server's errors
   * (`StreamLimitError`, `SymbolNotFoundError` …) arrive as the same classes.
   */
  depth$(symbolOrContract: SymbolOrContract, options: DepthOptions = {}): Observable<OrderBook> {
    return defer(() => {
      const request = depthRequest(symbolOrContract, options);
      if (this.#closing !== undefined) return throwError(() => new SessionClosedError());
      const { rows, smart } = request;
      const symbol = contractLabel(normalizeContract(symbolOrContract));
      return this.#entry(request.key, remoteStream(this.#link, request, depthCodec(this.#link.subjects, symbol, rows, smart)), none).value$;
    });
  }

  /**
   * Tick-by-tick data, as the server's `tickByTick$` (one request at the server, its slots and its
   * 15-s rule): hot, no replay — a subscriber gets the ticks the server receives after it joined,
   * none while the link is down. `type` and the contract are checked here as the session checks them.
   */
  tickByTick$<T extends TickByTickType>(symbolOrContract: SymbolOrContract, type: T): Observable<TickByTickOf<T>> {
    return defer(() => {
      const request = tickByTickRequest(symbolOrContract, type);
      if (this.#closing !== undefined) return throwError(() => new SessionClosedError());
      return this.#entry<number, TickByTick, TickByTick>(request.key, remoteStream(this.#link, request, tickByTickCodec(this.#link.subjects)), itself).inputs$ as Observable<TickByTickOf<T>>;
    });
  }

  /**
   * 5-second bars, as the server's `realTimeBars$` (one request at the server, one of its
   * market-data lines): like the session's, no replay — a subscriber gets the bars after it
   * joined, none while the link is down. Options are checked here as the session checks them.
   */
  realTimeBars$(symbolOrContract: SymbolOrContract, options: RealTimeBarsOptions = {}): Observable<Bar> {
    return defer(() => {
      const request = realTimeBarsRequest(symbolOrContract, options);
      if (this.#closing !== undefined) return throwError(() => new SessionClosedError());
      return this.#entry<number, Bar, Bar>(request.key, remoteStream(this.#link, request, realTimeBarsCodec(this.#link.subjects)), itself).inputs$;
    });
  }

  /** `IbSession.historicalBars`, run by the server. */
  historicalBars(symbolOrContract: SymbolOrContract, options: HistoricalBarsOptions): Promise<readonly Bar[]> {
    return this.#call('historicalBars', [normalizeContract(symbolOrContract), options]);
  }

  /** `IbSession.contractDetails`, run by the server. */
  contractDetails(symbolOrContract: SymbolOrContract): Promise<readonly ContractDetails[]> {
    return this.#call('contractDetails', [normalizeContract(symbolOrContract)]);
  }

  /** `IbSession.qualify`, run by the server. */
  qualify(symbolOrContract: SymbolOrContract): Promise<Contract> {
    return this.#call('qualify', [normalizeContract(symbolOrContract)]);
  }

  /** `IbSession.searchSymbols`, run by the server. */
  searchSymbols(pattern: string): Promise<readonly SymbolMatch[]> {
    return this.#call('searchSymbols', [pattern]);
  }

  /** `IbSession.optionChain`, run by the server. */
  optionChain(symbolOrContract: SymbolOrContract): Promise<readonly OptionChain[]> {
    return this.#call('optionChain', [normalizeContract(symbolOrContract)]);
  }

  /** Completes every stream, leaves every stream at the server (its last consumer cancels the IB request there) and closes the NATS connection. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  /** `await using remote = await connectRemote(…)`: `close()` at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #close(): Promise<void> {
    this.#closed$.next(true);
    this.#closed$.complete();
    this.#link.close();
    try {
      await this.#nc.drain();
    } catch (error: unknown) {
      log.remote('NATS drain failed: %O', error);
      await this.#nc.close();
    }
  }

  async #call<T>(op: RpcOp, args: readonly unknown[]): Promise<T> {
    if (this.#closing !== undefined) throw new SessionClosedError();
    const timeout = this.#options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
    const msg = await this.#nc.request(this.#link.subjects.rpc, encodeControl({ op, args }), { timeout });
    const reply = decodeControl(this.#link.subjects.rpc, msg.string()) as RpcReply;
    if (!reply.ok) throw fromWireError(reply.error);
    return reply.value as T;
  }

  #marketData(symbolOrContract: SymbolOrContract, options: MarketDataOptions): RemoteEntry<MarketState, Tick> {
    if (this.#closing !== undefined) return { value$: throwError(() => new SessionClosedError()), inputs$: throwError(() => new SessionClosedError()) };
    const request = marketDataRequest(symbolOrContract, options, this.#link.server.dataType);
    const symbol = contractLabel(normalizeContract(symbolOrContract));
    return this.#entry(request.key, remoteStream(this.#link, request, marketDataCodec(this.#link.subjects, symbol)), tickOf);
  }

  /** The shared entry of a key: one remote stream, folded once; a late subscriber gets the latest value at once. */
  #entry<S, I, T>(key: string, start: StartRemote<S, I>, pick: (input: I) => T | undefined): RemoteEntry<S, T> {
    const existing = this.#entries.get(key) as RemoteEntry<S, T> | undefined;
    if (existing !== undefined) return existing;
    const entry: RemoteEntry<S, T> = remoteEntry(start, {
      pick,
      end$: this.#closed$,
      onEnd: () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    });
    this.#entries.set(key, entry);
    return entry;
  }
}
