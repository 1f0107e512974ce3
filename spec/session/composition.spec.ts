// IbSession inside users' RxJS pipelines: one fold per request, retry / repeat / switchMap after
// errors, and a dead gateway that errors instead of staying silent. Fake connection, virtual time.
import { IBApiTickType as T } from '@stoqey/ib';
import { expect } from 'chai';
import { catchError, map, of, repeat, retry, Subject, switchMap, take, VirtualAction, VirtualTimeScheduler, type Subscription } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { ConnectionError, IbRxError, SymbolNotFoundError } from '../../lib/errors.js';
import { classifyIbCode } from '../../lib/ib-codes.js';
import { retryWithBackoff } from '../../lib/operators/retry-with-backoff.js';
import { IbSession } from '../../lib/session/ib-session.js';
import type { MarketState } from '../../lib/state/index.js';
import { tickPrice } from '../support/fixtures.js';
import { FakeConnection } from './fake-connection.js';
import { collect } from './sim-session.js';

const notFound = (reqId: number): IbEvent => ({
  type: 'error', reqId, code: 200, message: 'No security definition has been found for the request', info: classifyIbCode(200, reqId), time: 0,
});

function virtualSession(config: ConstructorParameters<typeof IbSession>[0] = {}): { session: IbSession; conn: FakeConnection; scheduler: VirtualTimeScheduler } {
  const scheduler = new VirtualTimeScheduler(VirtualAction, 100_000);
  const conn = new FakeConnection();
  const session = new IbSession({ market_data: { timeout: 5 }, ...config }, { createConnection: () => conn, scheduler, idleDisconnectMs: 1_000_000 });
  return { session, conn, scheduler };
}

/** Runs the virtual clock up to `ms` (timers due by then fire). */
function advance(scheduler: VirtualTimeScheduler, ms: number): void {
  const target = scheduler.frame + ms;
  scheduler.maxFrames = target;
  scheduler.flush();
  scheduler.frame = target;
}

describe('IbSession composition', () => {
  const subs: Subscription[] = [];
  afterEach(() => { subs.splice(0).forEach((s) => { s.unsubscribe(); }); });

  describe('one fold per request', () => {
    it('gives a late marketData$ subscriber the state folded from the first tick while ticks$ kept the request alive', async () => {
      const { session, conn } = virtualSession();
      const ticks: unknown[] = [];
      subs.push(session.ticks$('AAPL').subscribe(collect(ticks)));
      conn.ready(1);
      conn.emit(tickPrice(T.OPEN, 99, { reqId: 1 }));
      conn.emit(tickPrice(T.CLOSE, 98, { reqId: 1 }));
      conn.emit(tickPrice(T.BID, 100, { reqId: 1 }));
      const states: MarketState[] = [];
      subs.push(session.marketData$('AAPL').subscribe(collect(states)));
      expect(states).to.have.length(1, 'the current state at once');
      expect(states[0]).to.include({ open: 99, prevClose: 98, bid: 100 });
      conn.emit(tickPrice(T.ASK, 101, { reqId: 1 }));
      expect(states.map((s) => [s.open, s.prevClose, s.bid, s.ask])).to.deep.equal([[99, 98, 100, undefined], [99, 98, 100, 101]]);
      expect(ticks).to.have.length(4);
      expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 AAPL'], 'one request for both projections');
      await session.close();
    });

    it('folds each input once: two marketData$ subscribers see the very same snapshots', async () => {
      const { session, conn } = virtualSession();
      const a: MarketState[] = [];
      const b: MarketState[] = [];
      subs.push(session.marketData$('AAPL').subscribe(collect(a)), session.marketData$('AAPL').subscribe(collect(b)));
      conn.ready(1);
      conn.emit(tickPrice(T.BID, 100, { reqId: 1 }));
      conn.emit(tickPrice(T.ASK, 101, { reqId: 1 }));
      expect(a).to.have.length(2);
      a.forEach((state, i) => { expect(b[i]).to.equal(state); });
      await session.close();
    });

    it('streamInputs$ sees every decoded input once, with its key, however many subscribers', async () => {
      const { session, conn } = virtualSession();
      const seen: string[] = [];
      subs.push(session.streamInputs$.subscribe({ next: ({ key, step }) => seen.push(`${key} ${step.input.type} ${String(step.changed)}`), error: (e: unknown) => { throw e; } }));
      subs.push(session.marketData$('AAPL').subscribe(collect<MarketState>([])), session.ticks$('AAPL').subscribe(collect<unknown>([])));
      conn.ready(1);
      conn.emit(tickPrice(T.BID, 100, { reqId: 1 }));
      conn.emit(tickPrice(T.ASK, -1, { reqId: 1 }));
      const key = 'symbol=AAPL;secType=STK;exchange=SMART;currency=USD';
      expect(seen).to.deep.equal([`${key} tick true`]);
      await session.close();
    });
  });

  describe('retry, repeat and switchMap after an error', () => {
    it('retry(1) after 200 requests once more, then delivers the typed error; the line is free each time', async () => {
      const { session, conn } = virtualSession();
      let error: unknown;
      const lines: number[] = [];
      subs.push(session.marketData$('ZZZZ').pipe(retry(1)).subscribe({ error: (e: unknown) => { error = e; lines.push(session.subscriptions().length); } }));
      conn.ready(1);
      conn.emit(notFound(1));
      expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 ZZZZ', 'g1 req 2 ZZZZ']);
      expect(error).to.equal(undefined);
      conn.emit(notFound(2));
      expect(error).to.be.instanceOf(SymbolNotFoundError).and.be.instanceOf(IbRxError);
      expect(lines).to.deep.equal([0], 'the line was released before the error was delivered');
      expect(session.subscriptions()).to.deep.equal([]);
      await session.close();
    });

    it('retry() after MarketDataTimeoutError cancels the silent request and requests again', async () => {
      const { session, conn, scheduler } = virtualSession();
      const states: MarketState[] = [];
      const errors: unknown[] = [];
      subs.push(session.marketData$('AAPL').pipe(retry({ count: 2 })).subscribe({ next: (s) => states.push(s), error: (e: unknown) => errors.push(e) }));
      conn.ready(1);
      advance(scheduler, 5000);
      expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 AAPL', 'g1 cancel 1', 'g1 req 2 AAPL']);
      conn.emit(tickPrice(T.BID, 100, { reqId: 2 }));
      expect(states.map((s) => s.bid)).to.deep.equal([100]);
      expect(errors).to.deep.equal([]);
      await session.close();
    });

    it('retryWithBackoff re-requests after the delay, without "already registered"', async () => {
      const { session, conn, scheduler } = virtualSession();
      const errors: unknown[] = [];
      subs.push(session.marketData$('ZZZZ').pipe(retryWithBackoff({ initialDelayMs: 100, maxDelayMs: 100, maxRetries: 2, scheduler, random: () => 0.999 })).subscribe({ error: (e: unknown) => errors.push(e) }));
      conn.ready(1);
      conn.emit(notFound(1));
      advance(scheduler, 200);
      conn.emit(notFound(2));
      advance(scheduler, 200);
      conn.emit(notFound(3));
      expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 ZZZZ', 'g1 req 2 ZZZZ', 'g1 req 3 ZZZZ']);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(SymbolNotFoundError);
      await session.close();
    });

    it('repeat() after take(n) subscribes again with a fresh request', async () => {
      const { session, conn } = virtualSession();
      const bids: (number | undefined)[] = [];
      subs.push(session.marketData$('AAPL').pipe(take(1), repeat(2)).subscribe({ next: (s) => bids.push(s.bid), error: (e: unknown) => { throw e; } }));
      conn.ready(1);
      conn.emit(tickPrice(T.BID, 100, { reqId: 1 }));
      conn.emit(tickPrice(T.BID, 101, { reqId: 2 }));
      expect(bids).to.deep.equal([100, 101]);
      expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 AAPL', 'g1 cancel 1', 'g1 req 2 AAPL', 'g1 cancel 2']);
      await session.close();
    });

    it('switchMap to the same symbol works after an inner error and when the symbol repeats', async () => {
      const { session, conn } = virtualSession();
      const symbol$ = new Subject<string>();
      const out: string[] = [];
      subs.push(symbol$.pipe(
        switchMap((symbol) => session.marketData$(symbol).pipe(
          take(1),
          map((s) => `${s.symbol} ${String(s.bid)}`),
          catchError((e: unknown) => of(`${symbol} ${e instanceof IbRxError ? e.name : 'untyped'}`)),
        )),
      ).subscribe({ next: (line) => out.push(line), error: (e: unknown) => { throw e; } }));
      symbol$.next('ZZZZ');
      conn.ready(1);
      conn.emit(notFound(1));
      symbol$.next('ZZZZ');
      conn.emit(notFound(2));
      symbol$.next('AAPL');
      symbol$.next('AAPL');
      conn.emit(tickPrice(T.BID, 100, { reqId: 4 }));
      expect(out).to.deep.equal(['ZZZZ SymbolNotFoundError', 'ZZZZ SymbolNotFoundError', 'AAPL 100']);
      expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 ZZZZ', 'g1 req 2 ZZZZ', 'g1 req 3 AAPL', 'g1 cancel 3', 'g1 req 4 AAPL', 'g1 cancel 4']);
      await session.close();
    });
  });

  describe('a dead gateway', () => {
    it('errors every stream with a ConnectionError naming host:port and what to check after market_data.timeout', async () => {
      const { session, conn, scheduler } = virtualSession({ api: { tws_endpoint: '127.0.0.1', port: 4999 } });
      const errors: unknown[] = [];
      subs.push(session.marketData$('AAPL').subscribe({ error: (e: unknown) => errors.push(e) }), session.ticks$('MSFT').subscribe({ error: (e: unknown) => errors.push(e) }));
      const snapshot = session.snapshot('IBM').catch((e: unknown) => e);
      expect(conn.opened).to.equal(1);
      advance(scheduler, 4999);
      expect(errors).to.deep.equal([]);
      advance(scheduler, 1);
      expect(errors).to.have.length(2);
      for (const error of [...errors, await snapshot]) {
        expect(error).to.be.instanceOf(ConnectionError).and.include({ host: '127.0.0.1', port: 4999 });
        expect((error as Error).message).to.include('127.0.0.1:4999').and.include('Check that:').and.include('no connection within 5 s');
      }
      expect(session.subscriptions()).to.deep.equal([]);
      await session.close();
    });

    it('keeps the streams alive (and stale-capable) once the session has connected: losing the gateway is not an error', async () => {
      const { session, conn, scheduler } = virtualSession();
      const errors: unknown[] = [];
      const states: MarketState[] = [];
      subs.push(session.marketData$('AAPL').subscribe({ next: (s) => states.push(s), error: (e: unknown) => errors.push(e) }));
      conn.ready(1);
      conn.emit(tickPrice(T.BID, 100, { reqId: 1 }));
      conn.drop();
      subs.push(session.marketData$('MSFT').subscribe({ error: (e: unknown) => errors.push(e) }));
      advance(scheduler, 60_000);
      expect(errors).to.deep.equal([]);
      expect(states.at(-1)?.stale).to.equal(true);
      await session.close();
    });
  });
});
