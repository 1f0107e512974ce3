import { expect } from 'chai';
import { fanOut } from '../../lib/sim/feed-fanout.js';
import { FeedRegistry } from '../../lib/sim/feeds.js';
import { buildContractUniverse } from '../../lib/sim/contract-universe.js';
import type { SimContract } from '../../lib/sim/sim-contract.js';

/** Monday 2025-12-01 10:00 New York. */
const T0 = Date.UTC(2025, 11, 1, 15, 0, 0);
const SECOND = 1000;

describe('FeedHistory', () => {
  const universe = buildContractUniverse({ today: new Date(T0) });
  const contract = (symbol: string, secType: string): SimContract =>
    universe.contracts.find((c) => c.symbol === symbol && c.secType === secType) ?? expect.fail(`${symbol} ${secType}`);
  let now = T0;
  const registry = (): FeedRegistry => new FeedRegistry(universe, { seed: 1, replaying: false, now: () => now, optionComputationMode: () => 'computed' });

  beforeEach(() => {
    now = T0;
  });

  it('builds bars after the feed began from the very ticks clients were sent', () => {
    const feed = registry().get(contract('AAPL', 'STK'));
    now = T0 + 1_500;
    fanOut(feed, [{ field: 'last', value: 230.5, size: 3 }]);
    now = T0 + 1_700;
    fanOut(feed, [{ field: 'last', value: 230.1, size: 2 }]);
    expect(feed.history.bar('trades', T0 + SECOND, T0 + 2 * SECOND)).to.deep.include({ open: 230.5, high: 230.5, low: 230.1, close: 230.1, volume: 5, count: 2 });
    expect(feed.history.bar('trades', T0 + 2 * SECOND, T0 + 3 * SECOND)).to.deep.include({ open: 230.1, close: 230.1, volume: 0, count: 0 });
  });

  it('joins the seeded path to the book: bars before the feed end at its last price, yesterday closes at CLOSE, today opens at OPEN', () => {
    const feed = registry().get(contract('MSFT', 'STK'));
    const book = (field: 'last' | 'close' | 'open' | 'high' | 'low'): number => feed.book.get(field) ?? expect.fail(field);
    expect(feed.history.bar('trades', T0 - 60 * SECOND, T0).close).to.equal(book('last'));
    const friday = feed.history.bar('trades', Date.UTC(2025, 10, 28, 14, 30), Date.UTC(2025, 10, 28, 21, 0));
    expect(friday.close).to.equal(book('close'));
    const today = feed.history.bar('trades', Date.UTC(2025, 11, 1, 14, 30), T0);
    expect(today.open).to.equal(book('open'));
    expect(today.high).to.be.at.most(book('high'));
    expect(today.low).to.be.at.least(book('low'));
  });

  it('derives quotes from the same path: bid < ask, on the tick grid', () => {
    const feed = registry().get(contract('AAPL', 'STK'));
    const from = Date.UTC(2025, 10, 28, 15, 0);
    const bid = feed.history.bar('bid', from, from + 60 * SECOND);
    const ask = feed.history.bar('ask', from, from + 60 * SECOND);
    expect(bid.close).to.be.lessThan(ask.close);
    expect(Math.abs(Math.round(bid.close * 100) - bid.close * 100)).to.be.lessThan(1e-6);
  });

  it('knows which prices a market has: no trades for forex, no quotes for an index', () => {
    const reg = registry();
    const eur = reg.get(contract('EUR', 'CASH')).history;
    const spx = reg.get(contract('SPX', 'IND')).history;
    expect([eur.has('trades'), eur.has('mid'), spx.has('trades'), spx.has('bid')]).to.deep.equal([false, true, true, false]);
  });

  it('is the same for the same seed, different for another', () => {
    const from = Date.UTC(2025, 10, 20, 15, 0);
    const a = registry().get(contract('NVDA', 'STK')).history.bar('trades', from, from + 3_600 * SECOND);
    const b = registry().get(contract('NVDA', 'STK')).history.bar('trades', from, from + 3_600 * SECOND);
    const other = new FeedRegistry(universe, { seed: 2, replaying: false, now: () => now, optionComputationMode: () => 'computed' });
    expect(b).to.deep.equal(a);
    expect(other.get(contract('NVDA', 'STK')).history.bar('trades', from, from + 3_600 * SECOND)).to.not.deep.equal(a);
  });
});
