/** Text shown for an absent value. */
export const NONE = '-';

/** `text` cut to `width` characters (at least 0), ending in `…` when it was longer. */
export function ellipsize(text: string, width: number): string {
  if (text.length <= width) return text;
  return width < 1 ? '' : `${text.slice(0, width - 1)}…`;
}

/** A price with 2 decimals (4 below 1.00), or {@link NONE}. */
export function formatPrice(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NONE;
  return value.toFixed(Math.abs(value) < 1 ? 4 : 2);
}

/** A size or volume as TWS sends it, compacted above 10 000 (12.3k, 4.56M), or {@link NONE}. */
export function formatVolume(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NONE;
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return String(Math.round(value * 100) / 100);
}

/** `last - prevClose` with sign and percentage (`+1.25 +0.67%`), or {@link NONE} if either is absent. */
export function formatChange(last: number | undefined, prevClose: number | undefined): string {
  if (last === undefined || prevClose === undefined || prevClose === 0) return NONE;
  const change = last - prevClose;
  const sign = change > 0 ? '+' : change < 0 ? '-' : ' ';
  const pct = (Math.abs(change) / prevClose) * 100;
  return `${sign}${Math.abs(change).toFixed(2)} ${sign}${pct.toFixed(2)}%`;
}

/** How long ago `then` was (`0.4s`, `12s`, `3m05s`, `2h10m`), or {@link NONE} when unknown. */
export function formatAge(then: number | undefined, now: number): string {
  if (then === undefined) return NONE;
  const ms = Math.max(0, now - then);
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}

/** `HH:MM:SS` local time of an epoch-ms instant. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}
