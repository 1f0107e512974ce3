import { didYouMean } from '../../config/known-keys.js';
import type { Contract } from '@stoqey/ib';
import { InvalidContractError, InvalidInputError } from '../../errors.js';

/** The four kinds of tick-by-tick data (`reqTickByTickData`'s tickType, case as IB spells it). */
export type TickByTickType = 'Last' | 'AllLast' | 'BidAsk' | 'MidPoint';

/** Every {@link TickByTickType}. */
export const TICK_BY_TICK_TYPES: readonly TickByTickType[] = ['Last', 'AllLast', 'BidAsk', 'MidPoint'];

/**
 * One trade, as TWS's Time & Sales shows it: `Last` (trades reported to the tape) or `AllLast`
 * (also combos, derivatives, average-price trades …).
 */
export interface TickByTickTrade {
  readonly type: 'Last' | 'AllLast';
  /** Epoch ms (TWS sends whole seconds). */
  readonly time: number;
  readonly price: number;
  /** In TWS's units (not rescaled). */
  readonly size: number;
  /** Where it traded (`NASDAQ`, `ARCA` …; may be empty). */
  readonly exchange: string;
  /** The trade's condition codes as TWS sends them (space-separated; may be empty). */
  readonly specialConditions: string;
  /** The trade was outside the limit (tick attribute "past limit"). */
  readonly pastLimit: boolean;
  /** Not reported to the tape (tick attribute "unreported"). */
  readonly unreported: boolean;
}

/** One quote update: the best bid and ask with their sizes. */
export interface TickByTickBidAsk {
  readonly type: 'BidAsk';
  /** Epoch ms (TWS sends whole seconds). */
  readonly time: number;
  readonly bidPrice: number;
  readonly askPrice: number;
  readonly bidSize: number;
  readonly askSize: number;
  /** The bid is below the day's low (tick attribute). */
  readonly bidPastLow: boolean;
  /** The ask is above the day's high (tick attribute). */
  readonly askPastHigh: boolean;
}

/** One midpoint change. */
export interface TickByTickMidPoint {
  readonly type: 'MidPoint';
  /** Epoch ms (TWS sends whole seconds). */
  readonly time: number;
  readonly midPoint: number;
}

/** What `IbSession.tickByTick$` emits: a union discriminated on `type` (`'Last'` and `'AllLast'` share {@link TickByTickTrade}). */
export type TickByTick = TickByTickTrade | TickByTickBidAsk | TickByTickMidPoint;

/** Which {@link TickByTick} member each type gives. */
interface TickByTickByType {
  readonly Last: TickByTickTrade;
  readonly AllLast: TickByTickTrade;
  readonly BidAsk: TickByTickBidAsk;
  readonly MidPoint: TickByTickMidPoint;
}

/** The {@link TickByTick} member of one type, e.g. `TickByTickOf<'BidAsk'>` = {@link TickByTickBidAsk}. */
export type TickByTickOf<T extends TickByTickType> = TickByTickByType[T];

/**
 * `type` as a {@link TickByTickType}: IB's names, spelt exactly (`'last'` is refused, as TWS would
 * refuse it). Anything else is an `InvalidInputError` naming `type`, with the name it is close to
 * (`did you mean "Last"?`).
 */
export function checkTickByTickType(type: unknown): TickByTickType {
  const found = TICK_BY_TICK_TYPES.find((known) => known === type);
  if (found !== undefined) return found;
  throw new InvalidInputError({ field: 'type', value: type, expected: `one of ${TICK_BY_TICK_TYPES.join(', ')}, spelt as IB spells them${didYouMean(type, TICK_BY_TICK_TYPES)}` });
}

/** Security types without real-time tick-by-tick data: IB has none for options and combos. */
const NO_TICK_BY_TICK: ReadonlySet<string> = new Set<string>(['OPT', 'FOP', 'BAG']);

/** Throws `InvalidContractError` (field `secType`) for a contract IB has no tick-by-tick data for (options, combos). */
export function checkTickByTickContract(contract: Contract): void {
  if (contract.secType !== undefined && NO_TICK_BY_TICK.has(contract.secType)) {
    throw new InvalidContractError({ field: 'secType', value: contract.secType, expected: 'a contract with tick-by-tick data (IB has none for options and combos)' });
  }
}
