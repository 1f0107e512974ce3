import { SecType } from '@stoqey/ib';
import { map, type Observable } from 'rxjs';
import type { SecDefOptParamsEvent } from '../connection/ib-event.js';
import type { Contract } from './contract-types.js';
import { oneShotRequest$, type OneShotContext } from './one-shot-request.js';
import { sortChains, toOptionChain, type OptionChain } from './option-chain.js';

/** The underlying of an option chain request: a qualified contract (its conId is required). */
export type OptionUnderlying = Contract & { readonly conId: number; readonly symbol: string; readonly secType: SecType };

/**
 * The option chains of a qualified underlying (`reqSecDefOptParams` on its conId: every
 * `securityDefinitionOptionParameter` until the end), one per exchange and trading class, sorted
 * by exchange then trading class, expirations and strikes ascending. `[]` when it has no options.
 * A cold Observable that emits once, then completes; errors like {@link oneShotRequest$}.
 *
 * ```text
 * events   --p1--p2--e|      p: one exchange's chain, e: end
 * output   ----------(L|)
 * ```
 */
export function optionParams$(underlying: OptionUnderlying, context: OneShotContext): Observable<readonly OptionChain[]> {
  // Futures options are listed per exchange; for stocks and indices TWS wants an empty one.
  const futFopExchange = underlying.secType === SecType.FUT ? (underlying.exchange ?? '') : '';
  return oneShotRequest$<SecDefOptParamsEvent>(
    {
      request: 'reqSecDefOptParams',
      subject: underlying.symbol,
      send: (api, reqId) => api.reqSecDefOptParams(reqId, underlying.symbol, futFopExchange, underlying.secType, underlying.conId),
      read: (event) => {
        if (event.type === 'securityDefinitionOptionParameter') return { rows: [event], end: false };
        if (event.type === 'securityDefinitionOptionParameterEnd') return { rows: [], end: true };
        return undefined;
      },
    },
    context,
  ).pipe(map((rows) => sortChains(rows.map(toOptionChain))));
}
