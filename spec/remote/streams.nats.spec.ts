// depth$, tickByTick$ and realTimeBars$ over NATS: a real nats-server, the simulator, the real
// @stoqey/ib client at the server, consumers in this process and in separate processes.
import { connect } from '@nats-io/transport-node';
import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import type { Bar } from '../../lib/bars/bar.js';
import { InvalidContractError, InvalidInputError, StreamLimitError, SymbolNotFoundError, UnknownOptionError } from '../../lib/errors.js';
import { connectRemote, type RemoteSession } from '../../lib/remote/index.js';
import { DepthOperation, DepthSide, type SimDepthLevel, type SimDepthOperation, type Simulator } from '../../lib/sim/index.js';
import type { DepthLevel, OrderBook } from '../../lib/streams/depth/order-book.js';
import type { TickByTick } from '../../lib/streams/tick-by-tick/tick-by-tick.js';
import { NATS_SERVER, requireBinary } from '../support/require-binary.js';
import { waitUntil } from '../support/wait-until.js';
import { errorOf, firstOf } from '../session/sim-session.js';
import { startConsumer, type ConsumerProcess } from './support/consumer-process.js';
import { joinSpy } from './support/join-spy.js';
import { startNatsServer, type NatsServerProcess } from './support/nats-server.js';
import { eventually, serveSim, type ServedSim, type ServeSimOptions } from './support/remote-fixture.js';

/** Rows per side, as a depth consumer process (spec/remote/support/consumer.ts) asks for. */
const ROWS = 5;
const MAKERS = ['NSDQ', 'ARCA', 'IEX'] as const;

/** `n` deterministic depth operations valid for the simulator's current book of `symbol` (inserts, updates, deletes on both sides). */
function depthOps(sim: Simulator, symbol: string, n: number, salt: number): SimDepthOperation[] {
  const book = sim.depthBook(symbol);
  const rows = { [DepthSide.BID]: book.bids.length, [DepthSide.ASK]: book.asks.length };
  const ops: SimDepthOperation[] = [];
  for (let k = 0; k < n; k++) {
    const side = (k + salt) % 2 === 0 ? DepthSide.BID : DepthSide.ASK;
    const count = rows[side];
    const kind = count < 3 ? DepthOperation.INSERT : count > 12 ? DepthOperation.DELETE : [DepthOperation.INSERT, DepthOperation.UPDATE, DepthOperation.DELETE][(k * 7 + salt) % 3] ?? DepthOperation.UPDATE;
    const position = (k * 5 + salt) % (kind === DepthOperation.INSERT ? count + 1 : count);
    rows[side] += kind === DepthOperation.INSERT ? 1 : kind === DepthOperation.DELETE ? -1 : 0;
    ops.push({ operation: kind, side, position, price: 100 + ((k * 13 + salt) % 97) / 100, size: 100 + k + salt, marketMaker: MAKERS[(k + salt) % 3] ?? 'IEX' });
  }
  return ops;
}

/** The simulator's own book cut to `rows` (smart depth: every row names its exchange). */
function simTop(sim: Simulator, symbol: string, rows: number): { bids: DepthLevel[]; asks: DepthLevel[] } {
  const cut = (levels: readonly SimDepthLevel[]): DepthLevel[] => levels.slice(0, rows).map((l) => ({ price: l.price, size: l.size, marketMaker: l.marketMaker }));
  const book = sim.depthBook(symbol);
  return { bids: cut(book.bids), asks: cut(book.asks) };
}

const sides = (book: OrderBook | undefined): { bids: readonly DepthLevel[]; asks: readonly DepthLevel[] } | undefined => book && { bids: book.bids, asks: book.asks };

/** Every value of `source$` into `into` (errors kept apart). */
function record<T>(subscribe: (observer: { next: (value: T) => void; error: (error: unknown) => void }) => Subscription): { readonly values: T[]; readonly errors: unknown[]; readonly subscription: Subscription } {
  const values: T[] = [];
  const errors: unknown[] = [];
  const subscription = subscribe({ next: (value) => { values.push(value); }, error: (error) => { errors.push(error); } });
  return { values, errors, subscription };
}

describe('depth$, tickByTick$ and realTimeBars$ over NATS (real nats-server, the simulator, a consumer process)', function () {
  this.timeout(60_000);
  let binary: string;
  let nats: NatsServerProcess;
  let served: ServedSim | undefined;
  const consumers: ConsumerProcess[] = [];
  const remotes: RemoteSession[] = [];
  const subscriptions: Subscription[] = [];

  before(async function () {
    binary = requireBinary(this, NATS_SERVER);
    nats = await startNatsServer(binary);
  });
  after(async () => { await nats.stop(); });
  afterEach(async () => {
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
    await Promise.all(consumers.splice(0).map((c) => c.kill()));
    await Promise.all(remotes.splice(0).map((r) => r.close()));
    await served?.close();
    served = undefined;
  });

  const serve = async (options: ServeSimOptions = {}): Promise<ServedSim> => {
    served = await serveSim(nats.url, 'ibrx', options);
    return served;
  };
  const remote = async (): Promise<RemoteSession> => {
    const r = await connectRemote({ servers: nats.url, reconnectWaitMs: 100 });
    remotes.push(r);
    return r;
  };
  const books = (r: RemoteSession, symbol: string, rows = ROWS): ReturnType<typeof record<OrderBook>> => {
    const recorded = record<OrderBook>((observer) => r.depth$(symbol, { rows }).subscribe(observer));
    subscriptions.push(recorded.subscription);
    return recorded;
  };
  /** The server session's current book (its depth$ replays it: the served stream holds the request). */
  const serverBook = async (s: ServedSim, symbol: string, rows = ROWS): Promise<OrderBook> => {
    const book = await firstOf(s.session.depth$(symbol, { rows }));
    if (book === undefined) throw new Error(`the server has no book of ${symbol}`);
    return book;
  };

  /** Runs `burst` back to back (the server publishes all the time) until the returned stop is called. */
  const busy = (burst: () => Promise<unknown>): (() => Promise<void>) => {
    const stop = new AbortController();
    const running = (async () => {
      while (!stop.signal.aborted) {
        await burst();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    return async () => {
      stop.abort();
      await running;
    };
  };
  /** Late joiners, one after another while the stream is busy: each has a fair chance to buffer messages its join covers. */
  const LATE_JOINERS = 4;

  it('depth: one reqMktDepth for a consumer process and an in-process consumer; after every settled round both books equal the server\'s and the simulator\'s; the last to leave cancels', async () => {
    const s = await serve({ sim: { depthRateHz: 0 } });
    const proc = startConsumer(nats.url, 'ibrx', ['AAPL'], 'depth');
    consumers.push(proc);
    await proc.next('ready');
    const r = await remote();
    const local = books(r, 'AAPL');
    await waitUntil(() => local.values.length > 0, 10_000, 'the in-process consumer\'s first book');
    expect(s.sim.stats().reqMktDepth, 'one request for both consumers').to.equal(1);
    for (let round = 0; round < 4; round++) {
      s.sim.depthOperations('AAPL', depthOps(s.sim, 'AAPL', 40, round));
      await eventually(async () => {
        const server = await serverBook(s, 'AAPL');
        expect(sides(server), 'the server\'s book is the simulator\'s').to.deep.equal(simTop(s.sim, 'AAPL', ROWS));
        expect(local.values.at(-1), 'the in-process consumer\'s book').to.deep.equal(server);
        const dump = (await proc.dump()) as unknown as Record<string, OrderBook>;
        expect(dump.AAPL, 'the consumer process\'s book').to.deep.equal(JSON.parse(JSON.stringify(server)));
        return true;
      }, 10_000, `round ${round}: the books to settle on the server's`);
    }
    expect(local.values.at(-1)?.bids.length, 'the comparison is not of empty books').to.equal(ROWS);
    expect(local.errors).to.deep.equal([]);
    expect(await proc.exit()).to.equal(0);
    local.subscription.unsubscribe();
    await waitUntil(() => s.sim.stats().cancelMktDepth === 1, 10_000, 'the request cancelled after both consumers left');
    expect(s.sim.stats().reqMktDepth).to.equal(1);
  });

  it('depth: a late joiner\'s first book is the server\'s current one; joining a busy book it then gets every later book once, in order (no gap, no duplicate)', async () => {
    const s = await serve({ sim: { depthRateHz: 0 } });
    const first = books(await remote(), 'AAPL');
    await waitUntil(() => first.values.length > 0, 10_000, 'the first consumer\'s book');
    s.sim.depthOperations('AAPL', depthOps(s.sim, 'AAPL', 30, 1));
    await eventually(async () => {
      expect(first.values.at(-1)).to.deep.equal(await serverBook(s, 'AAPL'));
      return true;
    }, 10_000, 'a quiet book');
    // Quiet feed: the first book a late joiner gets is the current one (and nothing else comes).
    const quiet = books(await remote(), 'AAPL');
    await waitUntil(() => quiet.values.length > 0, 10_000, 'the late joiner\'s first book');
    expect(quiet.values[0]).to.deep.equal(await serverBook(s, 'AAPL'));
    expect(quiet.values[0]).to.deep.equal(first.values.at(-1));
    // Busy feed: every book the server's session emits, recorded at the server.
    const server = record<OrderBook>((observer) => s.session.depth$('AAPL', { rows: ROWS }).subscribe(observer));
    subscriptions.push(server.subscription);
    const spy = await joinSpy(nats.url);
    const stop = busy(() => s.sim.depthBurst('AAPL', 50));
    await waitUntil(() => server.values.length > 50, 10_000, 'a busy book');
    const lates: { readonly remote: RemoteSession; readonly books: ReturnType<typeof record<OrderBook>> }[] = [];
    for (let i = 0; i < LATE_JOINERS; i++) {
      const r = await remote();
      const late = books(r, 'AAPL');
      lates.push({ remote: r, books: late });
      await waitUntil(() => late.values.length > 100, 15_000, `the busy late joiner ${i}'s books`);
    }
    await stop();
    const plain = (b: OrderBook): string => JSON.stringify(b);
    for (const [i, { remote: r, books: late }] of lates.entries()) {
      await eventually(async () => {
        expect(late.values.at(-1)).to.deep.equal(await serverBook(s, 'AAPL'));
        return true;
      }, 10_000, `late joiner ${i}'s book to settle on the server's`);
      expect(spy.seqs(r.consumerId), `late joiner ${i} joined once (a gap or a duplicate would join again)`).to.have.length(1);
      const from = server.values.map(plain).lastIndexOf(plain(late.values[0] as OrderBook));
      expect(from, `late joiner ${i}'s first book is one the server had`).to.be.at.least(0);
      expect(late.values.map(plain), `late joiner ${i}: the server's books from its join on, each once`).to.deep.equal(server.values.slice(from).map(plain));
    }
    await spy.close();
    expect(s.sim.stats().reqMktDepth).to.equal(1);
  });

  it('tick-by-tick: a late joiner gets exactly the server\'s ticks after its join (no gap, no duplicate), one request for every consumer', async () => {
    const s = await serve({ sim: { rateHz: 200 } });
    // Every tick the server's session emits, from before any consumer joined.
    const server = record<TickByTick>((observer) => s.session.tickByTick$('AAPL', 'BidAsk').subscribe(observer));
    subscriptions.push(server.subscription);
    await waitUntil(() => server.values.length > 5, 10_000, 'ticks at the server');
    const spy = await joinSpy(nats.url);
    // The first consumer's join starts the served stream (the simulator stalled): its seq 1 is the server's next tick.
    s.sim.stall();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = server.values.length;
    const r1 = await remote();
    const first = record<TickByTick>((observer) => r1.tickByTick$('AAPL', 'BidAsk').subscribe(observer));
    subscriptions.push(first.subscription);
    await waitUntil(() => spy.seqs(r1.consumerId)[0] !== undefined, 10_000, 'the first join');
    s.sim.resume();
    await waitUntil(() => first.values.length > 50, 15_000, 'ticks at the first consumer');
    // Back-to-back bursts keep the server publishing while each late joiner subscribes and joins: it may buffer batches its join covers.
    const stop = busy(() => s.sim.tickByTickBurst('AAPL', 50));
    const lates: { readonly remote: RemoteSession; readonly ticks: ReturnType<typeof record<TickByTick>> }[] = [];
    for (let i = 0; i < LATE_JOINERS; i++) {
      const r = await remote();
      const late = record<TickByTick>((observer) => r.tickByTick$('AAPL', 'BidAsk').subscribe(observer));
      subscriptions.push(late.subscription);
      lates.push({ remote: r, ticks: late });
      await waitUntil(() => late.values.length > 200, 15_000, `ticks at late joiner ${i}`);
    }
    await stop();
    s.sim.stall();
    for (const [i, { remote: r, ticks: late }] of lates.entries()) {
      const seqs = spy.seqs(r.consumerId);
      expect(seqs, `late joiner ${i} joined once (a gap or a duplicate would join again)`).to.have.length(1);
      const seq = seqs[0];
      if (seq === undefined) throw new Error('the spy saw no join reply');
      expect(seq, 'the late joiner joined a live stream').to.be.greaterThan(50);
      await eventually(() => {
        const after = server.values.slice(before + seq);
        expect(late.values.length, `late joiner ${i}: ticks after its join`).to.equal(after.length);
        expect(late.values, `late joiner ${i}: the server's ticks after its join, in order`).to.deep.equal(after);
        expect(first.values, 'the first consumer: every tick since the stream started').to.deep.equal(server.values.slice(before));
        return Promise.resolve(true);
      }, 10_000, 'the consumers\' ticks to be the server\'s');
    }
    expect(s.sim.stats().reqTickByTickData, 'one request for the server and every consumer').to.equal(1);
    s.sim.resume();
    await spy.close();
  });

  it('5-second bars: a consumer gets the server\'s bars after its join (as the session, no replay), one request', async () => {
    const s = await serve({ sim: { streams: { realTimeBarMs: 150, realTimeBarBackfill: false } } });
    const server = record<Bar>((observer) => s.session.realTimeBars$('AAPL', { whatToShow: 'MIDPOINT' }).subscribe(observer));
    subscriptions.push(server.subscription);
    await waitUntil(() => server.values.length > 1, 10_000, 'bars at the server');
    const r = await remote();
    const bars = record<Bar>((observer) => r.realTimeBars$('AAPL', { whatToShow: 'MIDPOINT' }).subscribe(observer));
    subscriptions.push(bars.subscription);
    await waitUntil(() => bars.values.length > 4, 15_000, 'bars at the consumer');
    const from = server.values.findIndex((bar) => bar.start === bars.values[0]?.start);
    expect(from, 'the first bar is a bar of the server after the consumer joined').to.be.greaterThan(0);
    await eventually(() => {
      expect(bars.values).to.deep.equal(server.values.slice(from, from + bars.values.length));
      return Promise.resolve(true);
    }, 5000, 'the consumer\'s bars to be the server\'s');
    expect(bars.values.every((bar) => bar.volume === 0 && bar.wap === undefined)).to.equal(true);
    expect(s.sim.stats().reqRealTimeBars).to.equal(1);
  });

  it('errors travel typed and end only their stream: depth over the simulator\'s limit, tick-by-tick over the server session\'s slots (StreamLimitError), SymbolNotFoundError; bad options refused before anything is sent', async () => {
    const s = await serve({ sim: { depthRequests: 1 }, config: { limits: { tick_by_tick_slots: 1 } } });
    const r = await remote();
    const spy = await connect({ servers: nats.url.replace('nats://', '') });
    let joinsSent = 0;
    spy.subscribe('ibrx.ctl.join', { callback: () => { joinsSent += 1; } });
    await spy.flush();
    const aapl = books(r, 'AAPL');
    const quotes = record((observer) => r.marketData$('MSFT').subscribe(observer));
    const ticks = record<TickByTick>((observer) => r.tickByTick$('AAPL', 'BidAsk').subscribe(observer));
    subscriptions.push(quotes.subscription, ticks.subscription);
    await waitUntil(() => aapl.values.length > 0 && quotes.values.length > 0 && ticks.values.length > 0, 10_000, 'a book, a quote and a tick');
    // Bad options and inputs: refused here, as the session refuses them, and no join goes out.
    const sent = joinsSent;
    const typo = await errorOf(r.depth$('AAPL', { row: 5 } as never));
    expect(typo).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'row', call: 'depth$', suggestion: 'rows' });
    expect(await errorOf(r.depth$('AAPL', { rows: 0 }))).to.be.instanceOf(InvalidInputError).and.include({ field: 'rows' });
    expect(await errorOf(r.tickByTick$('AAPL', 'last' as never))).to.be.instanceOf(InvalidInputError).and.include({ field: 'type' });
    expect(await errorOf(r.tickByTick$({ symbol: 'AAPL', secType: 'OPT' as never }, 'Last'))).to.be.instanceOf(InvalidContractError);
    expect(await errorOf(r.realTimeBars$('AAPL', { rth: true } as never))).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'rth', suggestion: 'useRTH' });
    await spy.flush();
    expect(joinsSent, 'no join for bad input').to.equal(sent);
    // The simulator's depth limit (1): TWS's 309 at the server, the same class here.
    const over = await errorOf(r.depth$('MSFT'));
    expect(over).to.be.instanceOf(StreamLimitError).and.include({ stream: 'depth', code: 309, symbol: 'MSFT' });
    // The server session's tick-by-tick slots (1, taken by AAPL): refused at the server's join.
    const slots = await errorOf(r.tickByTick$('MSFT', 'Last'));
    expect(slots).to.be.instanceOf(StreamLimitError).and.include({ stream: 'tick-by-tick', inUse: 1, limit: 1 });
    const missing = await errorOf(r.realTimeBars$('NOSUCH'));
    expect(missing).to.be.instanceOf(SymbolNotFoundError).and.include({ code: 200, symbol: 'NOSUCH' });
    expect(s.sim.stats().reqTickByTickData, 'the refused tick-by-tick request never reached the simulator').to.equal(1);
    // The others go on.
    const [books0, quotes0, ticks0] = [aapl.values.length, quotes.values.length, ticks.values.length];
    s.sim.depthOperations('AAPL', depthOps(s.sim, 'AAPL', 5, 0));
    await waitUntil(() => aapl.values.length > books0 && quotes.values.length > quotes0 && ticks.values.length > ticks0, 10_000, 'AAPL\'s book and ticks and MSFT\'s quotes to keep moving');
    expect([...aapl.errors, ...quotes.errors, ...ticks.errors]).to.deep.equal([]);
    await spy.close();
  });

  it('NATS restarted: a depth book goes stale (not an error), then resumes with the server\'s book; tick-by-tick data resume', async () => {
    const s = await serve({ sim: { depthRateHz: 0 } });
    const r = await remote();
    const aapl = books(r, 'AAPL');
    const ticks = record<TickByTick>((observer) => r.tickByTick$('AAPL', 'MidPoint').subscribe(observer));
    subscriptions.push(ticks.subscription);
    await waitUntil(() => aapl.values.length > 0 && ticks.values.length > 0, 10_000, 'a book and a tick');
    const port = nats.port;
    await nats.stop({ kill: true });
    await waitUntil(() => aapl.values.at(-1)?.stale === true, 10_000, 'the book to go stale');
    expect(sides(aapl.values.at(-1)), 'the stale book keeps its rows').to.deep.equal(sides(aapl.values.at(-2)));
    s.sim.depthOperations('AAPL', depthOps(s.sim, 'AAPL', 20, 3));
    nats = await startNatsServer(binary, port);
    await waitUntil(() => aapl.values.at(-1)?.stale === false, 15_000, 'the book to resume');
    await eventually(async () => {
      expect(aapl.values.at(-1)).to.deep.equal(await serverBook(s, 'AAPL'));
      expect(sides(aapl.values.at(-1))).to.deep.equal(simTop(s.sim, 'AAPL', ROWS));
      return true;
    }, 10_000, 'the resumed book to equal the server\'s (with the changes made while NATS was down)');
    const seen = ticks.values.length;
    await waitUntil(() => ticks.values.length > seen + 3, 10_000, 'tick-by-tick data to resume');
    expect(ticks.values.slice(seen - 1).every((tick, i, all) => i === 0 || tick.time >= (all[i - 1]?.time ?? 0)), 'in order').to.equal(true);
    expect([...aapl.errors, ...ticks.errors]).to.deep.equal([]);
    expect(s.sim.stats().reqTickByTickData, 'the server kept its request').to.equal(1);
    expect(s.sim.stats().reqMktDepth).to.equal(1);
  });

  it('server restarted: a depth book goes stale (not an error), then resumes with the new server\'s book (a new request at the simulator)', async () => {
    const s = await serve({ sim: { depthRateHz: 0 } });
    const r = await remote();
    const aapl = books(r, 'AAPL');
    await waitUntil(() => aapl.values.length > 0, 10_000, 'a book');
    const oldServer = s.server.serverId;
    await s.server.close();
    await waitUntil(() => aapl.values.at(-1)?.stale === true, 10_000, 'the book to go stale');
    await waitUntil(() => s.sim.stats().cancelMktDepth === 1, 10_000, 'the closed server\'s request to be cancelled');
    await s.restartServer();
    await waitUntil(() => aapl.values.at(-1)?.stale === false && r.serverId !== oldServer, 15_000, 'the book to resume on the new server');
    s.sim.depthOperations('AAPL', depthOps(s.sim, 'AAPL', 20, 4));
    await eventually(async () => {
      expect(aapl.values.at(-1)).to.deep.equal(await serverBook(s, 'AAPL'));
      expect(sides(aapl.values.at(-1))).to.deep.equal(simTop(s.sim, 'AAPL', ROWS));
      return true;
    }, 10_000, 'the book to equal the new server\'s');
    expect(aapl.errors).to.deep.equal([]);
    expect(s.sim.stats().reqMktDepth).to.equal(2);
  });
});
