import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { map, scan, filter, type Observable } from 'rxjs';
import { NotSubscribedError, StreamLimitError, SymbolNotFoundError } from '../../../lib/errors.js';
import type { ReadySignal } from '../../../lib/requests/request-context.js';
import { foldDepth, initialDepthFold, type DepthInput } from '../../../lib/streams/depth/depth-fold.js';
import { depthRequest$ } from '../../../lib/streams/depth/depth-request.js';
import { emptyOrderBook, type OrderBook } from '../../../lib/streams/depth/order-book.js';
import { depthError, depthSpec, fakeDepthContext, l1Event, l2Event } from './fake-depth-context.js';

const ready: Record<string, ReadySignal> = {
  c: { generation: 1, reason: 'connected' },
  r: { generation: 2, reason: 'reconnected' },
  l: { generation: 1, reason: 'link-restored' },
};
const BID = 1;
const ASK = 0;
const spec = depthSpec('AAPL', 3, true);

/** Inputs as short words: `+b1@10.01` (insert bid at 1), `=a0@…`, `-b0`, `clear`, `int` / `ok`. */
const words$ = (inputs$: Observable<DepthInput>): Observable<string> => inputs$.pipe(map((input) => {
  switch (input.type) {
    case 'update': {
      const { operation, side, position, price } = input.update;
      const op = operation === 'insert' ? '+' : operation === 'update' ? '=' : '-';
      return `${op}${side[0] ?? '?'}${position}${operation === 'delete' ? '' : `@${price}`}`;
    }
    case 'clear': return 'clear';
    case 'interrupted': return input.interrupted ? 'int' : 'ok';
  }
}));

/** Books as `bids|asks` prices (`*` when stale). */
const books$ = (inputs$: Observable<DepthInput>): Observable<string> => inputs$.pipe(
  scan(foldDepth, initialDepthFold(emptyOrderBook('AAPL', 3, true))),
  filter((f) => f.emit),
  map((f) => view(f.book)),
);
const view = (book: OrderBook): string => `${book.bids.map((l) => l.price).join(',')}|${book.asks.map((l) => l.price).join(',')}${book.stale ? '*' : ''}`;

// prettier-ignore
describe('depthRequest$', () => {
  it('asks once with rows and isSmartDepth, and passes every row change named', marbles((m) => {
    const events$ = m.hot('--abc-', { a: l2Event(1, 0, 0, BID, 10.01), b: l2Event(1, 0, 0, ASK, 10.03), c: l2Event(1, 1, 2, BID, 0) });
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('-c-', ready), events$ });
    m.expect(depthRequest$(spec, fake.context).pipe(filter((i) => i.type !== 'interrupted'), words$)).toBeObservable('--abc-', { a: '+b0@10.01', b: '+a0@10.03', c: '-b1' });
    m.flush();
    expect(fake.sent).to.deep.equal(['1 g1 depth 1 AAPL 3 smart']);
  }));

  it('reads L1 rows (no market maker) and skips an operation TWS does not define', marbles((m) => {
    const events$ = m.hot('--ab-', { a: l1Event(1, 0, 7, BID, 1), b: l1Event(1, 0, 0, BID, 10.01) });
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    const updates: unknown[] = [];
    m.expect(depthRequest$(spec, fake.context).pipe(filter((i) => i.type !== 'interrupted'), map((i) => { updates.push(i); return 'u'; }))).toBeObservable('---u-');
    m.flush();
    expect(updates).to.deep.equal([{ type: 'update', update: { operation: 'insert', side: 'bid', position: 0, price: 10.01, size: 100, time: 0 } }]);
  }));

  it('cancels with the same isSmartDepth on unsubscribe, on the socket it asked on', marbles((m) => {
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('--') });
    const smart = depthRequest$(spec, fake.context).subscribe();
    const plain = depthRequest$(depthSpec('IBM', 5, false), fake.context).subscribe();
    m.scheduler.schedule(() => { smart.unsubscribe(); plain.unsubscribe(); }, 4);
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 depth 1 AAPL 3 smart', '0 g1 depth 2 IBM 5', '4 g1 cancel 1 smart', '4 g1 cancel 2']);
  }));

  it('clears and asks again with a fresh id after a reconnect (no cancel to the dead socket) and after 1101 (no cancel: TWS forgot it)', marbles((m) => {
    const events$ = m.hot('--a----b-----d--', { a: l2Event(1, 0, 0, BID, 10.01), b: l2Event(2, 0, 0, BID, 10.02), d: l2Event(3, 0, 0, BID, 10.03) });
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('c---r-----l----', { ...ready, l: { generation: 2, reason: 'link-restored' } }), events$ });
    fake.dead.add(1);
    m.expect(depthRequest$(spec, fake.context).pipe(books$)).toBeObservable('--a-x--b--x--d--', { a: '10.01|', x: '|*', b: '10.02|', d: '10.03|' });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 depth 1 AAPL 3 smart', '4 g2 depth 2 AAPL 3 smart', '10 g2 depth 3 AAPL 3 smart']);
  }));

  it('is stale from an interruption (rows kept) until the next row, without a request when the data was kept (1102)', marbles((m) => {
    const events$ = m.hot('-a-------b-', { a: l2Event(1, 0, 0, BID, 10.01), b: l2Event(1, 0, 1, BID, 10.02) });
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    m.scheduler.schedule(() => { fake.interrupted$.next(true); }, 3);
    m.scheduler.schedule(() => { fake.interrupted$.next(false); }, 6);
    m.expect(depthRequest$(spec, fake.context).pipe(books$)).toBeObservable('-a-s-----b-', { a: '10.01|', s: '10.01|*', b: '10.02|' });
    m.flush();
    expect(fake.sent).to.have.length(1);
  }));

  it('on 317 clears, cancels the reset request (same isSmartDepth) and asks again at once; on 316 after haltedRetryMs', marbles((m) => {
    const events$ = m.hot('-a-r-b--h-------d--', {
      a: l2Event(1, 0, 0, BID, 10.01), r: depthError(1, 317), b: l2Event(2, 0, 0, BID, 10.02), h: depthError(2, 316), d: l2Event(3, 0, 0, BID, 10.03),
    });
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$, haltedRetryMs: 5 });
    m.expect(depthRequest$(spec, fake.context).pipe(books$)).toBeObservable('-a-x-b--x-------d--', { a: '10.01|', x: '|*', b: '10.02|', d: '10.03|' });
    m.flush();
    expect(fake.sent).to.deep.equal([
      '0 g1 depth 1 AAPL 3 smart', '3 g1 cancel 1 smart', '3 g1 depth 2 AAPL 3 smart', '8 g1 cancel 2 smart', '13 g1 depth 3 AAPL 3 smart',
    ]);
  }));

  for (const [code, type] of [[200, SymbolNotFoundError], [309, StreamLimitError], [354, NotSubscribedError]] as const) {
    it(`ends with ${type.name} on ${code} and sends no cancel for the refused request`, marbles((m) => {
      const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$: m.hot('--e', { e: depthError(1, code) }) });
      let error: unknown;
      depthRequest$(spec, fake.context).subscribe({ error: (e: unknown) => { error = e; } });
      m.flush();
      expect(error).to.be.instanceOf(type);
      expect(error).to.include({ code, reqId: 1, symbol: 'AAPL' });
      expect(fake.sent).to.deep.equal(['0 g1 depth 1 AAPL 3 smart']);
    }));
  }

  it('goes on after an advisory code and reports a pacing warning', marbles((m) => {
    const events$ = m.hot('-wp-a-', { w: depthError(1, 2109), p: depthError(1, 100), a: l2Event(1, 0, 0, BID, 10.01) });
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('c-', ready), events$ });
    m.expect(depthRequest$(spec, fake.context).pipe(books$)).toBeObservable('----a-', { a: '10.01|' });
    m.flush();
    expect(fake.reported.map((e) => e.code)).to.deep.equal([100]);
  }));

  it('errors with the connection deadline when the session never connects, sending nothing', marbles((m) => {
    const deadline = new Error('never connected');
    const fake = fakeDepthContext({ scheduler: m.scheduler, ready$: m.hot('---'), events$: m.hot('---'), connectionDeadline$: m.cold('--#', {}, deadline) });
    let error: unknown;
    depthRequest$(spec, fake.context).subscribe({ error: (e: unknown) => { error = e; } });
    m.flush();
    expect(error).to.have.property('cause', deadline);
    expect(fake.sent).to.deep.equal([]);
  }));
});
