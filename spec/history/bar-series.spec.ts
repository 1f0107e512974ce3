import { expect } from 'chai';
import { scan } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import type { Bar } from '../../lib/bars/bar.js';
import { initialBarSeries, reduceBarSeries, type BarSeries, type BarSeriesInput } from '../../lib/history/bar-series.js';

const bar = (start: number, close: number, volume = 1): Bar => ({ start, end: start + 10, open: close, high: close, low: close, close, volume, trades: 1 });
const history = (...bars: Bar[]): BarSeriesInput => ({ type: 'history', bars });
const update = (b: Bar): BarSeriesInput => ({ type: 'update', bar: b });
const fold = (inputs: readonly BarSeriesInput[], size = 100): BarSeries => inputs.reduce(reduceBarSeries, initialBarSeries('AAPL', '5 secs', size));
const starts = (series: BarSeries): number[] => series.bars.toArray().map((b) => b.start);

describe('reduceBarSeries', () => {
  it('takes a history answer: every bar but the newest is closed, the newest forms', () => {
    const series = fold([history(bar(0, 1), bar(10, 2), bar(20, 3))]);
    expect(starts(series)).to.deep.equal([0, 10]);
    expect(series.forming).to.deep.equal(bar(20, 3));
    expect(series).to.include({ symbol: 'AAPL', barSize: '5 secs', stale: false });
  });

  it('replaces the forming bar on an update with its start, in O(1) (the closed bars are the same object)', () => {
    const before = fold([history(bar(0, 1), bar(10, 2))]);
    const after = reduceBarSeries(before, update(bar(10, 5, 9)));
    expect(after.forming).to.deep.equal(bar(10, 5, 9));
    expect(after.bars).to.equal(before.bars);
    expect(before.forming).to.deep.equal(bar(10, 2));
  });

  it('closes the forming bar when a new start arrives (its end cut at the new start)', () => {
    const series = fold([history(bar(0, 1), bar(10, 2)), update(bar(10, 3)), update({ ...bar(15, 4), end: 25 })]);
    expect(series.bars.toArray()).to.deep.equal([bar(0, 1), { ...bar(10, 3), end: 15 }]);
    expect(series.forming).to.deep.equal({ ...bar(15, 4), end: 25 });
  });

  it('ignores an update older than the forming bar or already closed', () => {
    const series = fold([history(bar(0, 1), bar(10, 2), bar(20, 3))]);
    expect(reduceBarSeries(series, update(bar(10, 9)))).to.equal(series);
    const empty = fold([history(bar(0, 1), bar(10, 2))]);
    const noForming = { ...empty, forming: undefined };
    expect(reduceBarSeries(noForming, update(bar(0, 9)))).to.equal(noForming);
  });

  it('keeps at most `history` closed bars, the newest', () => {
    const series = fold([history(bar(0, 1), bar(10, 2), bar(20, 3)), update(bar(30, 4)), update(bar(40, 5))], 2);
    expect(starts(series)).to.deep.equal([20, 30]);
    expect(series.forming?.start).to.equal(40);
  });

  it('merges a re-requested span without duplicate or missing starts (closed bars are final; the answer wins for the forming one)', () => {
    const before = fold([history(bar(0, 1), bar(10, 2), bar(20, 3)), update(bar(20, 4))]);
    const after = reduceBarSeries(before, history(bar(10, 99), bar(20, 5), bar(30, 6), bar(40, 7)));
    expect(after.bars.toArray()).to.deep.equal([bar(0, 1), bar(10, 2), bar(20, 5), bar(30, 6)]);
    expect(after.forming).to.deep.equal(bar(40, 7));
  });

  it('keeps the forming bar when the re-requested span has nothing for its start', () => {
    const before = fold([history(bar(0, 1), bar(10, 2))]);
    const after = reduceBarSeries(before, history(bar(30, 6)));
    expect(starts(after)).to.deep.equal([0, 10]);
    expect(after.forming?.start).to.equal(30);
    expect(reduceBarSeries(after, history())).to.equal(after);
  });

  it('sets the stale flag (same object when unchanged)', () => {
    const series = fold([history(bar(0, 1))]);
    const stale = reduceBarSeries(series, { type: 'stale', stale: true });
    expect(stale.stale).to.equal(true);
    expect(reduceBarSeries(stale, { type: 'stale', stale: true })).to.equal(stale);
    expect(series.stale).to.equal(false);
  });

  it('never changes an emitted series, however many updates follow', () => {
    const emitted: BarSeries[] = [];
    let series = fold([history(bar(0, 1), bar(10, 2))], 1000);
    for (let i = 2; i < 600; i++) {
      series = reduceBarSeries(series, update(bar(i * 10, i)));
      emitted.push(series);
    }
    emitted.forEach((s, i) => {
      expect(s.bars.length).to.equal(i + 2);
      expect(s.bars.last?.start).to.equal((i + 1) * 10);
      expect(s.forming?.start).to.equal((i + 2) * 10);
    });
  });

  it('rejects a history bound that is not a positive integer', () => {
    expect(() => initialBarSeries('AAPL', '1 min', 0)).to.throw(RangeError);
  });

  // prettier-ignore
  it('folds a stream of inputs with scan', marbles((m) => {
    const inputs$ = m.cold('-h-u-n-|', { h: history(bar(0, 1), bar(10, 2)), u: update(bar(10, 3)), n: update(bar(20, 4)) });
    const seed = initialBarSeries('AAPL', '5 secs', 10);
    const formingStarts$ = inputs$.pipe(scan(reduceBarSeries, seed), scan((acc: number[], s) => [...acc, s.forming?.start ?? -1], []));
    m.expect(formingStarts$).toBeObservable('-a-b-c-|', { a: [10], b: [10, 10], c: [10, 10, 20] });
  }));
});
