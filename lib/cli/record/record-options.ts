import { InvalidArgumentError } from 'commander';
import { didYouMean } from '../../config/known-keys.js';
import { REAL_TIME_BARS_WHAT_TO_SHOW, type RealTimeBarsWhatToShow } from '../../streams/real-time-bars/real-time-bars-options.js';
import { TICK_BY_TICK_TYPES, type TickByTickType } from '../../streams/tick-by-tick/tick-by-tick.js';
import { commaList } from '../comma-list.js';
import type { CommonOptions } from '../common-options.js';

/** Options of `ib-rx record`. */
export interface RecordOptions extends CommonOptions {
  readonly out: string;
  readonly duration?: number;
  /** `--bars5s [WHAT]`: also record 5-second bars (`true`: TRADES). */
  readonly bars5s?: RealTimeBarsWhatToShow | true;
  /** `--tbt TYPE[,TYPE…]`: also record tick-by-tick data of these types. */
  readonly tbt?: readonly TickByTickType[];
  /** `--depth [ROWS]`: also record the depth book (`true`: 10 rows per side). */
  readonly depth?: number | true;
}

/** `unknown type "lst" (did you mean "Last"?)`: a value that is not one of IB's names, with the one it is close to. */
const unknownName = (what: string, value: string, names: readonly string[]): string => `unknown ${what} ${JSON.stringify(value)}${didYouMean(value, names)}`;

/**
 * Parses `--bars5s`'s value: TRADES, MIDPOINT, BID or ASK, spelt as IB (and the API) spell them;
 * anything else (`midpoint` too) is commander's InvalidArgumentError with the name it is close to.
 */
export function barsWhatToShow(value: string): RealTimeBarsWhatToShow {
  const found = REAL_TIME_BARS_WHAT_TO_SHOW.find((what) => what === value.trim());
  if (found === undefined) throw new InvalidArgumentError(`${unknownName('whatToShow', value.trim(), REAL_TIME_BARS_WHAT_TO_SHOW)}: expected one of ${REAL_TIME_BARS_WHAT_TO_SHOW.join(', ')} (IB's names, case as shown).`);
  return found;
}

/**
 * Parses `--tbt`'s comma-separated types: Last, AllLast, BidAsk, MidPoint, spelt as IB (and
 * `tickByTick$`) spell them; repeats ignored. An empty entry or another name (`last` too: "did you
 * mean Last?") is commander's InvalidArgumentError.
 */
export function tickByTickTypes(value: string): readonly TickByTickType[] {
  const types = commaList(value).map((part) => {
    const found = TICK_BY_TICK_TYPES.find((type) => type === part);
    if (found === undefined) throw new InvalidArgumentError(`${unknownName('type', part, TICK_BY_TICK_TYPES)}: expected ${TICK_BY_TICK_TYPES.join(', ')} (IB's names, case as shown; comma-separated).`);
    return found;
  });
  return [...new Set(types)];
}
