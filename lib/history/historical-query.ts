import { didYouMean } from '../config/known-keys.js';
import { InvalidInputError } from '../errors.js';
import { barSizeInfo, type BarSizeInfo } from './bar-size.js';
import { describeSeconds, durationInfo, type DurationInfo } from './duration.js';
import { WHAT_TO_SHOW_LIST, type WhatToShow } from './historical-options.js';
import { formatEndDateTime } from './ib-date-time.js';

/** A checked historical request: what `reqHistoricalData` is sent with. */
export interface HistoricalQuery {
  readonly barSize: BarSizeInfo;
  readonly duration: DurationInfo;
  readonly whatToShow: WhatToShow;
  readonly useRTH: boolean;
  /** `''` (now) or `yyyyMMdd-HH:mm:ss` in UTC. */
  readonly endDateTime: string;
  readonly keepUpToDate: boolean;
}

/** What {@link checkHistoricalQuery} reads (the options of `historicalBars` and `bars$`). */
export interface HistoricalQueryInput {
  readonly barSize: unknown;
  readonly duration: unknown;
  readonly whatToShow?: unknown;
  readonly useRTH?: unknown;
  readonly end?: unknown;
}

/** keepUpToDate needs bars of at least this length, s (IB). */
export const LIVE_BAR_MIN_SECONDS = 5;

/**
 * Checks a historical request before anything is sent, as IB would: the bar size, the duration
 * format, the duration against IB's limit for the bar size, whatToShow, `end` (epoch ms; not with
 * ADJUSTED_LAST, which IB only serves up to now) and, for keepUpToDate, bars of 5 s or more.
 * Throws `InvalidInputError` whose `field` names the culprit (`barSize`, `duration`,
 * `whatToShow`, `useRTH`, `end`).
 */
export function checkHistoricalQuery(input: HistoricalQueryInput, keepUpToDate: boolean): HistoricalQuery {
  const barSize = barSizeInfo(input.barSize);
  const duration = durationInfo(input.duration);
  if (duration.seconds > barSize.maxDurationSeconds) {
    throw new InvalidInputError({
      field: 'duration',
      value: input.duration,
      expected: `at most ${describeSeconds(barSize.maxDurationSeconds)} (${barSize.maxDurationSeconds} S) with ${barSize.barSize} bars (IB's limit)`,
    });
  }
  const whatToShow = input.whatToShow ?? 'TRADES';
  if (!WHAT_TO_SHOW_LIST.includes(whatToShow as WhatToShow)) {
    throw new InvalidInputError({ field: 'whatToShow', value: input.whatToShow, expected: `one of ${WHAT_TO_SHOW_LIST.join(', ')}${didYouMean(whatToShow, WHAT_TO_SHOW_LIST)}` });
  }
  const useRTH = input.useRTH ?? false;
  if (typeof useRTH !== 'boolean') throw new InvalidInputError({ field: 'useRTH', value: useRTH, expected: 'true or false' });
  const { end } = input;
  if (end !== undefined && !(typeof end === 'number' && Number.isFinite(end) && end >= 0)) {
    throw new InvalidInputError({ field: 'end', value: end, expected: 'epoch milliseconds (a finite number ≥ 0)' });
  }
  if (end !== undefined && whatToShow === 'ADJUSTED_LAST') {
    throw new InvalidInputError({ field: 'end', value: end, expected: 'no end with ADJUSTED_LAST (IB serves it up to now only)' });
  }
  if (keepUpToDate && barSize.unit === 'intraday' && barSize.seconds < LIVE_BAR_MIN_SECONDS) {
    throw new InvalidInputError({ field: 'barSize', value: input.barSize, expected: `bars of ${LIVE_BAR_MIN_SECONDS} secs or more (IB keeps only those up to date)` });
  }
  return {
    barSize,
    duration,
    whatToShow: whatToShow as WhatToShow,
    useRTH,
    endDateTime: end === undefined ? '' : formatEndDateTime(end),
    keepUpToDate,
  };
}
