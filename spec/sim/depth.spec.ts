import { EventName, SecType } from '@stoqey/ib';
import type { Contract } from '@stoqey/ib';
import { expect } from 'chai';
import fc from 'fast-check';
import { DepthOperation, DepthSide, type SimDepthLevel, type SimDepthOperation, type SimDepthSnapshot, type Simulator } from '../../lib/sim/index.js';
import { RawClient, stock } from './support/raw-client.js';
import { waitUntil } from '../support/wait-until.js';
import { simHarness } from './support/sim-harness.js';

// The simulator's market depth through the unpatched @stoqey/ib client over a real socket: the
// client's own book (a plain model of TWS's position rules, applied to the events it decoded)
// must equal the simulator's book, cut to the rows asked for.

interface Row { readonly price: number; readonly size: number; readonly marketMaker: string }
interface Model { readonly bids: Row[]; readonly asks: Row[] }

const DEPTH_EVENTS: ReadonlySet<string> = new Set([EventName.updateMktDepth, EventName.updateMktDepthL2]);
const isDepth = (name: string): boolean => DEPTH_EVENTS.has(name);
const L2_EVENT: string = EventName.updateMktDepthL2;

/** Applies every depth event of one request, in order, by TWS's rules: insert shifts down, delete shifts up. */
function modelOf(c: RawClient, reqId: number): Model {
  const model: Model = { bids: [], asks: [] };
  for (const e of c.events) {
    if (!isDepth(e.name)) continue;
    const a = e.args;
    if (a[0] !== reqId) continue;
    const l2 = e.name === L2_EVENT;
    const [position, marketMaker, operation, side, price, size] = l2
      ? [a[1], a[2], a[3], a[4], a[5], a[6]] as [number, string, number, number, number, number]
      : [a[1], '', a[2], a[3], a[4], a[5]] as [number, string, number, number, number, number];
    const rows = side === 1 ? model.bids : model.asks;
    if (operation === 0) rows.splice(position, 0, { price, size, marketMaker });
    else if (operation === 1) rows[position] = { price, size, marketMaker };
    else rows.splice(position, 1);
  }
  return model;
}

const top = (book: SimDepthSnapshot, n: number, l2: boolean): Model => {
  const cut = (rows: readonly SimDepthLevel[]): Row[] => rows.slice(0, n).map((r) => ({ price: r.price, size: r.size, marketMaker: l2 ? r.marketMaker : '' }));
  return { bids: cut(book.bids), asks: cut(book.asks) };
};

const depthEvents = (c: RawClient, reqId: number): number =>
  c.events.filter((e) => isDepth(e.name) && e.args[0] === reqId).length;

/** Waits until the client has decoded every depth update the simulator sent it. */
async function settled(sim: Simulator, c: RawClient, reqIds: readonly number[]): Promise<void> {
  const sent = (): number => sim.stats().clients.filter((s) => s.open).reduce((n, s) => n + s.depthUpdatesSent, 0);
  await c.waitFor('every depth update', (x) => reqIds.reduce((n, id) => n + depthEvents(x, id), 0) >= sent(), 10_000);
}

const nasdaq = (symbol: string): Contract => ({ symbol, secType: SecType.STK, exchange: 'NASDAQ', currency: 'USD' });

/** Resolves once the simulator answered a request sent after everything before it (it handles a connection's messages in order). */
async function roundTrip(c: RawClient): Promise<void> {
  const n = c.of(EventName.currentTime).length;
  c.api.reqCurrentTime();
  await c.waitForCount(EventName.currentTime, n + 1);
}

describe('simulator: market depth', () => {
  const h = simHarness({ seed: 5 });
  afterEach(() => h.closeAll());

  it('answers smart depth with L2 rows (market makers, isSmartDepth) equal to its own book, numRows deep', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('AAPL'), 5, true, []);
    await c.waitForCount(EventName.updateMktDepthL2, 10);
    await settled(sim, c, [1]);
    const l2 = c.of(EventName.updateMktDepthL2);
    expect(l2.every((a) => a[7] === true && typeof a[2] === 'string' && a[2] !== '')).to.equal(true);
    expect(c.of(EventName.updateMktDepth)).to.have.length(0);
    const model = modelOf(c, 1);
    expect(model).to.deep.equal(top(sim.depthBook('AAPL'), 5, true));
    expect(model.bids).to.have.length(5);
    expect(model.bids[0]!.price).to.be.below(model.asks[0]!.price);
    expect(model.bids.map((r) => r.price)).to.deep.equal([...model.bids.map((r) => r.price)].sort((x, y) => y - x));
    expect(model.asks.map((r) => r.price)).to.deep.equal([...model.asks.map((r) => r.price)].sort((x, y) => x - y));
  });

  it('answers depth of one exchange with L1 rows, or L2 with isSmartDepth false for a market-maker exchange (NASDAQ)', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, { ...stock('MSFT'), exchange: 'ARCA' }, 3, false, []);
    c.api.reqMktDepth(2, nasdaq('AAPL'), 3, false, []);
    await c.waitFor('both books', (x) => depthEvents(x, 1) >= 6 && depthEvents(x, 2) >= 6);
    expect(c.of(EventName.updateMktDepth).every((a) => a[0] === 1)).to.equal(true);
    const island2 = c.of(EventName.updateMktDepthL2);
    expect(island2.length).to.be.greaterThan(0);
    expect(island2.every((a) => a[0] === 2 && a[7] === false)).to.equal(true);
    expect(modelOf(c, 1)).to.deep.equal(top(sim.depthBook('MSFT'), 3, false));
    const records = sim.stats().clients[0]!.depthRequests;
    expect(records.map((r) => [r.reqId, r.symbol, r.exchange, r.numRows, r.isSmartDepth, r.outcome])).to.deep.equal([
      [1, 'MSFT', 'ARCA', 3, false, 'L1'],
      [2, 'AAPL', 'NASDAQ', 3, false, 'L2'],
    ]);
  });

  it('keeps every subscriber equal to its top rows through pushed operations (random sequences)', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('AAPL'), 4, true, []);
    c.api.reqMktDepth(2, stock('AAPL'), 12, false, []);
    await c.waitFor('both books', (x) => depthEvents(x, 1) >= 8 && depthEvents(x, 2) >= 24);
    const opArb = fc.record({
      operation: fc.constantFrom(DepthOperation.INSERT, DepthOperation.UPDATE, DepthOperation.DELETE),
      side: fc.constantFrom(DepthSide.BID, DepthSide.ASK),
      at: fc.nat(),
      price: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
      size: fc.integer({ min: 1, max: 10_000 }),
      marketMaker: fc.constantFrom('NSDQ', 'ARCA', 'IEX'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 40 }), async (raw) => {
        const ops: SimDepthOperation[] = [];
        const rows = { [DepthSide.BID]: sim.depthBook('AAPL').bids.length, [DepthSide.ASK]: sim.depthBook('AAPL').asks.length };
        for (const { at, ...o } of raw) {
          const n = rows[o.side];
          if (o.operation !== DepthOperation.INSERT && n === 0) continue;
          const position = at % (o.operation === DepthOperation.INSERT ? n + 1 : n);
          rows[o.side] += o.operation === DepthOperation.INSERT ? 1 : o.operation === DepthOperation.DELETE ? -1 : 0;
          ops.push({ ...o, position });
        }
        sim.depthOperations('AAPL', ops);
        await settled(sim, c, [1, 2]);
        const book = sim.depthBook('AAPL');
        expect(modelOf(c, 1)).to.deep.equal(top(book, 4, true));
        expect(modelOf(c, 2)).to.deep.equal(top(book, 12, false));
      }),
      { numRuns: 25, seed: 16 },
    );
  });

  it('refuses an operation out of range with a RangeError naming it', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('AAPL'), 4, true, []);
    await c.waitFor('the book', (x) => depthEvents(x, 1) >= 8);
    const rows = sim.depthBook('AAPL').bids.length;
    const bad: SimDepthOperation = { operation: DepthOperation.DELETE, side: DepthSide.BID, position: rows, price: 1, size: 1, marketMaker: '' };
    expect(() => { sim.depthOperations('AAPL', [bad]); }).to.throw(RangeError, `delete at ${rows}`);
    expect(() => { sim.depthOperations('ZZZZ', []); }).to.throw(RangeError, 'ZZZZ');
  });

  it('moves the book by itself (inserts at occupied positions, updates and deletes) and every view stays equal to it', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('NVDA'), 10, true, []);
    await c.waitFor('the book', (x) => depthEvents(x, 1) >= 20);
    await sim.depthBurst('NVDA', 2000);
    await settled(sim, c, [1]);
    expect(modelOf(c, 1)).to.deep.equal(top(sim.depthBook('NVDA'), 10, true));
    const ops = c.of(EventName.updateMktDepthL2).slice(20);
    const occupiedInserts = ops.filter((a) => a[3] === DepthOperation.INSERT && (a[1] as number) < 9).length;
    expect(occupiedInserts, 'inserts at occupied positions').to.be.greaterThan(10);
    expect(ops.filter((a) => a[3] === DepthOperation.UPDATE).length, 'updates').to.be.greaterThan(10);
    expect(ops.filter((a) => a[3] === DepthOperation.DELETE).length, 'deletes').to.be.greaterThan(10);
  });

  it('gives 309 to the request beyond depthRequests (over all connections) only', async () => {
    const sim = await h.start({ depthRateHz: 0, depthRequests: 2 });
    const a = await h.client(sim);
    const b = new RawClient(sim.port, 1);
    try {
      await b.connect();
      await limits(sim, a, b);
    } finally {
      await b.close();
    }
  });

  async function limits(sim: Simulator, a: RawClient, b: RawClient): Promise<void> {
    a.api.reqMktDepth(1, stock('AAPL'), 3, true, []);
    b.api.reqMktDepth(1, stock('MSFT'), 3, true, []);
    await b.waitFor('MSFT book', (x) => depthEvents(x, 1) >= 6);
    a.api.reqMktDepth(2, stock('IBM'), 3, true, []);
    await a.waitFor('309', (x) => x.errors().some((e) => e.code === 309));
    expect(a.errors()).to.deep.include({ code: 309, reqId: 2, message: 'Max number of market depth requests has been reached' });
    expect(sim.stats().depthSubscriptions).to.equal(2);
    expect(sim.stats().reqMktDepth).to.equal(3);
  }

  it('cancels only with the isSmartDepth of the request (300 otherwise, and the request stays)', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('AAPL'), 3, true, []);
    await c.waitFor('the book', (x) => depthEvents(x, 1) >= 6);
    c.api.cancelMktDepth(1, false);
    await c.waitFor('300', (x) => x.errors().some((e) => e.code === 300 && e.reqId === 1));
    expect(sim.stats().depthSubscriptions).to.equal(1);
    c.api.cancelMktDepth(1, true);
    await roundTrip(c);
    expect(sim.stats().depthSubscriptions).to.equal(0);
    expect(sim.stats().clients[0]!.depthCancels).to.deep.equal([
      { reqId: 1, isSmartDepth: false, found: false },
      { reqId: 1, isSmartDepth: true, found: true },
    ]);
    expect(sim.stats().cancelMktDepth).to.equal(2);
  });

  it('sends 317 (then the book again from empty) and 316 (then nothing) to the depth requests of a symbol', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('AAPL'), 3, true, []);
    await c.waitFor('the book', (x) => depthEvents(x, 1) >= 6);
    expect(sim.depthReset('AAPL')).to.equal(1);
    await c.waitFor('317 and the book again', (x) => x.errors().some((e) => e.code === 317) && depthEvents(x, 1) >= 12);
    const after = c.of(EventName.updateMktDepthL2).slice(6);
    expect(after.every((a) => a[3] === DepthOperation.INSERT)).to.equal(true);
    sim.depthReset('AAPL', 316);
    await c.waitFor('316', (x) => x.errors().some((e) => e.code === 316 && e.reqId === 1));
    const before = depthEvents(c, 1);
    await sim.depthBurst('AAPL', 50);
    await roundTrip(c);
    expect(depthEvents(c, 1)).to.equal(before);
    expect(sim.stats().faults).to.deep.equal(['depthReset:317', 'depthReset:316']);
  });

  it('answers 200 for an unknown symbol and 322 for a live id', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('NOPE1'), 3, true, []);
    c.api.reqMktDepth(2, stock('AAPL'), 3, true, []);
    c.api.reqMktDepth(2, stock('AAPL'), 3, true, []);
    await c.waitFor('two errors', (x) => x.errors().length >= 2);
    expect(c.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[200, 1], [322, 2]]);
  });

  it('forgets the depth requests of a dropped connection and after 1101, but not after 1102', async () => {
    const sim = await h.start({ depthRateHz: 0 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('AAPL'), 3, true, []);
    await c.waitFor('the book', (x) => depthEvents(x, 1) >= 6);
    await sim.connectivityLoss({ restore: 1102, gapMs: 10 });
    expect(sim.stats().depthSubscriptions).to.equal(1);
    await sim.connectivityLoss({ restore: 1101, gapMs: 10 });
    expect(sim.stats().depthSubscriptions).to.equal(0);
    c.api.reqMktDepth(2, stock('AAPL'), 3, true, []);
    await c.waitFor('the book again', (x) => depthEvents(x, 2) >= 6);
    expect(sim.stats().depthSubscriptions).to.equal(1);
    sim.drop();
    await c.waitForCount(EventName.disconnected);
    await waitUntil(() => sim.stats().depthSubscriptions === 0, 5000, 'the dropped connection forgotten');
  });

  it('pauses the book while data does not flow and moves it while someone watches', async () => {
    const sim = await h.start({ depthRateHz: 200 });
    const c = await h.client(sim);
    c.api.reqMktDepth(1, stock('AAPL'), 5, true, []);
    await c.waitFor('moves', (x) => depthEvents(x, 1) >= 40, 10_000);
    sim.stall();
    const during = sim.stats().depthUpdatesSent;
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.stats().depthUpdatesSent).to.equal(during);
    sim.resume();
    await c.waitFor('moves again', (x) => depthEvents(x, 1) >= during + 20, 10_000);
  });
});
