import { SecType } from '@stoqey/ib';
import { expect } from 'chai';
import { toSymbolMatch } from '../../lib/contracts/symbol-match.js';

describe('toSymbolMatch', () => {
  it('types a contract description', () => {
    const match = toSymbolMatch({
      contract: { conId: 265598, symbol: 'AAPL', secType: SecType.STK, primaryExch: 'NASDAQ', currency: 'USD', description: 'APPLE INC' },
      derivativeSecTypes: [SecType.OPT, SecType.WAR],
    });
    expect(match).to.deep.equal({
      conId: 265598, symbol: 'AAPL', secType: SecType.STK, primaryExchange: 'NASDAQ', currency: 'USD', derivativeSecTypes: [SecType.OPT, SecType.WAR], description: 'APPLE INC',
    });
  });

  it('leaves out empty fields and drops a description without a contract', () => {
    expect(toSymbolMatch({ contract: { conId: 12087792, symbol: 'EUR', secType: SecType.CASH, primaryExch: '', currency: 'USD' } })).to.include({
      primaryExchange: undefined, description: undefined,
    });
    expect(toSymbolMatch({ derivativeSecTypes: [] })).to.equal(undefined);
  });
});
