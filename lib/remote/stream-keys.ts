import type { DataType } from '../config/index.js';
import type { Contract } from '../contracts/contract-types.js';
import type { BarsOptions } from '../history/historical-options.js';
import { contractKey, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { genericTickList } from '../requests/generic-ticks.js';
import { marketDataKey } from '../session/market-data-streams.js';
import type { JoinTarget } from './protocol.js';
import { streamId } from './wire.js';

/** A stream a consumer can join: what it sends, its sharing key (the session's), its id and its label. */
export interface StreamRequest {
  readonly target: JoinTarget;
  readonly key: string;
  readonly id: string;
}

/**
 * A `marketData$` / `ticks$` request as a join target, keyed like the server's session keys it
 * (`sessionDataType`: the server's `market_data.data_type`). Throws `InvalidContractError` /
 * `InvalidInputError` for bad input, before anything is sent.
 */
export function marketDataRequest(
  input: SymbolOrContract,
  options: { readonly dataType?: DataType | undefined; readonly genericTicks?: readonly number[] | undefined },
  sessionDataType: DataType,
): StreamRequest {
  const contract = normalizeContract(input);
  const ticks = genericTickList(options.genericTicks);
  const dataType = options.dataType ?? sessionDataType;
  const key = marketDataKey(contract, { dataType, sessionDataType, genericTicks: ticks });
  const target: JoinTarget = {
    kind: 'md',
    contract,
    ...(dataType !== sessionDataType && { dataType }),
    ...(options.genericTicks !== undefined && ticks !== '' && { genericTicks: ticks.split(',').map(Number) }),
  };
  return { target, key, id: streamId('md', key) };
}

/** A `bars$` request as a join target (the options are checked by the server's session). */
export function barsRequest(input: SymbolOrContract, options: BarsOptions): StreamRequest {
  const contract: Contract = normalizeContract(input);
  const key = `${contractKey(contract)};bars=${options.barSize};${options.duration};${options.whatToShow ?? 'TRADES'};${options.useRTH === true ? 'rth' : 'all'};${options.history ?? ''}`;
  return { target: { kind: 'bars', contract, options }, key, id: streamId('bars', key) };
}
