// A OneShotContext made of plain streams, and raw contract events, for virtual-time specs.
import { SecType, type Contract, type ContractDescription, type ContractDetails as IbContractDetails, type IBApi } from '@stoqey/ib';
import { EMPTY, type Observable, type SchedulerLike } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import type { OneShotContext } from '../../lib/contracts/one-shot-request.js';
import type { IbApiError } from '../../lib/errors.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { RequestIds } from '../../lib/requests/request-ids.js';
import { RequestRouter } from '../../lib/requests/request-router.js';

export interface FakeOneShotContext {
  readonly context: OneShotContext;
  /** Every message sent, as `'<time> g<generation> <what>'`. */
  readonly sent: string[];
  readonly reported: IbApiError[];
  /** Sends the messages held back so far (with `holdSends`). */
  release(): void;
}

export interface FakeOneShotContextOptions {
  readonly scheduler: SchedulerLike;
  readonly ready$: Observable<ReadySignal>;
  readonly events$: Observable<IbEvent>;
  readonly connectionDeadline$?: Observable<never>;
  readonly timeoutMs?: number;
  /** Hold every message until `release()` (a full pacing queue). */
  readonly holdSends?: boolean;
}

/** An IBApi stand-in that turns the contract requests into log lines. */
function recorder(line: (text: string) => void): IBApi {
  const api = {
    reqContractDetails: (reqId: number, contract: Contract) => { line(`details ${reqId} ${contract.symbol ?? `conId:${String(contract.conId)}`}`); },
    reqMatchingSymbols: (reqId: number, pattern: string) => { line(`search ${reqId} ${pattern}`); },
    reqSecDefOptParams: (reqId: number, symbol: string, futFopExchange: string, secType: string, conId: number) => {
      line(`chain ${reqId} ${symbol} ${futFopExchange === '' ? '-' : futFopExchange} ${secType} ${conId}`);
    },
  };
  return api as unknown as IBApi;
}

const reqIdOf = (event: IbEvent): number | undefined => ('reqId' in event ? event.reqId : undefined);

export function fakeOneShotContext(options: FakeOneShotContextOptions): FakeOneShotContext {
  const sent: string[] = [];
  const reported: IbApiError[] = [];
  const held: (() => void)[] = [];
  const router = new RequestRouter(options.events$, reqIdOf);
  const ids = new RequestIds();
  const { scheduler } = options;
  const context: OneShotContext = {
    ready$: options.ready$,
    connectionDeadline$: options.connectionDeadline$ ?? EMPTY,
    route$: (reqId) => router.route$(reqId),
    nextReqId: () => ids.next(),
    send: (command, generation) => {
      const run = (): void => { command(recorder((text) => sent.push(`${scheduler.now()} g${generation} ${text}`))); };
      if (options.holdSends === true) held.push(run);
      else run();
    },
    scheduler,
    timeoutMs: options.timeoutMs ?? 10,
    report: (error) => reported.push(error),
  };
  return { context, sent, reported, release: () => { held.splice(0).forEach((run) => { run(); }); } };
}

/** What TWS says about a US stock (or, with `over`, any contract). */
export function ibDetails(conId: number, symbol: string, over: Partial<Contract> = {}, extra: Partial<IbContractDetails> = {}): IbContractDetails {
  return {
    contract: { conId, symbol, secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD', localSymbol: symbol, tradingClass: 'NMS', strike: 0, multiplier: 0, ...over },
    marketName: 'NMS', minTick: 0.01, longName: `${symbol} INC`, validExchanges: 'SMART,NASDAQ,NYSE', orderTypes: 'LMT,MKT', timeZoneId: 'US/Eastern',
    ...extra,
  };
}

/** A `contractDetails` event of request `reqId`. */
export function detailsEvent(reqId: number, details: IbContractDetails, time = 0): IbEvent {
  return { type: 'contractDetails', reqId, details, time };
}

/** The `contractDetailsEnd` of request `reqId`. */
export function detailsEnd(reqId: number, time = 0): IbEvent {
  return { type: 'contractDetailsEnd', reqId, time };
}

/** A `symbolSamples` answer of request `reqId`. */
export function samplesEvent(reqId: number, descriptions: readonly ContractDescription[], time = 0): IbEvent {
  return { type: 'symbolSamples', reqId, descriptions, time };
}

/** One `securityDefinitionOptionParameter` row of request `reqId`. */
export function chainRow(reqId: number, exchange: string, expirations: readonly string[], strikes: readonly number[], tradingClass = 'AAPL', underlyingConId = 265598): IbEvent {
  return { type: 'securityDefinitionOptionParameter', reqId, exchange, underlyingConId, tradingClass, multiplier: 100, expirations, strikes, time: 0 };
}

/** The end of request `reqId`'s option parameters. */
export function chainEnd(reqId: number): IbEvent {
  return { type: 'securityDefinitionOptionParameterEnd', reqId, time: 0 };
}
