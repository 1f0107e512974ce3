import type { RequestedContract } from './client-requests.js';
import { SimSecType, type SimContract, type SimRight } from './sim-contract.js';

const RIGHTS: Readonly<Record<string, SimRight>> = { C: 'C', CALL: 'C', P: 'P', PUT: 'P' };
const STRIKE_TOLERANCE = 1e-6;

const same = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** The secType a request means: its own, or STK when it names none (as the simulator always did). */
export const requestedSecType = (q: RequestedContract): string => q.secType.toUpperCase() || SimSecType.STK;

/**
 * Whether a request names a contract, the way TWS matches: a conId alone decides; otherwise the
 * symbol (or the local symbol) and the secType must match, and every other field the request
 * gives narrows the match — exchange (any of the contract's valid exchanges), primary exchange,
 * currency, expiry (`YYYYMM` matches every day of that month), strike, right (`C` / `CALL`),
 * multiplier, local symbol and trading class. Text compares case-insensitively.
 */
export const matchesRequest = (c: SimContract, q: RequestedContract): boolean => {
  if (q.conId > 0) return c.conId === q.conId;
  if (q.symbol === '' && q.localSymbol === '') return false;
  if (requestedSecType(q) !== c.secType) return false;
  if (q.symbol !== '' && !same(q.symbol, c.symbol)) return false;
  if (q.localSymbol !== '' && !same(q.localSymbol, c.localSymbol)) return false;
  if (q.exchange !== '' && !c.validExchanges.some((e) => same(e, q.exchange))) return false;
  if (q.primaryExch !== '' && !same(q.primaryExch, c.primaryExch)) return false;
  if (q.currency !== '' && !same(q.currency, c.currency)) return false;
  if (q.lastTradeDateOrContractMonth !== '' && !c.lastTradeDate.startsWith(q.lastTradeDateOrContractMonth)) return false;
  if (q.strike > 0 && Math.abs(q.strike - c.strike) > STRIKE_TOLERANCE) return false;
  if (q.right !== '' && RIGHTS[q.right.toUpperCase()] !== c.right) return false;
  if (q.multiplier !== '' && Number(q.multiplier) !== Number(c.multiplier)) return false;
  if (q.tradingClass !== '' && !same(q.tradingClass, c.tradingClass)) return false;
  return true;
};

/**
 * The exchange TWS reports a matched contract on: the one the request named (as the contract
 * spells it), else the contract's default.
 */
export const reportedExchange = (c: SimContract, q: RequestedContract): string =>
  c.validExchanges.find((e) => q.exchange !== '' && same(e, q.exchange)) ?? c.exchange;
