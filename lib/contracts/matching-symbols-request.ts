import type { ContractDescription } from '@stoqey/ib';
import { map, type Observable } from 'rxjs';
import { oneShotRequest$, type OneShotContext } from './one-shot-request.js';
import type { SpacingGate } from './spacing-gate.js';
import { toSymbolMatch, type SymbolMatch } from './symbol-match.js';

/**
 * The symbols TWS matches to `pattern` (`reqMatchingSymbols` → one `symbolSamples`), typed: a cold
 * Observable that emits the list once (in TWS's order), then completes. Every request passes
 * `gate` (IB allows about one per second). Errors like {@link oneShotRequest$}.
 *
 * ```text
 * events   ----s|        s: symbolSamples
 * output   ----(L|)      L: [match, …]
 * ```
 */
export function matchingSymbols$(pattern: string, context: OneShotContext, gate: SpacingGate): Observable<readonly SymbolMatch[]> {
  return oneShotRequest$<ContractDescription>(
    {
      request: 'reqMatchingSymbols',
      subject: JSON.stringify(pattern),
      send: (api, reqId) => api.reqMatchingSymbols(reqId, pattern),
      read: (event) => (event.type === 'symbolSamples' ? { rows: event.descriptions, end: true } : undefined),
      gate,
    },
    context,
  ).pipe(map((rows) => rows.flatMap((row) => toSymbolMatch(row) ?? [])));
}
