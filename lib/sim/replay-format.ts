import { isTickField, type TickField } from './tick-ids.js';

/** The field names a replay record may carry (prices, then sizes). */
export type ReplayField = TickField;

/**
 * One recorded tick: one line of an NDJSON replay file (`ib-rx record` writes it, `ib-rx sim
 * --replay` plays it back).
 *
 * ```text
 * {"t":1760000000123,"symbol":"AAPL","field":"bid","value":189.5,"delayed":false}
 * {"t":1760000000125,"symbol":"AAPL","field":"bidSize","value":3}
 * ```
 * - `t`: epoch milliseconds when the tick was received; lines are in `t` order.
 * - `symbol`: the contract's symbol (a US stock for the simulator).
 * - `field`: one of bid, ask, last, high, low, close, open (prices) or bidSize, askSize, lastSize,
 *   volume (sizes, in TWS's units).
 * - `value`: a finite number.
 * - `delayed` (optional): the tick came with a delayed tick id. Informational; on replay the
 *   simulator uses live or delayed ids according to the subscriber's market data type.
 * Empty lines are ignored; other keys are allowed and ignored.
 */
export interface ReplayRecord {
  readonly t: number;
  readonly symbol: string;
  readonly field: ReplayField;
  readonly value: number;
  readonly delayed?: boolean;
}

/** A replay line that is not a valid ReplayRecord. */
export class ReplayFormatError extends Error {
  override readonly name = 'ReplayFormatError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`replay line ${line}: ${reason}`);
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Parses one NDJSON line. Returns undefined for a blank line; throws ReplayFormatError (with the
 * 1-based `lineNumber`) for bad JSON, a missing key, a wrong type or an unknown field name.
 */
export const parseReplayLine = (text: string, lineNumber = 1): ReplayRecord | undefined => {
  if (text.trim() === '') return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ReplayFormatError(lineNumber, 'not JSON');
  }
  if (!isObject(raw)) throw new ReplayFormatError(lineNumber, 'not a JSON object');
  const { t, symbol, field, value, delayed } = raw;
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new ReplayFormatError(lineNumber, '"t" must be epoch ms');
  if (typeof symbol !== 'string' || symbol === '') throw new ReplayFormatError(lineNumber, '"symbol" must be a string');
  if (typeof field !== 'string' || !isTickField(field)) throw new ReplayFormatError(lineNumber, `unknown "field" ${JSON.stringify(field)}`);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ReplayFormatError(lineNumber, '"value" must be a number');
  if (delayed !== undefined && typeof delayed !== 'boolean') throw new ReplayFormatError(lineNumber, '"delayed" must be a boolean');
  return delayed === undefined ? { t, symbol, field, value } : { t, symbol, field, value, delayed };
};

/** One NDJSON line (without the newline) for a record: what `ib-rx record` writes. */
export const formatReplayRecord = (record: ReplayRecord): string => JSON.stringify(record);
