import { expect } from 'chai';
import { connectionTimeText, negotiateVersion, parseVersionRange } from '../../lib/sim/handshake.js';

describe('negotiateVersion', () => {
  it('gives min(client max, 200): 193 to @stoqey/ib, 178 to ib_async, 200 to rust-ibapi', () => {
    expect(negotiateVersion({ min: 100, max: 193, options: '' })).to.equal(193);
    expect(negotiateVersion({ min: 157, max: 178, options: '' })).to.equal(178);
    expect(negotiateVersion({ min: 100, max: 200, options: '' })).to.equal(200);
    expect(negotiateVersion({ min: 100, max: 225, options: '' })).to.equal(200);
  });

  it('finds no version when the ranges do not overlap', () => {
    expect(negotiateVersion({ min: 201, max: 225, options: '' })).to.equal(undefined);
    expect(negotiateVersion({ min: 38, max: 99, options: '' })).to.equal(undefined);
    expect(negotiateVersion({ min: 150, max: 193, options: '' }, 120)).to.equal(undefined);
  });
});

describe('parseVersionRange', () => {
  it('reads vMIN..MAX, a single vN and connect options', () => {
    expect(parseVersionRange('v100..193')).to.deep.equal({ min: 100, max: 193, options: '' });
    expect(parseVersionRange('v176')).to.deep.equal({ min: 176, max: 176, options: '' });
    expect(parseVersionRange('v100..200 +PACEAPI')).to.deep.equal({ min: 100, max: 200, options: '+PACEAPI' });
  });

  it('rejects anything else', () => {
    expect(parseVersionRange('100..193')).to.equal(undefined);
    expect(parseVersionRange('v193..100')).to.equal(undefined);
    expect(parseVersionRange('')).to.equal(undefined);
  });
});

describe('connectionTimeText', () => {
  it('formats like TWS: YYYYMMDD HH:MM:SS tz', () => {
    expect(connectionTimeText(new Date(Date.UTC(2026, 3, 5, 9, 7, 3)))).to.equal('20260405 09:07:03 UTC');
  });
});
