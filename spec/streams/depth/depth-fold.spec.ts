import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { filter, map, scan, type Observable } from 'rxjs';
import { applyDepthUpdate } from '../../../lib/streams/depth/apply-depth-update.js';
import { foldDepth, initialDepthFold, type DepthInput } from '../../../lib/streams/depth/depth-fold.js';
import { emptyOrderBook, type DepthUpdate, type OrderBook } from '../../../lib/streams/depth/order-book.js';

const EMPTY_BOOK = emptyOrderBook('AAPL', 2, true);
const bid = (operation: DepthUpdate['operation'], position: number, price: number): DepthUpdate => ({ operation, side: 'bid', position, price, size: 100, time: 0 });
const upd = (u: DepthUpdate): DepthInput => ({ type: 'update', update: u });

/** Books as `bid prices` (`*` when stale). */
const view = (book: OrderBook): string => `${book.bids.map((l) => l.price).join(',')}${book.stale ? '*' : ''}`;

// prettier-ignore
describe('applyDepthUpdate as scan\'s reducer', () => {
  it('makes one new book per update; an insert at an occupied position shifts, the side is cut to rows', marbles((m) => {
    const updates = { a: bid('insert', 0, 10), b: bid('insert', 0, 11), c: bid('insert', 1, 10.5), d: bid('delete', 0, 0) };
    const source$  = m.hot('  -a-b-c-d-|', updates);
    const expected =         '-A-B-C-D-|';
    m.expect(source$.pipe(scan(applyDepthUpdate, EMPTY_BOOK), map(view))).toBeObservable(expected, { A: '10', B: '11,10', C: '11,10.5', D: '10.5' });
  }));

  it('passes an error on and stops at an early unsubscribe', marbles((m) => {
    const source$  = m.hot('  -a-#', { a: bid('insert', 0, 10) }, new Error('socket'));
    m.expect(source$.pipe(scan(applyDepthUpdate, EMPTY_BOOK), map(view))).toBeObservable('-A-#', { A: '10' }, new Error('socket'));
    const never$   = m.hot('  -a---b-', { a: bid('insert', 0, 10), b: bid('insert', 0, 11) });
    m.expect(never$.pipe(scan(applyDepthUpdate, EMPTY_BOOK), map(view)), '^--!').toBeObservable('-A--', { A: '10' });
  }));
});

// prettier-ignore
describe('foldDepth', () => {
  const inputs: Record<string, DepthInput> = {
    u: upd(bid('insert', 0, 10)), v: upd(bid('insert', 0, 11)), w: upd(bid('update', 0, 12)),
    i: { type: 'interrupted', interrupted: true }, o: { type: 'interrupted', interrupted: false }, c: { type: 'clear', time: 5 },
  };  type Context = Parameters<Parameters<typeof marbles>[0]>[0];
  const books$ = (marble: string, m: Context): Observable<string> =>
    m.hot(marble, inputs).pipe(scan(foldDepth, initialDepthFold(EMPTY_BOOK)), filter((f) => f.emit), map((f) => view(f.book)));


  it('emits nothing before the first row (not even a stale flag), then a book per row', marbles((m) => {
    m.expect(books$('-i-o-u-v-', m)).toBeObservable('-----A-B-', { A: '10', B: '11,10' });
  }));

  it('is stale from an interruption until the next row (rows kept), not at its end', marbles((m) => {
    m.expect(books$('-u-i-o-w-', m)).toBeObservable('-A-S---W-', { A: '10', S: '10*', W: '12' });
  }));

  it('clears to an empty stale book, fresh again with the first new row even if the interruption came first', marbles((m) => {
    m.expect(books$('-u-i-o-c-v-', m)).toBeObservable('-A-S---E-V-', { A: '10', S: '10*', E: '*', V: '11' });
  }));

  it('stays stale while interrupted even when rows come; a row then proves the request alive, so the end of the interruption ends it', marbles((m) => {
    m.expect(books$('-u-i-v-o-w-', m)).toBeObservable('-A-S-V-F-W-', { A: '10', S: '10*', V: '11,10*', F: '11,10', W: '12,10' });
  }));

  it('keeps the symbol, rows and smart of the book through a clear', () => {
    const fold = foldDepth(foldDepth(initialDepthFold(EMPTY_BOOK), inputs.u!), inputs.c!);
    expect(fold.book).to.include({ symbol: 'AAPL', rows: 2, smart: true, stale: true, time: 5 });
    expect(fold.book.bids).to.have.length(0);
  });
});
