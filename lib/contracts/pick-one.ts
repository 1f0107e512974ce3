import { AmbiguousContractError, SymbolNotFoundError, type ContractCandidate } from '../errors.js';
import type { ContractDetails } from './contract-details.js';
import type { Contract } from './contract-types.js';

/** Fields that tell candidates apart, in the order a hint suggests them: the contract field to pass, and how to read it. */
const DISAMBIGUATORS: readonly { readonly field: keyof Contract; readonly of: (c: ContractCandidate) => string | number | undefined }[] = [
  { field: 'primaryExch', of: (c) => c.primaryExchange },
  { field: 'currency', of: (c) => c.currency },
  { field: 'lastTradeDateOrContractMonth', of: (c) => c.expiry },
  { field: 'strike', of: (c) => c.strike },
  { field: 'right', of: (c) => c.right },
  { field: 'multiplier', of: (c) => c.multiplier },
  { field: 'tradingClass', of: (c) => c.tradingClass },
  { field: 'exchange', of: (c) => c.exchange },
];

/** Values listed in a hint before "…". */
const MAX_LISTED = 4;

/** A candidate of an ambiguous answer, from its details. */
export function toCandidate(d: ContractDetails): ContractCandidate {
  return {
    conId: d.conId, symbol: d.symbol, secType: d.secType, exchange: d.exchange, primaryExchange: d.primaryExchange, currency: d.currency,
    localSymbol: d.localSymbol, tradingClass: d.tradingClass, longName: d.longName, expiry: d.expiry, strike: d.strike, right: d.right,
    multiplier: d.multiplier,
  };
}

/**
 * How to pick one of `candidates`: the first field whose values differ, with those values
 * (`pass primaryExch: 'NASDAQ' or 'NYSE' (or a conId)`).
 */
export function disambiguationHint(candidates: readonly ContractCandidate[]): string {
  for (const { field, of } of DISAMBIGUATORS) {
    const values = [...new Set(candidates.map(of))];
    if (values.length < 2) continue;
    const shown = values.filter((v) => v !== undefined).map((v) => (typeof v === 'number' ? String(v) : `'${v}'`));
    const listed = shown.length > MAX_LISTED ? `${shown.slice(0, MAX_LISTED).join(', ')} …` : shown.join(' or ');
    return `pass ${field}: ${listed} (or a conId) to choose one`;
  }
  return `pass a conId (${candidates.slice(0, MAX_LISTED).map((c) => c.conId).join(', ')}) to choose one`;
}

/**
 * The one contract of a `qualify` answer: the only match (several rows with one conId are one
 * match) → its full contract; none → `SymbolNotFoundError`; several → `AmbiguousContractError`
 * listing them, with a hint.
 */
export function pickOne(subject: string, details: readonly ContractDetails[]): Contract {
  const byConId = new Map(details.map((d) => [d.conId, d]));
  const [first, ...others] = byConId.values();
  if (first === undefined) throw new SymbolNotFoundError(`no contract matches ${subject}`, { symbol: subject });
  if (others.length === 0) return first.contract;
  const candidates = [first, ...others].map(toCandidate);
  throw new AmbiguousContractError({ subject, candidates, hint: disambiguationHint(candidates) });
}
