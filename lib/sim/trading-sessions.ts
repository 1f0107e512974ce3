import { SEC_TYPE_PROFILES, type SessionSpec } from './sec-type-profiles.js';
import type { SimContract } from './sim-contract.js';
import { zonedFields, zonedTimeToMs } from './zoned-time.js';

/** One trading day's session: its date (`yyyyMMdd`) and the instants it opens and closes. */
export interface TradingSession {
  readonly date: string;
  readonly open: number;
  readonly close: number;
}

/** Where a contract's sessions live: its time zone and daily hours (regular, or all hours). */
export interface SessionCalendar {
  readonly zone: string;
  readonly spec: SessionSpec;
}

const DAY_MS = 86_400_000;
const SATURDAY = 6;
const SUNDAY = 0;
/** Calendar days scanned past the wanted range, so overnight sessions and weekends are covered. */
const MARGIN_DAYS = 2;

/**
 * The sessions of a contract as its contractDetails list them: liquidHours for regular trading
 * hours (useRTH), tradingHours otherwise, in its timeZoneId; Monday to Friday, no holidays.
 */
export const sessionCalendar = (contract: SimContract, useRTH: boolean): SessionCalendar => {
  const profile = SEC_TYPE_PROFILES[contract.secType];
  return { zone: profile.timeZoneId, spec: useRTH ? profile.liquidHours : profile.tradingHours };
};

const hhmm = (text: string): [number, number] => [Number(text.slice(0, 2)), Number(text.slice(2, 4))];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The session of the trading date y-m-d (undefined on weekends). */
const sessionOf = (cal: SessionCalendar, year: number, month: number, day: number): TradingSession | undefined => {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === SATURDAY || weekday === SUNDAY) return undefined;
  const [oh, om] = hhmm(cal.spec.open);
  const [ch, cm] = hhmm(cal.spec.close);
  const open = zonedTimeToMs(cal.zone, year, month, day - (cal.spec.overnight ? 1 : 0), oh, om);
  const close = zonedTimeToMs(cal.zone, year, month, day, ch, cm);
  return { date: `${year}${pad(month)}${pad(day)}`, open, close };
};

/** Sessions overlapping [from, to), oldest first. */
export const sessionsBetween = (cal: SessionCalendar, from: number, to: number): TradingSession[] => {
  const out: TradingSession[] = [];
  const first = zonedFields(from - MARGIN_DAYS * DAY_MS, cal.zone);
  const days = Math.ceil((to - from) / DAY_MS) + 2 * MARGIN_DAYS;
  for (let i = 0; i <= days; i++) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const s = sessionOf(cal, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (s && s.open < to && s.close > from) out.push(s);
  }
  return out;
};

/** The `count` most recent sessions that opened before `end`, oldest first. */
export const lastSessions = (cal: SessionCalendar, end: number, count: number): TradingSession[] => {
  const out: TradingSession[] = [];
  const last = zonedFields(end + DAY_MS, cal.zone);
  for (let i = 0; out.length < count && i < count * 2 + 2 * MARGIN_DAYS + 7; i++) {
    const date = new Date(Date.UTC(last.year, last.month - 1, last.day - i));
    const s = sessionOf(cal, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (s && s.open < end) out.unshift(s);
  }
  return out;
};

/** The session in force at `t`, if any. */
export const sessionAt = (cal: SessionCalendar, t: number): TradingSession | undefined =>
  sessionsBetween(cal, t, t + 1).find((s) => s.open <= t && t < s.close);
