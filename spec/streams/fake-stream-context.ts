// A StreamContext made of plain streams and a virtual clock, for specs of the stream request logic.
import type { Contract, IBApi } from '@stoqey/ib';
import { EMPTY, ReplaySubject, Subject, VirtualAction, VirtualTimeScheduler, type Observable } from 'rxjs';
import type { IbEvent, IbEventOf } from '../../lib/connection/ib-event.js';
import { classifyIbCode } from '../../lib/ib-codes.js';
import type { IbApiError } from '../../lib/errors.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { RequestIds } from '../../lib/requests/request-ids.js';
import { RequestRouter } from '../../lib/requests/request-router.js';
import { SubscriptionRegistry } from '../../lib/requests/subscription-registry.js';
import type { StreamContext } from '../../lib/streams/stream-context.js';

export interface FakeStreamContext {
  readonly context: StreamContext;
  readonly scheduler: VirtualTimeScheduler;
  /** Every message sent, as `'<time> g<generation> <what>'`: `tbt <id> <symbol> <type>`, `rtb <id> <symbol> <what> <rth>`, `cancel-tbt <id>`, `cancel-rtb <id>`. */
  readonly sent: string[];
  readonly reported: IbApiError[];
  readonly ready$: Subject<ReadySignal>;
  readonly events$: Subject<IbEvent>;
  /** Dead socket generations (no cancel is sent to them). */
  readonly dead: Set<number>;
  /** Runs `action` at virtual time `at` (ms). */
  at(at: number, action: () => void): void;
  /** Runs every scheduled action and timer. */
  flush(): void;
  /** The request id of the last message sent that starts with `what` (e.g. `tbt`). */
  lastReqId(what: string): number;
}

/** An IBApi stand-in that turns the calls the stream requests make into log lines. */
function recorder(line: (text: string) => void): IBApi {
  const label = (contract: Contract): string => contract.symbol ?? `conId:${String(contract.conId)}`;
  const api = {
    reqTickByTickData: (reqId: number, contract: Contract, type: string) => { line(`tbt ${reqId} ${label(contract)} ${type}`); },
    cancelTickByTickData: (reqId: number) => { line(`cancel-tbt ${reqId}`); },
    reqRealTimeBars: (reqId: number, contract: Contract, barSize: number, what: string, rth: boolean) => {
      line(`rtb ${reqId} ${label(contract)} ${barSize} ${what} ${String(rth)}`);
    },
    cancelRealTimeBars: (reqId: number) => { line(`cancel-rtb ${reqId}`); },
  };
  return api as unknown as IBApi;
}

const reqIdOf = (event: IbEvent): number | undefined => ('reqId' in event ? event.reqId : undefined);

/** A fake context; `ready$` replays, so emit the first ready before or after subscribing. */
export function fakeStreamContext(options: { readonly lineLimit?: number; readonly connectionDeadline$?: Observable<never> } = {}): FakeStreamContext {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
  const sent: string[] = [];
  const reported: IbApiError[] = [];
  const dead = new Set<number>();
  const ready$ = new ReplaySubject<ReadySignal>(1);
  const events$ = new Subject<IbEvent>();
  const router = new RequestRouter(events$, reqIdOf);
  const ids = new RequestIds();
  const context: StreamContext = {
    ready$,
    connectionDeadline$: options.connectionDeadline$ ?? EMPTY,
    route$: (reqId) => router.route$(reqId),
    nextReqId: () => ids.next(),
    send: (command, generation) => { command(recorder((text) => sent.push(`${scheduler.now()} g${generation} ${text}`))); },
    isAlive: (generation) => !dead.has(generation),
    registry: new SubscriptionRegistry(options.lineLimit ?? 100),
    sessionDataType: 'realtime',
    scheduler,
    report: (error) => reported.push(error),
  };
  return {
    context, scheduler, sent, reported, ready$, events$, dead,
    at: (at, action) => { scheduler.schedule(action, at); },
    flush: () => { scheduler.flush(); },
    lastReqId: (what) => {
      const line = [...sent].reverse().find((l) => l.split(' ')[2] === what);
      if (line === undefined) throw new Error(`nothing sent starting with ${what}`);
      return Number(line.split(' ')[3]);
    },
  };
}

/** A TWS error event for one request (classified as the connection would). */
export function errorEvent(reqId: number, code: number, message = `IB ${code}`): IbEvent {
  return { type: 'error', reqId, code, message, info: classifyIbCode(code, reqId), time: 0 };
}

/** A `tickByTickAllLast` event (Last). */
export function lastEvent(reqId: number, seconds: number, price: number, size = 100): IbEvent {
  return { type: 'tickByTickAllLast', reqId, tickType: 1, tickTime: String(seconds), price, size, pastLimit: false, unreported: false, exchange: 'ARCA', specialConditions: '', time: 0 };
}

/** A `realtimeBar` event of a TRADES bar starting at `seconds`. */
export function barEvent(reqId: number, seconds: number, close: number): IbEventOf<'realtimeBar'> {
  return { type: 'realtimeBar', reqId, barTime: seconds, open: close - 1, high: close + 1, low: close - 2, close, volume: 300, wap: close, count: 7, time: 0 };
}

/** An observer that fails the spec on an unexpected error (`onError` to collect expected ones). */
export function sink<T>(onNext: (value: T) => void = () => undefined, onError: (error: unknown) => void = (error) => { throw error; }): {
  next: (value: T) => void; error: (error: unknown) => void;
} {
  return { next: onNext, error: onError };
}
