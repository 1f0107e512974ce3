import { InvalidArgumentError } from 'commander';
import type { Contract } from '../contracts/contract-types.js';
import { InvalidInputError } from '../errors.js';
import { normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { parseSymbol } from './symbol-argument.js';

/** The contract fields a JSON argument may carry, with their JSON types. */
const FIELDS: Readonly<Record<string, 'string' | 'number' | 'boolean'>> = {
  conId: 'number', symbol: 'string', secType: 'string', lastTradeDateOrContractMonth: 'string', strike: 'number', right: 'string',
  multiplier: 'number', exchange: 'string', primaryExch: 'string', currency: 'string', localSymbol: 'string', tradingClass: 'string',
  includeExpired: 'boolean',
};

/**
 * Parses `ib-rx contract`'s argument: a US stock symbol (`AAPL`) or a contract as JSON
 * (`{"symbol":"EUR","secType":"CASH","exchange":"IDEALPRO","currency":"USD"}`), checked like a
 * contract given to the session. Anything else throws commander's InvalidArgumentError (one line, exit 2).
 */
export function parseContractArgument(value: string): SymbolOrContract {
  const text = value.trim();
  if (!text.startsWith('{')) return parseSymbol(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidArgumentError('not valid JSON (give a symbol such as AAPL, or a contract such as {"symbol":"ES","secType":"FUT","exchange":"CME"}).');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidArgumentError('a contract must be a JSON object.');
  for (const [key, field] of Object.entries(parsed)) {
    const type = FIELDS[key];
    if (type === undefined) throw new InvalidArgumentError(`unknown contract field "${key}" (known: ${Object.keys(FIELDS).join(', ')}).`);
    if (typeof field !== type) throw new InvalidArgumentError(`contract field "${key}" must be a ${type}.`);
  }
  const contract = parsed as Contract;
  try {
    normalizeContract(contract);
  } catch (error: unknown) {
    if (error instanceof InvalidInputError) throw new InvalidArgumentError(`${error.message}.`);
    throw error;
  }
  return contract;
}
