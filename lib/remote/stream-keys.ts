import type { DataType } from '../config/index.js';
import type { Contract } from '../contracts/contract-types.js';
import type { BarsOptions } from '../history/historical-options.js';
import { contractKey, normalizeContract, type SymbolOrContract } from '../requests/contract-key.js';
import { genericTickList } from '../requests/generic-ticks.js';
import { marketDataKey } from '../session/market-data-streams.js';
import { checkDepthOptions, type DepthOptions } from '../streams/depth/depth-options.js';
import { realTimeBarsQuery, type RealTimeBarsOptions } from '../streams/real-time-bars/real-time-bars-options.js';
import { checkTickByTickContract, checkTickByTickType, type TickByTickType } from '../streams/tick-by-tick/tick-by-tick.js';
import type { JoinTarget } from './protocol.js';
import { RemoteProtocolError } from './remote-errors.js';
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

/**
 * A `depth$` request as a join target, keyed like the session's depth books (contract, rows,
 * smart). Checks the options as `IbSession.depth$` does (`InvalidInputError`, `UnknownOptionError`,
 * `InvalidContractError`), before anything is sent.
 */
export function depthRequest(input: SymbolOrContract, options: DepthOptions | undefined): StreamRequest & { readonly rows: number; readonly smart: boolean } {
  const contract = normalizeContract(input);
  const { rows, smart } = checkDepthOptions(options, contract);
  const key = `depth:${contractKey(contract)}|rows=${String(rows)}|smart=${String(smart)}`;
  return { target: { kind: 'depth', contract, rows, smart }, key, id: streamId('depth', key), rows, smart };
}

/** A `tickByTick$` request as a join target; checks `type` and the contract as `IbSession.tickByTick$` does. */
export function tickByTickRequest(input: SymbolOrContract, type: TickByTickType): StreamRequest {
  const checked = checkTickByTickType(type);
  const contract = normalizeContract(input);
  checkTickByTickContract(contract);
  const key = `tbt:${contractKey(contract)}|${checked}`;
  return { target: { kind: 'tbt', contract, type: checked }, key, id: streamId('tbt', key) };
}

/** A `realTimeBars$` request as a join target; checks the options as `IbSession.realTimeBars$` does. */
export function realTimeBarsRequest(input: SymbolOrContract, options: RealTimeBarsOptions | undefined): StreamRequest {
  const { whatToShow, useRTH } = realTimeBarsQuery(options);
  const contract = normalizeContract(input);
  const key = `rtb:${contractKey(contract)}|${whatToShow}|rth=${String(useRTH)}`;
  return { target: { kind: 'rtb', contract, whatToShow, useRTH }, key, id: streamId('rtb', key) };
}

/** The request a join names, as the server computes it (to check the consumer's stream id and to subscribe its session). */
export function joinRequest(target: JoinTarget, sessionDataType: DataType): StreamRequest {
  switch (target.kind) {
    case 'md':
      return marketDataRequest(target.contract, { dataType: target.dataType, genericTicks: target.genericTicks }, sessionDataType);
    case 'bars':
      return barsRequest(target.contract, target.options);
    case 'depth':
      return depthRequest(target.contract, { rows: target.rows, smart: target.smart });
    case 'tbt':
      return tickByTickRequest(target.contract, target.type);
    case 'rtb':
      return realTimeBarsRequest(target.contract, { whatToShow: target.whatToShow, useRTH: target.useRTH });
  }
  // A consumer of another ib-rx: a kind this one does not serve.
  throw new RemoteProtocolError('join', `unknown stream kind ${JSON.stringify((target as { readonly kind?: unknown }).kind)}`);
}
