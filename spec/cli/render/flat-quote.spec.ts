import { expect } from 'chai';
import { SymbolNotFoundError } from '../../../lib/errors.js';
import { toFailedQuote, toFlatQuote } from '../../../lib/cli/render/flat-quote.js';

describe('toFlatQuote', () => {
  const state = {
    symbol: 'AAPL', bid: 10, ask: 10.5, last: 10.25, bidSize: 3, askSize: 4, lastSize: 1, open: 9.9,
    prevClose: 9.8, dayVolume: 1200, currentHigh: 10.6, currentLow: 9.7, lastUpdate: Date.UTC(2025, 0, 2, 15, 30),
    marketDataType: 'delayed', stale: false,
  };

  it('names the day high/low, previous close and day volume as high, low, close and volume', () => {
    expect(toFlatQuote(state)).to.deep.equal({
      symbol: 'AAPL', bid: 10, ask: 10.5, last: 10.25, bidSize: 3, askSize: 4, lastSize: 1, high: 10.6, low: 9.7,
      open: 9.9, close: 9.8, volume: 1200, marketDataType: 'delayed', lastUpdate: '2025-01-02T15:30:00.000Z',
    });
  });

  it('writes absent values as null and adds simulated: true only for simulated data', () => {
    const quote = toFlatQuote({ symbol: 'X' }, { simulated: true });
    expect(quote).to.include({ symbol: 'X', bid: null, close: null, marketDataType: null, lastUpdate: null, simulated: true });
    expect(toFlatQuote({ symbol: 'X' })).not.to.have.property('simulated');
  });

  it('keeps the field order of the documented flat quote', () => {
    expect(Object.keys(toFlatQuote(state, { simulated: true }))).to.deep.equal([
      'symbol', 'bid', 'ask', 'last', 'bidSize', 'askSize', 'lastSize', 'high', 'low', 'open', 'close', 'volume',
      'marketDataType', 'lastUpdate', 'simulated',
    ]);
  });
});

describe('toFailedQuote', () => {
  it('carries the error class name, the IB code and the message', () => {
    const error = new SymbolNotFoundError('No security definition has been found', { symbol: 'ZZZZ', reqId: 3 });
    expect(toFailedQuote('ZZZZ', error)).to.deep.equal({
      symbol: 'ZZZZ',
      error: { name: 'SymbolNotFoundError', code: 200, message: error.message },
    });
  });

  it('uses a null code for errors without one and wraps non-errors', () => {
    expect(toFailedQuote('A', new Error('boom')).error).to.deep.equal({ name: 'Error', code: null, message: 'boom' });
    expect(toFailedQuote('A', 'odd').error.message).to.equal('odd');
  });
});
