import { map, type Observable } from 'rxjs';
import { contractLabel } from '../requests/contract-key.js';
import { toContractDetails, type ContractDetails } from './contract-details.js';
import type { Contract } from './contract-types.js';
import { oneShotRequest$, type OneShotContext } from './one-shot-request.js';

/**
 * Every contract TWS matches to `contract` (`reqContractDetails`: each `contractDetails` until
 * `contractDetailsEnd`), typed: a cold Observable that emits the whole list once, then completes.
 * Errors like {@link oneShotRequest$} (200 → `SymbolNotFoundError`, `RequestTimeoutError`, …).
 *
 * ```text
 * events   --d1--d2--e|      d: contractDetails, e: contractDetailsEnd
 * output   ----------(L|)    L: [details 1, details 2]
 * ```
 */
export function contractDetails$(contract: Contract, context: OneShotContext): Observable<readonly ContractDetails[]> {
  return oneShotRequest$(
    {
      request: 'reqContractDetails',
      subject: contractLabel(contract),
      send: (api, reqId) => api.reqContractDetails(reqId, contract),
      read: (event) => {
        if (event.type === 'contractDetails') return { rows: [event.details], end: false };
        if (event.type === 'contractDetailsEnd') return { rows: [], end: true };
        return undefined;
      },
    },
    context,
  ).pipe(map((rows) => rows.map(toContractDetails)));
}
