import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import type { Bar } from '../../lib/bars/bar.js';
import { tickBars } from '../../lib/bars/tick-bars.js';
import { tick } from '../support/fixtures.js';

const t = {
  l: tick('last', 100, { time: 1 }),
  s: tick('lastSize', 5, { time: 1 }),
  m: tick('last', 103, { time: 2 }),
  k: tick('lastSize', 2, { time: 2 }),
  n: tick('last', 99, { time: 3 }),
  b: tick('bid', 98, { time: 3 }),
};
const bar = (start: number, end: number, o: number, h: number, l: number, c: number, volume: number, trades: number): Bar =>
  ({ start, end, open: o, high: h, low: l, close: c, volume, trades });

// prettier-ignore
describe('tickBars', () => {
  it('emits a bar once it has n trades and the last trade\'s size', marbles((m) => {
    const source$  = m.hot('-l-s-b-m-k-n-|', t);
    const expected =       '---------A---(B|)';
    const values = { A: bar(1, 2, 100, 103, 100, 103, 7, 2), B: bar(3, 3, 99, 99, 99, 99, 0, 1) };
    m.expect(source$.pipe(tickBars(2))).toBeObservable(expected, values);
  }));

  it('closes a full bar at the next trade when its size never came', marbles((m) => {
    const source$  = m.hot('-l-m-n-|', t);
    const expected =       '-----A-(B|)';
    const values = { A: bar(1, 2, 100, 103, 100, 103, 0, 2), B: bar(3, 3, 99, 99, 99, 99, 0, 1) };
    m.expect(source$.pipe(tickBars(2))).toBeObservable(expected, values);
  }));

  it('rejects a trade count that is not a positive integer', () => {
    expect(() => tickBars(0)).to.throw(RangeError);
    expect(() => tickBars(1.5)).to.throw(RangeError);
  });

  it('never emits for a silent source', marbles((m) => {
    m.expect(m.hot('-').pipe(tickBars(2))).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(tickBars(2))).toBeObservable('|');
  }));

  it('forwards an error and drops the unfinished bar', marbles((m) => {
    const source$  = m.hot('-l-#', t, new Error('lost'));
    m.expect(source$.pipe(tickBars(2))).toBeObservable('---#', {}, new Error('lost'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-l-s-m-k-|', t);
    const sub      =       '^----!';
    m.expect(source$.pipe(tickBars(1)), sub).toBeObservable('---A--', { A: bar(1, 1, 100, 100, 100, 100, 5, 1) });
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});
