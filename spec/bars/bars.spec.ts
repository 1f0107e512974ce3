import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import type { Bar } from '../../lib/bars/bar.js';
import { bars } from '../../lib/bars/bars.js';
import { tick } from '../support/fixtures.js';

const t = {
  l: tick('last', 100),
  s: tick('lastSize', 5),
  m: tick('last', 103),
  k: tick('lastSize', 2),
  n: tick('last', 99),
  b: tick('bid', 98),
  d: tick('last', 101, { delayed: true }),
};
const bar = (start: number, o: number, h: number, l: number, c: number, volume: number, trades: number): Bar =>
  ({ start, end: start + 10, open: o, high: h, low: l, close: c, volume, trades });

// prettier-ignore
describe('bars', () => {
  it('emits an OHLCV bar when its interval closes and the unfinished one on completion', marbles((m) => {
    const source$  = m.hot('-l-s-m-k----n-|', t);
    const expected =       '----------A---(B|)';
    const values = { A: bar(0, 100, 103, 100, 103, 7, 2), B: bar(10, 99, 99, 99, 99, 0, 1) };
    m.expect(source$.pipe(bars(10, m.scheduler))).toBeObservable(expected, values);
  }));

  it('aligns intervals to multiples of intervalMs, whenever the subscription starts', marbles((m) => {
    const source$  = m.hot('------l-m-----|', t);
    const sub      =       '-----^';
    const expected =       '----------A---|';
    m.expect(source$.pipe(bars(10, m.scheduler)), sub).toBeObservable(expected, { A: bar(0, 100, 103, 100, 103, 0, 2) });
  }));

  it('emits nothing for an interval without trades and ignores quotes', marbles((m) => {
    const source$  = m.hot('-l---b-------------------------n|', t);
    const expected =       '----------A---------------------(B|)';
    const values = { A: bar(0, 100, 100, 100, 100, 0, 1), B: bar(30, 99, 99, 99, 99, 0, 1) };
    m.expect(source$.pipe(bars(10, m.scheduler))).toBeObservable(expected, values);
  }));

  it('closes the bar with the first tick of the next interval, once', marbles((m) => {
    const source$  = m.hot('-l--------n-|', t);
    const expected =       '----------A-(B|)';
    const values = { A: bar(0, 100, 100, 100, 100, 0, 1), B: bar(10, 99, 99, 99, 99, 0, 1) };
    m.expect(source$.pipe(bars(10, m.scheduler))).toBeObservable(expected, values);
  }));

  it('books a size without a new price as volume at the previous price; delayed trades count', marbles((m) => {
    const source$  = m.hot('-d----------k-|', t);
    const expected =       '----------A---(B|)';
    const values = { A: bar(0, 101, 101, 101, 101, 0, 1), B: bar(10, 101, 101, 101, 101, 2, 0) };
    m.expect(source$.pipe(bars(10, m.scheduler))).toBeObservable(expected, values);
  }));

  it('rejects a non-positive interval', () => {
    expect(() => bars(0)).to.throw(RangeError);
  });

  it('never emits for a silent source', marbles((m) => {
    const sub = '^ 100ms !';
    m.expect(m.hot('-').pipe(bars(10, m.scheduler)), sub).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(bars(10, m.scheduler))).toBeObservable('|');
  }));

  it('forwards an error and drops the unfinished bar', marbles((m) => {
    const source$  = m.hot('-l-#', t, new Error('lost'));
    const expected =       '---#';
    m.expect(source$.pipe(bars(10, m.scheduler))).toBeObservable(expected, {}, new Error('lost'));
  }));

  it('unsubscribes the source and stops its timer on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-l-------------m-|', t);
    const sub      =       '^-------------!';
    const expected =       '----------A----';
    m.expect(source$.pipe(bars(10, m.scheduler)), sub).toBeObservable(expected, { A: bar(0, 100, 100, 100, 100, 0, 1) });
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});
