import { expect } from 'chai';
import { InvalidArgumentError } from 'commander';
import { commaList } from '../../lib/cli/comma-list.js';

describe('commaList', () => {
  it('splits on commas and trims each entry', () => {
    expect(commaList('Last,BidAsk')).to.deep.equal(['Last', 'BidAsk']);
    expect(commaList(' AAPL , MSFT ')).to.deep.equal(['AAPL', 'MSFT']);
    expect(commaList('IBM')).to.deep.equal(['IBM']);
  });

  it('refuses an empty entry naming which, or an empty value', () => {
    expect(() => commaList('Last,,BidAsk')).to.throw(InvalidArgumentError, 'entry 2 of 3 is empty (a comma too many?).');
    expect(() => commaList(',Last')).to.throw(InvalidArgumentError, 'entry 1 of 2 is empty');
    expect(() => commaList('Last, ')).to.throw(InvalidArgumentError, 'entry 2 of 2 is empty');
    expect(() => commaList('  ')).to.throw(InvalidArgumentError, 'the value is empty (a comma too many?).');
  });
});
