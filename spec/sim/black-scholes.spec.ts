import { expect } from 'chai';
import { blackScholes, impliedVol, normCdf, type BsInputs } from '../../lib/sim/black-scholes.js';

const ATM: BsInputs = { right: 'C', spot: 100, strike: 100, years: 1, rate: 0.05, dividendYield: 0, vol: 0.2 };

describe('blackScholes', () => {
  it('gives the textbook values (S = K = 100, 1 year, r 5 %, vol 20 %): call 10.4506, put 5.5735', () => {
    expect(blackScholes(ATM).price).to.be.closeTo(10.4506, 1e-4);
    expect(blackScholes({ ...ATM, right: 'P' }).price).to.be.closeTo(5.5735, 1e-4);
    expect(normCdf(0)).to.be.closeTo(0.5, 1e-9);
    expect(normCdf(1.96)).to.be.closeTo(0.975, 1e-4);
  });

  it('keeps put-call parity with dividends: C − P = S·e^(−qT) − K·e^(−rT)', () => {
    for (const strike of [80, 95, 100, 120]) {
      const inputs = { ...ATM, strike, years: 0.3, dividendYield: 0.012 };
      const parity = 100 * Math.exp(-0.012 * 0.3) - strike * Math.exp(-0.05 * 0.3);
      expect(blackScholes(inputs).price - blackScholes({ ...inputs, right: 'P' }).price).to.be.closeTo(parity, 1e-6);
    }
  });

  it('has call deltas in (0, 1), put deltas in (−1, 0), equal gamma and vega, and decaying time value', () => {
    for (const strike of [60, 90, 100, 110, 150]) {
      const call = blackScholes({ ...ATM, strike, dividendYield: 0.01 });
      const put = blackScholes({ ...ATM, strike, dividendYield: 0.01, right: 'P' });
      expect(call.delta).to.be.within(0, 1);
      expect(put.delta).to.be.within(-1, 0);
      expect(call.delta - put.delta).to.be.closeTo(Math.exp(-0.01), 1e-6);
      expect(call.gamma).to.be.closeTo(put.gamma, 1e-12).and.greaterThan(0);
      expect(call.vega).to.be.closeTo(put.vega, 1e-12).and.greaterThan(0);
    }
    expect(blackScholes(ATM).theta).to.be.lessThan(0);
  });

  it('quotes vega per volatility point and theta per day', () => {
    const up = blackScholes({ ...ATM, vol: 0.21 }).price - blackScholes(ATM).price;
    expect(blackScholes(ATM).vega).to.be.closeTo(up, 0.01);
    const tomorrow = blackScholes({ ...ATM, years: 1 - 1 / 365 }).price - blackScholes(ATM).price;
    expect(blackScholes(ATM).theta).to.be.closeTo(tomorrow, 0.001);
  });
});

describe('impliedVol', () => {
  it('recovers the volatility of a model price', () => {
    for (const vol of [0.08, 0.2, 0.65]) {
      const price = blackScholes({ ...ATM, vol, right: 'P', strike: 95 }).price;
      expect(impliedVol(price, { ...ATM, right: 'P', strike: 95 })).to.be.closeTo(vol, 1e-6);
    }
  });

  it('is undefined ("not computed") for a price below intrinsic value or beyond any volatility', () => {
    expect(impliedVol(0.5, { ...ATM, strike: 80 })).to.equal(undefined);
    expect(impliedVol(150, ATM)).to.equal(undefined);
  });
});
