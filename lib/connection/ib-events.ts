import { EventName, type ContractDescription, type ContractDetails, type IBApi, type TickType } from '@stoqey/ib';
import { asyncScheduler, Observable, type SchedulerLike } from 'rxjs';
import { dataTypeFromId } from '../config/index.js';
import { classifyIbCode } from '../ib-codes.js';
import type { IbEvent } from './ib-event.js';

/** Options of {@link ibEvents$}. */
export interface IbEventsOptions {
  /** Clock for each event's `time` (default `asyncScheduler`; pass a TestScheduler in specs). */
  readonly scheduler?: SchedulerLike;
  /**
   * When given, the tick events (`tickPrice`, `tickSize`, `tickString`, `tickGeneric`) are handed
   * to this function instead of the subscriber (in order with the other events, while subscribed):
   * a socket's owner sends them straight on, past the bookkeeping it does with the rest.
   */
  readonly onTickEvent?: (event: IbEvent) => void;
}

/** An IBApi event listener (its arguments are typed per event below). */
type Listener = (...args: never[]) => void;
/** IBApi as the plain EventEmitter it is at runtime (its typed overloads can't take a listener table). */
interface Emitter {
  on(name: EventName, listener: Listener): unknown;
  off(name: EventName, listener: Listener): unknown;
}

/** TWS's "no request" id, used by `@stoqey/ib` for connection-wide and client-side errors. */
const NO_REQUEST = -1;

/**
 * The `IBApi` EventEmitter as a cold `Observable<IbEvent>`: each subscriber adds its own listeners
 * (one per event name below, all in one place) on subscribe and removes exactly those on
 * unsubscribe, error or completion
 * (this file is the only place in ib-rx that adds or removes IBApi listeners). Every event is
 * stamped with `time = scheduler.now()`.
 *
 * Runtime facts of `@stoqey/ib` 1.6.10 it relies on (its typings differ): `error` is emitted as
 * `(error: Error, code, reqId, advancedOrderReject?)` and with reqId -1 only for client-side
 * failures (502 connect failed, 504 not connected, decoder errors); TWS's own request-id -1
 * messages (1100/1101/1102, 2104 …, 326) arrive on `info` as `(message, code)` and become
 * `notice` events. Both carry `info` from `classifyIbCode`. The end of a historical answer arrives
 * as a `historicalData` event whose time is `finished-<start>-<end>`: it becomes a
 * `historicalDataEnd` event.
 *
 * ```text
 * api:     --tickPrice--info(2104)--disconnected--connected-->
 *          ibEvents$(api)
 *          --P----------N-----------D-------------C---------->   (never completes by itself)
 * ```
 *
 * It never completes or errors by itself: the IBApi may reconnect, so its owner decides when the
 * stream ends (unsubscribe, or `takeUntil` your own close signal).
 *
 * @example
 * const sub = ibEvents$(api).pipe(toTicks()).subscribe(console.log);
 * api.connect(); … sub.unsubscribe(); // no listener left on api
 */
export function ibEvents$(api: IBApi, options: IbEventsOptions = {}): Observable<IbEvent> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const { onTickEvent } = options;
  return new Observable<IbEvent>((subscriber) => {
    const now = (): number => scheduler.now();
    const next = (event: IbEvent): void => {
      subscriber.next(event);
    };
    const tick = onTickEvent === undefined ? next : (event: IbEvent): void => {
      if (!subscriber.closed) onTickEvent(event);
    };
    const handlers: readonly (readonly [EventName, Listener])[] = [
      [EventName.connected, () => { next({ type: 'connected', time: now() }); }],
      [EventName.disconnected, () => { next({ type: 'disconnected', time: now() }); }],
      [EventName.server, (version: number, connectionTime: string) => { next({ type: 'server', version, connectionTime, time: now() }); }],
      [EventName.nextValidId, (orderId: number) => { next({ type: 'nextValidId', orderId, time: now() }); }],
      [EventName.managedAccounts, (list: string) => {
        next({ type: 'managedAccounts', accounts: list.split(',').filter((a) => a !== ''), time: now() });
      }],
      [EventName.tickPrice, (reqId: number, tickType: TickType, price: number) => { tick({ type: 'tickPrice', reqId, tickType, price, time: now() }); }],
      [EventName.tickSize, (reqId: number, tickType: TickType, size: number | undefined) => { tick({ type: 'tickSize', reqId, tickType, size, time: now() }); }],
      [EventName.tickString, (reqId: number, tickType: TickType, value: string) => { tick({ type: 'tickString', reqId, tickType, value, time: now() }); }],
      [EventName.tickGeneric, (reqId: number, tickType: TickType, value: number) => { tick({ type: 'tickGeneric', reqId, tickType, value, time: now() }); }],
      [EventName.tickReqParams, (reqId: number, minTick: number, bboExchange: string, snapshotPermissions: number) => {
        next({ type: 'tickReqParams', reqId, minTick, bboExchange, snapshotPermissions, time: now() });
      }],
      [EventName.tickSnapshotEnd, (reqId: number) => { next({ type: 'tickSnapshotEnd', reqId, time: now() }); }],
      [EventName.marketDataType, (reqId: number, id: number) => {
        next({ type: 'marketDataType', reqId, marketDataType: dataTypeFromId(id), marketDataTypeId: id, time: now() });
      }],
      [EventName.currentTime, (serverTime: number) => { next({ type: 'currentTime', serverTime, time: now() }); }],
      [EventName.error, (error: unknown, code: number, reqId: number | undefined, advancedOrderReject?: unknown) => {
        const id = reqId ?? NO_REQUEST;
        const event = { type: 'error', reqId: id, code, message: messageOf(error), info: classifyIbCode(code, id), time: now() } as const;
        next(advancedOrderReject === undefined ? event : { ...event, advancedOrderReject });
      }],
      [EventName.info, (message: string, code: number) => {
        next({ type: 'notice', code, message, info: classifyIbCode(code, NO_REQUEST), time: now() });
      }],
      [EventName.contractDetails, (reqId: number, details: ContractDetails) => { next({ type: 'contractDetails', reqId, details, time: now() }); }],
      [EventName.contractDetailsEnd, (reqId: number) => { next({ type: 'contractDetailsEnd', reqId, time: now() }); }],
      [EventName.tickOptionComputation, (
        reqId: number, tickType: TickType, tickAttrib: number | undefined, impliedVol: number | undefined, delta: number | undefined,
        optPrice: number | undefined, pvDividend: number | undefined, gamma: number | undefined, vega: number | undefined,
        theta: number | undefined, undPrice: number | undefined,
      ) => {
        next({ type: 'tickOptionComputation', reqId, tickType, tickAttrib, impliedVol, delta, optPrice, pvDividend, gamma, vega, theta, undPrice, time: now() });
      }],
      [EventName.symbolSamples, (reqId: number, descriptions: ContractDescription[] | undefined) => {
        next({ type: 'symbolSamples', reqId, descriptions: descriptions ?? [], time: now() });
      }],
      [EventName.securityDefinitionOptionParameter, (
        reqId: number, exchange: string, underlyingConId: number, tradingClass: string, multiplier: number | string | undefined,
        expirations: string[] | undefined, strikes: number[] | undefined,
      ) => {
        next({
          type: 'securityDefinitionOptionParameter', reqId, exchange, underlyingConId, tradingClass, multiplier,
          expirations: expirations ?? [], strikes: strikes ?? [], time: now(),
        });
      }],
      [EventName.securityDefinitionOptionParameterEnd, (reqId: number) => { next({ type: 'securityDefinitionOptionParameterEnd', reqId, time: now() }); }],
      [EventName.historicalData, (
        reqId: number, date: string, open: number, high: number, low: number, close: number, volume: number | undefined, count: number | undefined, wap: number | undefined,
      ) => {
        next(date.startsWith(HISTORICAL_END_PREFIX)
          ? { type: 'historicalDataEnd', reqId, ...historicalSpan(date), time: now() }
          : { type: 'historicalData', reqId, date, open, high, low, close, volume, count, wap, time: now() });
      }],
      [EventName.historicalDataUpdate, (
        reqId: number, date: string, open: number, high: number, low: number, close: number, volume: number | undefined, count: number | undefined, wap: number | undefined,
      ) => {
        next({ type: 'historicalDataUpdate', reqId, date, open, high, low, close, volume, count, wap, time: now() });
      }],
      [EventName.headTimestamp, (reqId: number, headTimestamp: string) => { next({ type: 'headTimestamp', reqId, headTimestamp, time: now() }); }],
      [EventName.realtimeBar, (
        reqId: number, barTime: number, open: number, high: number, low: number, close: number, volume: number | undefined, wap: number | undefined, count: number,
      ) => {
        next({ type: 'realtimeBar', reqId, barTime, open, high, low, close, volume, wap, count, time: now() });
      }],
      [EventName.tickByTickAllLast, (
        reqId: number, tickType: number, tickTime: string | number, price: number | undefined, size: number | undefined,
        attrib: { readonly pastLimit?: boolean; readonly unreported?: boolean } | undefined, exchange: string, specialConditions: string,
      ) => {
        next({
          type: 'tickByTickAllLast', reqId, tickType, tickTime: String(tickTime), price, size, pastLimit: attrib?.pastLimit === true,
          unreported: attrib?.unreported === true, exchange, specialConditions, time: now(),
        });
      }],
      [EventName.tickByTickBidAsk, (
        reqId: number, tickTime: string | number, bidPrice: number | undefined, askPrice: number | undefined, bidSize: number | undefined, askSize: number | undefined,
        attrib: { readonly bidPastLow?: boolean; readonly askPastHigh?: boolean } | undefined,
      ) => {
        next({
          type: 'tickByTickBidAsk', reqId, tickTime: String(tickTime), bidPrice, askPrice, bidSize, askSize, bidPastLow: attrib?.bidPastLow === true,
          askPastHigh: attrib?.askPastHigh === true, time: now(),
        });
      }],
      [EventName.tickByTickMidPoint, (reqId: number, tickTime: string | number, midPoint: number | undefined) => {
        next({ type: 'tickByTickMidPoint', reqId, tickTime: String(tickTime), midPoint, time: now() });
      }],
      [EventName.updateMktDepth, (reqId: number, position: number, operation: number, side: number, price: number, size: number | undefined) => {
        next({ type: 'updateMktDepth', reqId, position, operation, side, price, size, time: now() });
      }],
      [EventName.updateMktDepthL2, (
        reqId: number, position: number, marketMaker: string, operation: number, side: number, price: number, size: number | undefined, isSmartDepth: boolean | undefined,
      ) => {
        next({ type: 'updateMktDepthL2', reqId, position, marketMaker, operation, side, price, size, isSmartDepth, time: now() });
      }],
    ];
    const emitter = api as unknown as Emitter;
    for (const [name, handler] of handlers) emitter.on(name, handler);
    return () => {
      for (const [name, handler] of handlers) emitter.off(name, handler);
    };
  });
}

/** The IBApi event names `ibEvents$` listens to (for listener-count checks). */
export const IB_EVENT_NAMES: readonly EventName[] = [
  EventName.connected,
  EventName.disconnected,
  EventName.server,
  EventName.nextValidId,
  EventName.managedAccounts,
  EventName.tickPrice,
  EventName.tickSize,
  EventName.tickString,
  EventName.tickGeneric,
  EventName.tickReqParams,
  EventName.tickSnapshotEnd,
  EventName.marketDataType,
  EventName.currentTime,
  EventName.error,
  EventName.info,
  EventName.contractDetails,
  EventName.contractDetailsEnd,
  EventName.tickOptionComputation,
  EventName.symbolSamples,
  EventName.securityDefinitionOptionParameter,
  EventName.securityDefinitionOptionParameterEnd,
  EventName.historicalData,
  EventName.historicalDataUpdate,
  EventName.headTimestamp,
  EventName.realtimeBar,
  EventName.tickByTickAllLast,
  EventName.tickByTickBidAsk,
  EventName.tickByTickMidPoint,
  EventName.updateMktDepth,
  EventName.updateMktDepthL2,
];

/** `@stoqey/ib` marks the end of a historical answer with a `historicalData` event whose time starts with this. */
const HISTORICAL_END_PREFIX = 'finished';

/** `finished-<start>-<end>` → its start and end (split at the first `-` after the prefix; TWS's own texts have none). */
function historicalSpan(marker: string): { readonly start: string; readonly end: string } {
  const rest = marker.slice(HISTORICAL_END_PREFIX.length + 1);
  const at = rest.indexOf('-');
  return at < 0 ? { start: rest, end: '' } : { start: rest.slice(0, at), end: rest.slice(at + 1) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
