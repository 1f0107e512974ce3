import { expect } from 'chai';
import { pushRecent, sparkline } from '../../../lib/cli/render/sparkline.js';

describe('sparkline', () => {
  it('scales values between their minimum and maximum', () => {
    expect(sparkline([1, 2, 3, 2])).to.equal('▁▅█▅');
  });

  it('draws a flat series at mid height and nothing for no values', () => {
    expect(sparkline([5, 5, 5])).to.equal('▄▄▄');
    expect(sparkline([])).to.equal('');
  });

  it('shows only the last `width` values', () => {
    expect(sparkline([9, 1, 2], 2)).to.equal('▁█');
  });
});

describe('pushRecent', () => {
  it('appends and drops the oldest beyond the limit without changing the input', () => {
    const before = [1, 2, 3];
    expect(pushRecent(before, 4, 3)).to.deep.equal([2, 3, 4]);
    expect(pushRecent(before, 4, 5)).to.deep.equal([1, 2, 3, 4]);
    expect(before).to.deep.equal([1, 2, 3]);
  });
});
