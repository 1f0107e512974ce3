import { expect } from 'chai';
import { InvalidArgumentError } from 'commander';
import { parseBarInterval } from '../../../lib/cli/watch/bar-interval.js';

describe('parseBarInterval', () => {
  it('reads short bar sizes and IB\'s spelling', () => {
    expect(['5s', '30s', '1m', '2m', '15m', '1h', '4h', '1d', '1w', '1 min', '5 secs'].map(parseBarInterval)).to.deep.equal([
      '5 secs', '30 secs', '1 min', '2 mins', '15 mins', '1 hour', '4 hours', '1 day', '1 week', '1 min', '5 secs',
    ]);
  });

  it('refuses sizes IB does not keep up to date or does not know', () => {
    for (const value of ['1s', '1 secs', '7m', '2d', 'm', '1 minute', '']) expect(() => parseBarInterval(value), value).to.throw(InvalidArgumentError);
  });
});
