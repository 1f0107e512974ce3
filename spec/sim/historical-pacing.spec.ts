import { expect } from 'chai';
import { IB_HISTORICAL_PACING, resolveHistoricalOptions } from '../../lib/sim/historical-options.js';
import { HistoricalPacer, type PacedRequest } from '../../lib/sim/historical-pacing.js';

const req = (identity: string, key = 'AAPL', weight = 1, small = true): PacedRequest => ({ identity, key, weight, small });

describe('HistoricalPacer', () => {
  it('refuses an identical small-bar request within 15 s, accepts it after', () => {
    const p = new HistoricalPacer(IB_HISTORICAL_PACING);
    p.accept(0, req('a'));
    expect(p.check(14_999, req('a'), 0)).to.equal('identical');
    expect(p.check(15_000, req('a'), 0)).to.equal(undefined);
  });

  it('allows five requests for one contract / exchange / tick type within 2 s; the sixth violates', () => {
    const p = new HistoricalPacer(IB_HISTORICAL_PACING);
    for (let i = 0; i < 5; i++) {
      expect(p.check(i * 100, req(`r${i}`), 0)).to.equal(undefined);
      p.accept(i * 100, req(`r${i}`));
    }
    expect(p.check(500, req('r5'), 0)).to.equal('burst');
    expect(p.check(500, req('r5', 'MSFT'), 0)).to.equal(undefined);
    expect(p.check(2_000, req('r5'), 0)).to.equal(undefined);
  });

  it('counts BID_ASK twice', () => {
    const p = new HistoricalPacer(IB_HISTORICAL_PACING);
    for (let i = 0; i < 2; i++) p.accept(i, req(`r${i}`, 'AAPL', 2));
    expect(p.check(10, req('r2', 'AAPL', 2), 0)).to.equal('burst');
    expect(p.check(10, req('r2', 'AAPL', 1), 0)).to.equal(undefined);
  });

  it('allows 60 requests in any 10 minutes', () => {
    const p = new HistoricalPacer(IB_HISTORICAL_PACING);
    for (let i = 0; i < 60; i++) p.accept(i * 3_000, req(`r${i}`, `k${i}`));
    expect(p.check(179_000, req('x', 'y'), 0)).to.equal('window');
    expect(p.check(600_000, req('x', 'y'), 0)).to.equal(undefined);
  });

  it('applies the time rules to small bars only, the open-request limit to every bar size', () => {
    const p = new HistoricalPacer(IB_HISTORICAL_PACING);
    p.accept(0, req('a', 'AAPL', 1, false));
    expect(p.check(1, req('a', 'AAPL', 1, false), 0)).to.equal(undefined);
    expect(p.check(1, req('b', 'AAPL', 1, false), 50)).to.equal('open');
    expect(p.check(1, req('b', 'AAPL', 1, false), 49)).to.equal(undefined);
  });

  it('scales every window, and refuses nothing when disabled', () => {
    const scaled = resolveHistoricalOptions({}, { scale: 0.01 }).pacing;
    expect(scaled).to.include({ identicalWindowMs: 150, burstWindowMs: 20, windowMs: 6_000, windowMax: 60, burstMax: 5, maxOpen: 50 });
    const off = new HistoricalPacer(resolveHistoricalOptions({}, { enabled: false }).pacing);
    off.accept(0, req('a'));
    expect(off.check(1, req('a'), 1_000)).to.equal(undefined);
  });

  it('rejects negative option values', () => {
    expect(() => resolveHistoricalOptions({}, { scale: -1 })).to.throw(RangeError);
    expect(() => resolveHistoricalOptions({ updateIntervalMs: 0 })).to.throw(RangeError);
  });
});
