import { SecType } from '@stoqey/ib';
import type { Contract } from '@stoqey/ib';

/** What `marketData$`, `ticks$` and `snapshot` accept: a US stock symbol or any IB contract. */
export type SymbolOrContract = string | Contract;

/** The fields that identify a market-data request, in the fixed order the key is built from. */
const KEY_FIELDS = [
  'conId', 'symbol', 'secType', 'lastTradeDateOrContractMonth', 'strike', 'right', 'multiplier',
  'exchange', 'primaryExch', 'currency', 'localSymbol', 'tradingClass',
] as const satisfies readonly (keyof Contract)[];


/**
 * Normalises a symbol or contract to the contract sent with `reqMktData`.
 * A string is a US stock: `'aapl'` → `{ symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' }`.
 * A contract keeps its fields; empty strings, `strike: 0` and undefined are dropped; symbol,
 * exchange and currency are upper-cased; a contract without `conId` gets `secType` STK, `exchange`
 * SMART and `currency` USD where they are missing.
 */
export function normalizeContract(input: SymbolOrContract): Contract {
  const source: Contract = typeof input === 'string' ? { symbol: input } : input;
  const defaults = source.conId === undefined;
  const secType = source.secType ?? (defaults ? SecType.STK : undefined);
  const exchange = upper(source.exchange) ?? (defaults ? 'SMART' : undefined);
  const currency = upper(source.currency) ?? (defaults ? 'USD' : undefined);
  const symbol = upper(source.symbol);
  return {
    ...(source.conId !== undefined && { conId: source.conId }),
    ...(symbol !== undefined && { symbol }),
    ...(secType !== undefined && { secType }),
    ...(nonEmpty(source.lastTradeDateOrContractMonth) && { lastTradeDateOrContractMonth: source.lastTradeDateOrContractMonth }),
    ...(source.strike !== undefined && source.strike !== 0 && { strike: source.strike }),
    ...(source.right !== undefined && { right: source.right }),
    ...(source.multiplier !== undefined && { multiplier: source.multiplier }),
    ...(exchange !== undefined && { exchange }),
    ...(nonEmpty(source.primaryExch) && { primaryExch: source.primaryExch }),
    ...(currency !== undefined && { currency }),
    ...(nonEmpty(source.localSymbol) && { localSymbol: source.localSymbol }),
    ...(nonEmpty(source.tradingClass) && { tradingClass: source.tradingClass }),
  };
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
 * order (`'AAPL'` ≡ `{ currency: 'USD', symbol: 'AAPL', exchange: 'SMART', secType: 'STK' }`).
 */
export function contractKey(input: SymbolOrContract): string {
  const contract = normalizeContract(input);
  return KEY_FIELDS.flatMap((field) => {
    const value = contract[field];
    return value === undefined ? [] : [`${field}=${String(value)}`];
  }).join(';');
}

/** A short human name for a contract: its symbol, else its local symbol, else `conId:N`. */
export function contractLabel(contract: Contract): string {
  return contract.symbol ?? contract.localSymbol ?? `conId:${String(contract.conId)}`;
}
