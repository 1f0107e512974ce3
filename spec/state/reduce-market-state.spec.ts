import { expect } from 'chai';
import type { MarketState } from '../../lib/state/market-state.js';
import { initialMarketState, reduceMarketState, type MarketStateInput } from '../../lib/state/reduce-market-state.js';
import type { Tick, TickFor } from '../../lib/ticks/tick.js';
import { tick } from '../support/fixtures.js';

const reduce = (inputs: readonly MarketStateInput[], state: MarketState = initialMarketState('AAPL', 100)): MarketState =>
  inputs.reduce(reduceMarketState, state);

/** Everything a snapshot shows, as plain data (history columns as arrays). */
const plain = (s: MarketState): unknown => JSON.parse(JSON.stringify(s));

const trades = (from: number, count: number): TickFor<'last'>[] =>
  Array.from({ length: count }, (_, i) => tick('last', 100 + from + i, { time: 1000 * (from + i) }));

describe('initialMarketState', () => {
  it('starts empty: every value undefined, not stale, no history', () => {
    const s = initialMarketState('AAPL', 10);
    expect(s.symbol).to.equal('AAPL');
    expect([s.bid, s.ask, s.last, s.dayVolume, s.currentHigh, s.lastUpdate, s.marketDataType]).to.deep.equal(Array(7).fill(undefined));
    expect(s.stale).to.equal(false);
    expect([s.timestamp.length, s.close.length, s.high.length, s.low.length, s.volume.length]).to.deep.equal([0, 0, 0, 0, 0]);
  });

  it('rejects a history bound that is not a positive integer', () => {
    expect(() => initialMarketState('AAPL', 0)).to.throw(RangeError);
    expect(() => initialMarketState('AAPL', 2.5)).to.throw(RangeError);
  });
});

describe('reduceMarketState', () => {
  const fieldCases: readonly [Tick, Partial<MarketState>][] = [
    [tick('bid', 99.5), { bid: 99.5 }],
    [tick('ask', 100.5, { delayed: true }), { ask: 100.5 }],
    [tick('bidSize', 3), { bidSize: 3 }],
    [tick('askSize', 4), { askSize: 4 }],
    [tick('lastSize', 5), { lastSize: 5 }],
    [tick('volume', 12_000), { dayVolume: 12_000 }],
    [tick('open', 98), { open: 98 }],
    [tick('close', 97), { prevClose: 97 }],
    [tick('high', 105), { currentHigh: 105 }],
    [tick('low', 95), { currentLow: 95 }],
    [tick('lastTimestamp', 1_700_000_000_000), { lastTradeTime: 1_700_000_000_000 }],
    [tick('halted', true), { halted: true }],
    [tick('last', 100), { last: 100, currentHigh: 100, currentLow: 100 }],
  ];
  for (const [input, expected] of fieldCases) {
    it(`applies a ${input.field} tick: ${JSON.stringify(expected)}, lastUpdate = tick time`, () => {
      const s = reduce([{ ...input, time: 42 }]);
      expect(s).to.include({ ...expected, lastUpdate: 42, stale: false });
    });
  }

  it('lifts currentHigh with a trade above the day high and lowers currentLow with one below', () => {
    const s = reduce([tick('high', 105), tick('low', 95), tick('last', 106), tick('last', 94), tick('last', 100)]);
    expect([s.currentHigh, s.currentLow]).to.deep.equal([106, 94]);
  });

  it('only widens the day range with HIGH / LOW ticks', () => {
    const s = reduce([tick('last', 100), tick('high', 99), tick('low', 101), tick('high', 103)]);
    expect([s.currentHigh, s.currentLow]).to.deep.equal([103, 100]);
  });

  it('sets marketDataType and stale from session inputs; a tick clears stale', () => {
    const s1 = reduce([{ type: 'marketDataType', marketDataType: 'delayed' }, { type: 'stale', stale: true }]);
    expect([s1.marketDataType, s1.stale]).to.deep.equal(['delayed', true]);
    expect(reduceMarketState(s1, tick('bid', 1)).stale).to.equal(false);
  });

  it('returns the same snapshot when an input changes nothing', () => {
    const s = reduce([{ type: 'marketDataType', marketDataType: 'realtime' }]);
    expect(reduceMarketState(s, { type: 'marketDataType', marketDataType: 'realtime' })).to.equal(s);
    expect(reduceMarketState(s, { type: 'stale', stale: false })).to.equal(s);
  });

  it('appends one aligned history row per trade with the day high / low / volume in force', () => {
    const s = reduce([tick('last', 100, { time: 1 }), tick('volume', 500), tick('high', 104), tick('last', 101, { time: 2 })]);
    expect(s.timestamp.toArray()).to.deep.equal([1, 2]);
    expect(s.close.toArray()).to.deep.equal([100, 101]);
    expect(s.high.toArray()).to.deep.equal([100, 104]);
    expect(s.low.toArray()).to.deep.equal([100, 100]);
    expect(s.volume.toArray()).to.deep.equal([undefined, 500]);
  });

  it('never changes a snapshot already produced, however many ticks follow', () => {
    const early = reduce([tick('bid', 99), tick('volume', 10), ...trades(0, 7)], initialMarketState('AAPL', 20));
    const before = plain(early);
    let s = early;
    for (const t of trades(7, 500)) s = reduceMarketState(reduceMarketState(s, t), tick('volume', t.value));
    expect(plain(early)).to.deep.equal(before);
    expect(early.close.toArray()).to.deep.equal([100, 101, 102, 103, 104, 105, 106]);
  });

  for (const history of [1, 5, 17, 100, 300, 1500]) {
    it(`keeps at most ${history} aligned rows, the newest, after filling the history past its bound`, () => {
      const count = history * 5 + 3;
      const s = reduce(trades(0, count), initialMarketState('AAPL', history));
      const columns = [s.timestamp, s.close, s.high, s.low, s.volume].map((c) => c.toArray());
      expect(columns.map((c) => c.length)).to.deep.equal(Array(5).fill(history));
      const first = count - history;
      expect(s.close.toArray()).to.deep.equal(Array.from({ length: history }, (_, i) => 100 + first + i));
      expect(s.timestamp.toArray()).to.deep.equal(Array.from({ length: history }, (_, i) => 1000 * (first + i)));
      expect(s.high.last).to.equal(100 + count - 1);
      expect(s.low.toArray()).to.deep.equal(Array(history).fill(100));
    });
  }

  it('keeps branches apart when reducing twice from the same old state', () => {
    const base = reduce(trades(0, 3), initialMarketState('AAPL', 4));
    const a = reduce([tick('last', 1), tick('last', 2)], base);
    const b = reduce([tick('last', 9)], base);
    const a2 = reduceMarketState(a, tick('last', 3));
    expect(base.close.toArray()).to.deep.equal([100, 101, 102]);
    expect(a.close.toArray()).to.deep.equal([101, 102, 1, 2]);
    expect(b.close.toArray()).to.deep.equal([100, 101, 102, 9]);
    expect(a2.close.toArray()).to.deep.equal([102, 1, 2, 3]);
  });
});

describe('reduceMarketState (greeks)', () => {
  const greeks = { impliedVol: 0.27, delta: 0.55, gamma: 0.021, vega: 0.35, theta: -0.08, optPrice: 12.4, undPrice: 229.5 };

  it('has no greeks before a model computation (and never for other contracts)', () => {
    const s = reduce([tick('bid', 10), tick('last', 10.5)]);
    expect(s.greeks).to.equal(undefined);
  });

  it('sets greeks from a greeks tick, with lastUpdate and a cleared stale flag', () => {
    const s = reduce([{ type: 'stale', stale: true }, tick('greeks', greeks, { time: 42 })]);
    expect(s.greeks).to.deep.equal(greeks);
    expect([s.lastUpdate, s.stale]).to.deep.equal([42, false]);
  });

  it('replaces the greeks as a whole: what the latest computation did not compute is undefined', () => {
    const partial = { ...greeks, impliedVol: undefined, delta: undefined };
    const first = reduce([tick('greeks', greeks)]);
    const second = reduceMarketState(first, tick('greeks', partial, { time: 1 }));
    expect(second.greeks).to.deep.equal(partial);
    expect(first.greeks).to.deep.equal(greeks, 'the earlier snapshot is unchanged');
  });

  it('keeps the greeks across price ticks', () => {
    const s = reduce([tick('greeks', greeks), tick('bid', 12.3), tick('last', 12.35)]);
    expect(s.greeks).to.deep.equal(greeks);
  });
});
