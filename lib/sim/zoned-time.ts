/**
 * Wall-clock fields of an instant in an IANA time zone (`US/Eastern`, `US/Central`, `UTC`), and
 * the way back, through the runtime's Intl data. No Node types: the root declarations may reach it.
 */

/** Local date and time fields; `weekday` 0 = Sunday … 6 = Saturday. */
export interface ZonedFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const SECOND_MS = 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatter = (zone: string): Intl.DateTimeFormat => {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', weekday: 'short',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
};

/** True when the runtime knows the zone (`US/Eastern`, `Europe/Amsterdam`, `UTC` …). */
export const isKnownZone = (zone: string): boolean => {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
};

/** The local fields of `ms` in `zone` (whole seconds). */
export const zonedFields = (ms: number, zone: string): ZonedFields => {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const num = (key: string): number => Number(parts[key] ?? 0);
  return {
    year: num('year'), month: num('month'), day: num('day'),
    hour: num('hour'), minute: num('minute'), second: num('second'),
    weekday: WEEKDAYS[parts['weekday'] ?? 'Sun'] ?? 0,
  };
};

/** How far the zone's wall clock is ahead of UTC at `ms`, in ms. */
export const zoneOffsetMs = (ms: number, zone: string): number => {
  const f = zonedFields(ms, zone);
  const wall = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return wall - (ms - (((ms % SECOND_MS) + SECOND_MS) % SECOND_MS));
};

/**
 * The instant at which the zone's clock shows the given fields (month 1–12; fields may overflow,
 * as with Date.UTC). In a DST gap the later offset wins.
 */
export const zonedTimeToMs = (zone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number => {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const guess = wall - zoneOffsetMs(wall, zone);
  return wall - zoneOffsetMs(guess, zone);
};

/** Midnight (local) of the day `ms` falls on, in `zone`. */
export const zonedMidnight = (ms: number, zone: string): number => {
  const f = zonedFields(ms, zone);
  return zonedTimeToMs(zone, f.year, f.month, f.day);
};
