const pad = (n: number): string => String(n).padStart(2, '0');
const SECOND_MS = 1000;

/**
 * An instant as the end date IB accepts without a time zone question: `yyyyMMdd-HH:mm:ss` in UTC
 * (milliseconds dropped).
 *
 * @example
 * formatEndDateTime(Date.UTC(2025, 2, 5, 14, 30)) // '20250305-14:30:00'
 */
export function formatEndDateTime(epochMs: number): string {
  const d = new Date(Math.floor(epochMs / SECOND_MS) * SECOND_MS);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const DATE_ONLY = /^(\d{4})(\d{2})(\d{2})$/;
const DATE_TIME = /^(\d{4})(\d{2})(\d{2})(?: +|-)(\d{2}):(\d{2}):(\d{2})(?: +(\S+))?$/;
const EPOCH_SECONDS = /^\d{1,12}$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock fields of `ms` in `zone` (throws RangeError for a zone Intl does not know). */
function zoneFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** How far `zone`'s wall clock is ahead of UTC at instant `ms`, ms. */
function zoneOffset(ms: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormatter(zone).formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(ms / SECOND_MS) * SECOND_MS;
}

/** The instant a wall-clock time in `zone` names (the earlier one in a DST overlap). */
function zonedToEpoch(zone: string, wallAsUtc: number): number {
  const first = wallAsUtc - zoneOffset(wallAsUtc, zone);
  const second = wallAsUtc - zoneOffset(first, zone);
  return Math.min(first, second);
}

function validDate(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A bar time (or head timestamp) as TWS writes it → epoch ms, or `undefined` when it is none of:
 * - epoch seconds (`1741185000`; formatDate 2, intraday bars);
 * - `yyyyMMdd` (daily and longer bars, whatever formatDate): 00:00 UTC of that date;
 * - `yyyyMMdd HH:mm:ss zone` (formatDate 1, TWS 10.17+): in that IANA zone (`US/Eastern`);
 * - `yyyyMMdd  HH:mm:ss` (formatDate 1, older TWS) and `yyyyMMdd-HH:mm:ss`: taken as UTC (ib-rx
 *   asks for formatDate 2, so these only come from a TWS that ignores it).
 */
export function parseIbDateTime(text: string): number | undefined {
  const trimmed = text.trim();
  if (EPOCH_SECONDS.test(trimmed) && trimmed.length !== 8) return Number(trimmed) * SECOND_MS;
  const date = DATE_ONLY.exec(trimmed);
  if (date !== null) {
    const [y, mo, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    return validDate(y, mo, d) ? Date.UTC(y, mo - 1, d) : undefined;
  }
  const m = DATE_TIME.exec(trimmed);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i])) as [number, number, number, number, number, number];
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const zone = m[7];
  if (zone === undefined) return wall;
  try {
    return zonedToEpoch(zone, wall);
  } catch {
    return undefined;
  }
}
