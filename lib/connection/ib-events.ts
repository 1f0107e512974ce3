import { EventName, type ContractDetails, type IBApi, type TickType } from '@stoqey/ib';
import { asyncScheduler, fromEvent, merge, type Observable, type SchedulerLike } from 'rxjs';
import { dataTypeFromId } from '../config/index.js';
import { classifyIbCode } from '../ib-codes.js';
import type { IbEvent } from './ib-event.js';

/** Options of {@link ibEvents$}. */
export interface IbEventsOptions {
  /** Clock for each event's `time` (default `asyncScheduler`; pass a TestScheduler in specs). */
  readonly scheduler?: SchedulerLike;
}

/** TWS's "no request" id, used by `@stoqey/ib` for connection-wide and client-side errors. */
const NO_REQUEST = -1;

/**
 * The `IBApi` EventEmitter as a cold `Observable<IbEvent>`: each subscriber adds its own listeners
 * for the events below on subscribe and removes exactly those on unsubscribe, error or completion
 * (this file is the only place in ib-rx that adds or removes IBApi listeners). Every event is
 * stamped with `time = scheduler.now()`.
 *
 * Runtime facts of `@stoqey/ib` 1.6.10 it relies on (its typings differ): `error` is emitted as
 * `(error: Error, code, reqId, advancedOrderReject?)` and with reqId -1 only for client-side
 * failures (502 connect failed, 504 not connected, decoder errors); TWS's own request-id -1
 * messages (1100/1101/1102, 2104 …, 326) arrive on `info` as `(message, code)` and become
 * `notice` events. Both carry `info` from `classifyIbCode`.
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
  const now = (): number => scheduler.now();
  return merge(
    fromEvent(api, EventName.connected, (): IbEvent => ({ type: 'connected', time: now() })),
    fromEvent(api, EventName.disconnected, (): IbEvent => ({ type: 'disconnected', time: now() })),
    fromEvent(api, EventName.server, (version: number, connectionTime: string): IbEvent => ({ type: 'server', version, connectionTime, time: now() })),
    fromEvent(api, EventName.nextValidId, (orderId: number): IbEvent => ({ type: 'nextValidId', orderId, time: now() })),
    fromEvent(api, EventName.managedAccounts, (list: string): IbEvent => ({
      type: 'managedAccounts',
      accounts: list.split(',').filter((a) => a !== ''),
      time: now(),
    })),
    fromEvent(api, EventName.tickPrice, (reqId: number, tickType: TickType, price: number): IbEvent => ({ type: 'tickPrice', reqId, tickType, price, time: now() })),
    fromEvent(api, EventName.tickSize, (reqId: number, tickType: TickType, size: number | undefined): IbEvent => ({ type: 'tickSize', reqId, tickType, size, time: now() })),
    fromEvent(api, EventName.tickString, (reqId: number, tickType: TickType, value: string): IbEvent => ({ type: 'tickString', reqId, tickType, value, time: now() })),
    fromEvent(api, EventName.tickGeneric, (reqId: number, tickType: TickType, value: number): IbEvent => ({ type: 'tickGeneric', reqId, tickType, value, time: now() })),
    fromEvent(api, EventName.tickReqParams, (reqId: number, minTick: number, bboExchange: string, snapshotPermissions: number): IbEvent => ({
      type: 'tickReqParams',
      reqId,
      minTick,
      bboExchange,
      snapshotPermissions,
      time: now(),
    })),
    fromEvent(api, EventName.tickSnapshotEnd, (reqId: number): IbEvent => ({ type: 'tickSnapshotEnd', reqId, time: now() })),
    fromEvent(api, EventName.marketDataType, (reqId: number, id: number): IbEvent => ({
      type: 'marketDataType',
      reqId,
      marketDataType: dataTypeFromId(id),
      marketDataTypeId: id,
      time: now(),
    })),
    fromEvent(api, EventName.currentTime, (serverTime: number): IbEvent => ({ type: 'currentTime', serverTime, time: now() })),
    fromEvent(api, EventName.error, (error: unknown, code: number, reqId: number | undefined, advancedOrderReject?: unknown): IbEvent => {
      const id = reqId ?? NO_REQUEST;
      const event = { type: 'error', reqId: id, code, message: messageOf(error), info: classifyIbCode(code, id), time: now() } as const;
      return advancedOrderReject === undefined ? event : { ...event, advancedOrderReject };
    }),
    fromEvent(api, EventName.info, (message: string, code: number): IbEvent => ({
      type: 'notice',
      code,
      message,
      info: classifyIbCode(code, NO_REQUEST),
      time: now(),
    })),
    fromEvent(api, EventName.contractDetails, (reqId: number, details: ContractDetails): IbEvent => ({ type: 'contractDetails', reqId, details, time: now() })),
    fromEvent(api, EventName.contractDetailsEnd, (reqId: number): IbEvent => ({ type: 'contractDetailsEnd', reqId, time: now() })),
  );
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
];

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
