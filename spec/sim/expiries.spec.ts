import { expect } from 'chai';
import { futuresLocalSymbol, monthlyExpiries, occLocalSymbol, quarterlyExpiries, thirdFriday, yearsToExpiry, ymd } from '../../lib/sim/expiries.js';

const day = (text: string): Date => new Date(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T12:00:00Z`);

describe('expiries', () => {
  it('finds the third Friday of a month', () => {
    expect(ymd(thirdFriday(2025, 11))).to.equal('20251219');
    expect(ymd(thirdFriday(2026, 0))).to.equal('20260116');
    expect(ymd(thirdFriday(2026, 4))).to.equal('20260515');
  });

  it('lists monthlies from two days after today, skipping an expiry closer than that', () => {
    expect(monthlyExpiries(day('20251201'), 3).map(ymd)).to.deep.equal(['20251219', '20260116', '20260220']);
    expect(monthlyExpiries(day('20251218'), 2).map(ymd)).to.deep.equal(['20260116', '20260220']);
  });

  it('lists quarterlies (Mar, Jun, Sep, Dec), across the year end', () => {
    expect(quarterlyExpiries(day('20251201'), 2).map(ymd)).to.deep.equal(['20251219', '20260320']);
    expect(quarterlyExpiries(day('20251220'), 2).map(ymd)).to.deep.equal(['20260320', '20260619']);
  });

  it('names futures (ESZ5) and options (OCC: root padded to 6, YYMMDD, right, strike × 1000)', () => {
    expect(futuresLocalSymbol('ES', thirdFriday(2025, 11))).to.equal('ESZ5');
    expect(futuresLocalSymbol('ES', thirdFriday(2026, 2))).to.equal('ESH6');
    expect(occLocalSymbol('AAPL', thirdFriday(2025, 11), 'C', 230)).to.equal('AAPL  251219C00230000');
    expect(occLocalSymbol('SPY', thirdFriday(2026, 0), 'P', 642.5)).to.equal('SPY   260116P00642500');
  });

  it('measures time to the 16:00 New York close in years, never below an hour', () => {
    const now = Date.UTC(2025, 11, 18, 20);
    expect(yearsToExpiry('20251219', now)).to.be.closeTo(1 / 365, 1e-9);
    expect(yearsToExpiry('20251219', Date.UTC(2025, 11, 22))).to.be.closeTo(1 / (365 * 24), 1e-9);
  });
});
