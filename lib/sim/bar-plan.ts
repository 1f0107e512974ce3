import type { BarSize, Duration } from './bar-sizes.js';
import { lastSessions, sessionsBetween, type SessionCalendar, type TradingSession } from './trading-sessions.js';
import { zonedFields, zonedMidnight, zonedTimeToMs } from './zoned-time.js';

/** Where one bar sits: its label time, the span its values cover, and its trading date for daily and longer bars. */
export interface BarSlot {
  /** The bar's time as reported (its start, or the session open for a bar that starts before it), ms. */
  readonly label: number;
  readonly from: number;
  /** The end of the span covered so far (the request's end for the forming bar), ms. */
  readonly to: number;
  /** `yyyyMMdd` for day / week / month bars (reported as such whatever formatDate is). */
  readonly date: string | undefined;
}

const SECOND_MS = 1000;
const WEEK_MS = 7 * 86_400_000;

/** The start of a request's span: its duration counted back from `end` (D = trading sessions). */
export const spanStart = (cal: SessionCalendar, duration: Duration, end: number): number => {
  switch (duration.unit) {
    case 'S':
      return end - duration.count * SECOND_MS;
    case 'D':
      return lastSessions(cal, end, duration.count)[0]?.open ?? end;
    case 'W':
      return end - duration.count * WEEK_MS;
    case 'M':
    case 'Y': {
      const f = zonedFields(end, cal.zone);
      const months = duration.unit === 'M' ? duration.count : 0;
      const years = duration.unit === 'Y' ? duration.count : 0;
      return zonedTimeToMs(cal.zone, f.year - years, f.month - months, f.day, f.hour, f.minute, f.second);
    }
  }
};

/** Intraday bars of one session, aligned to multiples of the bar length from local midnight. */
const intradaySlots = (session: TradingSession, barMs: number, start: number, end: number, zone: string): BarSlot[] => {
  const slots: BarSlot[] = [];
  const first = Math.max(session.open, start);
  const stop = Math.min(session.close, end);
  const midnight = zonedMidnight(first, zone);
  let b = midnight + Math.floor((first - midnight) / barMs) * barMs;
  for (; b < stop; b += barMs) {
    const from = Math.max(b, session.open);
    slots.push({ label: from, from, to: Math.min(b + barMs, stop), date: undefined });
  }
  return slots;
};

const daySlot = (s: TradingSession, end: number): BarSlot => ({ label: s.open, from: s.open, to: Math.min(s.close, end), date: s.date });

/** Monday's date of the week a `yyyyMMdd` falls in (the grouping key of weekly bars). */
const weekKey = (date: string): number => {
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)));
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return day - weekday * 86_400_000;
};

/** Day bars grouped into weeks or months: labelled with the first trading date of the group. */
const groupSlots = (days: readonly BarSlot[], key: (date: string) => string | number): BarSlot[] => {
  const groups: BarSlot[] = [];
  let currentKey: string | number | undefined;
  for (const d of days) {
    const k = key(d.date ?? '');
    const last = groups[groups.length - 1];
    if (last && k === currentKey) groups[groups.length - 1] = { ...last, to: d.to };
    else groups.push(d);
    currentKey = k;
  }
  return groups;
};

/**
 * The bars a request covers, oldest first: intraday bars inside the sessions (the first bar may
 * start before the span, the last one is the forming bar ending at `end`); one bar per session for
 * `1 day`; weeks (Monday to Friday) and calendar months of sessions. Bars ending before `head`
 * (the earliest data) are dropped.
 */
export const planBars = (cal: SessionCalendar, barSize: BarSize, duration: Duration, end: number, head: number): BarSlot[] => {
  const start = Math.max(spanStart(cal, duration, end), head);
  const sessions = sessionsBetween(cal, start, end);
  let slots: BarSlot[];
  if (barSize.unit === 'intraday') {
    slots = sessions.flatMap((s) => intradaySlots(s, barSize.seconds * SECOND_MS, start, end, cal.zone));
  } else {
    const days = sessions.filter((s) => s.open < end).map((s) => daySlot(s, end));
    slots = barSize.unit === 'day' ? days : groupSlots(days, barSize.unit === 'week' ? weekKey : (date) => date.slice(0, 6));
  }
  return slots.filter((slot) => slot.to > head && slot.to > slot.from);
};
