import { expect } from 'chai';
import { backoffCeiling, backoffDelay } from '../../lib/operators/backoff-delay.js';

const opts = { initialDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelay', () => {
  it('draws from [0, min(max, initial·2^n)] with full jitter', () => {
    expect(backoffDelay(0, opts, () => 0)).to.equal(0);
    expect(backoffDelay(2, opts, () => 0.5)).to.equal(200);
    expect(backoffDelay(10, opts, () => 0.999999)).to.equal(1000);
  });

  it('clamps a random source outside [0, 1)', () => {
    expect(backoffDelay(1, opts, () => 7)).to.equal(200);
    expect(backoffDelay(1, opts, () => -1)).to.equal(0);
  });
});

describe('backoffCeiling', () => {
  it('doubles per retry up to the maximum, without overflow', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffCeiling(n, opts))).to.deep.equal([100, 200, 400, 800, 1000]);
    expect(backoffCeiling(2000, opts)).to.equal(1000);
  });
});
