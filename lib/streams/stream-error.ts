import type { IbEventOf } from '../connection/ib-event.js';
import { IbApiError, ibApiErrorFromCode } from '../errors.js';
import { log } from '../log.js';

/**
 * What an error event of a streaming request means: the typed `IbApiError` of a request-fatal
 * code (200 → `SymbolNotFoundError`, 101 → `MarketDataLinesError`, 10190 → `StreamLimitError` …),
 * else `undefined` — advisory codes are logged, pacing and entitlement warnings reported.
 */
export function streamError(event: IbEventOf<'error'>, symbol: string, report: (error: IbApiError) => void): IbApiError | undefined {
  const { code, message, reqId, info } = event;
  const details = { reqId, symbol };
  if (info.action === 'fail-request' || info.action === 'fallback-delayed') return ibApiErrorFromCode(code, message, details);
  log.requests('reqId %d %s: IB %d %s (the stream goes on)', reqId, symbol, code, message);
  if (info.kind === 'pacing' || info.kind === 'entitlement') report(new IbApiError(code, message, details));
  return undefined;
}
