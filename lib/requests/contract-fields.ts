import { OptionType, SecType } from '@stoqey/ib';
import { InvalidContractError } from '../errors.js';

/** An option's right: `'C'` call or `'P'` put. */
export type OptionRight = 'C' | 'P';

/** The security types IB knows (every value of `SecType`), by name. */
const SEC_TYPES: ReadonlyMap<string, SecType> = new Map(Object.values(SecType).map((type) => [type as string, type]));

const RIGHTS: Readonly<Record<string, OptionRight>> = { C: 'C', CALL: 'C', P: 'P', PUT: 'P' };

/** `YYYYMM` (a contract month) or `YYYYMMDD` (a last trading day). */
const EXPIRY = /^(\d{4})(0[1-9]|1[0-2])((0[1-9]|[12]\d|3[01]))?$/;

const invalid = (field: string, value: unknown, expected: string): InvalidContractError => new InvalidContractError({ field, value, expected });

/** The secType, checked against IB's list; throws `InvalidContractError` (field `secType`) for anything else. */
export function checkSecType(value: string): SecType {
  const secType = SEC_TYPES.get(value.trim().toUpperCase());
  if (secType === undefined) throw invalid('secType', value, `one of ${[...SEC_TYPES.keys()].join(', ')}`);
  return secType;
}

/** `'C'` / `'P'` for C, P, CALL or PUT (any case); throws `InvalidContractError` (field `right`) otherwise. */
export function parseRight(value: unknown): OptionRight {
  const right = typeof value === 'string' ? RIGHTS[value.trim().toUpperCase()] : undefined;
  if (right === undefined) throw invalid('right', value, "'C' (call) or 'P' (put)");
  return right;
}

/** `@stoqey/ib`'s OptionType for a right. */
export function optionType(right: OptionRight): OptionType {
  return right === 'C' ? OptionType.Call : OptionType.Put;
}

/**
 * A strike: a finite number above 0, or (when `allowUnset`) 0 meaning "any strike" as IB reads it.
 * Throws `InvalidContractError` (field `strike`) otherwise.
 */
export function checkStrike(value: unknown, allowUnset: boolean): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && (value > 0 || (allowUnset && value === 0));
  if (!ok) throw invalid('strike', value, allowUnset ? 'a number ≥ 0 (0: any strike)' : 'a number above 0');
  return value;
}

/**
 * An expiry (`lastTradeDateOrContractMonth`): `YYYYMM` or `YYYYMMDD`. With `nowMs` it must not be
 * in the past (compared with that day / month in UTC). Throws `InvalidContractError` naming `field`.
 */
export function checkExpiry(value: unknown, nowMs?: number, field = 'lastTradeDateOrContractMonth'): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!EXPIRY.test(text)) throw invalid(field, value, 'a date as YYYYMMDD or a contract month as YYYYMM');
  if (nowMs !== undefined && text < utcDay(nowMs).slice(0, text.length)) {
    throw invalid(field, value, `an expiry not in the past (today is ${utcDay(nowMs)})`);
  }
  return text;
}

/** `YYYYMMDD` of a time, in UTC. */
function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');
}
