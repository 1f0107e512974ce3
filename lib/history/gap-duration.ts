import type { BarSizeInfo } from './bar-size.js';
import { describeSeconds, type Duration } from './duration.js';

const SECOND_MS = 1000;
const DAY_S = 86_400;
const YEAR_DAYS = 365;
/** IB's shortest useful duration. */
const MIN_SECONDS = 30;

/**
 * The duration to re-request after an outage so that the answer covers `spanMs` back from now (the
 * span from the last closed bar's start to now), rounded up to a duration IB accepts for the bar
 * size:
 * - intraday bars: whole seconds (at least 30 S and two bars) up to 86 400 S, then whole days plus
 *   one (`D` counts trading days, so a weekend in the gap is covered); never more than IB's limit
 *   for the bar size (`1800 S` for 1 secs … `1 M` for 30 mins–8 hours): an outage longer than that
 *   leaves older bars out;
 * - daily and longer bars: whole days plus one, as years beyond 365 days.
 *
 * @example
 * gapDuration(barSizeInfo('5 secs'), 95_500) // '96 S'
 * gapDuration(barSizeInfo('1 min'), 3 * 86_400_000) // '1 D' (IB's limit for 1 min bars)
 */
export function gapDuration(barSize: BarSizeInfo, spanMs: number): Duration {
  const seconds = Math.max(Math.ceil(Math.max(0, spanMs) / SECOND_MS), MIN_SECONDS, barSize.unit === 'intraday' ? 2 * barSize.seconds : 0);
  if (barSize.unit !== 'intraday') {
    const days = Math.ceil(seconds / DAY_S) + 1;
    return days <= YEAR_DAYS ? `${days} D` : `${Math.ceil(days / YEAR_DAYS)} Y`;
  }
  if (seconds > barSize.maxDurationSeconds) return describeSeconds(barSize.maxDurationSeconds);
  if (seconds <= DAY_S) return `${seconds} S`;
  const days = Math.ceil(seconds / DAY_S) + 1;
  return days * DAY_S <= barSize.maxDurationSeconds ? `${days} D` : describeSeconds(barSize.maxDurationSeconds);
}
