import { expect } from 'chai';
import { from, lastValueFrom, map, toArray } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import type { MarketState } from '../../lib/state/market-state.js';
import { marketState } from '../../lib/state/market-state-operator.js';
import { SESSION_TICKS as t } from '../support/fixtures.js';

/** The parts of a snapshot these specs look at. */
const view = (s: MarketState) => ({ bid: s.bid, ask: s.ask, last: s.last, high: s.currentHigh, stale: s.stale, close: s.close.toArray() });
const states = {
  B: { bid: 99.5, ask: undefined, last: undefined, high: undefined, stale: false, close: [] },
  A: { bid: 99.5, ask: 100.5, last: undefined, high: undefined, stale: false, close: [] },
  L: { bid: 99.5, ask: 100.5, last: 100, high: 100, stale: false, close: [100] },
  M: { bid: 99.5, ask: 100.5, last: 101, high: 101, stale: false, close: [101] },
  S: { bid: 99.5, ask: 100.5, last: 101, high: 101, stale: true, close: [101] },
};
const inputs = { ...t, x: { type: 'stale', stale: false }, y: { type: 'stale', stale: true } } as const;

// prettier-ignore
describe('marketState', () => {
  it('folds ticks into snapshots, one per input that changed something', marbles((m) => {
    const source$  = m.hot('-b-a-x-l-m-y-|', inputs);
    const expected =       '-B-A---L-M-S-|';
    m.expect(source$.pipe(marketState({ symbol: 'AAPL', history: 1 }), map(view))).toBeObservable(expected, states);
  }));

  it('starts every subscription from a fresh state', marbles((m) => {
    const source$  = m.cold('-b-a-|', inputs);
    const expected =        '-B-A-|';
    const states$ = source$.pipe(marketState({ symbol: 'AAPL' }), map(view));
    m.expect(states$).toBeObservable(expected, states);
    m.expect(states$).toBeObservable(expected, states);
  }));

  it('emits snapshots that later ticks do not change', async () => {
    const ticks = [t.b, t.a, t.l, t.s, t.v, t.m, t.h, t.l, t.m];
    const seen = await lastValueFrom(from(ticks).pipe(marketState({ symbol: 'AAPL', history: 2 }), toArray()), { defaultValue: [] });
    expect(seen.map((s) => s.close.toArray())).to.deep.equal([[], [], [100], [100], [100], [100, 101], [100, 101], [101, 100], [100, 101]]);
    expect(seen.map((s) => s.volume.toArray())).to.deep.equal([[], [], [undefined], [undefined], [undefined], [undefined, 1000], [undefined, 1000], [1000, 1000], [1000, 1000]]);
  });

  it('rejects a history below 1 right away', () => {
    expect(() => marketState({ symbol: 'AAPL', history: 0 })).to.throw(RangeError);
  });

  it('never emits for a silent source', marbles((m) => {
    m.expect(m.hot('-').pipe(marketState({ symbol: 'AAPL' }))).toBeObservable('-');
  }));

  it('completes with an empty source, adding no state', marbles((m) => {
    m.expect(m.cold('|').pipe(marketState({ symbol: 'AAPL' }))).toBeObservable('|');
  }));

  it('forwards an error', marbles((m) => {
    const source$  = m.hot('-b-#', inputs, new Error('lost'));
    const expected =       '-B-#';
    m.expect(source$.pipe(marketState({ symbol: 'AAPL' }), map(view))).toBeObservable(expected, states, new Error('lost'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-b-a-l-|', inputs);
    const sub      =       '^--!';
    const expected =       '-B--';
    m.expect(source$.pipe(marketState({ symbol: 'AAPL' }), map(view)), sub).toBeObservable(expected, states);
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});

