import { expect } from 'chai';
import type { Bar } from '../../lib/bars/bar.js';
import { BarList } from '../../lib/bars/bar-list.js';

const bar = (start: number): Bar => ({ start, end: start + 1, open: start, high: start, low: start, close: start, volume: 0, trades: 0 });
const list = (capacity: number, count: number): BarList => {
  let l = BarList.empty(capacity);
  for (let i = 0; i < count; i++) l = l.append(bar(i));
  return l;
};

describe('BarList', () => {
  it('keeps the newest `capacity` bars, oldest first', () => {
    const l = list(3, 5);
    expect(l.length).to.equal(3);
    expect(l.toArray().map((b) => b.start)).to.deep.equal([2, 3, 4]);
    expect([...l].map((b) => b.start)).to.deep.equal([2, 3, 4]);
    expect(l.first?.start).to.equal(2);
    expect(l.last?.start).to.equal(4);
    expect(l.capacity).to.equal(3);
  });

  it('reads by index (negative from the end) and slices like an array', () => {
    const l = list(1000, 600);
    expect(l.at(0)?.start).to.equal(0);
    expect(l.at(-1)?.start).to.equal(599);
    expect(l.at(600)).to.equal(undefined);
    expect(l.at(-601)).to.equal(undefined);
    expect(l.slice(-3).map((b) => b.start)).to.deep.equal([597, 598, 599]);
    expect(l.slice(255, 258).map((b) => b.start)).to.deep.equal([255, 256, 257]);
    expect(l.slice(5, 2)).to.deep.equal([]);
  });

  it('never changes a list when appending to it or to a later one (across chunk evictions)', () => {
    let l = BarList.empty(300);
    const snapshots: BarList[] = [];
    for (let i = 0; i < 2000; i++) {
      l = l.append(bar(i));
      if (i % 97 === 0) snapshots.push(l);
    }
    snapshots.forEach((s, k) => {
      const newest = k * 97;
      expect(s.last?.start).to.equal(newest);
      expect(s.length).to.equal(Math.min(300, newest + 1));
      expect(s.first?.start).to.equal(Math.max(0, newest - 299));
    });
  });

  it('branches from an older list without touching the newer one', () => {
    const older = list(10, 3);
    const newer = older.append(bar(3));
    const branch = older.append(bar(99));
    expect(branch.toArray().map((b) => b.start)).to.deep.equal([0, 1, 2, 99]);
    expect(newer.toArray().map((b) => b.start)).to.deep.equal([0, 1, 2, 3]);
    expect(older.length).to.equal(3);
  });

  it('writes itself as a JSON array', () => {
    expect(JSON.parse(JSON.stringify(list(5, 2)))).to.deep.equal([bar(0), bar(1)]);
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => BarList.empty(0)).to.throw(RangeError);
    expect(() => BarList.empty(2.5)).to.throw(RangeError);
  });
});
