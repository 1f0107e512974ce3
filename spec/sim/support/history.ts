import { EventName } from '@stoqey/ib';
import type { BarSizeSetting, Contract, WhatToShow } from '@stoqey/ib';
import { buildContractUniverse } from '../../../lib/sim/contract-universe.js';
import type { SimContract } from '../../../lib/sim/sim-contract.js';
import { stock, type RawClient } from './raw-client.js';

/** Contracts of the simulator's universe as listed on 2025-12-01 (specs build them without a server). */
export const listedContracts = (): { aapl: SimContract; es: SimContract; eurUsd: SimContract; spx: SimContract } => {
  const universe = buildContractUniverse({ symbols: undefined, extraSymbols: [], ambiguous: new Set(), today: new Date(Date.UTC(2025, 11, 1)) });
  const find = (symbol: string, secType: string): SimContract => {
    const c = universe.contracts.find((x) => x.symbol === symbol && x.secType === secType);
    if (!c) throw new Error(`${symbol} ${secType} not listed`);
    return c;
  };
  return { aapl: find('AAPL', 'STK'), es: find('ES', 'FUT'), eurUsd: find('EUR', 'CASH'), spx: find('SPX', 'IND') };
};

/** One historicalData / historicalDataUpdate event, named. */
export interface BarEvent {
  readonly reqId: number;
  readonly time: string;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly count: number | undefined;
  readonly wap: number;
}

const toBar = (a: readonly unknown[]): BarEvent => ({
  reqId: a[0] as number, time: a[1] as string, open: a[2] as number, high: a[3] as number, low: a[4] as number,
  close: a[5] as number, volume: a[6] as number, count: a[7] as number | undefined, wap: a[8] as number,
});

/** historicalData events of one request, the "finished-…" marker excluded. */
export const barsOf = (c: RawClient, reqId: number): BarEvent[] =>
  c.of(EventName.historicalData).filter((a) => a[0] === reqId && !String(a[1]).startsWith('finished')).map(toBar);

/** The "finished-start-end" marker of one request, if it came. */
export const finishedOf = (c: RawClient, reqId: number): string | undefined =>
  c.of(EventName.historicalData).find((a) => a[0] === reqId && String(a[1]).startsWith('finished'))?.[1] as string | undefined;

/** historicalDataUpdate events of one request. */
export const updatesOf = (c: RawClient, reqId: number): BarEvent[] =>
  c.of(EventName.historicalDataUpdate).filter((a) => a[0] === reqId).map(toBar);

/** Waits for the end marker of a request. */
export const finished = (c: RawClient, reqId: number): Promise<void> =>
  c.waitFor(`historicalData ${reqId} finished`, (x) => finishedOf(x, reqId) !== undefined);

/** Waits for an error of a request; returns its code and text. */
export const errorFor = async (c: RawClient, reqId: number, code?: number): Promise<{ code: number; message: string }> => {
  await c.waitFor(`error for ${reqId}`, (x) => x.errors().some((e) => e.reqId === reqId && (code === undefined || e.code === code)));
  const e = c.errors().find((x) => x.reqId === reqId && (code === undefined || x.code === code));
  if (!e) throw new Error('unreachable');
  return e;
};

/** A reqHistoricalData with defaults: AAPL, now, 1 D of 5 mins TRADES, regular hours, formatDate 1. */
export interface BarsRequest {
  readonly contract?: Contract;
  readonly end?: string;
  readonly duration?: string;
  readonly barSize?: string;
  readonly whatToShow?: string;
  readonly useRTH?: boolean;
  readonly formatDate?: number;
  readonly keepUpToDate?: boolean;
}

/** Sends reqHistoricalData through the raw IBApi. */
export const reqBars = (c: RawClient, reqId: number, r: BarsRequest = {}): void => {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-enum-assignment -- specs also send bar sizes TWS refuses, which the enum cannot name
  const barSize = (r.barSize ?? '5 mins') as BarSizeSetting;
  c.api.reqHistoricalData(
    reqId, r.contract ?? stock('AAPL'), r.end ?? '', r.duration ?? '1 D', barSize,
    (r.whatToShow ?? 'TRADES') as WhatToShow, (r.useRTH ?? true) ? 1 : 0, r.formatDate ?? 1, r.keepUpToDate ?? false,
  );
};

/** Monday 2025-12-01, 10:00:04 New York: regular hours, 1 s before a 5-second bar starts. */
export const MONDAY_MORNING = '20251201-15:00:04.000';

/** Index of the first event of a name and request id in the client's log (-1 when none). */
export const indexOfFirst = (c: RawClient, name: string, reqId: number): number =>
  c.events.findIndex((e) => e.name === name && e.args[0] === reqId);

/** Timers, sockets and servers alive in this process (for leak checks). */
export const liveHandles = (): number =>
  process.getActiveResourcesInfo().filter((k) => k === 'Timeout' || k === 'TCPSocketWrap' || k === 'TCPServerWrap').length;
