import { SecType } from '@stoqey/ib';
import { expect } from 'chai';
import { InvalidContractError } from '../../lib/errors.js';
import { checkExpiry, checkSecType, checkStrike, parseRight } from '../../lib/requests/contract-fields.js';

const NOW = Date.UTC(2026, 5, 15, 12); // 2026-06-15 12:00 UTC

describe('contract fields', () => {
  it('checkSecType accepts IB security types in any case', () => {
    expect(checkSecType('opt')).to.equal(SecType.OPT);
    expect(checkSecType(' CASH ')).to.equal(SecType.CASH);
    expect(() => checkSecType('STOCK')).to.throw(InvalidContractError).with.property('field', 'secType');
  });

  it('parseRight reads C, P, CALL and PUT', () => {
    expect(['c', 'CALL', 'P', 'put'].map(parseRight)).to.deep.equal(['C', 'C', 'P', 'P']);
    expect(() => parseRight('CP')).to.throw(InvalidContractError).with.property('field', 'right');
    expect(() => parseRight(1)).to.throw(InvalidContractError);
  });

  it('checkStrike wants a finite number above 0 (0 allowed as "any strike" where asked)', () => {
    expect(checkStrike(12.5, false)).to.equal(12.5);
    expect(checkStrike(0, true)).to.equal(0);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '5']) expect(() => checkStrike(bad, false), String(bad)).to.throw(InvalidContractError);
  });

  it('checkExpiry takes YYYYMM and YYYYMMDD, today and later', () => {
    expect(checkExpiry('20260615', NOW)).to.equal('20260615');
    expect(checkExpiry('202606', NOW)).to.equal('202606');
    expect(checkExpiry('20010101')).to.equal('20010101', 'no clock: format only');
    for (const past of ['20260614', '202605']) expect(() => checkExpiry(past, NOW), past).to.throw(InvalidContractError, /past/);
    for (const bad of ['2026', '2026-06-15', '20261301', '20260632', 20260615]) expect(() => checkExpiry(bad, NOW), String(bad)).to.throw(InvalidContractError);
  });
});
