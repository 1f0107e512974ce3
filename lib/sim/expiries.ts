/** Expiry dates of the simulated futures and options, relative to the simulator's "today" (UTC). */

const DAY_MS = 86_400_000;
const FRIDAY = 5;
const DAYS_PER_WEEK = 7;
const THIRD_WEEK_OFFSET = 14;
/** An expiry closer than this to today is skipped: the chain starts with the next one. */
const MIN_DAYS_TO_EXPIRY = 2;
/** March, June, September, December (0-based months). */
const QUARTERLY_MONTHS: ReadonlySet<number> = new Set([2, 5, 8, 11]);
/** CME month codes, January first. */
const FUTURES_MONTH_CODES = 'FGHJKMNQUVXZ';
/** Options and futures here expire at 16:00 New York, taken as 20:00 UTC. */
const EXPIRY_CLOSE_UTC_HOUR = 20;
const MIN_TIME_MS = 3_600_000;
const YEAR_MS = 365 * DAY_MS;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYYMMDD` of a UTC date. */
export const ymd = (d: Date): string => `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;

/** The third Friday of a month (UTC midnight): the standard monthly expiry. */
export const thirdFriday = (year: number, month: number): Date => {
  const first = new Date(Date.UTC(year, month, 1));
  const toFriday = (FRIDAY - first.getUTCDay() + DAYS_PER_WEEK) % DAYS_PER_WEEK;
  return new Date(Date.UTC(year, month, 1 + toFriday + THIRD_WEEK_OFFSET));
};

const nextExpiries = (today: Date, count: number, monthOk: (month: number) => boolean): Date[] => {
  const earliest = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + MIN_DAYS_TO_EXPIRY * DAY_MS;
  const out: Date[] = [];
  for (let k = 0; out.length < count; k++) {
    const year = today.getUTCFullYear() + Math.floor((today.getUTCMonth() + k) / 12);
    const month = (today.getUTCMonth() + k) % 12;
    if (!monthOk(month)) continue;
    const expiry = thirdFriday(year, month);
    if (expiry.getTime() >= earliest) out.push(expiry);
  }
  return out;
};

/** The next `count` monthly expiries (third Fridays) at least two days after `today`. */
export const monthlyExpiries = (today: Date, count: number): Date[] => nextExpiries(today, count, () => true);

/** The next `count` quarterly expiries (third Friday of Mar / Jun / Sep / Dec). */
export const quarterlyExpiries = (today: Date, count: number): Date[] =>
  nextExpiries(today, count, (month) => QUARTERLY_MONTHS.has(month));

/** A futures local symbol: root + month code + last digit of the year (`ESZ5`). */
export const futuresLocalSymbol = (root: string, expiry: Date): string =>
  `${root}${FUTURES_MONTH_CODES.charAt(expiry.getUTCMonth())}${expiry.getUTCFullYear() % 10}`;

/** OCC option symbol as TWS shows it: root padded to 6, YYMMDD, C/P, strike × 1000 in 8 digits. */
export const occLocalSymbol = (root: string, expiry: Date, right: 'C' | 'P', strike: number): string => {
  const yymmdd = ymd(expiry).slice(2);
  const strikeText = String(Math.round(strike * 1000)).padStart(8, '0');
  return `${root.padEnd(6, ' ')}${yymmdd}${right}${strikeText}`;
};

/**
 * Years from `nowMs` to an expiry's close (16:00 New York, taken as 20:00 UTC), never below
 * one hour: the option model's time to expiry.
 */
export const yearsToExpiry = (lastTradeDate: string, nowMs: number): number => {
  const year = Number(lastTradeDate.slice(0, 4));
  const month = Number(lastTradeDate.slice(4, 6)) - 1;
  const day = Number(lastTradeDate.slice(6, 8));
  const closeMs = Date.UTC(year, month, day, EXPIRY_CLOSE_UTC_HOUR);
  return Math.max(closeMs - nowMs, MIN_TIME_MS) / YEAR_MS;
};
