import { expect } from 'chai';
import { RateMeter } from '../../lib/monitoring/rate-meter.js';

describe('RateMeter', () => {
  it('is 0 before any time passed', () => {
    expect(new RateMeter(1000, 0).rate(0, 5)).to.equal(0);
  });

  it('measures per second from the start until the window is full, then over the last window', () => {
    const meter = new RateMeter(1000, 0);
    expect(meter.rate(500, 10)).to.equal(20);
    expect(meter.rate(1000, 20)).to.equal(20);
    expect(meter.rate(1500, 20)).to.equal(10, 'over 500..1500');
    expect(meter.rate(2000, 20)).to.equal(0, 'nothing since 1000');
    expect(meter.rate(2500, 30)).to.equal(10);
  });

  it('starts from a base count', () => {
    expect(new RateMeter(1000, 100, 40).rate(1100, 50)).to.equal(10);
  });

  it('keeps a bounded number of samples however long it runs', () => {
    const meter = new RateMeter(1000, 0);
    for (let t = 1; t <= 100_000; t += 1) meter.rate(t * 10, t);
    expect(meter.rate(1_000_010, 100_001)).to.equal(100);
  });
});
