import { planBars, spanStart, type BarSlot } from './bar-plan.js';
import type { Duration } from './bar-sizes.js';
import type { FeedHistory } from './feed-history.js';
import { barNumbers, canShow } from './historical-bars.js';
import type { BarRow } from './historical-messages.js';
import { IMPLIED_ZONE, type HistoricalQuery } from './historical-query.js';
import { headTimestamp } from './head-timestamps.js';
import { formatBarTime, formatIbDateTime, parseEndDateTime, type BarDateStyle } from './ib-dates.js';
import { sessionCalendar } from './trading-sessions.js';

/** The bars of one answer, with the span's start and end as TWS writes them. */
export interface HistoricalAnswer {
  readonly rows: readonly BarRow[];
  readonly start: string;
  readonly end: string;
  /** The last bar's slot (the forming one when the end is now and the market is open). */
  readonly last: BarSlot | undefined;
}

type BarQuery = Pick<HistoricalQuery, 'contract' | 'barSize' | 'source' | 'useRTH' | 'formatDate'>;

/** One slot as it travels. */
export const barRow = (history: FeedHistory, q: BarQuery, slot: BarSlot, style: BarDateStyle): BarRow => ({
  time: formatBarTime(slot.label, slot.date, q.formatDate, sessionCalendar(q.contract, q.useRTH).zone, style),
  ...barNumbers(history, q.contract, q.source, slot),
});

/**
 * The answer to a checked request at market time `now`: its bars (none after `now`, none before
 * the head timestamp), or undefined when there is no data (the market has no such prices, or no
 * session falls in the span): TWS then answers 162 "HMDS query returned no data".
 */
export const buildHistoricalAnswer = (history: FeedHistory, q: HistoricalQuery, now: number, style: BarDateStyle): HistoricalAnswer | undefined => {
  if (!canShow(history, q.source)) return undefined;
  const end = Math.min(now, parseEndDateTime(q.endDateTime, now, IMPLIED_ZONE)?.ms ?? now);
  const cal = sessionCalendar(q.contract, q.useRTH);
  const slots = planBars(cal, q.barSize, q.duration, end, headTimestamp(q.contract));
  if (slots.length === 0) return undefined;
  return {
    rows: slots.map((slot) => barRow(history, q, slot, style)),
    start: formatIbDateTime(spanStart(cal, q.duration, end), cal.zone, style),
    end: formatIbDateTime(end, cal.zone, style),
    last: slots[slots.length - 1],
  };
};

/** A duration covering the current and the previous bar of a bar size. */
const twoBars = (q: BarQuery): Duration => {
  switch (q.barSize.unit) {
    case 'intraday':
      return { count: 2 * q.barSize.seconds, unit: 'S', seconds: 2 * q.barSize.seconds };
    case 'day':
      return { count: 2, unit: 'D', seconds: 2 * q.barSize.seconds };
    case 'week':
      return { count: 2, unit: 'W', seconds: 2 * q.barSize.seconds };
    case 'month':
      return { count: 2, unit: 'M', seconds: 2 * q.barSize.seconds };
  }
};

/** The bar forming at `now` (undefined outside the sessions) and the one before it. */
export const formingSlots = (q: BarQuery, now: number): { readonly current: BarSlot | undefined; readonly previous: BarSlot | undefined } => {
  const slots = planBars(sessionCalendar(q.contract, q.useRTH), q.barSize, twoBars(q), now, headTimestamp(q.contract));
  const last = slots[slots.length - 1];
  const forming = last && last.to === now ? last : undefined;
  return { current: forming, previous: forming ? slots[slots.length - 2] : last };
};
