import { expect } from 'chai';
import { MarketDataLinesError } from '../../lib/errors.js';
import { normalizeContract } from '../../lib/requests/contract-key.js';
import { SubscriptionRegistry } from '../../lib/requests/subscription-registry.js';

const entry = (symbol: string) => ({ key: symbol, symbol, contract: normalizeContract(symbol), dataType: 'realtime' as const });

describe('SubscriptionRegistry', () => {
  it('tracks the request serving each subscription', () => {
    const registry = new SubscriptionRegistry(10);
    registry.add(entry('AAPL'));
    registry.setRequest('AAPL', 3, 1, 'delayed');
    expect(registry.list().map((s) => [s.symbol, s.reqId, s.generation, s.dataType])).to.deep.equal([['AAPL', 3, 1, 'delayed']]);
    registry.clearRequest('AAPL', 2);
    expect(registry.list()[0]?.reqId).to.equal(3, 'an old id does not clear the current one');
    registry.clearRequest('AAPL', 3);
    expect(registry.list()[0]?.reqId).to.equal(undefined);
    registry.remove('AAPL');
    expect(registry.size).to.equal(0);
  });

  it('refuses a line beyond the budget with a MarketDataLinesError saying how many are in use', () => {
    const registry = new SubscriptionRegistry(2);
    registry.add(entry('AAPL'));
    registry.add(entry('MSFT'));
    expect(() => { registry.add(entry('IBM')); }).to.throw(MarketDataLinesError, '2 of 2 market data lines in use').with.property('inUse', 2);
    registry.remove('AAPL');
    expect(() => { registry.add(entry('IBM')); }).not.to.throw();
  });
});
