// A DepthContext made of plain streams, and raw depth events, for virtual-time specs.
import type { Contract, IBApi } from '@stoqey/ib';
import { BehaviorSubject, EMPTY, type Observable, type SchedulerLike } from 'rxjs';
import type { IbEvent } from '../../../lib/connection/ib-event.js';
import type { IbApiError } from '../../../lib/errors.js';
import { classifyIbCode } from '../../../lib/ib-codes.js';
import { contractLabel, normalizeContract } from '../../../lib/requests/contract-key.js';
import type { ReadySignal } from '../../../lib/requests/request-context.js';
import { RequestIds } from '../../../lib/requests/request-ids.js';
import { RequestRouter } from '../../../lib/requests/request-router.js';
import type { DepthContext, DepthRequestSpec } from '../../../lib/streams/depth/depth-context.js';

export interface FakeDepthContext {
  readonly context: DepthContext;
  /** Every message sent, as `'<time> g<generation> <what>'`. */
  readonly sent: string[];
  readonly reported: IbApiError[];
  /** Drives `interrupted$` (starts `false`). */
  readonly interrupted$: BehaviorSubject<boolean>;
  /** Sockets that are gone (`isAlive` false). */
  readonly dead: Set<number>;
}

export interface FakeDepthContextOptions {
  readonly scheduler: SchedulerLike;
  readonly ready$: Observable<ReadySignal>;
  readonly events$: Observable<IbEvent>;
  readonly connectionDeadline$?: Observable<never>;
  readonly haltedRetryMs?: number;
}

const reqIdOf = (event: IbEvent): number | undefined => ('reqId' in event ? event.reqId : undefined);

export function fakeDepthContext(options: FakeDepthContextOptions): FakeDepthContext {
  const sent: string[] = [];
  const reported: IbApiError[] = [];
  const dead = new Set<number>();
  const interrupted$ = new BehaviorSubject(false);
  const router = new RequestRouter<IbEvent>(options.events$, reqIdOf);
  const ids = new RequestIds();
  const { scheduler } = options;
  const context: DepthContext = {
    ready$: options.ready$,
    connectionDeadline$: options.connectionDeadline$ ?? EMPTY,
    route$: (reqId) => router.route$(reqId),
    nextReqId: () => ids.next(),
    send: (command, generation) => {
      const line = (text: string): void => { sent.push(`${scheduler.now()} g${generation} ${text}`); };
      const api = {
        reqMktDepth: (reqId: number, contract: Contract, rows: number, smart: boolean) => { line(`depth ${reqId} ${contract.symbol ?? '?'} ${rows}${smart ? ' smart' : ''}`); },
        cancelMktDepth: (reqId: number, smart: boolean) => { line(`cancel ${reqId}${smart ? ' smart' : ''}`); },
      };
      command(api as unknown as IBApi);
    },
    scheduler,
    report: (error) => reported.push(error),
    interrupted$: interrupted$.asObservable(),
    isAlive: (generation) => !dead.has(generation),
    haltedRetryMs: options.haltedRetryMs ?? 5,
  };
  return { context, sent, reported, interrupted$, dead };
}

/** A depth request for `symbol`. */
export function depthSpec(symbol: string, rows = 3, smart = true): DepthRequestSpec {
  const contract = normalizeContract(symbol);
  return { symbol: contractLabel(contract), contract, rows, smart };
}

/** An L2 row change of request `reqId`: operation 0/1/2, side 0 ask / 1 bid. */
export function l2Event(reqId: number, position: number, operation: number, side: number, price: number, size = 100, marketMaker = 'NSDQ'): IbEvent {
  return { type: 'updateMktDepthL2', reqId, position, marketMaker, operation, side, price, size, isSmartDepth: true, time: 0 };
}

/** An L1 row change of request `reqId`. */
export function l1Event(reqId: number, position: number, operation: number, side: number, price: number, size = 100): IbEvent {
  return { type: 'updateMktDepth', reqId, position, operation, side, price, size, time: 0 };
}

/** TWS's error `code` about request `reqId`. */
export function depthError(reqId: number, code: number, message = `IB ${code}`): IbEvent {
  return { type: 'error', reqId, code, message, info: classifyIbCode(code, reqId), time: 0 };
}
