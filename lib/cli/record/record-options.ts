import { InvalidArgumentError } from 'commander';
import { REAL_TIME_BARS_WHAT_TO_SHOW, type RealTimeBarsWhatToShow } from '../../streams/real-time-bars/real-time-bars-options.js';
import { TICK_BY_TICK_TYPES, type TickByTickType } from '../../streams/tick-by-tick/tick-by-tick.js';
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

/** Parses `--bars5s`'s value (TRADES, MIDPOINT, BID or ASK; any case) or throws InvalidArgumentError. */
export function barsWhatToShow(value: string): RealTimeBarsWhatToShow {
  const upper = value.trim().toUpperCase();
  const found = REAL_TIME_BARS_WHAT_TO_SHOW.find((what) => what === upper);
  if (found === undefined) throw new InvalidArgumentError(`expected one of ${REAL_TIME_BARS_WHAT_TO_SHOW.join(', ')}.`);
  return found;
}

/** Parses `--tbt`'s comma-separated types (Last, AllLast, BidAsk, MidPoint; any case; repeats ignored) or throws InvalidArgumentError. */
export function tickByTickTypes(value: string): readonly TickByTickType[] {
  const types = value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  const found = types.map((part) => TICK_BY_TICK_TYPES.find((type) => type.toLowerCase() === part.toLowerCase()));
  const bad = types.find((_, i) => found[i] === undefined);
  if (types.length === 0 || bad !== undefined) {
    throw new InvalidArgumentError(`${bad === undefined ? 'no type given' : `unknown type ${JSON.stringify(bad)}`}: expected ${TICK_BY_TICK_TYPES.join(', ')} (comma-separated).`);
  }
  return [...new Set(found.filter((type): type is TickByTickType => type !== undefined))];
}
