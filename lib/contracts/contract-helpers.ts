import { asyncScheduler } from 'rxjs';
import { InvalidContractError } from '../errors.js';
import { checkExpiry, checkStrike, optionType, parseRight } from '../requests/contract-fields.js';
import { SecType, type Contract } from './contract-types.js';

/**
 * Contract builders, so that no ib-rx user has to import `@stoqey/ib` for a contract. Each checks
 * its input and throws `InvalidContractError` naming the field (`symbol`, `pair`, `strike`, `right`,
 * `lastTradeDateOrContractMonth`, `exchange`, `currency`); an expiry must be `YYYYMM` or
 * `YYYYMMDD` and not in the past (UTC day, from `asyncScheduler.now()`).
 */

const CURRENCY = /^[A-Z]{3}$/;
const PAIR = /^([A-Z]{3})[./]?([A-Z]{3})$/;

const invalid = (field: string, value: unknown, expected: string): InvalidContractError => new InvalidContractError({ field, value, expected });

function word(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (text === '') throw invalid(field, value, `a non-empty ${field}`);
  return text;
}

function currencyCode(value: unknown): string {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!CURRENCY.test(text)) throw invalid('currency', value, 'a three-letter currency code such as USD');
  return text;
}

/**
 * A stock (or ETF): `stock('AAPL')` → `{ symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' }`.
 * `primaryExch` picks one listing of a symbol listed on several exchanges (`stock('TWIN', 'SMART', 'USD', 'NASDAQ')`).
 */
export function stock(symbol: string, exchange = 'SMART', currency = 'USD', primaryExch?: string): Contract {
  const primary = primaryExch === undefined ? undefined : word('primaryExch', primaryExch);
  return {
    symbol: word('symbol', symbol), secType: SecType.STK, exchange: word('exchange', exchange), currency: currencyCode(currency),
    ...(primary !== undefined && { primaryExch: primary }),
  };
}

/**
 * A forex pair on IDEALPRO: `forex('EUR.USD')` (also `'EUR/USD'`, `'eurusd'`) → `{ symbol: 'EUR',
 * secType: 'CASH', currency: 'USD', exchange: 'IDEALPRO' }`.
 */
export function forex(pair: string): Contract {
  const match = PAIR.exec(typeof pair === 'string' ? pair.trim().toUpperCase() : '');
  const [, base, quote] = match ?? [];
  if (base === undefined || quote === undefined || base === quote) throw invalid('pair', pair, "two different currencies such as 'EUR.USD'");
  return { symbol: base, secType: SecType.CASH, exchange: 'IDEALPRO', currency: quote };
}

/**
 * A future: `future('ES', '202612', 'CME')` → `{ symbol: 'ES', secType: 'FUT',
 * lastTradeDateOrContractMonth: '202612', exchange: 'CME', currency: 'USD' }` (contract month
 * `YYYYMM` or last trading day `YYYYMMDD`; `multiplier` when a symbol trades in several sizes).
 */
export function future(symbol: string, lastTradeDateOrContractMonth: string, exchange: string, currency = 'USD', multiplier?: number): Contract {
  return {
    symbol: word('symbol', symbol), secType: SecType.FUT, lastTradeDateOrContractMonth: checkExpiry(lastTradeDateOrContractMonth, asyncScheduler.now()),
    exchange: word('exchange', exchange), currency: currencyCode(currency), ...(multiplier !== undefined && { multiplier: positiveMultiplier(multiplier) }),
  };
}

/**
 * An option: `option('AAPL', '20261218', 250, 'C')` → `{ symbol: 'AAPL', secType: 'OPT',
 * lastTradeDateOrContractMonth: '20261218', strike: 250, right: 'C', exchange: 'SMART', currency: 'USD' }`.
 * `right` is `'C'` / `'P'` (also `'CALL'` / `'PUT'`, any case); the strike must be above 0.
 */
export function option(
  symbol: string, expiry: string, strike: number, right: string, exchange = 'SMART', currency = 'USD', multiplier?: number,
): Contract {
  return {
    symbol: word('symbol', symbol), secType: SecType.OPT, lastTradeDateOrContractMonth: checkExpiry(expiry, asyncScheduler.now()),
    strike: checkStrike(strike, false), right: optionType(parseRight(right)), exchange: word('exchange', exchange), currency: currencyCode(currency),
    ...(multiplier !== undefined && { multiplier: positiveMultiplier(multiplier) }),
  };
}

/** An index: `index('SPX', 'CBOE')` → `{ symbol: 'SPX', secType: 'IND', exchange: 'CBOE', currency: 'USD' }`. */
export function index(symbol: string, exchange: string, currency = 'USD'): Contract {
  return { symbol: word('symbol', symbol), secType: SecType.IND, exchange: word('exchange', exchange), currency: currencyCode(currency) };
}

function positiveMultiplier(value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw invalid('multiplier', value, 'a number above 0');
  return value;
}
