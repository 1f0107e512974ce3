import type { IbEventOf } from '../connection/ib-event.js';
import { HistoricalDataError, ibApiErrorFromCode, type IbApiError } from '../errors.js';

/**
 * The TWS codes of historical data requests, by name (lib/ib-codes.ts classifies them as unknown
 * request-fatal codes; these names say what they are).
 */
export const HistoricalCode = {
  /** HMDS errors: no data, duration too long, pacing violation, query cancelled … (the text says which). */
  HISTORICAL_DATA_ERROR: 162,
  /** Request validation failed (bad bar size, duration, whatToShow; end date with keepUpToDate). */
  VALIDATION_ERROR: 321,
  /** No historical query with that id (a cancel of an unknown or finished request). */
  NO_HISTORICAL_QUERY: 366,
  /** The end date / time is invalid. */
  INVALID_END_DATE_TIME: 10314,
} as const;

const HISTORICAL_CODES: ReadonlySet<number> = new Set(Object.values(HistoricalCode));

/** IB's words for a historical pacing violation in a 162 text. */
const PACING = /pacing violation/i;

/** A 162 that says "pacing violation": back off and ask again. */
export function isPacingViolation(error: unknown): error is HistoricalDataError {
  return error instanceof HistoricalDataError && error.code === HistoricalCode.HISTORICAL_DATA_ERROR && PACING.test(error.ibMessage);
}

/**
 * The error a TWS error event means for a historical request, or `undefined` when the request goes
 * on (advisory codes such as 2174, status, pacing warnings 100): the historical codes above →
 * `HistoricalDataError`; other request-fatal codes → their `IbApiError` (200 → `SymbolNotFoundError`).
 */
export function historicalError(event: IbEventOf<'error'>, symbol: string): IbApiError | undefined {
  const { code, message, reqId, info } = event;
  if (HISTORICAL_CODES.has(code)) return new HistoricalDataError(code, message, { reqId, symbol });
  if (info.action === 'fail-request') return ibApiErrorFromCode(code, message, { reqId, symbol });
  return undefined;
}
