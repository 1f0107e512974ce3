// depth$ through IbSession and the real @stoqey/ib client, against the built-in simulator over real sockets.
import { SecType } from '@stoqey/ib';
import { expect } from 'chai';
import fc from 'fast-check';
import type { Subscription } from 'rxjs';
import type { IbEvent, IbEventOf } from '../../lib/connection/ib-event.js';
import { InvalidInputError, StreamLimitError, SymbolNotFoundError, UnknownOptionError } from '../../lib/errors.js';
import type { IbSession } from '../../lib/session/ib-session.js';
import {
  DepthOperation, DepthSide, startSimulator, type SimDepthLevel, type SimDepthOperation, type Simulator, type SimulatorOptions,
} from '../../lib/sim/index.js';
import type { DepthLevel, OrderBook } from '../../lib/streams/depth/order-book.js';
import { collect, errorOf, liveClient, simSession, trackHandles, waitUntil } from '../session/sim-session.js';

type DepthEvent = IbEventOf<'updateMktDepth'> | IbEventOf<'updateMktDepthL2'>;
const isDepth = (e: IbEvent): e is DepthEvent => e.type === 'updateMktDepth' || e.type === 'updateMktDepthL2';

/** The depth events the session's client decoded, from now on. */
function recordDepth(session: IbSession): { readonly events: DepthEvent[]; readonly stop: () => void } {
  const events: DepthEvent[] = [];
  const sub = session.events$.subscribe({ next: (e) => { if (isDepth(e)) events.push(e); }, error: () => undefined });
  return { events, stop: () => { sub.unsubscribe(); } };
}

/** The plain reference: TWS's position rules on mutable arrays (the simulator never sends more than the rows asked for). */
function reference(events: readonly DepthEvent[]): { bids: DepthLevel[]; asks: DepthLevel[] } {
  const book = { bids: [] as DepthLevel[], asks: [] as DepthLevel[] };
  for (const e of events) {
    const side = e.side === 1 ? book.bids : book.asks;
    const level: DepthLevel = e.type === 'updateMktDepthL2' ? { price: e.price, size: e.size ?? 0, marketMaker: e.marketMaker } : { price: e.price, size: e.size ?? 0 };
    if (e.operation === 0) side.splice(e.position, 0, level);
    else if (e.operation === 1) side[e.position] = level;
    else side.splice(e.position, 1);
  }
  return book;
}

/** The simulator's own book cut to `rows`, as levels (market makers only for L2). */
function simTop(sim: Simulator, symbol: string, rows: number, l2: boolean): { bids: DepthLevel[]; asks: DepthLevel[] } {
  const cut = (levels: readonly SimDepthLevel[]): DepthLevel[] =>
    levels.slice(0, rows).map((l) => (l2 ? { price: l.price, size: l.size, marketMaker: l.marketMaker } : { price: l.price, size: l.size }));
  const book = sim.depthBook(symbol);
  return { bids: cut(book.bids), asks: cut(book.asks) };
}

const sides = (book: OrderBook | undefined): { bids: readonly DepthLevel[]; asks: readonly DepthLevel[] } | undefined =>
  book && { bids: book.bids, asks: book.asks };

/** Random operations valid for the simulator's current book of `symbol` (positions within each side). */
function validOps(sim: Simulator, symbol: string, raw: readonly RawOp[]): SimDepthOperation[] {
  const book = sim.depthBook(symbol);
  const rows = { [DepthSide.BID]: book.bids.length, [DepthSide.ASK]: book.asks.length };
  const ops: SimDepthOperation[] = [];
  for (const { at, ...o } of raw) {
    const n = rows[o.side];
    if (o.operation !== DepthOperation.INSERT && n === 0) continue;
    const position = at % (o.operation === DepthOperation.INSERT ? n + 1 : n);
    rows[o.side] += o.operation === DepthOperation.INSERT ? 1 : o.operation === DepthOperation.DELETE ? -1 : 0;
    ops.push({ ...o, position });
  }
  return ops;
}
type RawOp = Omit<SimDepthOperation, 'position'> & { readonly at: number };
const rawOp: fc.Arbitrary<RawOp> = fc.record({
  operation: fc.constantFrom(DepthOperation.INSERT, DepthOperation.UPDATE, DepthOperation.DELETE),
  side: fc.constantFrom(DepthSide.BID, DepthSide.ASK),
  at: fc.nat(),
  price: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
  size: fc.integer({ min: 1, max: 10_000 }),
  marketMaker: fc.constantFrom('NSDQ', 'ARCA', 'IEX'),
});

describe('IbSession depth$ (against the simulator)', function () {
  this.timeout(60_000);
  let sim: Simulator;
  const subs: Subscription[] = [];
  const sessions: IbSession[] = [];

  const start = async (options: SimulatorOptions = {}): Promise<Simulator> => {
    sim = await startSimulator({ port: 0, seed: 16, depthRateHz: 0, ...options });
    return sim;
  };
  const open = (...args: Parameters<typeof simSession> extends [Simulator, ...infer R] ? R : never): IbSession => {
    const session = simSession(sim, ...args);
    sessions.push(session);
    return session;
  };

  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    await sim.close();
  });

  it('emits after every update a book equal to the reference model of what was sent, and equal to the simulator\'s own book (random sequences)', async () => {
    await start();
    const session = open();
    const raw = recordDepth(session);
    const books: OrderBook[] = [];
    subs.push(session.depth$('AAPL', { rows: 5 }).subscribe(collect(books)));
    await waitUntil(() => books.length >= 10, 10_000, 'the first rows');
    await fc.assert(
      fc.asyncProperty(fc.array(rawOp, { maxLength: 30 }), async (ops) => {
        sim.depthOperations('AAPL', validOps(sim, 'AAPL', ops));
        const sent = liveClient(sim).depthUpdatesSent;
        await waitUntil(() => raw.events.length === sent && books.length === sent, 10_000, `${sent} updates decoded and folded`);
        expect(sides(books.at(-1))).to.deep.equal(simTop(sim, 'AAPL', 5, true));
      }),
      { numRuns: 20, seed: 16 },
    );
    raw.stop();
    expect(books.length).to.equal(raw.events.length);
    books.forEach((book, i) => {
      expect(sides(book), `book ${i}`).to.deep.equal(reference(raw.events.slice(0, i + 1)));
      expect(book).to.include({ symbol: 'AAPL', rows: 5, smart: true, stale: false, time: raw.events[i]!.time });
    });
  });

  it('emits distinct frozen books (frozen rows) that never change after emission, while the simulator moves its book by itself', async () => {
    await start({ depthRateHz: 200 });
    const session = open();
    const books: OrderBook[] = [];
    const copies: string[] = [];
    subs.push(session.depth$('MSFT', { rows: 10 }).subscribe({ next: (b) => { books.push(b); copies.push(JSON.stringify(b)); }, error: (e: unknown) => { throw e; } }));
    await waitUntil(() => books.length >= 150, 30_000, '150 books');
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    expect(new Set(books).size).to.equal(books.length);
    expect(books.map((b) => JSON.stringify(b))).to.deep.equal(copies);
    for (const book of books) {
      expect(Object.isFrozen(book) && [...book.bids, ...book.asks].every((l) => Object.isFrozen(l))).to.equal(true);
      expect(book.bids.length).to.be.at.most(10);
    }
    expect(books.at(-1)!.bids).to.have.length(10);
  });

  it('shares one request per contract, rows and smart; a late subscriber gets the current book at once; the last unsubscribe cancels with the same isSmartDepth', async () => {
    await start();
    const session = open();
    const a: OrderBook[] = [];
    const b: OrderBook[] = [];
    const arca: OrderBook[] = [];
    const first = session.depth$('AAPL').subscribe(collect(a));
    const third = session.depth$({ symbol: 'AAPL', secType: SecType.STK, exchange: 'ARCA', currency: 'USD' }, { rows: 3 }).subscribe(collect(arca));
    await waitUntil(() => a.length >= 20 && arca.length >= 6, 10_000, 'both books');
    const second = session.depth$('AAPL', { rows: 10, smart: true }).subscribe(collect(b));
    expect(b).to.have.length(1);
    expect(b[0]).to.equal(a.at(-1));
    expect(arca.at(-1)).to.include({ smart: false });
    expect(arca.at(-1)!.bids.every((l) => l.marketMaker === undefined)).to.equal(true);
    expect(a.at(-1)!.bids.every((l) => typeof l.marketMaker === 'string')).to.equal(true);
    const requests = liveClient(sim).depthRequests;
    expect(requests.map((r) => [r.symbol, r.exchange, r.numRows, r.isSmartDepth, r.outcome])).to.deep.equal([
      ['AAPL', 'SMART', 10, true, 'L2'], ['AAPL', 'ARCA', 3, false, 'L1'],
    ]);
    first.unsubscribe();
    expect(session.subscriptions()).to.have.length(0);
    second.unsubscribe();
    third.unsubscribe();
    await waitUntil(() => liveClient(sim).depthCancels.length === 2, 5000, 'two cancels');
    expect(liveClient(sim).depthCancels).to.deep.equal([
      { reqId: requests[0]!.reqId, isSmartDepth: true, found: true },
      { reqId: requests[1]!.reqId, isSmartDepth: false, found: true },
    ]);
    expect(sim.stats().depthSubscriptions).to.equal(0);
  });

  it('gives StreamLimitError (limits.depth_requests) to the extra subscription only; the others keep flowing', async () => {
    await start({ depthRateHz: 50 });
    const session = open({ limits: { depth_requests: 2 } });
    const aapl: OrderBook[] = [];
    const msft: OrderBook[] = [];
    subs.push(session.depth$('AAPL').subscribe(collect(aapl)), session.depth$('MSFT').subscribe(collect(msft)));
    await waitUntil(() => aapl.length > 0 && msft.length > 0, 10_000, 'two books');
    const error = await errorOf(session.depth$('IBM'));
    expect(error).to.be.instanceOf(StreamLimitError);
    expect(error).to.include({ stream: 'depth', inUse: 2, limit: 2, code: 309, symbol: 'IBM' });
    const [a, m] = [aapl.length, msft.length];
    await waitUntil(() => aapl.length > a + 5 && msft.length > m + 5, 10_000, 'both books still moving');
    expect(sim.stats().reqMktDepth).to.equal(2);
    subs.splice(1).forEach((s) => { s.unsubscribe(); });
    const ibm: OrderBook[] = [];
    subs.push(session.depth$('IBM').subscribe(collect(ibm)));
    await waitUntil(() => ibm.length > 0, 10_000, 'the freed budget used');
  });

  it('gives TWS\'s 309 to the extra subscription only as StreamLimitError; the first keeps flowing', async () => {
    await start({ depthRateHz: 50, depthRequests: 1 });
    const session = open();
    const aapl: OrderBook[] = [];
    subs.push(session.depth$('AAPL').subscribe(collect(aapl)));
    await waitUntil(() => aapl.length > 0, 10_000, 'the first book');
    const error = await errorOf(session.depth$('MSFT'));
    expect(error).to.be.instanceOf(StreamLimitError);
    expect(error).to.include({ stream: 'depth', code: 309, symbol: 'MSFT' });
    expect(error).to.not.have.property('inUse');
    const seen = aapl.length;
    await waitUntil(() => aapl.length > seen + 5, 10_000, 'the first book still moving');
  });

  it('on 317 clears the book (stale), cancels with the same isSmartDepth and asks again with a fresh id; 316 likewise after depthHaltedRetryMs', async () => {
    await start();
    const session = open({}, { depthHaltedRetryMs: 100 });
    const books: OrderBook[] = [];
    subs.push(session.depth$('AAPL', { rows: 4 }).subscribe(collect(books)));
    await waitUntil(() => books.length >= 8, 10_000, 'the book');
    for (const code of [317, 316] as const) {
      const before = books.length;
      sim.depthReset('AAPL', code);
      await waitUntil(() => books.slice(before).some((b) => b.bids.length === 0 && b.asks.length === 0 && b.stale), 10_000, `the cleared book after ${code}`);
      await waitUntil(() => books.at(-1)!.bids.length === 4 && books.at(-1)!.asks.length === 4 && !books.at(-1)!.stale, 10_000, `the book again after ${code}`);
      expect(sides(books.at(-1))).to.deep.equal(simTop(sim, 'AAPL', 4, true));
    }
    const client = liveClient(sim);
    const ids = client.depthRequests.map((r) => r.reqId);
    expect(new Set(ids).size).to.equal(3);
    expect(client.depthCancels).to.deep.equal([
      { reqId: ids[0], isSmartDepth: true, found: true },
      { reqId: ids[1], isSmartDepth: true, found: true },
    ]);
    expect(client.depthSubscriptions.map((s) => s.reqId)).to.deep.equal([ids[2]]);
  });

  it('after a forced drop resumes with a fresh request on the new socket: stale meanwhile, then no row of the old book', async () => {
    await start();
    const session = open();
    const books: OrderBook[] = [];
    subs.push(session.depth$('AAPL', { rows: 5 }).subscribe(collect(books)));
    await waitUntil(() => books.length >= 10, 10_000, 'the book');
    const oldId = liveClient(sim).depthRequests[0]!.reqId;
    const before = books.length;
    sim.drop();
    await waitUntil(() => books.at(-1)!.stale, 10_000, 'stale');
    await waitUntil(() => sim.stats().openConnections === 1 && liveClient(sim).depthSubscriptions.length === 1, 10_000, 'the new request');
    const newId = liveClient(sim).depthRequests[0]!.reqId;
    expect(newId).to.not.equal(oldId);
    await waitUntil(() => !books.at(-1)!.stale && books.at(-1)!.bids.length === 5, 10_000, 'fresh rows');
    const after = books.slice(before);
    const cleared = after.findIndex((b) => b.bids.length === 0 && b.asks.length === 0);
    expect(cleared, 'cleared before the new rows').to.be.greaterThan(-1);
    expect(after.slice(0, cleared + 1).every((b) => b.stale), 'stale until then').to.equal(true);
    expect(after[cleared + 1]!.bids.length + after[cleared + 1]!.asks.length, 'the next book holds one new row only').to.equal(1);
    expect(sides(books.at(-1))).to.deep.equal(simTop(sim, 'AAPL', 5, true));
    expect(sim.stats().cancelMktDepth).to.equal(0);
  });

  it('after 1101 asks again with a fresh id on the same socket and sends no cancel (TWS forgot the request)', async () => {
    await start();
    const session = open();
    const books: OrderBook[] = [];
    subs.push(session.depth$('AAPL', { rows: 5 }).subscribe(collect(books)));
    await waitUntil(() => books.length >= 10, 10_000, 'the book');
    await sim.connectivityLoss({ restore: 1101, gapMs: 50 });
    await waitUntil(() => liveClient(sim).depthRequests.length === 2, 10_000, 'the second request');
    await waitUntil(() => !books.at(-1)!.stale && books.at(-1)!.bids.length === 5, 10_000, 'fresh rows');
    const [first, second] = liveClient(sim).depthRequests;
    expect(second!.reqId).to.not.equal(first!.reqId);
    expect(liveClient(sim).depthCancels).to.deep.equal([]);
    expect(sim.stats().connections).to.equal(1);
    expect(books.some((b) => b.stale)).to.equal(true);
  });

  it('errors with SymbolNotFoundError (200) for that subscription, InvalidInputError for bad rows / smart / a misspelt option before any request', async () => {
    await start();
    const session = open();
    expect(await errorOf(session.depth$('NOPE1'))).to.be.instanceOf(SymbolNotFoundError).and.include({ code: 200, symbol: 'NOPE1' });
    const badRows = await errorOf(session.depth$('AAPL', { rows: 0 }));
    expect(badRows).to.be.instanceOf(InvalidInputError).and.include({ field: 'rows', value: 0 });
    expect(await errorOf(session.depth$('AAPL', { rows: 2.5 }))).to.be.instanceOf(InvalidInputError).and.include({ field: 'rows' });
    expect(await errorOf(session.depth$('AAPL', { smart: 'yes' } as never))).to.be.instanceOf(InvalidInputError).and.include({ field: 'smart' });
    expect(await errorOf(session.depth$('AAPL', { row: 5 } as never))).to.be.instanceOf(UnknownOptionError).and.include({ field: 'row', suggestion: 'rows' });
    expect(sim.stats().reqMktDepth).to.equal(1);
  });

  it('completes on close(), cancels at the simulator and leaves no socket or timer behind', async () => {
    await start({ depthRateHz: 50 });
    const tracker = trackHandles();
    const session = open();
    let completed = false;
    const books: OrderBook[] = [];
    subs.push(session.depth$('AAPL').subscribe({ next: (b) => books.push(b), error: (e: unknown) => { throw e; }, complete: () => { completed = true; } }));
    await waitUntil(() => books.length > 0, 10_000, 'the book');
    await session.close();
    expect(completed).to.equal(true);
    expect(sim.stats().clients[0]!.depthCancels).to.have.length(1);
    expect(await tracker.stop()).to.deep.equal([]);
  });
});
