import type { Bar } from '../bars/bar.js';
import type { HistoricalDataEvent, HistoricalDataUpdateEvent } from '../connection/ib-event.js';
import { ProtocolError } from '../errors.js';
import type { BarSizeInfo } from './bar-size.js';
import { parseIbDateTime } from './ib-date-time.js';

const SECOND_MS = 1000;
/** TWS's "none" for volume, WAP and count (bars without trades data: MIDPOINT, BID, ASK …). */
const NONE = -1;

/** The end of a bar starting at `start`: `start` + its length (a calendar month for monthly bars, from the same UTC day). */
export function barEnd(start: number, barSize: BarSizeInfo): number {
  if (barSize.unit !== 'month') return start + barSize.seconds * SECOND_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * One bar of TWS's answer or update → a `Bar`: `start` from its time (see `parseIbDateTime`),
 * `end` = start + the bar length; volume / trades 0 and no `wap` where TWS sends -1 (bars without
 * trades data); `wap` also left out when the volume is 0. Throws `ProtocolError` for a time it
 * cannot read.
 */
export function historicalBar(event: HistoricalDataEvent | HistoricalDataUpdateEvent, barSize: BarSizeInfo): Bar {
  const start = parseIbDateTime(event.date);
  if (start === undefined) throw new ProtocolError(`unreadable historical bar time ${JSON.stringify(event.date)} (request ${event.reqId})`);
  const volume = event.volume === undefined || event.volume === NONE || !(event.volume >= 0) ? 0 : event.volume;
  const trades = event.count === undefined || !(event.count >= 0) ? 0 : event.count;
  const { wap, open, high, low, close } = event;
  const end = barEnd(start, barSize);
  // Two literals rather than a spread: this runs once per bar of an answer and per update.
  return wap === undefined || wap === NONE || volume === 0 || !Number.isFinite(wap)
    ? { start, end, open, high, low, close, volume, trades }
    : { start, end, open, high, low, close, volume, trades, wap };
}

/**
 * `bar` ending no later than `nextStart` (IB labels the first bar of a session with the session
 * open, so a bar may start late and overlap the next one by its nominal length).
 */
export function endBefore(bar: Bar, nextStart: number): Bar {
  return bar.end > nextStart && nextStart > bar.start ? { ...bar, end: nextStart } : bar;
}

/** Answer bars oldest first, each ending no later than the next one's start (see {@link endBefore}). */
export function chainBars(bars: readonly Bar[]): Bar[] {
  const out = bars.slice();
  for (let i = 0; i + 1 < out.length; i++) out[i] = endBefore(out[i] as Bar, (out[i + 1] as Bar).start);
  return out;
}
