import { IBApiTickType as T } from '@stoqey/ib';
import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { MarketDataLinesError, MarketDataTimeoutError, NotSubscribedError, SymbolNotFoundError } from '../../lib/errors.js';
import { IbCode } from '../../lib/ib-codes.js';
import { normalizeContract } from '../../lib/requests/contract-key.js';
import { marketDataRequest$ } from '../../lib/requests/market-data-request.js';
import type { MarketDataRequestSpec } from '../../lib/requests/request-context.js';
import type { MarketStateInput } from '../../lib/state/index.js';
import { tick, tickPrice } from '../support/fixtures.js';
import { fakeRequestContext } from './fake-request-context.js';
import { ibError, marketDataType, ready } from './request-events.js';

const AAPL: MarketDataRequestSpec = { key: 'AAPL', symbol: 'AAPL', contract: normalizeContract('AAPL'), dataType: 'realtime' };
const MSFT: MarketDataRequestSpec = { key: 'MSFT', symbol: 'MSFT', contract: normalizeContract('MSFT'), dataType: 'realtime' };

const bid = (reqId: number, price = 10) => tickPrice(T.BID, price, { reqId });
const ask = (reqId: number, price = 11) => tickPrice(T.ASK, price, { reqId });
const B = (reqId: number, price = 10) => tick('bid', price, { reqId });
const A = (reqId: number, price = 11) => tick('ask', price, { reqId });
const stale = (value: boolean): MarketStateInput => ({ type: 'stale', stale: value });

// prettier-ignore
describe('marketDataRequest$', () => {
  it('requests once the socket is ready, emits only its own ticks and cancels on unsubscribe', marbles((m) => {
    const ready$  = m.hot('r-----------', { r: ready(1) });
    const events$ = m.hot('--a-b-c-----', { a: bid(1), b: bid(2), c: ask(1) });
    const sub     =       '^-------!';
    const expected =      '--A---C--';
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$, events$ });
    m.expect(marketDataRequest$(AAPL, fake.context), sub).toBeObservable(expected, { A: B(1), C: A(1) });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 req 1 AAPL', '8 g1 cancel 1']);
    expect(fake.context.registry.size).to.equal(0);
  }));

  it('sends nothing until the socket is ready, but holds its line meanwhile', marbles((m) => {
    const ready$  = m.hot('-----r---', { r: ready(1) });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$, events$: m.hot('-') });
    const sub = marketDataRequest$(AAPL, fake.context).subscribe();
    m.scheduler.schedule(() => {
      expect(fake.sent).to.deep.equal([]);
      expect(fake.context.registry.list().map((s) => [s.symbol, s.reqId])).to.deep.equal([['AAPL', undefined]]);
    }, 3);
    m.scheduler.schedule(() => { sub.unsubscribe(); }, 8);
    m.flush();
    expect(fake.sent).to.deep.equal(['5 g1 req 1 AAPL', '8 g1 cancel 1']);
  }));

  it('requests again with a fresh id after a reconnect, drops late ticks of the old id and cancels nothing on the dead socket', marbles((m) => {
    const ready$   = m.hot('r-----s-------', { r: ready(1), s: ready(2) });
    const events$  = m.hot('--a------b-c--', { a: bid(1), b: bid(1, 9), c: ask(2) });
    const sub      =       '^-----------!';
    const expected =       '--A--------C--';
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$, events$ });
    m.scheduler.schedule(() => fake.dead.add(1), 5);
    m.expect(marketDataRequest$(AAPL, fake.context), sub).toBeObservable(expected, { A: B(1), C: A(2) });
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 req 1 AAPL', '6 g2 req 2 AAPL', '12 g2 cancel 2']);
  }));

  it('requests again on the same socket after 1101 without cancelling the request TWS forgot', marbles((m) => {
    const ready$  = m.hot('r---l---', { r: ready(1), l: ready(1, 'link-restored') });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$, events$: m.hot('-') });
    m.expect(marketDataRequest$(AAPL, fake.context), '^------!').toBeObservable('--------');
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 req 1 AAPL', '4 g1 req 2 AAPL', '7 g1 cancel 2']);
  }));

  it('sends no cancel when the socket of the request is gone', marbles((m) => {
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$: m.hot('-') });
    m.scheduler.schedule(() => fake.dead.add(1), 2);
    m.expect(marketDataRequest$(AAPL, fake.context), '^---!').toBeObservable('-----');
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 req 1 AAPL']);
  }));

  it('falls back to delayed (3), then delayed-frozen (4), then fails with NotSubscribedError', marbles((m) => {
    const events$  = m.hot('--x--y--t--z', { x: ibError(1, IbCode.NOT_SUBSCRIBED), y: ibError(2, IbCode.DELAYED_NOT_ENABLED), t: marketDataType(3, 4), z: ibError(3, IbCode.NOT_SUBSCRIBED) });
    const expected =       '--------T--#';
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$ });
    const error = new NotSubscribedError(IbCode.NOT_SUBSCRIBED, 'IB says 354', { reqId: 3, symbol: 'AAPL' });
    m.expect(marketDataRequest$(AAPL, fake.context)).toBeObservable(expected, { T: { type: 'marketDataType', marketDataType: 'delayed-frozen' } }, error);
    m.flush();
    expect(fake.sent).to.deep.equal([
      '0 g1 req 1 AAPL',
      '2 g1 type 3', '2 g1 req 2 AAPL', '2 g1 type 1',
      '5 g1 type 4', '5 g1 req 3 AAPL', '5 g1 type 1',
    ]);
    expect(fake.context.registry.size).to.equal(0);
  }));

  it('keeps the fallen-back type when it requests again after a reconnect', marbles((m) => {
    const ready$  = m.hot('r------s', { r: ready(1), s: ready(2) });
    const events$ = m.hot('--x-----', { x: ibError(1, IbCode.NOT_SUBSCRIBED) });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$, events$ });
    m.expect(marketDataRequest$(AAPL, fake.context), '^--------!').toBeObservable('----------');
    m.flush();
    expect(fake.sent).to.deep.equal([
      '0 g1 req 1 AAPL', '2 g1 type 3', '2 g1 req 2 AAPL', '2 g1 type 1',
      '7 g2 type 3', '7 g2 req 3 AAPL', '7 g2 type 1', '9 g2 cancel 3',
    ]);
  }));

  it('errors with SymbolNotFoundError on 200 without a cancel, freeing its line', marbles((m) => {
    const events$ = m.hot('--x', { x: ibError(1, IbCode.NO_SECURITY_DEFINITION) });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$ });
    const error = new SymbolNotFoundError('IB says 200', { reqId: 1, symbol: 'AAPL' });
    m.expect(marketDataRequest$(AAPL, fake.context)).toBeObservable('--#', {}, error);
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 req 1 AAPL']);
    expect(fake.context.registry.size).to.equal(0);
  }));

  it('errors with a MarketDataLinesError naming the line limit on 101', () => {
    let seen: unknown;
    marbles((m) => {
      const events$ = m.hot('--x', { x: ibError(1, IbCode.MAX_TICKERS, 'Max number of tickers has been reached') });
      const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$, lineLimit: 50 });
      marketDataRequest$(AAPL, fake.context).subscribe({ error: (e: unknown) => { seen = e; } });
    })();
    expect(seen).to.be.instanceOf(MarketDataLinesError);
    expect(seen).to.include({ code: IbCode.MAX_TICKERS, limit: 50, inUse: 1, reqId: 1, symbol: 'AAPL' });
    expect((seen as Error).message).to.match(/market_data_lines is 50, 1 in use/);
  });

  it('keeps streaming through advisory 10167, 10089, 10090 and 300', marbles((m) => {
    const events$  = m.hot('-a-b-c-d-e-', { a: ibError(1, IbCode.DELAYED_DATA_DISPLAYED), b: ibError(1, IbCode.SUBSCRIPTION_NEEDED), c: ibError(1, IbCode.PARTLY_NOT_SUBSCRIBED), d: ibError(1, IbCode.CANT_FIND_ID), e: bid(1) });
    const expected =       '---------E-';
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$ });
    m.expect(marketDataRequest$(AAPL, fake.context), '^----------!').toBeObservable(expected, { E: B(1) });
  }));

  it('reports a pacing violation on errors$ and keeps streaming', marbles((m) => {
    const events$ = m.hot('-p-b', { p: ibError(1, IbCode.PACING_VIOLATION), b: bid(1) });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$ });
    m.expect(marketDataRequest$(AAPL, fake.context), '^----!').toBeObservable('---B', { B: B(1) });
    m.flush();
    expect(fake.reported.map((e) => e.code)).to.deep.equal([IbCode.PACING_VIOLATION]);
  }));

  it('errors with MarketDataTimeoutError when no tick follows the request in time, and cancels it', marbles((m) => {
    const ready$   = m.hot('--r', { r: ready(1) });
    const events$  = m.hot('----t', { t: marketDataType(1, 1) });
    const expected =       '----T----#';
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$, events$, firstDataTimeoutMs: 7 });
    const error = new MarketDataTimeoutError({ symbol: 'AAPL', timeoutMs: 7 });
    m.expect(marketDataRequest$(AAPL, fake.context)).toBeObservable(expected, { T: { type: 'marketDataType', marketDataType: 'realtime' } }, error);
    m.flush();
    expect(fake.sent).to.deep.equal(['2 g1 req 1 AAPL', '9 g1 cancel 1']);
  }));

  it('counts the first-data timeout from when the request leaves the pacing queue', marbles((m) => {
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$: m.hot('-'), firstDataTimeoutMs: 5, holdSends: true });
    m.scheduler.schedule(() => { fake.release(); }, 20);
    const error = new MarketDataTimeoutError({ symbol: 'AAPL', timeoutMs: 5 });
    m.expect(marketDataRequest$(AAPL, fake.context)).toBeObservable('-------------------------#', {}, error);
    m.flush();
    fake.release();
    expect(fake.sent).to.deep.equal(['20 g1 req 1 AAPL', '25 g1 cancel 1']);
  }));

  it('has no first-data timeout once a tick came, even across reconnects', marbles((m) => {
    const ready$   = m.hot('r--s----------', { r: ready(1), s: ready(2) });
    const events$  = m.hot('-b------------', { b: bid(1) });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$, events$, firstDataTimeoutMs: 4, staleAfterMs: 100 });
    m.expect(marketDataRequest$(AAPL, fake.context), '^------------!').toBeObservable('-B------------', { B: B(1) });
  }));

  it('refuses a subscription beyond the line budget, saying how many lines are in use', () => {
    let seen: unknown;
    marbles((m) => {
      const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$: m.hot('-'), lineLimit: 1 });
      const aapl = marketDataRequest$(AAPL, fake.context).subscribe();
      marketDataRequest$(MSFT, fake.context).subscribe({ error: (e: unknown) => { seen = e; } });
      m.scheduler.schedule(() => { aapl.unsubscribe(); }, 5);
      m.flush();
      expect(fake.sent).to.deep.equal(['0 g1 req 1 AAPL', '5 g1 cancel 1']);
    })();
    expect(seen).to.be.instanceOf(MarketDataLinesError);
    expect(seen).to.include({ inUse: 1, limit: 1, symbol: 'MSFT' });
    expect((seen as Error).message).to.match(/1 of 1 market data lines in use/);
  });

  it('marks the data stale while the connection is interrupted, after the first tick', marbles((m) => {
    const interrupted$ = m.hot('f-t-f--t----f', { t: true, f: false });
    const events$      = m.hot('---b-------b-', { b: bid(1) });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$, interrupted$, staleAfterMs: 100 });
    const seen: string[] = [];
    const sub = marketDataRequest$(AAPL, fake.context).subscribe({
      next: (input) => seen.push(`${m.scheduler.now()} ${input.type === 'stale' ? `stale ${input.stale}` : input.type}`),
      error: (e: unknown) => { throw e; },
    });
    m.scheduler.schedule(() => { sub.unsubscribe(); }, 20);
    m.flush();
    expect(seen).to.deep.equal(['3 tick', '3 stale true', '4 stale false', '7 stale true', '11 tick', '12 stale false']);
  }));

  it('marks one symbol stale after staleAfterMs without a tick, and fresh with the next tick', marbles((m) => {
    // Silence is measured from each tick's own time (stamped on arrival by the connection).
    const at = (time: number) => ({ reqId: 1, time });
    const events$  = m.hot('-b--c------d--', { b: tickPrice(T.BID, 10, at(1)), c: tickPrice(T.BID, 10, at(4)), d: tickPrice(T.BID, 10, at(11)) });
    const expected =       '-B--C----S-(Df)';
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$, staleAfterMs: 5 });
    const values = { B: tick('bid', 10, at(1)), C: tick('bid', 10, at(4)), D: tick('bid', 10, at(11)), S: stale(true), f: stale(false) };
    m.expect(marketDataRequest$(AAPL, fake.context), '^------------!').toBeObservable(expected, values);
  }));

  it('after a farm flap requests again only a stream that stayed silent', marbles((m) => {
    const farmRecovered$ = m.hot('----o------', { o: 'usfarm' });
    const events$        = m.hot('-----m-----', { m: bid(2) });
    const fake = fakeRequestContext({ scheduler: m.scheduler, ready$: m.hot('r', { r: ready(1) }), events$, farmRecovered$, farmResumeGraceMs: 3, staleAfterMs: 100 });
    const aapl = marketDataRequest$(AAPL, fake.context).subscribe();
    const msft = marketDataRequest$(MSFT, fake.context).subscribe();
    m.scheduler.schedule(() => { aapl.unsubscribe(); msft.unsubscribe(); }, 10);
    m.flush();
    expect(fake.sent).to.deep.equal(['0 g1 req 1 AAPL', '0 g1 req 2 MSFT', '7 g1 cancel 1', '7 g1 req 3 AAPL', '10 g1 cancel 3', '10 g1 cancel 2']);
  }));
});
