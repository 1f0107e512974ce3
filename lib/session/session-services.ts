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
  readonly scheduler: SchedulerLike;
  readonly settings: SessionSettings;
  /** Non-fatal request errors (pacing) for the session's `errors$`. */
  readonly report: (error: IbApiError) => void;
  /** Emits when the session closes. */
  readonly closed$: Observable<unknown>;
  /** Connects the session if it is not connected; `false` once it is closed. */
  readonly open: () => boolean;
}

/** The session's request services beside market data: contracts and historical data. */
export interface SessionServices {
  readonly contracts: ContractService;
  readonly history: HistoryService;
  /** One-shot requests in flight plus live `bars$` requests (the session stays connected while there are any). Completes once both services completed. */
  readonly pending$: Observable<number>;
  /** The session closed: both services forget their caches and end their `pending$`. */
  complete(): void;
}

/**
 * Wires the contract and history services to the session's connection: one request-id sequence,
 * one router, one pacing budget; historical requests also go through one `HistoricalGovernor` with
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
  return {
    contracts,
    history,
    pending$: combineLatest([contracts.pending$, history.pending$]).pipe(map(([oneShot, live]) => oneShot + live)),
    complete: () => {
      contracts.complete();
      history.complete();
    },
  };
}
