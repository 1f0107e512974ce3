import { expect } from 'chai';
import { LatestWhileBlocked } from '../../lib/web/latest-while-blocked.js';

/** A sink that accepts `room` chunks, then says it is full until `room` is raised again. */
function sink(room: number) {
  const written: string[] = [];
  const state = { room };
  const write = (chunk: string): boolean => {
    written.push(chunk);
    state.room -= 1;
    return state.room > 0;
  };
  return { written, state, write };
}

describe('LatestWhileBlocked', () => {
  it('writes everything at once while the sink keeps up', () => {
    const s = sink(Number.POSITIVE_INFINITY);
    const writer = new LatestWhileBlocked(s.write);
    for (const [key, chunk] of [['a', 'a1'], ['b', 'b1'], ['a', 'a2']] as const) writer.push(key, chunk);
    expect(s.written).to.deep.equal(['a1', 'b1', 'a2']);
    expect(writer.blocked).to.equal(false);
  });

  it('while blocked keeps only the newest chunk per key, and writes them on drain in the order their keys first waited', () => {
    const s = sink(1);
    const writer = new LatestWhileBlocked(s.write);
    writer.push('a', 'a1'); // fills the sink
    writer.push('b', 'b1');
    writer.push('a', 'a2');
    writer.push('a', 'a3');
    writer.push('b', 'b2');
    writer.push('c', 'c1');
    expect(s.written).to.deep.equal(['a1']);
    expect(writer.blocked).to.equal(true);
    expect(writer.waiting).to.equal(3);
    s.state.room = 10;
    writer.drain();
    expect(s.written).to.deep.equal(['a1', 'b2', 'a3', 'c1']);
    expect(writer.waiting).to.equal(0);
    expect(writer.blocked).to.equal(false);
  });

  it('stops writing when the sink blocks again during a drain, and keeps the rest for the next drain', () => {
    const s = sink(1);
    const writer = new LatestWhileBlocked(s.write);
    writer.push('a', 'a1');
    for (const key of ['b', 'c', 'd']) writer.push(key, `${key}1`);
    s.state.room = 1;
    writer.drain();
    expect(s.written).to.deep.equal(['a1', 'b1']);
    expect(writer.blocked).to.equal(true);
    writer.push('c', 'c2');
    s.state.room = 10;
    writer.drain();
    expect(s.written).to.deep.equal(['a1', 'b1', 'c2', 'd1']);
  });

  it('holds at most one chunk per key however long the sink stays blocked', () => {
    const s = sink(1);
    const writer = new LatestWhileBlocked(s.write);
    for (let i = 0; i < 10_000; i++) writer.push(`k${i % 7}`, `chunk ${i}`);
    expect(writer.waiting).to.equal(7);
  });
});
