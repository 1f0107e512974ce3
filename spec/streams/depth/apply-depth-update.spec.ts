import { expect } from 'chai';
import fc from 'fast-check';
import { applyDepthUpdate } from '../../../lib/streams/depth/apply-depth-update.js';
import { emptyOrderBook, type DepthLevel, type DepthUpdate, type OrderBook } from '../../../lib/streams/depth/order-book.js';

const at = (operation: DepthUpdate['operation'], side: DepthUpdate['side'], position: number, price: number, size = 100, marketMaker?: string): DepthUpdate =>
  marketMaker === undefined ? { operation, side, position, price, size, time: 1 } : { operation, side, position, price, size, marketMaker, time: 1 };

const prices = (levels: readonly DepthLevel[]): number[] => levels.map((l) => l.price);

const bidsOf = (rows: number, ...ps: number[]): OrderBook => ps.reduce((b, p, i) => applyDepthUpdate(b, at('insert', 'bid', i, p)), emptyOrderBook('AAPL', rows, true));

/** The plain reference: TWS's rules on mutable arrays, cut to `rows` after every insert. */
function reference(rows: number, updates: readonly DepthUpdate[]): { bids: DepthLevel[]; asks: DepthLevel[] } {
  const book = { bids: [] as DepthLevel[], asks: [] as DepthLevel[] };
  for (const u of updates) {
    const side = u.side === 'bid' ? book.bids : book.asks;
    const level: DepthLevel = u.marketMaker === undefined ? { price: u.price, size: u.size } : { price: u.price, size: u.size, marketMaker: u.marketMaker };
    if (u.operation === 'insert') {
      side.splice(u.position, 0, level);
      side.length = Math.min(side.length, rows);
    } else if (u.operation === 'update') side[u.position] = level;
    else side.splice(u.position, 1);
  }
  return book;
}

/** Valid update sequences (positions within the side, as TWS sends them) for a book of `rows`. */
const validUpdates = (rows: number): fc.Arbitrary<DepthUpdate[]> =>
  fc.array(fc.record({
    operation: fc.constantFrom('insert', 'update', 'delete'),
    side: fc.constantFrom('bid', 'ask'),
    at: fc.nat(),
    price: fc.integer({ min: 1, max: 10_000 }),
    size: fc.integer({ min: 0, max: 5000 }),
    marketMaker: fc.option(fc.constantFrom('NSDQ', 'ARCA'), { nil: undefined }),
  }), { maxLength: 200 }).map((raw) => {
    const len = { bid: 0, ask: 0 };
    const out: DepthUpdate[] = [];
    raw.forEach((r, i) => {
      const n = len[r.side];
      if (r.operation !== 'insert' && n === 0) return;
      const position = r.at % (r.operation === 'insert' ? Math.min(n + 1, rows) : n);
      len[r.side] = r.operation === 'insert' ? Math.min(n + 1, rows) : r.operation === 'delete' ? n - 1 : n;
      const base = { operation: r.operation, side: r.side, position, price: r.price, size: r.size, time: i };
      out.push(r.marketMaker === undefined ? base : { ...base, marketMaker: r.marketMaker });
    });
    return out;
  });

describe('applyDepthUpdate', () => {
  it('inserts at an occupied position by shifting the rows below down (not replacing the row there)', () => {
    const book = applyDepthUpdate(bidsOf(5, 10.02, 10.01, 10.0), at('insert', 'bid', 1, 10.015));
    expect(prices(book.bids)).to.deep.equal([10.02, 10.015, 10.01, 10.0]);
  });

  it('cuts the side to rows after an insert, dropping the worst row', () => {
    const book = applyDepthUpdate(bidsOf(3, 10.02, 10.01, 10.0), at('insert', 'bid', 0, 10.03));
    expect(prices(book.bids)).to.deep.equal([10.03, 10.02, 10.01]);
  });

  it('updates the row at a position, and deletes by shifting the rows below up', () => {
    const updated = applyDepthUpdate(bidsOf(5, 10.02, 10.01, 10.0), at('update', 'bid', 1, 10.01, 700, 'ARCA'));
    expect(updated.bids[1]).to.deep.equal({ price: 10.01, size: 700, marketMaker: 'ARCA' });
    const deleted = applyDepthUpdate(updated, at('delete', 'bid', 0, 10.02));
    expect(prices(deleted.bids)).to.deep.equal([10.01, 10.0]);
  });

  it('changes only the side named (asks lowest first as sent) and stamps the time', () => {
    const before = bidsOf(5, 10.02);
    const book = applyDepthUpdate(before, { ...at('insert', 'ask', 0, 10.05), time: 42 });
    expect(book.bids).to.equal(before.bids);
    expect(prices(book.asks)).to.deep.equal([10.05]);
    expect(book.time).to.equal(42);
  });

  it('ignores what lies outside the book: an insert at or past rows, a delete or update past the end, a negative position', () => {
    const book = bidsOf(2, 10.02, 10.01);
    for (const u of [at('insert', 'bid', 2, 9), at('delete', 'bid', 2, 9), at('update', 'bid', 3, 9), at('insert', 'bid', -1, 9), at('update', 'bid', 0.5, 9)]) {
      expect(applyDepthUpdate(book, u)).to.equal(book);
    }
  });

  it('appends an insert beyond the end and an update at the end (TWS never should, but rows are not lost)', () => {
    const book = bidsOf(5, 10.02);
    expect(prices(applyDepthUpdate(book, at('insert', 'bid', 3, 10.0)).bids)).to.deep.equal([10.02, 10.0]);
    expect(prices(applyDepthUpdate(book, at('update', 'bid', 1, 10.0)).bids)).to.deep.equal([10.02, 10.0]);
  });

  it('never changes its input: a new frozen book with new side arrays of frozen rows', () => {
    const before = bidsOf(5, 10.02, 10.01);
    const copy = JSON.stringify(before);
    const after = applyDepthUpdate(before, at('insert', 'bid', 0, 10.03));
    expect(JSON.stringify(before)).to.equal(copy);
    expect(after).to.not.equal(before);
    expect(after.bids).to.not.equal(before.bids);
    expect(Object.isFrozen(after) && after.bids.every((l) => Object.isFrozen(l))).to.equal(true);
  });

  it('equals the plain reference model after every update of any valid sequence (property)', () => {
    const cases = fc.integer({ min: 1, max: 12 }).chain((rows) => validUpdates(rows).map((updates) => ({ rows, updates })));
    fc.assert(fc.property(cases, ({ rows, updates }) => {
      let book = emptyOrderBook('X', rows, false);
      updates.forEach((u, i) => {
        const before = JSON.stringify(book);
        const previous = book;
        book = applyDepthUpdate(book, u);
        expect(JSON.stringify(previous), 'the previous book unchanged').to.equal(before);
        const want = reference(rows, updates.slice(0, i + 1));
        expect({ bids: book.bids, asks: book.asks }).to.deep.equal(want);
      });
    }), { numRuns: 200 });
  });
});
