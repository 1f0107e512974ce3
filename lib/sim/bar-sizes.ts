/**
 * IB's historical bar sizes, with the longest duration each allows (IB's "step sizes" table:
 * 60 S → 1 secs–1 min, 1800 S → up to 30 mins, 3600 S → 5 secs–1 hour, 14400 S → 10 secs–3 hours,
 * 28800 S → 30 secs–8 hours, 1 D → 1 min–1 day, 2 D → 2 mins, 1 W → 3 mins–1 week, 1 M → 30 mins–
 * 1 month, 1 Y → 1 day–1 month).
 */

const MINUTE_S = 60;
const HOUR_S = 3600;
const DAY_S = 86_400;
const WEEK_S = 7 * DAY_S;
/** IB counts a month as 30 days and a year as 365 when comparing durations. */
export const MONTH_S = 30 * DAY_S;
export const YEAR_S = 365 * DAY_S;
/** No step-size limit (daily and longer bars). */
const UNLIMITED = Number.POSITIVE_INFINITY;

/** Intraday bars are `seconds` long; the others follow the calendar (one trading day, week, month). */
export type BarUnit = 'intraday' | 'day' | 'week' | 'month';

/** One bar size TWS accepts. */
export interface BarSize {
  /** As the request spelled it (`5 mins`, `1W`). */
  readonly text: string;
  readonly unit: BarUnit;
  /** Length of an intraday bar (and a nominal length for the others), s. */
  readonly seconds: number;
  /** The longest duration allowed with it, s. */
  readonly maxDurationS: number;
}

const intraday = (seconds: number, maxDurationS: number): Omit<BarSize, 'text'> => ({ unit: 'intraday', seconds, maxDurationS });

const BAR_SIZES: Readonly<Record<string, Omit<BarSize, 'text'>>> = {
  '1 secs': intraday(1, 1800),
  '5 secs': intraday(5, HOUR_S),
  '10 secs': intraday(10, 4 * HOUR_S),
  '15 secs': intraday(15, 4 * HOUR_S),
  '30 secs': intraday(30, 8 * HOUR_S),
  '1 min': intraday(MINUTE_S, DAY_S),
  '2 mins': intraday(2 * MINUTE_S, 2 * DAY_S),
  '3 mins': intraday(3 * MINUTE_S, WEEK_S),
  '5 mins': intraday(5 * MINUTE_S, WEEK_S),
  '10 mins': intraday(10 * MINUTE_S, WEEK_S),
  '15 mins': intraday(15 * MINUTE_S, WEEK_S),
  '20 mins': intraday(20 * MINUTE_S, WEEK_S),
  '30 mins': intraday(30 * MINUTE_S, MONTH_S),
  '1 hour': intraday(HOUR_S, MONTH_S),
  '2 hours': intraday(2 * HOUR_S, MONTH_S),
  '3 hours': intraday(3 * HOUR_S, MONTH_S),
  '4 hours': intraday(4 * HOUR_S, MONTH_S),
  '8 hours': intraday(8 * HOUR_S, MONTH_S),
  '1 day': { unit: 'day', seconds: DAY_S, maxDurationS: UNLIMITED },
  '1 week': { unit: 'week', seconds: WEEK_S, maxDurationS: UNLIMITED },
  '1W': { unit: 'week', seconds: WEEK_S, maxDurationS: UNLIMITED },
  '1 month': { unit: 'month', seconds: MONTH_S, maxDurationS: UNLIMITED },
  '1M': { unit: 'month', seconds: MONTH_S, maxDurationS: UNLIMITED },
};

/** Every bar size string accepted (IB's documented names plus the `1W` / `1M` its 321 text lists). */
export const BAR_SIZE_NAMES: readonly string[] = Object.keys(BAR_SIZES);

/** keepUpToDate needs bars of at least this length. */
export const LIVE_BAR_MIN_S = 5;

/** The bar size a string names (exact spelling, as TWS), or undefined. */
export const parseBarSize = (text: string): BarSize | undefined => {
  const size = BAR_SIZES[text.trim()];
  return size && { text: text.trim(), ...size };
};

/** Duration units: seconds, trading days, weeks, months, years. */
export type DurationUnit = 'S' | 'D' | 'W' | 'M' | 'Y';

/** A parsed duration string (`60 S`, `2 D`, `1 Y`). */
export interface Duration {
  readonly count: number;
  readonly unit: DurationUnit;
  /** Nominal length (D = 1 day, M = 30 days, Y = 365 days), s. */
  readonly seconds: number;
}

const UNIT_S: Readonly<Record<DurationUnit, number>> = { S: 1, D: DAY_S, W: WEEK_S, M: MONTH_S, Y: YEAR_S };

/** `N U` with N ≥ 1 and U one of S D W M Y (upper case, one space, as IB documents); else undefined. */
export const parseDuration = (text: string): Duration | undefined => {
  const match = /^(\d+) ([SDWMY])$/.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  const count = Number(match[1]);
  const unit = match[2] as DurationUnit;
  return count > 0 ? { count, unit, seconds: count * UNIT_S[unit] } : undefined;
};
