import type { Bar } from '../../bars/bar.js';

/** The CSV header of `ib-rx history`. */
export const BAR_CSV_HEADER = 'start,end,open,high,low,close,volume,trades,wap';

const iso = (ms: number): string => new Date(ms).toISOString();

/** One bar as a CSV line: times in ISO 8601 UTC, numbers as JavaScript prints them, `wap` empty when absent. */
export function barCsvLine(bar: Bar): string {
  return [iso(bar.start), iso(bar.end), bar.open, bar.high, bar.low, bar.close, bar.volume, bar.trades, bar.wap ?? ''].join(',');
}

/** One bar as a JSON line: the `Bar` (epoch ms) with its symbol first, and `simulated: true` under `--sim`. */
export function barJsonLine(symbol: string, bar: Bar, simulated: boolean): string {
  return JSON.stringify({ symbol, ...bar, ...(simulated && { simulated: true }) });
}
