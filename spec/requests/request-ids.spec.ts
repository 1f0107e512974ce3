import { expect } from 'chai';
import { RequestIds } from '../../lib/requests/request-ids.js';

describe('RequestIds', () => {
  it('hands out increasing ids from 1 and never the same twice', () => {
    const ids = new RequestIds();
    const taken = Array.from({ length: 1000 }, () => ids.next());
    expect(taken[0]).to.equal(1);
    expect(new Set(taken).size).to.equal(1000);
    expect(taken.every((id, i) => i === 0 || id > (taken[i - 1] ?? 0))).to.equal(true);
    expect(ids.last).to.equal(1000);
  });

  it('can start elsewhere, and two allocators are independent', () => {
    const a = new RequestIds(100);
    const b = new RequestIds();
    expect([a.next(), a.next(), b.next()]).to.deep.equal([100, 101, 1]);
  });
});
