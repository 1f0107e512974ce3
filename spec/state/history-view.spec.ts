import { expect } from 'chai';
import { HistoryView } from '../../lib/state/history-view.js';
import { HistoryLog, HistoryWindow, COL_CLOSE, COL_VOLUME } from '../../lib/state/history-log.js';

const filled = (capacity: number, count: number): HistoryWindow => {
  const log = new HistoryLog(capacity);
  let window = HistoryWindow.empty(capacity);
  for (let i = 0; i < count; i++) window = log.append(i, 10 + i, 0, 0, i % 2 === 0 ? Number.NaN : i);
  return window;
};

describe('HistoryView', () => {
  const close = new HistoryView(filled(3, 5), COL_CLOSE, false);
  const volume = new HistoryView<number | undefined>(filled(3, 5), COL_VOLUME, true);

  it('reads rows oldest first with at(i); negative i counts from the newest', () => {
    expect([close.length, close.at(0), close.at(2), close.at(-1), close.at(-3)]).to.deep.equal([3, 12, 14, 14, 12]);
  });

  it('answers undefined outside the range', () => {
    expect([close.at(3), close.at(-4), close.at(Number.NaN)]).to.deep.equal([undefined, undefined, undefined]);
  });

  it('has first and last, and both are undefined when empty', () => {
    const empty = new HistoryView(HistoryWindow.empty(3), COL_CLOSE, false);
    expect([close.first, close.last, empty.first, empty.last, empty.length]).to.deep.equal([12, 14, undefined, undefined, 0]);
  });

  it('iterates, spreads, converts to an array and to JSON', () => {
    expect([...close]).to.deep.equal([12, 13, 14]);
    expect(close.toArray()).to.deep.equal([12, 13, 14]);
    expect(JSON.stringify({ close })).to.equal('{"close":[12,13,14]}');
  });

  it('shows an absent volume as undefined', () => {
    expect(volume.toArray()).to.deep.equal([undefined, 3, undefined]);
  });

  it('toArray returns a fresh array each time', () => {
    const a = close.toArray();
    a.push(99);
    expect(close.toArray()).to.deep.equal([12, 13, 14]);
  });
});

describe('HistoryLog', () => {
  it('drops whole chunks: memory stays bounded while rows keep coming', () => {
    const log = new HistoryLog(40);
    for (let i = 0; i < 10_000; i++) log.append(i, i, i, i, i);
    expect(log.total).to.equal(10_000);
    expect(log.chunks.length).to.be.at.most(Math.ceil(40 / log.chunkRows) + 1);
  });

  it('leaves a window taken earlier intact after its chunks were evicted from the log', () => {
    const log = new HistoryLog(16);
    const early = log.append(1, 1, 1, 1, 1);
    for (let i = 0; i < 1000; i++) log.append(0, 0, 0, 0, 0);
    expect(new HistoryView(early, COL_CLOSE, false).toArray()).to.deep.equal([1]);
  });
});
