import { SecType } from '@stoqey/ib';
import type { Contract } from '@stoqey/ib';
import { InvalidContractError } from '../errors.js';
import { checkSecType, checkStrike, optionType, parseRight } from './contract-fields.js';

/** What `marketData$`, `ticks$` and `snapshot` accept: a US stock symbol or any IB contract. */
export type SymbolOrContract = string | Contract;

/** The fields that identify a market-data request, in the fixed order the key is built from. */
const KEY_FIELDS = [
  'conId', 'symbol', 'secType', 'lastTradeDateOrContractMonth', 'strike', 'right', 'multiplier',
  'exchange', 'primaryExch', 'currency', 'localSymbol', 'tradingClass',
] as const satisfies readonly (keyof Contract)[];

/** With a conId, only these fields tell requests apart (the conId names the instrument, the exchange the market). */
const CONID_KEY_FIELDS = ['conId', 'exchange'] as const satisfies readonly (keyof Contract)[];

/** Security types whose label is their local symbol (an OCC option symbol, `ESZ6`). */
const LOCAL_SYMBOL_LABEL: ReadonlySet<string> = new Set<string>([SecType.OPT, SecType.FOP, SecType.FUT, SecType.WAR, SecType.IOPT]);

/**
 * Normalises a symbol or contract to the contract sent with `reqMktData`.
 * A string is a US stock: `'aapl'` → `{ symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' }`.
 * A contract keeps its fields; empty strings, `strike: 0`, a zero `multiplier` and undefined are
 * dropped; symbol, exchange, currency and secType are upper-cased; a right is `'C'` or `'P'`
 * (`CALL` / `PUT` accepted); a contract without `conId` gets `secType` STK, `exchange` SMART and
 * `currency` USD where they are missing.
 *
 * Throws `InvalidContractError` naming the field for an unknown `secType`, a `right` other than
 * C / P, a negative or non-finite `strike`, and a contract with neither symbol, local symbol nor conId.
 */
export function normalizeContract(input: SymbolOrContract): Contract {
  const source: Contract = typeof input === 'string' ? { symbol: input } : input;
  const defaults = source.conId === undefined;
  const secType = nonEmpty(source.secType) ? checkSecType(source.secType) : defaults ? SecType.STK : undefined;
  const exchange = upper(source.exchange) ?? (defaults ? 'SMART' : undefined);
  const currency = upper(source.currency) ?? (defaults ? 'USD' : undefined);
  const symbol = upper(source.symbol);
  const right = nonEmpty(source.right) ? optionType(parseRight(source.right)) : undefined;
  const strike = source.strike === undefined || source.strike === 0 ? undefined : checkStrike(source.strike, true);
  if (symbol === undefined && !nonEmpty(source.localSymbol) && source.conId === undefined) {
    checkSymbol(source.symbol);
  }
  return {
    ...(source.conId !== undefined && { conId: source.conId }),
    ...(symbol !== undefined && { symbol }),
    ...(secType !== undefined && { secType }),
    ...(nonEmpty(source.lastTradeDateOrContractMonth) && { lastTradeDateOrContractMonth: source.lastTradeDateOrContractMonth }),
    ...(strike !== undefined && { strike }),
    ...(right !== undefined && { right }),
    ...(source.multiplier !== undefined && source.multiplier !== 0 && { multiplier: source.multiplier }),
    ...(exchange !== undefined && { exchange }),
    ...(nonEmpty(source.primaryExch) && { primaryExch: source.primaryExch }),
    ...(currency !== undefined && { currency }),
    ...(nonEmpty(source.localSymbol) && { localSymbol: source.localSymbol }),
    ...(nonEmpty(source.tradingClass) && { tradingClass: source.tradingClass }),
    ...(source.includeExpired === true && { includeExpired: true }),
  };
}

/** Throws the `InvalidContractError` for a missing symbol. */
function checkSymbol(value: string | undefined): never {
  throw new InvalidContractError({ field: 'symbol', value, expected: 'a symbol (or a localSymbol or conId)' });
}

function upper(value: string | undefined): string | undefined {
  const trimmed = value?.trim().toUpperCase();
  return trimmed === '' ? undefined : trimmed;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * The sharing key of a contract: equal for every spelling of the same request, whatever the field
 * order (`'AAPL'` ≡ `{ currency: 'USD', symbol: 'AAPL', exchange: 'SMART', secType: 'STK' }`). A
 * contract with a `conId` (e.g. from `session.qualify`) is keyed by its conId and exchange alone,
 * so a qualified contract and `{ conId, exchange }` share one request.
 */
export function contractKey(input: SymbolOrContract): string {
  const contract = normalizeContract(input);
  const fields = contract.conId === undefined ? KEY_FIELDS : CONID_KEY_FIELDS;
  return fields.flatMap((field) => {
    const value = contract[field];
    return value === undefined ? [] : [`${field}=${String(value)}`];
  }).join(';');
}

/**
 * A short human name for a contract: a future's or option's local symbol (`ESZ6`, `AAPL
 * 260116C00230000`, spaces collapsed) or, without one, its symbol, expiry, strike and right; a
 * forex pair as `EUR.USD`; otherwise its symbol, else its local symbol, else `conId:N`.
 */
export function contractLabel(contract: Contract): string {
  const { symbol, secType, localSymbol } = contract;
  if (secType !== undefined && LOCAL_SYMBOL_LABEL.has(secType)) {
    if (nonEmpty(localSymbol)) return localSymbol.trim().replace(/\s+/g, ' ');
    const strike = contract.strike === undefined ? '' : ` ${String(contract.strike)}${contract.right ?? ''}`;
    if (symbol !== undefined) return `${symbol}${nonEmpty(contract.lastTradeDateOrContractMonth) ? ` ${contract.lastTradeDateOrContractMonth}` : ''}${strike}`;
  }
  if (secType === SecType.CASH && symbol !== undefined && contract.currency !== undefined) return `${symbol}.${contract.currency}`;
  return symbol ?? localSymbol ?? `conId:${String(contract.conId)}`;
}
