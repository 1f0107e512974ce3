import { isKnownZone, zonedFields, zonedTimeToMs } from './zoned-time.js';

/**
 * How formatDate 1 writes intraday times: `zoned` as TWS 10.17+ (`20251201 09:30:00 US/Eastern`,
 * in the instrument's time zone), `legacy` as older TWS (`20251201  09:30:00`, two spaces, no zone).
 */
export type BarDateStyle = 'zoned' | 'legacy';

/** formatDate 2: epoch seconds (intraday only: daily and longer bars stay `yyyyMMdd`). */
export const FORMAT_DATE_EPOCH = 2;

const SECOND_MS = 1000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** `yyyyMMdd HH:mm:ss zone` or `yyyyMMdd  HH:mm:ss` of `ms` in `zone`. */
export const formatIbDateTime = (ms: number, zone: string, style: BarDateStyle): string => {
  const f = zonedFields(ms, zone);
  const date = `${f.year}${pad(f.month)}${pad(f.day)}`;
  const time = `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
  return style === 'zoned' ? `${date} ${time} ${zone}` : `${date}  ${time}`;
};

/** A bar's time as TWS reports it: `yyyyMMdd` for daily and longer bars, else per formatDate. */
export const formatBarTime = (label: number, date: string | undefined, formatDate: number, zone: string, style: BarDateStyle): string => {
  if (date !== undefined) return date;
  return formatDate === FORMAT_DATE_EPOCH ? String(Math.floor(label / SECOND_MS)) : formatIbDateTime(label, zone, style);
};

/** A parsed endDateTime: the instant, and whether the zone was left to TWS (warning 2174). */
export interface EndDateTime {
  readonly ms: number;
  readonly impliedZone: boolean;
}

const UTC_FORM = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})$/;
const ZONE_FORM = /^(?:(\d{4})(\d{2})(\d{2}) +)?(\d{2}):(\d{2}):(\d{2})(?: +(\S+))?$/;
const MAX_HOUR = 23;
const MAX_MINUTE = 59;

const valid = (y: number, mo: number, d: number, h: number, mi: number, s: number): boolean => {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h <= MAX_HOUR && mi <= MAX_MINUTE && s <= MAX_MINUTE;
};

/**
 * Parses a reqHistoricalData end: `''` = now; `yyyyMMdd-HH:mm:ss` in UTC; `[yyyyMMdd ]HH:mm:ss[ zone]`
 * (no date = today in that zone; no zone = `impliedZone`, flagged for TWS's warning 2174).
 * Undefined when TWS would refuse it (10314).
 */
export const parseEndDateTime = (text: string, now: number, impliedZone: string): EndDateTime | undefined => {
  const t = text.trim();
  if (t === '') return { ms: now, impliedZone: false };
  const utc = UTC_FORM.exec(t);
  if (utc) {
    const [y, mo, d, h, mi, s] = utc.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    return valid(y, mo, d, h, mi, s) ? { ms: Date.UTC(y, mo - 1, d, h, mi, s), impliedZone: false } : undefined;
  }
  const m = ZONE_FORM.exec(t);
  if (!m) return undefined;
  const zone = m[7] ?? impliedZone;
  if (!isKnownZone(zone)) return undefined;
  const today = zonedFields(now, zone);
  const y = m[1] === undefined ? today.year : Number(m[1]);
  const mo = m[2] === undefined ? today.month : Number(m[2]);
  const d = m[3] === undefined ? today.day : Number(m[3]);
  const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (!valid(y, mo, d, h, mi, s)) return undefined;
  return { ms: zonedTimeToMs(zone, y, mo, d, h, mi, s), impliedZone: m[7] === undefined };
};
