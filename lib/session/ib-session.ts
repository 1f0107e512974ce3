/// <reference lib="esnext.disposable" preserve="true" />
import {
  asyncScheduler, combineLatest, defer, EMPTY, filter, firstValueFrom, ignoreElements, map, merge, Observable, of, race, ReplaySubject, Subject, take, takeUntil, throwError,
  timeout, timer, type SchedulerLike, type Subscription,
} from 'rxjs';
import { parseConfig, type Config, type ConfigInput } from '../config/index.js';
import type { ConnectionState } from '../connection/connection-state.js';
import { IbConnection, type ConnectionReady, type OutboundStatus } from '../connection/ib-connection.js';
import type { IbEvent } from '../connection/ib-event.js';
import type { ContractService } from '../contracts/contract-service.js';
import type { HistoryService } from '../history/history-service.js';
import type { ContractDetails } from '../contracts/contract-details.js';
import type { Contract } from '../contracts/contract-types.js';
import type { OptionChain } from '../contracts/option-chain.js';
import type { SymbolMatch } from '../contracts/symbol-match.js';
import { ConnectionError, IbRxError, MarketDataTimeoutError, SessionClosedError } from '../errors.js';
import { gatewayChecklist } from '../gateway-help.js';
import { log } from '../log.js';
import type { SessionHealth } from '../monitoring/health.js';
import { countedSessionHealth$ } from '../monitoring/session-health.js';
import { contractLabel, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { RequestIds } from '../requests/request-ids.js';
import { RequestRouter } from '../requests/request-router.js';
import { sendMarketDataType } from '../requests/send-market-data-request.js';
import { SubscriptionRegistry, type LiveSubscription } from '../requests/subscription-registry.js';
import type { MarketState, MarketStateInput } from '../state/index.js';
import type { Tick } from '../ticks/tick.js';
import { farmRecovered, interrupted, isSocketAlive } from '../connection/connection-signals.js';
import type { FoldStep } from './fold-request.js';
import { MarketDataStreams } from './market-data-streams.js';
import { firstCompleteQuote } from './first-complete-quote.js';
import { idleFor } from './idle-disconnect.js';
import { createSessionServices, type SessionServices } from './session-services.js';
import type { Bar } from '../bars/bar.js';
import type { BarSeries } from '../history/bar-series.js';
import type { BarsOptions, HistoricalBarsOptions } from '../history/historical-options.js';
import type { RealTimeBarsOptions } from '../streams/real-time-bars/real-time-bars-options.js';
import type { TickByTickOf, TickByTickType } from '../streams/tick-by-tick/tick-by-tick.js';
import type { DepthOptions } from '../streams/depth/depth-options.js';
import type { OrderBook } from '../streams/depth/order-book.js';
import {
  checkMarketDataOptions, checkSnapshotOptions, connectionOptions, sessionSettings, type IbSessionOptions, type MarketDataOptions, type SessionConnection, type SessionSettings,
  type SnapshotOptions,
} from './session-options.js';

const reqIdOf = (event: IbEvent): number | undefined => ('reqId' in event ? event.reqId : undefined);

/** One decoded input of a live market-data stream, with the stream's key (see `IbSession.streamInputs$`). */
export interface StreamInput {
  /** The stream's sharing key (as in `subscriptions$`). */
  readonly key: string;
  /** The folded step: the input (tick, type in effect, stale flag), the state after it, and whether it changed. */
  readonly step: FoldStep;
}

/** Sees every folded step of every live market-data stream once, with the stream's key: the parts of a `StreamInput`, no object per input. */
export type StepListener = (key: string, input: MarketStateInput, state: MarketState, changed: boolean) => void;

/** Set by `IbSession`'s static block: adds a step listener to a session (see {@link listenSteps}). */
let addStepListener: (session: IbSession, listener: StepListener) => () => void;

/**
 * Internal (not in lib/index.ts): what `streamInputs$` delivers, as plain calls — the NATS
 * server's per-tick feed, which would otherwise allocate a `StreamInput` and go through a `Subject`
 * per input. Returns what removes the listener.
 */
export function listenSteps(session: IbSession, listener: StepListener): () => void {
  return addStepListener(session, listener);
}

/** Extra time `close()` allows for the queued cancels beyond what the pacing budget needs. */
const CLOSE_DRAIN_MARGIN_MS = 1000;

/**
 * What users hold: typed, shared market data streams over one TWS / IB Gateway connection that
 * survive reconnects. Lazy: connects on the first subscription; `close()` ends everything.
 * See docs/session.md for sharing, pacing, fallback, errors and resubscription.
 *
 * @example
 * const ib = new IbSession({ api: { port: 7497 }, market_data: { data_type: 'delayed' } });
 * ib.marketData$('AAPL').subscribe((s) => console.log(s.bid, s.ask, s.last, s.stale));
 * const quote = await ib.snapshot('MSFT', { timeoutMs: 5000 });
 * await ib.close();
 */
export class IbSession {
  /** Every raw event of the connection (all sockets); completes on `close()`. */
  readonly events$: Observable<IbEvent>;
  /** Socket / IB link / data farm state; replays the current value; completes on `close()`. */
  readonly connectionState$: Observable<ConnectionState>;
  /** Connection errors and non-fatal request errors (pacing, competing session); never ends a market data stream. */
  readonly errors$: Observable<IbRxError>;
  /** The live subscriptions (one per shared request, with its request id) after every change; replays the current list; completes on `close()`. */
  readonly subscriptions$: Observable<readonly LiveSubscription[]>;
  /** Outgoing messages: written so far and waiting for the pacing budget; replays the current value; completes on `close()`. */
  readonly outbound$: Observable<OutboundStatus>;
  /** Health snapshots (connection and every live stream), on change and at most once per `monitoring.interval_ms`; completes on `close()`. */
  readonly health$: Observable<SessionHealth>;
  /**
   * Every input the live market-data streams decode (ticks, type in effect, stale flags), each
   * once, with the stream's key (`sessionHealth$` counts these for any session; the session's
   * own `health$` reads per-stream counters instead). Hot; built only while observed; completes
   * on `close()`.
   */
  readonly streamInputs$: Observable<StreamInput>;
  /** The validated config in use. */
  readonly config: Config;

  readonly #connection: SessionConnection;
  readonly #settings: SessionSettings;
  readonly #scheduler: SchedulerLike;
  readonly #registry: SubscriptionRegistry;
  readonly #streams: MarketDataStreams;
  readonly #contracts: ContractService;
  readonly #history: HistoryService;
  readonly #services: SessionServices;
  readonly #ready$ = new ReplaySubject<ConnectionReady>(1);
  readonly #requestErrors$ = new Subject<IbRxError>();
  /** See {@link listenSteps}; copied on every change. */
  #stepListeners: readonly StepListener[] = [];
  /** The key of a stream whose type in effect changed (for `health$`, which reads the counters then). */
  readonly #typeChanges$ = new Subject<string>();
  readonly #closed$ = new ReplaySubject<true>(1);
  /** The last reason the connection gave for failing (for a never-connected session's `ConnectionError`). */
  #lastConnectionFailure = 'no answer yet';
  /** A socket has been ready at least once (after that, a lost gateway makes streams stale, not errors). */
  #wasReady = false;
  #readySubscription: Subscription | undefined;
  #closing: Promise<void> | undefined;
  /** Opened by `IbSession.connect`: stays connected without subscriptions (no idle disconnect). */
  #keepOpen = false;

  /**
   * @param config the `ib.config.json` shape (validated and defaulted like `loadConfig`; throws
   *   `ConfigError`) or `loadConfig`'s result.
   * @param options scheduler and test hooks.
   */
  static {
    addStepListener = (session, listener) => session.#addStepListener(listener);
  }

  constructor(config: ConfigInput | Config = {}, options: IbSessionOptions = {}) {
    this.config = parseConfig(config);
    this.#settings = sessionSettings(this.config, options);
    this.#scheduler = options.scheduler ?? asyncScheduler;
    const connection = (options.createConnection ?? ((o) => new IbConnection(o)))(connectionOptions(this.config, options));
    this.#connection = connection;
    this.events$ = connection.events$;
    this.connectionState$ = connection.state$;
    this.errors$ = merge(connection.errors$, this.#requestErrors$);
    this.outbound$ = connection.outbound$;
    // A step listener while observed: one mechanism with `listenSteps`, a `StreamInput` object only for its subscribers.
    this.streamInputs$ = new Observable<StreamInput>((subscriber) =>
      this.#addStepListener((key, input, state, changed) => { subscriber.next({ key, step: { input, state, changed } }); }),
    ).pipe(takeUntil(this.#closed$));
    this.#registry = new SubscriptionRegistry(this.#settings.lineLimit);
    this.subscriptions$ = this.#registry.list$;
    const ids = new RequestIds();
    const router = new RequestRouter(connection.events$, reqIdOf);
    const settings = this.#settings;
    this.#streams = new MarketDataStreams(
      {
        ready$: this.#ready$.pipe(filter((ready) => isSocketAlive(connection.state, ready.generation))),
        connectionDeadline$: this.#connectionDeadline$(),
        interrupted$: connection.state$.pipe(interrupted()),
        farmRecovered$: connection.state$.pipe(farmRecovered()),
        listen: (reqId, listener) => router.listen(reqId, listener),
        nextReqId: () => ids.next(),
        send: (command, generation) => {
          connection.send(command, generation);
        },
        isAlive: (generation) => isSocketAlive(connection.state, generation),
        registry: this.#registry,
        sessionDataType: settings.dataType,
        firstDataTimeoutMs: settings.firstDataTimeoutMs,
        staleAfterMs: settings.staleAfterMs,
        farmResumeGraceMs: settings.farmResumeGraceMs,
        scheduler: this.#scheduler,
        report: (error) => {
          this.#requestErrors$.next(error);
        },
      },
      {
        history: settings.history,
        closed$: this.#closed$,
        onStep: (key, input, state, changed) => {
          for (const listener of this.#stepListeners) listener(key, input, state, changed);
        },
        onTypeChange: (key) => {
          this.#typeChanges$.next(key);
        },
      },
    );
    this.#services = createSessionServices({
      connection, ready$: this.#ready$, connectionDeadline$: this.#connectionDeadline$(), router, ids, registry: this.#registry, scheduler: this.#scheduler, settings,
      report: (error) => { this.#requestErrors$.next(error); },
      closed$: this.#closed$,
      open: () => {
        if (this.#closing !== undefined) return false;
        this.#open();
        return true;
      },
    });
    this.#contracts = this.#services.contracts;
    this.#history = this.#services.history;
    connection.errors$.pipe(takeUntil(this.#closed$)).subscribe({
      next: (error) => {
        this.#lastConnectionFailure = error instanceof ConnectionError ? error.reason : error.message;
      },
      error: (error: unknown) => { log.connection('connection errors ended: %O', error); },
    });
    // The session's own counters: health$ reads them at each snapshot instead of observing every event and input.
    this.health$ = countedSessionHealth$(this, {
      inbound: connection.received === undefined ? undefined : () => connection.received ?? 0,
      stream: (key) => this.#streams.activity(key) ?? this.#services.streams.activity(key),
      changes$: this.#typeChanges$,
      errorEvents$: connection.errorEvents$,
    }, { scheduler: this.#scheduler });
    this.#disconnectWhenIdle();
  }

  /** A session that is connecting already; resolves once requests can be sent, rejects with the first connection error before that (and closes). */
  static async connect(config: ConfigInput | Config = {}, options: IbSessionOptions = {}): Promise<IbSession> {
    const session = new IbSession(config, options);
    session.#keepOpen = true;
    session.#open();
    const first$ = merge(
      session.#ready$.pipe(map(() => session)),
      session.errors$.pipe(map((error) => { throw error; })),
    );
    try {
      const ready = await firstValueFrom(first$, { defaultValue: undefined });
      if (ready === undefined) throw new SessionClosedError();
      return ready;
    } catch (error: unknown) {
      await session.close();
      throw error;
    }
  }

  /**
   * The market state of a symbol (a US stock) or any contract: shared by every subscriber of the
   * same normalised contract (one `reqMktData`; the last unsubscribe cancels it); a late
   * subscriber gets the current state at once. Continuous across reconnects (`stale: true` while
   * interrupted). Errors with `SymbolNotFoundError` (200), `NotSubscribedError` (no data type
   * left), `MarketDataLinesError` (101 or the local line budget), `MarketDataTimeoutError` (no first
   * tick within `market_data.timeout`), `SessionClosedError` after `close()`; completes on `close()`.
   */
  marketData$(symbolOrContract: SymbolOrContract, options: MarketDataOptions = {}): Observable<MarketState> {
    return defer(() => {
      checkMarketDataOptions(options, 'marketData$');
      return this.#entry(symbolOrContract, options).state$;
    });
  }

  /** The typed ticks of a symbol or contract (shares the request with `marketData$`). */
  ticks$(symbolOrContract: SymbolOrContract, options: MarketDataOptions = {}): Observable<Tick> {
    return defer(() => {
      checkMarketDataOptions(options, 'ticks$');
      return this.#entry(symbolOrContract, options).ticks$;
    });
  }

  /**
   * The first complete state (bid, ask and last with their sizes) of a symbol or contract; its
   * request (or its share of a live one) ends right after. At `timeoutMs` (default
   * `market_data.timeout`) it settles for the latest state with bid, ask and last (sizes missing),
   * else rejects with `MarketDataTimeoutError`. Rejects with the stream's typed error, or with
   * `SessionClosedError`.
   */
  async snapshot(symbolOrContract: SymbolOrContract, options: SnapshotOptions = {}): Promise<MarketState> {
    checkSnapshotOptions(options);
    const timeoutMs = options.timeoutMs ?? this.#settings.firstDataTimeoutMs;
    const { timeoutMs: _ignored, ...marketDataOptions } = options;
    const timeoutError = (): IbRxError =>
      this.#wasReady ? new MarketDataTimeoutError({ symbol: contractLabel(normalizeContract(symbolOrContract)), timeoutMs }) : this.#unreachable();
    const state = await firstValueFrom(
      this.marketData$(symbolOrContract, marketDataOptions).pipe(firstCompleteQuote({ timeoutMs, timeoutError, scheduler: this.#scheduler })),
      { defaultValue: undefined },
    );
    if (state === undefined) throw new SessionClosedError();
    return state;
  }

  /**
   * Every contract TWS matches to a symbol (a US stock) or a partial contract (`reqContractDetails`),
   * typed (see `ContractDetails`). Rejects with `SymbolNotFoundError` (200) when nothing matches,
   * `InvalidContractError` for bad input (an unknown secType, a right other than C / P, a past
   * expiry …), `RequestTimeoutError` (no complete answer within `market_data.timeout` of being
   * sent), `ConnectionError` (never connected), `SessionClosedError`. A request whose socket drops
   * is sent again on the next connection. See docs/contracts.md.
   */
  contractDetails(symbolOrContract: SymbolOrContract): Promise<readonly ContractDetails[]> {
    return this.#contracts.contractDetails(symbolOrContract);
  }

  /**
   * The one contract a symbol or partial contract names, in full (with `conId`): pass it to
   * `marketData$` and the other requests. Several matches reject with `AmbiguousContractError`
   * (its `candidates` list them, its message says which field picks one, e.g. `primaryExch`), none
   * with `SymbolNotFoundError`; other errors as `contractDetails`. Cached for the session by
   * normalised contract: the same question asked twice (or twice at once) sends one request.
   */
  qualify(symbolOrContract: SymbolOrContract): Promise<Contract> {
    return this.#contracts.qualify(symbolOrContract);
  }

  /**
   * Stocks, indices, forex pairs … whose symbol or name matches `pattern` (`reqMatchingSymbols`;
   * TWS returns at most 16). IB allows about one such request per second: calls are queued and
   * sent in order, one per `IbSessionOptions.symbolSearchIntervalMs` (1100: 1 s plus a margin for
   * arrival jitter; a search TWS still refuses for pacing is asked again in its turn). Rejects with
   * `InvalidInputError` for an empty pattern; other errors as `contractDetails`.
   */
  searchSymbols(pattern: string): Promise<readonly SymbolMatch[]> {
    return this.#contracts.searchSymbols(pattern);
  }

  /**
   * The option chains of an underlying (a stock symbol or any contract; qualified first, so it
   * rejects like `qualify`), from `reqSecDefOptParams` on its conId: one per exchange and trading
   * class, sorted by exchange, expirations and strikes ascending; `[]` when it has no options.
   */
  optionChain(symbolOrContract: SymbolOrContract): Promise<readonly OptionChain[]> {
    return this.#contracts.optionChain(symbolOrContract);
  }

  /**
   * The bars of a span of history (`reqHistoricalData`): IB's `duration` (`'1 D'`) back from `end`
   * (epoch ms, default now) in bars of `barSize` (`'1 min'`), oldest first, times in epoch ms
   * (daily and longer bars start at 00:00 UTC of their trading date). The options are checked
   * first (`InvalidInputError` naming `barSize`, `duration` — too long for the bar size by IB's
   * table —, `whatToShow` or `end`). Paced by the session's historical governor (never a pacing
   * violation; excess requests wait); an identical request within 15 s shares the answer. Rejects
   * with `HistoricalDataError` (162 no data …, 321, 366), `SymbolNotFoundError`,
   * `RequestTimeoutError`, `ConnectionError`, `SessionClosedError`. See docs/history.md.
   */
  historicalBars(symbolOrContract: SymbolOrContract, options: HistoricalBarsOptions): Promise<readonly Bar[]> {
    return this.#history.historicalBars(symbolOrContract, options);
  }

  /**
   * Historical bars kept up to date (keepUpToDate): the history first, then each update, as an
   * immutable `BarSeries` (closed bars, at most `history`; the forming bar; `stale`). Shared by
   * every subscriber of the same request (one `reqHistoricalData`; the last unsubscribe cancels
   * it). After a reconnect or 1101 the gap is requested again and merged (no duplicate or missing
   * bar starts); `stale` while interrupted. Errors like `historicalBars` (a bad bar size, or one
   * under 5 secs, as `InvalidInputError`); completes on `close()`. See docs/history.md.
   */
  bars$(symbolOrContract: SymbolOrContract, options: BarsOptions): Observable<BarSeries> {
    return this.#history.bars$(symbolOrContract, options);
  }

  /**
   * 5-second bars (`reqRealTimeBars`), each once when it closes: `start` is the bar's start (a
   * multiple of 5 s), `end` = start + 5 s. Only `whatToShow: 'TRADES'` (the default) carries
   * `volume`, `trades` and `wap`; MIDPOINT, BID and ASK bars have volume 0, trades 0 and no wap.
   * Shared by every subscriber of the same request (one request, one market-data line of
   * `limits.market_data_lines`; the last unsubscribe cancels it). Requested again after a reconnect
   * or 1101; a bar whose start is not after the last one emitted (IB backfills after an outage) is
   * dropped. Errors with `InvalidInputError` (a bad `whatToShow` or `useRTH`), `InvalidContractError`,
   * `MarketDataLinesError`, `SymbolNotFoundError`, `ConnectionError`, `SessionClosedError`;
   * completes on `close()`. Each bar is a new object that never changes.
   */
  realTimeBars$(symbolOrContract: SymbolOrContract, options: RealTimeBarsOptions = {}): Observable<Bar> {
    return this.#services.streams.realTimeBars$(symbolOrContract, options);
  }

  /**
   * Tick-by-tick data (`reqTickByTickData`) of one type: `'Last'` / `'AllLast'` trades, `'BidAsk'`
   * quotes or `'MidPoint'`, as a `TickByTick` union discriminated on `type` (a new object per
   * tick). Shared by every subscriber of the same instrument and type. IB's limits are kept: at
   * most `limits.tick_by_tick_slots` live requests (one more errors that subscription alone with
   * `StreamLimitError`, as TWS's 10190 does), and at most one request per instrument and type
   * within 15 s — after its last subscriber leaves, a request lingers 15 s before it is cancelled,
   * so unsubscribing and subscribing again reuses it; a new request (reconnect, 1101, a resubscribe
   * after the linger) waits until 16 s after the previous one (IB's 15 s plus 1 s for network
   * delays). Options and combos have no tick-by-tick data: `InvalidContractError` before
   * anything is sent; a bad `type` is an `InvalidInputError`. Completes on `close()`.
   */
  tickByTick$<T extends TickByTickType>(symbolOrContract: SymbolOrContract, type: T): Observable<TickByTickOf<T>> {
    return this.#services.streams.tickByTick$(symbolOrContract, type);
  }

  /**
   * The market depth book of a symbol or contract (`reqMktDepth`): `rows` rows per side (default
   * 10), bids and asks best first, each level `{ price, size, marketMaker? }`; smart depth (rows
   * name their exchange) by default for a contract routed SMART, else the contract's exchange's own
   * book. A new immutable `OrderBook` per change (O(rows) each; TWS's inserts at an occupied
   * position shift the rows below). Shared by every subscriber of the same contract, rows and
   * smart (one request; the last unsubscribe cancels it with the same isSmartDepth); a late
   * subscriber gets the current book at once. At most `limits.depth_requests` requests: one more
   * errors that subscription alone with `StreamLimitError` (as TWS's 309 does). After a reconnect
   * or 1101, and after TWS resets (317) or halts (316) the book, it is cleared and requested again
   * with a fresh id; `stale` while interrupted or until the new rows come. Errors with
   * `InvalidInputError` (`rows`, `smart`), `SymbolNotFoundError` (200), `NotSubscribedError`,
   * another `IbApiError`, `ConnectionError`, `SessionClosedError`; completes on `close()`.
   */
  depth$(symbolOrContract: SymbolOrContract, options: DepthOptions = {}): Observable<OrderBook> {
    return this.#services.depth.depth$(symbolOrContract, options);
  }

  /** The live subscriptions (one per shared request) with their request ids: lines in use = length. */
  subscriptions(): readonly LiveSubscription[] {
    return this.#registry.list();
  }

  /**
   * Completes every stream and cancels each live request while connected; then waits until every
   * queued message (those cancels included) is written, at most as long as the pacing budget needs
   * for them (`limits.max_messages_per_s`) plus 1 s, or until the socket drops; then disconnects.
   * Resolves when no socket, timer or listener is left. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  /** `await using session = new IbSession(…)`: `close()` when the scope ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #close(): Promise<void> {
    log.requests('closing the session (%d live subscriptions)', this.#registry.size);
    this.#closed$.next(true);
    this.#closed$.complete();
    this.#requestErrors$.complete();
    this.#typeChanges$.complete();
    this.#registry.complete();
    this.#services.complete();
    await this.#drainOutbound();
    await this.#connection.close();
    this.#readySubscription?.unsubscribe();
    this.#ready$.complete();
  }

  /** Waits (bounded) until the pacing queue is empty: the cancels sent by closing streams are written. */
  async #drainOutbound(): Promise<void> {
    const rate = this.config.limits.max_messages_per_s;
    const bound$ = this.outbound$.pipe(take(1), map(({ queued }) => CLOSE_DRAIN_MARGIN_MS + Math.ceil((queued * 1000) / rate)));
    const boundMs = await firstValueFrom(bound$, { defaultValue: 0 });
    if (boundMs <= CLOSE_DRAIN_MARGIN_MS) return;
    log.requests('close: waiting up to %d ms for the queued cancels', boundMs);
    await firstValueFrom(
      this.outbound$.pipe(
        filter(({ queued }) => queued === 0),
        map(() => true),
        timeout({ first: boundMs, scheduler: this.#scheduler, with: () => of(false) }),
      ),
      { defaultValue: false },
    ).then((drained) => {
      if (!drained) log.requests('close: the queue did not drain in %d ms; disconnecting anyway', boundMs);
    });
  }

  /** The error of a session that never connected: where it tried, the last failure, what to check. */
  /** Adds a step listener (see `listenSteps`, `streamInputs$`); returns what removes it. */
  #addStepListener(listener: StepListener): () => void {
    this.#stepListeners = [...this.#stepListeners, listener];
    return () => {
      this.#stepListeners = this.#stepListeners.filter((other) => other !== listener);
    };
  }

  #unreachable(): ConnectionError {
    const { tws_endpoint: host, port } = this.config.api;
    const seconds = this.#settings.firstDataTimeoutMs / 1000;
    return new ConnectionError({ host, port, reason: `no connection within ${seconds} s (${this.#lastConnectionFailure})`, help: gatewayChecklist() });
  }

  /**
   * Per subscription: errors with {@link #unreachable} when the session has not been ready within
   * `market_data.timeout` of it; completes at once if the session was ever ready, or when it is.
   */
  #connectionDeadline$(): Observable<never> {
    return defer(() =>
      this.#wasReady
        ? EMPTY
        : race(
            this.#ready$.pipe(take(1), ignoreElements()),
            timer(this.#settings.firstDataTimeoutMs, this.#scheduler).pipe(map(() => { throw this.#unreachable(); })),
          ),
    );
  }

  #entry(symbolOrContract: SymbolOrContract, options: MarketDataOptions): { readonly state$: Observable<MarketState>; readonly ticks$: Observable<Tick> } {
    if (this.#closing !== undefined) return { state$: throwError(() => new SessionClosedError()), ticks$: throwError(() => new SessionClosedError()) };
    this.#open();
    return this.#streams.entry(symbolOrContract, options.dataType, options.genericTicks);
  }

  /** Connects (if not connected): reqMarketDataType on every ready, before any request of that ready. */
  #open(): void {
    if (this.#closing !== undefined) return;
    const connection = this.#connection;
    const { dataType } = this.#settings;
    this.#readySubscription ??= connection.ready$
      .pipe(
        map((ready) => {
          log.requests('socket %d ready (%s): reqMarketDataType %s', ready.generation, ready.reason, dataType);
          this.#wasReady = true;
          sendMarketDataType((command, generation) => { connection.send(command, generation); }, dataType, ready.generation);
          return ready;
        }),
        takeUntil(this.#closed$),
      )
      .subscribe(this.#ready$);
    connection.open();
  }

  /**
   * A lazily connected session disconnects `idleDisconnectMs` after its last subscription (or
   * one-shot contract request) ended (a new one meanwhile cancels that); the next one connects again.
   *
   * ```text
   * lines in use   1--2--1--0------------1--     (idleDisconnectMs = 5 frames)
   * suspend        --------------x--------       x: connection.suspend()
   * ```
   */
  #disconnectWhenIdle(): void {
    combineLatest([this.#registry.list$, this.#services.pending$])
      .pipe(
        map(([list, pending]) => list.length + pending),
        idleFor(this.#settings.idleDisconnectMs, this.#scheduler),
        takeUntil(this.#closed$),
      )
      .subscribe({
        next: () => {
          if (this.#keepOpen) return;
          log.connection('no subscription for %d ms: disconnecting until the next one', this.#settings.idleDisconnectMs);
          this.#connection.suspend().catch((error: unknown) => { log.connection('idle disconnect failed: %O', error); });
        },
        error: (error: unknown) => { log.connection('idle disconnect stopped: %O', error); },
      });
  }
}
