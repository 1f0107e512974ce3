import { expect } from 'chai';
import { ProtocolError, UnknownOptionError } from '../../../lib/errors.js';
import { realTimeBar } from '../../../lib/streams/real-time-bars/real-time-bar.js';
import { realTimeBarsQuery } from '../../../lib/streams/real-time-bars/real-time-bars-options.js';
import { barEvent } from '../fake-stream-context.js';

describe('realTimeBar', () => {
  it('makes a 5-s Bar from TWS epoch seconds; TRADES keeps volume, count and WAP', () => {
    expect(realTimeBar(barEvent(1, 1_760_000_000, 10), 'TRADES')).to.deep.equal({
      start: 1_760_000_000_000, end: 1_760_000_005_000, open: 9, high: 11, low: 8, close: 10, volume: 300, trades: 7, wap: 10,
    });
  });

  it('gives other kinds volume 0, trades 0 and no wap (TWS sends -1); a TRADES bar without trades has no wap', () => {
    expect(realTimeBar({ ...barEvent(1, 1_760_000_000, 10), volume: -1, wap: -1, count: -1 }, 'BID')).to.deep.equal({
      start: 1_760_000_000_000, end: 1_760_000_005_000, open: 9, high: 11, low: 8, close: 10, volume: 0, trades: 0,
    });
    expect(realTimeBar({ ...barEvent(1, 1_760_000_000, 10), volume: 0, wap: 0, count: 0 }, 'TRADES')).not.to.have.property('wap');
  });

  it('throws a ProtocolError for a bar time that is not whole positive seconds', () => {
    expect(() => realTimeBar({ ...barEvent(1, 0, 10) }, 'TRADES')).to.throw(ProtocolError);
    expect(() => realTimeBar({ ...barEvent(1, 1.5, 10) }, 'TRADES')).to.throw(ProtocolError);
  });
});

describe('realTimeBarsQuery', () => {
  it('defaults to TRADES outside regular hours and names a bad option', () => {
    expect(realTimeBarsQuery(undefined)).to.deep.equal({ whatToShow: 'TRADES', useRTH: false });
    expect(() => realTimeBarsQuery({ whatToShow: 'BID_ASK' as never })).to.throw(/invalid whatToShow: expected one of TRADES, MIDPOINT, BID, ASK/);
    expect(() => realTimeBarsQuery({ useRTH: 'yes' as never })).to.throw(/invalid useRTH/);
  });

  it('refuses a key it does not take, suggesting the close one', () => {
    expect(() => realTimeBarsQuery({ rth: true } as never)).to.throw(UnknownOptionError, 'unknown option "rth" of realTimeBars$ (did you mean "useRTH"?); known options: whatToShow, useRTH');
  });
});
