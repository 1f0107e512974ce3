// A HistoryContext made of plain streams, and raw historical events, for virtual-time specs.
import type { Contract, IBApi } from '@stoqey/ib';
import { BehaviorSubject, EMPTY, type Observable, type SchedulerLike } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import type { IbApiError } from '../../lib/errors.js';
import { HistoricalGovernor } from '../../lib/history/historical-governor.js';
import { checkHistoricalQuery, type HistoricalQueryInput } from '../../lib/history/historical-query.js';
import type { HistoricalRequestSpec, HistoryContext } from '../../lib/history/history-context.js';
import { historicalPacingRules, type HistoricalPacingRules } from '../../lib/history/pacing-rules.js';
import { classifyIbCode } from '../../lib/ib-codes.js';
import { contractKey, normalizeContract } from '../../lib/requests/contract-key.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { RequestIds } from '../../lib/requests/request-ids.js';
import { RequestRouter } from '../../lib/requests/request-router.js';

export interface FakeHistoryContext {
  readonly context: HistoryContext;
  /** Every message sent, as `'<time> g<generation> <what>'`. */
  readonly sent: string[];
  readonly reported: IbApiError[];
  /** Drives `interrupted$` (starts `false`). */
  readonly interrupted$: BehaviorSubject<boolean>;
  /** Sockets that are gone (`isAlive` false). */
  readonly dead: Set<number>;
}

export interface FakeHistoryContextOptions {
  readonly scheduler: SchedulerLike;
  readonly ready$: Observable<ReadySignal>;
  readonly events$: Observable<IbEvent>;
  readonly connectionDeadline$?: Observable<never>;
  readonly timeoutMs?: number;
  readonly rules?: Partial<HistoricalPacingRules>;
}

/** Rules for marble time: identical 6 frames, same contract 4, long window 100, no margin, retries after 3 frames. */
export const FRAME_RULES: Partial<HistoricalPacingRules> = {
  identicalWindowMs: 6, burstWindowMs: 4, windowMs: 100, marginMs: 0, retryDelayMs: 3, maxRetryDelayMs: 12, maxRetries: 2,
};

const reqIdOf = (event: IbEvent): number | undefined => ('reqId' in event ? event.reqId : undefined);

export function fakeHistoryContext(options: FakeHistoryContextOptions): FakeHistoryContext {
  const sent: string[] = [];
  const reported: IbApiError[] = [];
  const dead = new Set<number>();
  const interrupted$ = new BehaviorSubject(false);
  const router = new RequestRouter<IbEvent>(options.events$, reqIdOf);
  const ids = new RequestIds();
  const { scheduler } = options;
  const rules = historicalPacingRules(60, { ...FRAME_RULES, ...options.rules });
  const context: HistoryContext = {
    ready$: options.ready$,
    connectionDeadline$: options.connectionDeadline$ ?? EMPTY,
    route$: (reqId) => router.route$(reqId),
    nextReqId: () => ids.next(),
    send: (command, generation) => {
      const line = (text: string): void => { sent.push(`${scheduler.now()} g${generation} ${text}`); };
      const api = {
        reqHistoricalData: (reqId: number, contract: Contract, end: string, duration: string, barSize: string, what: string, rth: boolean, format: number, live: boolean) => {
          line(`bars ${reqId} ${contract.symbol ?? '?'} ${duration} ${barSize} ${what}${end === '' ? '' : ` end=${end}`}${rth ? ' rth' : ''} f${format}${live ? ' live' : ''}`);
        },
        cancelHistoricalData: (reqId: number) => { line(`cancel ${reqId}`); },
      };
      command(api as unknown as IBApi);
    },
    scheduler,
    timeoutMs: options.timeoutMs ?? 20,
    report: (error) => reported.push(error),
    interrupted$: interrupted$.asObservable(),
    isAlive: (generation) => !dead.has(generation),
    governor: new HistoricalGovernor(rules, scheduler),
    rules,
  };
  return { context, sent, reported, interrupted$, dead };
}

/** A checked request for `symbol`. */
export function historicalSpec(symbol: string, query: HistoricalQueryInput, keepUpToDate = false): HistoricalRequestSpec {
  const contract = normalizeContract(symbol);
  return { symbol, contract, contractKey: contractKey(contract), query: checkHistoricalQuery(query, keepUpToDate) };
}

/** One answer row of request `reqId`: a bar at `seconds` (epoch) closing at `close`. */
export function rowEvent(reqId: number, seconds: number, close: number): IbEvent {
  return { type: 'historicalData', reqId, date: String(seconds), open: close, high: close, low: close, close, volume: 10, count: 2, wap: close, time: 0 };
}

/** The end of request `reqId`'s answer. */
export function endEvent(reqId: number): IbEvent {
  return { type: 'historicalDataEnd', reqId, start: '', end: '', time: 0 };
}

/** A keepUpToDate update of request `reqId`. */
export function updateEvent(reqId: number, seconds: number, close: number): IbEvent {
  return { type: 'historicalDataUpdate', reqId, date: String(seconds), open: close, high: close, low: close, close, volume: 10, count: 2, wap: close, time: 0 };
}

/** TWS's error `code` for request `reqId`. */
export function errorEvent(reqId: number, code: number, message: string): IbEvent {
  return { type: 'error', reqId, code, message, info: classifyIbCode(code, reqId), time: 0 };
}

/** A 162 pacing violation for request `reqId`. */
export const pacingEvent = (reqId: number): IbEvent => errorEvent(reqId, 162, 'Historical Market Data Service error message:Historical data request pacing violation');
