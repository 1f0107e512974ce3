import { BarSizeSetting } from '@stoqey/ib';
import { InvalidInputError } from '../errors.js';

/** IB's historical bar sizes, spelled as IB documents them (`reqHistoricalData`'s barSizeSetting). */
export type BarSize =
  | '1 secs' | '5 secs' | '10 secs' | '15 secs' | '30 secs'
  | '1 min' | '2 mins' | '3 mins' | '5 mins' | '10 mins' | '15 mins' | '20 mins' | '30 mins'
  | '1 hour' | '2 hours' | '3 hours' | '4 hours' | '8 hours'
  | '1 day' | '1 week' | '1 month';

/** Intraday bars have a fixed length; the others follow the calendar (a trading day, a week, a month). */
export type BarUnit = 'intraday' | 'day' | 'week' | 'month';

/** What ib-rx knows about a bar size. */
export interface BarSizeInfo {
  readonly barSize: BarSize;
  readonly unit: BarUnit;
  /** Length of a bar (nominal for week: 7 days, month: 30 days), s. */
  readonly seconds: number;
  /** The longest duration IB allows with it, s (its "step sizes" table); Infinity for daily and longer bars. */
  readonly maxDurationSeconds: number;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;

const intraday = (seconds: number, maxDurationSeconds: number) => ({ unit: 'intraday', seconds, maxDurationSeconds }) as const;

/**
 * IB's bar sizes with the longest duration each allows, from IB's table of valid duration / bar
 * size combinations ("step sizes": 1800 S → 1 secs, 3600 S → 5 secs, 14400 S → 10–15 secs,
 * 28800 S → 30 secs, 1 D → 1 min, 2 D → 2 mins, 1 W → 3–20 mins, 1 M → 30 mins–8 hours,
 * daily and longer: any). Durations compare nominally: D = 1 day, W = 7, M = 30, Y = 365.
 */
const BAR_SIZES: Readonly<Record<BarSize, Omit<BarSizeInfo, 'barSize'>>> = {
  '1 secs': intraday(1, 1800),
  '5 secs': intraday(5, HOUR),
  '10 secs': intraday(10, 4 * HOUR),
  '15 secs': intraday(15, 4 * HOUR),
  '30 secs': intraday(30, 8 * HOUR),
  '1 min': intraday(MINUTE, DAY),
  '2 mins': intraday(2 * MINUTE, 2 * DAY),
  '3 mins': intraday(3 * MINUTE, WEEK),
  '5 mins': intraday(5 * MINUTE, WEEK),
  '10 mins': intraday(10 * MINUTE, WEEK),
  '15 mins': intraday(15 * MINUTE, WEEK),
  '20 mins': intraday(20 * MINUTE, WEEK),
  '30 mins': intraday(30 * MINUTE, MONTH),
  '1 hour': intraday(HOUR, MONTH),
  '2 hours': intraday(2 * HOUR, MONTH),
  '3 hours': intraday(3 * HOUR, MONTH),
  '4 hours': intraday(4 * HOUR, MONTH),
  '8 hours': intraday(8 * HOUR, MONTH),
  '1 day': { unit: 'day', seconds: DAY, maxDurationSeconds: Number.POSITIVE_INFINITY },
  '1 week': { unit: 'week', seconds: WEEK, maxDurationSeconds: Number.POSITIVE_INFINITY },
  '1 month': { unit: 'month', seconds: MONTH, maxDurationSeconds: Number.POSITIVE_INFINITY },
};

/** Every bar size IB accepts, shortest first. */
export const BAR_SIZES_LIST: readonly BarSize[] = Object.keys(BAR_SIZES) as BarSize[];

/** Whether `value` is one of IB's bar size strings (exact spelling). */
export function isBarSize(value: unknown): value is BarSize {
  return typeof value === 'string' && Object.hasOwn(BAR_SIZES, value);
}

/** The facts of a bar size; throws `InvalidInputError` (field `barSize`) for anything IB does not accept. */
export function barSizeInfo(value: unknown): BarSizeInfo {
  if (!isBarSize(value)) throw new InvalidInputError({ field: 'barSize', value, expected: `one of IB's bar sizes (${BAR_SIZES_LIST.join(', ')})` });
  return { barSize: value, ...BAR_SIZES[value] };
}

/** `@stoqey/ib`'s name for each bar size (the same strings, as its enum). */
const IB_BAR_SIZES: Readonly<Record<BarSize, BarSizeSetting>> = {
  '1 secs': BarSizeSetting.SECONDS_ONE,
  '5 secs': BarSizeSetting.SECONDS_FIVE,
  '10 secs': BarSizeSetting.SECONDS_TEN,
  '15 secs': BarSizeSetting.SECONDS_FIFTEEN,
  '30 secs': BarSizeSetting.SECONDS_THIRTY,
  '1 min': BarSizeSetting.MINUTES_ONE,
  '2 mins': BarSizeSetting.MINUTES_TWO,
  '3 mins': BarSizeSetting.MINUTES_THREE,
  '5 mins': BarSizeSetting.MINUTES_FIVE,
  '10 mins': BarSizeSetting.MINUTES_TEN,
  '15 mins': BarSizeSetting.MINUTES_FIFTEEN,
  '20 mins': BarSizeSetting.MINUTES_TWENTY,
  '30 mins': BarSizeSetting.MINUTES_THIRTY,
  '1 hour': BarSizeSetting.HOURS_ONE,
  '2 hours': BarSizeSetting.HOURS_TWO,
  '3 hours': BarSizeSetting.HOURS_THREE,
  '4 hours': BarSizeSetting.HOURS_FOUR,
  '8 hours': BarSizeSetting.HOURS_EIGHT,
  '1 day': BarSizeSetting.DAYS_ONE,
  '1 week': BarSizeSetting.WEEKS_ONE,
  '1 month': BarSizeSetting.MONTHS_ONE,
};

/** The bar size as `reqHistoricalData` takes it. */
export function ibBarSizeSetting(barSize: BarSize): BarSizeSetting {
  return IB_BAR_SIZES[barSize];
}
