import { expect } from 'chai';
import { inspect } from 'node:util';
import { initialMarketState, reduceMarketState } from '../../lib/state/index.js';
import { tick } from '../support/fixtures.js';

describe('HistoryView (util.inspect)', () => {
  it('console.log(state) shows the values and each history column as its length and newest rows, not internal chunks', () => {
    let state = initialMarketState('AAPL', 100);
    for (let i = 0; i < 8; i++) state = reduceMarketState(state, tick('last', 100 + i, { time: i }));
    const text = inspect(state);
    expect(text).to.include("symbol: 'AAPL'").and.include('last: 107').and.include('stale: false');
    expect(text).to.include('close: HistoryView(8) […, 103, 104, 105, 106, 107]');
    expect(text).to.not.match(/chunk|window|column/i);
    expect(inspect(initialMarketState('X', 10).close)).to.equal('HistoryView(0) []');
  });
});
