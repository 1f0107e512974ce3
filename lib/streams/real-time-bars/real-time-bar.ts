import type { Bar } from '../../bars/bar.js';
import type { IbEventOf } from '../../connection/ib-event.js';
import { ProtocolError } from '../../errors.js';
import type { RealTimeBarsWhatToShow } from './real-time-bars-options.js';

/** IB's real-time bars are 5 seconds long, always. */
export const REAL_TIME_BAR_MS = 5000;
const SECOND_MS = 1000;

/**
 * A `realtimeBar` event as a `Bar`: `start` = TWS's bar time (epoch s → ms), `end` = start + 5 s.
 * TRADES bars keep volume, count (`trades`) and WAP; for other kinds, and for TWS's -1 "none",
 * volume and trades are 0 and `wap` is absent. Throws `ProtocolError` for a bar time that is not
 * a positive whole number of seconds.
 */
export function realTimeBar(event: IbEventOf<'realtimeBar'>, whatToShow: RealTimeBarsWhatToShow): Bar {
  const { barTime, open, high, low, close, volume, wap, count } = event;
  if (!(Number.isInteger(barTime) && barTime > 0)) throw new ProtocolError(`real-time bar of request ${String(event.reqId)} has an unreadable time ${String(barTime)}`);
  const start = barTime * SECOND_MS;
  const trades = whatToShow === 'TRADES';
  const bar: Bar = {
    start, end: start + REAL_TIME_BAR_MS, open, high, low, close,
    volume: trades && volume !== undefined && volume > 0 ? volume : 0,
    trades: trades && count > 0 ? count : 0,
  };
  return trades && wap !== undefined && wap > 0 ? { ...bar, wap } : bar;
}
