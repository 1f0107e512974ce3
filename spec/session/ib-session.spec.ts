import { IBApiTickType as T } from '@stoqey/ib';
import { expect } from 'chai';
import { VirtualAction, VirtualTimeScheduler, type Subscription } from 'rxjs';
import { ConfigError, InvalidInputError, MarketDataTimeoutError, SessionClosedError, UnknownOptionError } from '../../lib/errors.js';
import { IbSession } from '../../lib/session/ib-session.js';
import type { MarketState } from '../../lib/state/index.js';
import { tickPrice } from '../support/fixtures.js';
import { FakeConnection } from './fake-connection.js';
import { collect, errorOf } from './sim-session.js';

function fakeSession(config: ConstructorParameters<typeof IbSession>[0] = {}): { session: IbSession; conn: FakeConnection } {
  const conn = new FakeConnection();
  return { session: new IbSession(config, { createConnection: () => conn }), conn };
}

describe('IbSession', () => {
  const subs: Subscription[] = [];
  afterEach(() => { subs.splice(0).forEach((s) => { s.unsubscribe(); }); });

  it('validates its config like loadConfig', () => {
    expect(() => new IbSession({ api: { port: -1 } })).to.throw(ConfigError);
    expect(new IbSession({ market_data: { data_type: 'delayed' } }).config.market_data.data_type).to.equal('delayed');
  });

  it('refuses a misspelt option of marketData$ / ticks$ / snapshot (UnknownOptionError) and a bad dataType before connecting', async () => {
    const { session, conn } = fakeSession();
    const stateError = await errorOf(session.marketData$('AAPL', { datatype: 'delayed' } as never));
    expect(stateError).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'datatype', call: 'marketData$', suggestion: 'dataType' });
    expect(await errorOf(session.ticks$('AAPL', { genericTick: [233] } as never))).to.be.instanceOf(UnknownOptionError).and.deep.include({ call: 'ticks$', suggestion: 'genericTicks' });
    expect(await errorOf(session.marketData$('AAPL', { dataType: 'live' } as never))).to.be.instanceOf(InvalidInputError).and.include({ field: 'dataType' });
    const snapshotError = await session.snapshot('AAPL', { timeout: 5 } as never).catch((e: unknown) => e);
    expect(snapshotError).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'timeout', call: 'snapshot', suggestion: 'timeoutMs' });
    expect(conn.opened).to.equal(0);
    await session.close();
  });

  it('connects lazily, on the first market data subscription only', async () => {
    const { session, conn } = fakeSession();
    subs.push(session.connectionState$.subscribe(collect<unknown>([])), session.events$.subscribe(collect<unknown>([])), session.errors$.subscribe(collect<unknown>([])));
    expect(conn.opened).to.equal(0);
    subs.push(session.marketData$('AAPL').subscribe(collect<MarketState>([])), session.ticks$('MSFT').subscribe(collect<unknown>([])));
    expect(conn.opened).to.equal(1);
    await session.close();
  });

  it('sends reqMarketDataType before the requests on every ready, and requests only on a live socket', async () => {
    const { session, conn } = fakeSession({ market_data: { data_type: 'delayed' } });
    subs.push(session.marketData$('AAPL').subscribe(collect<MarketState>([])));
    conn.ready(1);
    subs.push(session.marketData$('MSFT').subscribe(collect<MarketState>([])));
    conn.drop();
    subs.push(session.marketData$('IBM').subscribe(collect<MarketState>([])));
    expect(session.subscriptions().map((s) => [s.symbol, s.reqId])).to.deep.equal([['AAPL', 1], ['MSFT', 2], ['IBM', undefined]]);
    conn.ready(2);
    conn.ready(2, 'link-restored');
    expect(conn.sent).to.deep.equal([
      'g1 type 3', 'g1 req 1 AAPL', 'g1 req 2 MSFT',
      'g2 type 3', 'g2 req 3 AAPL', 'g2 req 4 MSFT', 'g2 req 5 IBM',
      'g2 type 3', 'g2 req 6 AAPL', 'g2 req 7 MSFT', 'g2 req 8 IBM',
    ]);
    await session.close();
  });

  it('shares one request per normalised contract and gives a late subscriber the current state', async () => {
    const { session, conn } = fakeSession();
    const first: MarketState[] = [];
    subs.push(session.marketData$('AAPL').subscribe(collect(first)));
    conn.ready(1);
    conn.emit(tickPrice(T.BID, 10, { reqId: 1 }));
    const late: MarketState[] = [];
    const ticks: unknown[] = [];
    subs.push(session.marketData$({ symbol: 'aapl' }).subscribe(collect(late)), session.ticks$('AAPL').subscribe(collect(ticks)));
    expect(late).to.deep.equal([first[0]]);
    conn.emit(tickPrice(T.ASK, 11, { reqId: 1 }));
    expect(late.map((s) => s.ask)).to.deep.equal([undefined, 11]);
    expect(ticks).to.have.length(1);
    expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 AAPL']);
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    expect(conn.sent.at(-1)).to.equal('g1 cancel 1');
    await session.close();
  });

  it('publishes the live subscriptions after every change', async () => {
    const { session, conn } = fakeSession();
    const lists: string[][] = [];
    subs.push(session.subscriptions$.subscribe({ next: (list) => lists.push(list.map((s) => `${s.symbol}:${String(s.reqId)}`)), error: (e: unknown) => { throw e; } }));
    const aapl = session.marketData$('AAPL').subscribe(collect<MarketState>([]));
    conn.ready(1);
    aapl.unsubscribe();
    expect(lists).to.deep.equal([[], ['AAPL:undefined'], ['AAPL:1'], ['AAPL:undefined'], []]);
    await session.close();
  });

  it('snapshot waits for the sizes too, settles for prices alone at its timeout, and rejects without prices', async () => {
    const scheduler = new VirtualTimeScheduler(VirtualAction, 150);
    const conn = new FakeConnection();
    const session = new IbSession({}, { createConnection: () => conn, scheduler });
    const quote = session.snapshot('AAPL', { timeoutMs: 100 });
    const none = session.snapshot('IBM', { timeoutMs: 100 }).catch((e: unknown) => e);
    conn.ready(1);
    conn.emit(tickPrice(T.BID, 10, { reqId: 1 }));
    conn.emit(tickPrice(T.ASK, 11, { reqId: 1 }));
    conn.emit(tickPrice(T.LAST, 10.5, { reqId: 1 }));
    scheduler.flush();
    const state = await quote;
    expect([state.bid, state.ask, state.last, state.bidSize]).to.deep.equal([10, 11, 10.5, undefined]);
    expect(await none).to.be.instanceOf(MarketDataTimeoutError).and.include({ symbol: 'IBM', timeoutMs: 100 });
    await session.close();
  });

  it('close() completes every stream, cancels live requests while connected and refuses new ones', async () => {
    const { session, conn } = fakeSession();
    const completed: string[] = [];
    const done = (name: string) => ({ complete: () => completed.push(name), error: (e: unknown) => { throw e; } });
    subs.push(session.marketData$('AAPL').subscribe(done('AAPL')), session.ticks$('IBM').subscribe(done('IBM')), session.errors$.subscribe(done('errors')));
    subs.push(session.subscriptions$.subscribe(done('subscriptions')), session.connectionState$.subscribe(done('state')), session.events$.subscribe(done('events')));
    conn.ready(1);
    await session.close();
    await session.close();
    expect(completed.sort()).to.deep.equal(['AAPL', 'IBM', 'errors', 'events', 'state', 'subscriptions']);
    expect(conn.sent.slice(-2).sort()).to.deep.equal(['g1 cancel 1', 'g1 cancel 2']);
    expect(conn.closed).to.equal(1);
    expect(await errorOf(session.marketData$('AAPL'))).to.be.instanceOf(SessionClosedError);
    expect(await errorOf(session.ticks$('AAPL'))).to.be.instanceOf(SessionClosedError);
  });

  it('close() while disconnected sends no cancel', async () => {
    const { session, conn } = fakeSession();
    subs.push(session.marketData$('AAPL').subscribe(collect<MarketState>([])));
    conn.ready(1);
    conn.drop();
    await session.close();
    expect(conn.sent).to.deep.equal(['g1 type 3', 'g1 req 1 AAPL']);
  });
});
