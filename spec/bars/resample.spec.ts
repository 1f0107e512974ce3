import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import type { Bar } from '../../lib/bars/bar.js';
import { resample } from '../../lib/bars/resample.js';

const bar = (start: number, end: number, o: number, h: number, l: number, c: number, volume: number, trades: number, wap?: number): Bar =>
  ({ start, end, open: o, high: h, low: l, close: c, volume, trades, ...(wap !== undefined && { wap }) });

// 10-ms buckets: a and b fill [0, 10), c and d fill [10, 20), e opens [20, 30).
const b = {
  a: bar(0, 5, 10, 12, 9, 11, 100, 3, 10.5),
  b: bar(5, 10, 11, 15, 10, 14, 300, 5, 13),
  c: bar(10, 15, 14, 14, 8, 9, 50, 1, 11),
  d: bar(15, 20, 9, 10, 7, 8, 0, 0),
  e: bar(20, 25, 8, 8, 8, 8, 10, 1, 8),
  x: bar(3, 8, 1, 1, 1, 1, 1, 1, 1),
};
const AB = bar(0, 10, 10, 15, 9, 14, 400, 8, (10.5 * 100 + 13 * 300) / 400);
const CD = bar(10, 20, 14, 14, 7, 8, 50, 1); // d has no wap: the merged bar has none
const E = bar(20, 30, 8, 8, 8, 8, 10, 1, 8);

// prettier-ignore
describe('resample', () => {
  it('merges bars into aligned coarser bars, emitted when a merged bar reaches the bucket end', marbles((m) => {
    const source$  = m.hot('-a-b-c-d-e-|', b);
    const expected =       '---A---C---(E|)';
    m.expect(source$.pipe(resample(10))).toBeObservable(expected, { A: AB, C: CD, E });
  }));

  it('closes an unfinished bucket when a bar of a later bucket arrives', marbles((m) => {
    const source$  = m.hot('-a-e-|', b);
    const expected =       '---A-(E|)';
    m.expect(source$.pipe(resample(10))).toBeObservable(expected, { A: bar(0, 10, 10, 12, 9, 11, 100, 3, 10.5), E });
  }));

  it('emits two bars at once when a bar fills a later bucket while one is unfinished', marbles((m) => {
    const whole = bar(10, 20, 5, 6, 4, 5, 1, 1);
    const source$  = m.hot('-a-w---|', { a: b.a, w: whole });
    const expected =       '---(AW)|';
    m.expect(source$.pipe(resample(10))).toBeObservable(expected, { A: bar(0, 10, 10, 12, 9, 11, 100, 3, 10.5), W: whole });
  }));

  it('drops late bars of a bucket already emitted or passed', marbles((m) => {
    const source$  = m.hot('-a-b-x-c-|', b);
    const expected =       '---A-----(C|)';
    m.expect(source$.pipe(resample(10))).toBeObservable(expected, { A: AB, C: bar(10, 20, 14, 14, 8, 9, 50, 1, 11) });
  }));

  it('emits one bar for one input bar (on completion when it does not fill its bucket)', marbles((m) => {
    m.expect(m.cold('-a|', b).pipe(resample(10))).toBeObservable('--(A|)', { A: bar(0, 10, 10, 12, 9, 11, 100, 3, 10.5) });
  }));

  it('never emits for a silent source', marbles((m) => {
    const source$ = m.hot('-');
    m.expect(source$.pipe(resample(10))).toBeObservable('-');
    m.expect(source$).toHaveSubscriptions('^');
  }));

  it('completes with an empty source', marbles((m) => {
    m.expect(m.cold('|').pipe(resample(10))).toBeObservable('|');
  }));

  it('drops the unfinished bar and forwards an error', marbles((m) => {
    const source$  = m.hot('-a-b-c-#', b);
    const expected =       '---A---#';
    m.expect(source$.pipe(resample(10))).toBeObservable(expected, { A: AB });
  }));

  it('unsubscribes the source when unsubscribed early', marbles((m) => {
    const source$  = m.hot('-a-b-c-d-|', b);
    const sub      =       '^----!';
    const expected =       '---A--';
    m.expect(source$.pipe(resample(10)), sub).toBeObservable(expected, { A: AB });
    m.expect(source$).toHaveSubscriptions(sub);
  }));

  it('aligns to multiples of ms from the epoch, not to the first bar', marbles((m) => {
    const late = bar(7, 9, 2, 3, 1, 2, 4, 1);
    m.expect(m.cold('-l|', { l: late }).pipe(resample(5))).toBeObservable('--(L|)', { L: bar(5, 10, 2, 3, 1, 2, 4, 1) });
  }));

  it('rejects a length that is not a positive finite number', () => {
    expect(() => resample(0)).to.throw(RangeError);
    expect(() => resample(Number.NaN)).to.throw(RangeError);
    expect(() => resample(Number.POSITIVE_INFINITY)).to.throw(RangeError);
  });
});
