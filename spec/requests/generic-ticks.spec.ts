import { expect } from 'chai';
import { InvalidInputError } from '../../lib/errors.js';
import { genericTickList } from '../../lib/requests/generic-ticks.js';

describe('genericTickList', () => {
  it('is the same list for every spelling: unique and ascending, comma-separated', () => {
    expect(genericTickList([236, 233, 236])).to.equal('233,236');
    expect(genericTickList([233, 236])).to.equal(genericTickList([236, 233]));
  });

  it('is empty for no list and an empty one', () => {
    expect(genericTickList(undefined)).to.equal('');
    expect(genericTickList([])).to.equal('');
  });

  it('rejects ids that are not whole numbers 100–999, naming genericTicks', () => {
    for (const bad of [[1], [233.5], [1000], [Number.NaN]]) {
      expect(() => genericTickList(bad), String(bad)).to.throw(InvalidInputError).with.property('field', 'genericTicks');
    }
  });
});
