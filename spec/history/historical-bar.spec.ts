import { expect } from 'chai';
import type { IbEventOf } from '../../lib/connection/ib-event.js';
import { ProtocolError } from '../../lib/errors.js';
import { barSizeInfo } from '../../lib/history/bar-size.js';
import { barEnd, chainBars, historicalBar } from '../../lib/history/historical-bar.js';

const row = (date: string, over: Partial<IbEventOf<'historicalData'>> = {}): IbEventOf<'historicalData'> =>
  ({ type: 'historicalData', reqId: 1, date, open: 10, high: 12, low: 9, close: 11, volume: 500, count: 7, wap: 10.8, time: 0, ...over });

describe('historicalBar', () => {
  it('turns a TWS bar into a Bar: start from its time, end = start + the bar length, count → trades', () => {
    expect(historicalBar(row('1764599400'), barSizeInfo('1 min'))).to.deep.equal({
      start: 1_764_599_400_000, end: 1_764_599_460_000, open: 10, high: 12, low: 9, close: 11, volume: 500, trades: 7, wap: 10.8,
    });
  });

  it('gives bars without trades data (-1) volume 0, trades 0 and no wap', () => {
    const bar = historicalBar(row('1764599400', { volume: -1, count: -1, wap: -1 }), barSizeInfo('5 secs'));
    expect(bar).to.deep.equal({ start: 1_764_599_400_000, end: 1_764_599_405_000, open: 10, high: 12, low: 9, close: 11, volume: 0, trades: 0 });
    expect(historicalBar(row('1764599400', { volume: undefined, count: undefined, wap: undefined }), barSizeInfo('5 secs'))).to.not.have.property('wap');
  });

  it('leaves wap out when the volume is 0', () => {
    expect(historicalBar(row('20251201', { volume: 0, wap: 0 }), barSizeInfo('1 day'))).to.not.have.property('wap');
  });

  it('ends daily, weekly and monthly bars a day, a week and a calendar month after their date', () => {
    expect(historicalBar(row('20251201'), barSizeInfo('1 day')).end).to.equal(Date.UTC(2025, 11, 2));
    expect(historicalBar(row('20251201'), barSizeInfo('1 week')).end).to.equal(Date.UTC(2025, 11, 8));
    expect(barEnd(Date.UTC(2025, 1, 3), barSizeInfo('1 month'))).to.equal(Date.UTC(2025, 2, 3));
  });

  it('throws a ProtocolError for a time it cannot read', () => {
    expect(() => historicalBar(row('yesterday'), barSizeInfo('1 min'))).to.throw(ProtocolError, 'unreadable historical bar time "yesterday"');
  });
});

describe('chainBars', () => {
  it('cuts each bar\'s end at the next bar\'s start (a first bar labelled with the session open)', () => {
    const hour = barSizeInfo('1 hour');
    const bars = [row('1764599400'), row('1764601200')].map((r) => historicalBar(r, hour)); // 9:30 (session open) and 10:00
    expect(chainBars(bars).map((b) => [b.start, b.end])).to.deep.equal([[1_764_599_400_000, 1_764_601_200_000], [1_764_601_200_000, 1_764_604_800_000]]);
  });
});
