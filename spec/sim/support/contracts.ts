import { EventName, OptionType, SecType } from '@stoqey/ib';
import type { Contract, ContractDetails } from '@stoqey/ib';
import type { RawClient } from './raw-client.js';

/** Contracts of each secType as a strategy would write them. */
export const contracts = {
  twin: { symbol: 'TWIN', secType: SecType.STK, exchange: 'SMART', currency: 'USD' },
  eurUsd: { symbol: 'EUR', secType: SecType.CASH, exchange: 'IDEALPRO', currency: 'USD' },
  spx: { symbol: 'SPX', secType: SecType.IND, exchange: 'CBOE', currency: 'USD' },
  es: { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD' },
  aaplOptions: { symbol: 'AAPL', secType: SecType.OPT, exchange: 'SMART', currency: 'USD' },
  byConId: (conId: number): Contract => ({ conId, exchange: 'SMART' }),
  option: (symbol: string, expiry: string, strike: number, right: OptionType): Contract => ({
    symbol, secType: SecType.OPT, exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: expiry, strike, right, multiplier: 100,
  }),
} as const satisfies Record<string, Contract | ((...args: never[]) => Contract)>;

/** The contractDetails events of one request. */
export const detailsOf = (c: RawClient, reqId: number): ContractDetails[] =>
  c.of(EventName.contractDetails).filter((a) => a[0] === reqId).map((a) => a[1] as ContractDetails);

/** One tickOptionComputation event, named. */
export interface Computation {
  readonly reqId: number;
  readonly tickType: number;
  readonly tickAttrib: number | undefined;
  readonly impliedVol: number | undefined;
  readonly delta: number | undefined;
  readonly optPrice: number | undefined;
  readonly pvDividend: number | undefined;
  readonly gamma: number | undefined;
  readonly vega: number | undefined;
  readonly theta: number | undefined;
  readonly undPrice: number | undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** The tickOptionComputation events of one request (optionally of one tick type). */
export const computationsOf = (c: RawClient, reqId: number, tickType?: number): Computation[] =>
  c.of(EventName.tickOptionComputation)
    .filter((a) => a[0] === reqId && (tickType === undefined || a[1] === tickType))
    .map((a) => ({
      reqId, tickType: a[1] as number, tickAttrib: num(a[2]), impliedVol: num(a[3]), delta: num(a[4]), optPrice: num(a[5]),
      pvDividend: num(a[6]), gamma: num(a[7]), vega: num(a[8]), theta: num(a[9]), undPrice: num(a[10]),
    }));

/** Prices of tickPrice events of one request and tick type, in order. */
export const pricesOf = (c: RawClient, reqId: number, tickType: number): number[] =>
  c.of(EventName.tickPrice).filter((a) => a[0] === reqId && a[1] === tickType).map((a) => a[2] as number);

export { OptionType, SecType };
