import { expect } from 'chai';
import { ellipsize, formatAge, formatChange, formatClock, formatPrice, formatVolume, NONE } from '../../../lib/cli/render/format.js';

describe('formatPrice', () => {
  it('shows two decimals, four below one dollar, and a dash when there is no price', () => {
    expect(formatPrice(187.1)).to.equal('187.10');
    expect(formatPrice(0.1234)).to.equal('0.1234');
    expect(formatPrice(undefined)).to.equal(NONE);
    expect(formatPrice(Number.NaN)).to.equal(NONE);
  });
});

describe('formatVolume', () => {
  it('keeps small volumes as sent and compacts large ones', () => {
    expect(formatVolume(950)).to.equal('950');
    expect(formatVolume(12_345)).to.equal('12.3k');
    expect(formatVolume(4_560_000)).to.equal('4.56M');
    expect(formatVolume(undefined)).to.equal(NONE);
  });
});

describe('formatChange', () => {
  it('is last minus the previous close, signed, with the percentage', () => {
    expect(formatChange(101, 100)).to.equal('+1.00 +1.00%');
    expect(formatChange(99.5, 100)).to.equal('-0.50 -0.50%');
    expect(formatChange(100, 100)).to.equal(' 0.00  0.00%');
  });

  it('is a dash without a last price or a previous close', () => {
    expect(formatChange(undefined, 100)).to.equal(NONE);
    expect(formatChange(100, undefined)).to.equal(NONE);
  });
});

describe('formatAge', () => {
  it('shows tenths under ten seconds, then seconds, minutes and hours', () => {
    expect(formatAge(1000, 1400)).to.equal('0.4s');
    expect(formatAge(0, 12_000)).to.equal('12s');
    expect(formatAge(0, 185_000)).to.equal('3m05s');
    expect(formatAge(0, 7_800_000)).to.equal('2h10m');
    expect(formatAge(undefined, 5)).to.equal(NONE);
  });

  it('never shows a negative age', () => {
    expect(formatAge(2000, 1000)).to.equal('0.0s');
  });
});

describe('formatClock', () => {
  it('is HH:MM:SS local time', () => {
    expect(formatClock(new Date(2025, 0, 2, 9, 5, 7).getTime())).to.equal('09:05:07');
  });
});

describe('ellipsize', () => {
  it('keeps text that fits and cuts longer text to the width, ending in an ellipsis', () => {
    expect(ellipsize('AAPL', 4)).to.equal('AAPL');
    expect(ellipsize('gateway.example.com', 8)).to.equal('gateway…');
    expect(ellipsize('abc', 1)).to.equal('…');
    expect(ellipsize('abc', 0)).to.equal('');
  });
});
