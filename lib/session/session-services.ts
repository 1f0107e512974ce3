import { combineLatest, filter, map, type Observable, type SchedulerLike } from 'rxjs';
import { interrupted, isSocketAlive } from '../connection/connection-signals.js';
import type { ConnectionReady } from '../connection/ib-connection.js';
import type { IbEvent } from '../connection/ib-event.js';
import { ContractService } from '../contracts/contract-service.js';
import type { OneShotContext } from '../contracts/one-shot-request.js';
import type { IbApiError } from '../errors.js';
import { HistoricalGovernor } from '../history/historical-governor.js';
import { HistoryService } from '../history/history-service.js';
import type { RequestIds } from '../requests/request-ids.js';
import type { RequestRouter } from '../requests/request-router.js';
import type { SubscriptionRegistry } from '../requests/subscription-registry.js';
import { DepthService } from '../streams/depth/depth-service.js';
import { StreamsService } from '../streams/streams-service.js';
import type { SessionConnection, SessionSettings } from './session-options.js';

/** What {@link createSessionServices} needs from the session. */
export interface SessionServicesOptions {
  readonly connection: SessionConnection;
  /** The session's ready signals (replaying the current one). */
  readonly ready$: Observable<ConnectionReady>;
  /** Per request: errors with a `ConnectionError` when the session never connected in time, else completes. */
  readonly connectionDeadline$: Observable<never>;
  readonly router: RequestRouter<IbEvent>;
  readonly ids: RequestIds;
  /** The market-data lines (real-time bars take one each). */
  readonly registry: SubscriptionRegistry;
  readonly scheduler: SchedulerLike;
  readonly settings: SessionSettings;
  /** Non-fatal request errors (pacing) for the session's `errors$`. */
  readonly report: (error: IbApiError) => void;
  /** Emits when the session closes. */
  readonly closed$: Observable<unknown>;
  /** Connects the session if it is not connected; `false` once it is closed. */
  readonly open: () => boolean;
}

/** The session's request services beside market data: contracts, historical data, real-time bars and tick-by-tick. */
export interface SessionServices {
  readonly contracts: ContractService;
  readonly history: HistoryService;
  readonly streams: StreamsService;
  readonly depth: DepthService;
  /** One-shot requests in flight plus live `bars$` and tick-by-tick requests (the session stays connected while there are any). Completes once every service completed. */
  readonly pending$: Observable<number>;
  /** The session closed: both services forget their caches and end their `pending$`. */
  complete(): void;
}

/**
 * Wires the contract, history and streams services to the session's connection: one request-id
 * sequence, one router, one pacing budget, one line registry; historical requests also go through one `HistoricalGovernor` with
 * the session's rules (`limits.historical_requests_per_10_min`, `IbSessionOptions.historicalPacing`).
 */
export function createSessionServices(options: SessionServicesOptions): SessionServices {
  const { connection, settings, closed$, open } = options;
  const context: OneShotContext = {
    ready$: options.ready$.pipe(filter((ready) => isSocketAlive(connection.state, ready.generation))),
    connectionDeadline$: options.connectionDeadline$,
    route$: (reqId) => options.router.route$(reqId),
    nextReqId: () => options.ids.next(),
    send: (command, generation) => {
      connection.send(command, generation);
    },
    scheduler: options.scheduler,
    timeoutMs: settings.firstDataTimeoutMs,
    report: options.report,
  };
  const contracts = new ContractService({ context, closed$, open, searchIntervalMs: settings.symbolSearchIntervalMs });
  const rules = settings.historicalPacing;
  const history = new HistoryService({
    context: {
      ...context,
      timeoutMs: settings.historicalTimeoutMs,
      interrupted$: connection.state$.pipe(interrupted()),
      isAlive: (generation) => isSocketAlive(connection.state, generation),
      governor: new HistoricalGovernor(rules, context.scheduler),
      rules,
    },
    closed$,
    open,
    history: settings.history,
  });
  const streams = new StreamsService({
    context: {
      ready$: context.ready$,
      connectionDeadline$: options.connectionDeadline$,
      route$: context.route$,
      nextReqId: context.nextReqId,
      send: context.send,
      isAlive: (generation) => isSocketAlive(connection.state, generation),
      registry: options.registry,
      sessionDataType: settings.dataType,
      scheduler: options.scheduler,
      report: options.report,
    },
    closed$,
    open,
    tickByTickSlots: settings.tickByTickSlots,
    ...(settings.tickByTickLingerMs !== undefined && { tickByTickLingerMs: settings.tickByTickLingerMs }),
    ...(settings.tickByTickSpacingMs !== undefined && { tickByTickSpacingMs: settings.tickByTickSpacingMs }),
  });
  const depth = new DepthService({
    context: {
      ...context,
      interrupted$: connection.state$.pipe(interrupted()),
      isAlive: (generation) => isSocketAlive(connection.state, generation),
      haltedRetryMs: settings.depthHaltedRetryMs,
    },
    closed$,
    open,
    limit: settings.depthRequests,
  });
  return {
    contracts,
    history,
    streams,
    depth,
    pending$: combineLatest([contracts.pending$, history.pending$, streams.pending$, depth.pending$]).pipe(
      map(([oneShot, live, tickByTick, books]) => oneShot + live + tickByTick + books),
    ),
    complete: () => {
      contracts.complete();
      history.complete();
      streams.complete();
      depth.complete();
    },
  };
}
