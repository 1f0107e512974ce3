import { expect } from 'chai';
import { toMarketData } from '../../lib/client/market-data.js';
import { initialMarketState, reduceMarketState } from '../../lib/state/reduce-market-state.js';
import type { MarketStateInput } from '../../lib/state/reduce-market-state.js';

const tick = (field: 'bid' | 'last' | 'volume' | 'close', value: number, time: number): MarketStateInput =>
  ({ type: 'tick', field, value, time, reqId: 1, delayed: true });

describe('toMarketData', () => {
  it('copies the history columns and the quote into the original design\'s structure', () => {
    const inputs: MarketStateInput[] = [
      { type: 'marketDataType', marketDataType: 'delayed' },
      tick('close', 99, 1), tick('bid', 100, 2), tick('volume', 500, 3), tick('last', 101, 4), tick('last', 100.5, 5),
    ];
    const state = inputs.reduce(reduceMarketState, initialMarketState('AAPL', 10));
    const data = toMarketData(state);
    expect(data).to.deep.equal({
      symbol: 'AAPL',
      timestamp: [4, 5], close: [101, 100.5], high: [101, 101], low: [101, 100.5], volume: [500, 500],
      last_update: 5, current_high: 101, current_low: 100.5,
      bid: 100, ask: null, last: 100.5, prev_close: 99, market_data_type: 'delayed', stale: false,
    });
    expect(Object.isFrozen(data) && Object.isFrozen(data.close)).to.be.true;
  });

  it('gives empty arrays and nulls before any data', () => {
    const data = toMarketData(initialMarketState('MSFT', 10));
    expect(data).to.include({ symbol: 'MSFT', last_update: null, current_high: null, market_data_type: null, stale: false });
    expect(data.close).to.deep.equal([]);
    expect(data.volume).to.deep.equal([]);
  });
});
