import { expect } from 'chai';
import { barSizeInfo } from '../../lib/history/bar-size.js';
import { gapDuration } from '../../lib/history/gap-duration.js';

const S = 1000;
const DAY = 86_400_000;

describe('gapDuration', () => {
  it('rounds a short gap up to whole seconds, at least 30 S and two bars', () => {
    expect(gapDuration(barSizeInfo('5 secs'), 95_500)).to.equal('96 S');
    expect(gapDuration(barSizeInfo('5 secs'), 2 * S)).to.equal('30 S');
    expect(gapDuration(barSizeInfo('1 min'), 10 * S)).to.equal('120 S');
    expect(gapDuration(barSizeInfo('1 hour'), 0)).to.equal('7200 S');
  });

  it('never asks more than IB allows for the bar size', () => {
    expect(gapDuration(barSizeInfo('5 secs'), 2 * 3600 * S)).to.equal('3600 S');
    expect(gapDuration(barSizeInfo('1 min'), 3 * DAY)).to.equal('1 D');
    expect(gapDuration(barSizeInfo('2 mins'), 3 * DAY)).to.equal('2 D');
    expect(gapDuration(barSizeInfo('5 mins'), 30 * DAY)).to.equal('1 W');
    expect(gapDuration(barSizeInfo('1 hour'), 90 * DAY)).to.equal('1 M');
  });

  it('uses whole days plus one beyond a day (D counts trading days)', () => {
    expect(gapDuration(barSizeInfo('5 mins'), 1.5 * DAY)).to.equal('3 D');
    expect(gapDuration(barSizeInfo('1 day'), 3 * DAY + 1)).to.equal('5 D');
    expect(gapDuration(barSizeInfo('1 week'), 500 * DAY)).to.equal('2 Y');
  });
});
