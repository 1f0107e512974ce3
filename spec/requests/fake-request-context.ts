// A MarketDataRequestContext made of plain streams, for virtual-time specs of the request logic.
import type { Contract, IBApi } from '@stoqey/ib';
import { EMPTY, NEVER, of, ReplaySubject, type Observable, type SchedulerLike } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import type { IbApiError } from '../../lib/errors.js';
import type { MarketDataRequestContext, ReadySignal } from '../../lib/requests/request-context.js';
import { RequestIds } from '../../lib/requests/request-ids.js';
import { RequestRouter } from '../../lib/requests/request-router.js';
import { SubscriptionRegistry } from '../../lib/requests/subscription-registry.js';

export interface FakeRequestContext {
  readonly context: MarketDataRequestContext;
  /** Every message sent, as `'<time> g<generation> <what>'`: `req <id> <symbol>`, `cancel <id>`, `type <1..4>`. */
  readonly sent: string[];
  /** Socket generations still alive (default: every one). */
  readonly dead: Set<number>;
  readonly reported: IbApiError[];
  /** Sends the messages held back so far (with `holdSends`), like a pacing queue releasing them. */
  release(): void;
}

export interface FakeRequestContextOptions {
  readonly scheduler: SchedulerLike;
  readonly ready$: Observable<ReadySignal>;
  readonly events$: Observable<IbEvent>;
  readonly interrupted$?: Observable<boolean>;
  readonly farmRecovered$?: Observable<unknown>;
  /** The session's never-connected deadline (default: none). */
  readonly connectionDeadline$?: Observable<never>;
  readonly lineLimit?: number;
  readonly firstDataTimeoutMs?: number;
  readonly staleAfterMs?: number;
  readonly farmResumeGraceMs?: number;
  /** Hold every message until `release()` (a full pacing queue). */
  readonly holdSends?: boolean;
}

/** An IBApi stand-in that turns the three calls requests make into log lines. */
function recorder(line: (text: string) => void): IBApi {
  const api = {
    reqMktData: (reqId: number, contract: Contract) => { line(`req ${reqId} ${contract.symbol ?? '?'}`); },
    cancelMktData: (reqId: number) => { line(`cancel ${reqId}`); },
    reqMarketDataType: (type: number) => { line(`type ${type}`); },
  };
  return api as unknown as IBApi;
}

const reqIdOf = (event: IbEvent): number | undefined => ('reqId' in event ? event.reqId : undefined);

export function fakeRequestContext(options: FakeRequestContextOptions): FakeRequestContext {
  const sent: string[] = [];
  const dead = new Set<number>();
  const reported: IbApiError[] = [];
  const held: (() => void)[] = [];
  const router = new RequestRouter(options.events$, reqIdOf);
  const ids = new RequestIds();
  const { scheduler } = options;
  // Like the session's (derived from the connection state), it replays its current value.
  const interrupted$ = new ReplaySubject<boolean>(1);
  (options.interrupted$ ?? of(false)).subscribe(interrupted$);
  const context: MarketDataRequestContext = {
    ready$: options.ready$,
    interrupted$,
    farmRecovered$: options.farmRecovered$ ?? NEVER,
    connectionDeadline$: options.connectionDeadline$ ?? EMPTY,
    listen: (reqId, listener) => router.listen(reqId, listener),
    nextReqId: () => ids.next(),
    send: (command, generation) => {
      const run = (): void => { command(recorder((text) => sent.push(`${scheduler.now()} g${generation} ${text}`))); };
      if (options.holdSends === true) held.push(run);
      else run();
    },
    isAlive: (generation) => !dead.has(generation),
    registry: new SubscriptionRegistry(options.lineLimit ?? 100),
    sessionDataType: 'realtime',
    firstDataTimeoutMs: options.firstDataTimeoutMs ?? 1000,
    staleAfterMs: options.staleAfterMs ?? 1000,
    farmResumeGraceMs: options.farmResumeGraceMs ?? 1000,
    scheduler,
    report: (error) => reported.push(error),
  };
  return { context, sent, dead, reported, release: () => { held.splice(0).forEach((run) => { run(); }); } };
}
