// Replayed 5-second bars, tick-by-tick lines and depth books reach the matching requests of an IbSession.
import { expect } from 'chai';
import type { Subscription } from 'rxjs';
import type { Bar } from '../../lib/bars/bar.js';
import {
  DepthOperation, DepthSide, formatReplayRecord, parseReplayLine, ReplayFormatError, startSimulator, type ReplayDepthRecord, type ReplayRecord, type Simulator,
} from '../../lib/sim/index.js';
import { depthOperationsTo } from '../../lib/sim/replay-depth.js';
import type { OrderBook } from '../../lib/streams/depth/order-book.js';
import type { TickByTick } from '../../lib/streams/tick-by-tick/tick-by-tick.js';
import { collect, simSession, waitUntil } from '../session/sim-session.js';

const T0 = 1_760_000_000_000;
/** Lines 1 s after the replay starts (the session has subscribed by then), 100 ms apart. */
const LEAD_MS = 1000;

const records: ReplayRecord[] = [
  { t: T0, symbol: 'AAPL', field: 'bid', value: 10 },
  { kind: 'bar5s', t: T0 + LEAD_MS, symbol: 'AAPL', whatToShow: 'TRADES', start: T0, open: 10, high: 11, low: 9.5, close: 10.5, volume: 300, trades: 4, wap: 10.2 },
  { kind: 'bar5s', t: T0 + LEAD_MS + 10, symbol: 'AAPL', whatToShow: 'MIDPOINT', start: T0, open: 10, high: 10.5, low: 9.9, close: 10.1, volume: 0, trades: 0 },
  { kind: 'tbt', t: T0 + LEAD_MS + 100, symbol: 'AAPL', type: 'Last', time: T0 + 1000, price: 10.5, size: 100, exchange: 'ARCA', specialConditions: '', pastLimit: false, unreported: false },
  { kind: 'tbt', t: T0 + LEAD_MS + 200, symbol: 'AAPL', type: 'BidAsk', time: T0 + 2000, bidPrice: 10.4, askPrice: 10.6, bidSize: 3, askSize: 5, bidPastLow: false, askPastHigh: true },
  { kind: 'tbt', t: T0 + LEAD_MS + 300, symbol: 'AAPL', type: 'MidPoint', time: T0 + 3000, midPoint: 10.5 },
  { kind: 'bar5s', t: T0 + LEAD_MS + 400, symbol: 'AAPL', whatToShow: 'TRADES', start: T0 + 5000, open: 10.5, high: 10.5, low: 10.5, close: 10.5, volume: 0, trades: 0 },
];

const BOOK_AT = T0 + LEAD_MS + 500;
const depthRecords: ReplayRecord[] = [
  { t: T0, symbol: 'AAPL', field: 'bid', value: 10 },
  { t: T0, symbol: 'AAPL', field: 'ask', value: 10.1 },
  {
    kind: 'depth', t: BOOK_AT, symbol: 'AAPL',
    bids: [{ price: 10, size: 5, marketMaker: 'ARCA' }, { price: 9.99, size: 7, marketMaker: 'NSDQ' }, { price: 9.98, size: 1, marketMaker: 'IEX' }],
    asks: [{ price: 10.1, size: 4, marketMaker: 'BATS' }, { price: 10.11, size: 2, marketMaker: 'ARCA' }],
  },
  {
    kind: 'depth', t: BOOK_AT + 200, symbol: 'AAPL',
    bids: [{ price: 10.01, size: 1, marketMaker: 'IEX' }, { price: 10, size: 5, marketMaker: 'ARCA' }],
    asks: [{ price: 10.1, size: 4, marketMaker: 'BATS' }, { price: 10.11, size: 3, marketMaker: 'ARCA' }, { price: 10.12, size: 9, marketMaker: 'EDGX' }],
  },
];

describe('simulator replay of 5-second bars and tick-by-tick lines', function () {
  this.timeout(20_000);
  let sim: Simulator;
  const subs: Subscription[] = [];
  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await sim.close();
  });

  it('plays each line to the requests of its symbol and kind, values as recorded', async () => {
    sim = await startSimulator({ port: 0, replay: records });
    const session = simSession(sim, { limits: { tick_by_tick_slots: 3 } });
    const trades: Bar[] = [];
    const mids: Bar[] = [];
    const ticks: TickByTick[] = [];
    subs.push(session.realTimeBars$('AAPL').subscribe(collect(trades)));
    subs.push(session.realTimeBars$('AAPL', { whatToShow: 'MIDPOINT' }).subscribe(collect(mids)));
    for (const type of ['Last', 'BidAsk', 'MidPoint'] as const) subs.push(session.tickByTick$('AAPL', type).subscribe(collect(ticks)));
    await waitUntil(() => trades.length === 2 && ticks.length === 3 && mids.length === 1, 10_000, 'every replayed line');
    expect(trades).to.deep.equal([
      { start: T0, end: T0 + 5000, open: 10, high: 11, low: 9.5, close: 10.5, volume: 300, trades: 4, wap: 10.2 },
      { start: T0 + 5000, end: T0 + 10_000, open: 10.5, high: 10.5, low: 10.5, close: 10.5, volume: 0, trades: 0 },
    ]);
    expect(mids).to.deep.equal([{ start: T0, end: T0 + 5000, open: 10, high: 10.5, low: 9.9, close: 10.1, volume: 0, trades: 0 }]);
    const strip = (r: ReplayRecord): unknown => { const { kind: _k, t: _t, symbol: _s, ...rest } = r; return rest; };
    expect(ticks).to.deep.equal(records.filter((r) => r.kind === 'tbt').map(strip));
    await session.close();
  });
});

/** What `run` throws (undefined when it does not). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

describe('simulator replay of depth books', function () {
  this.timeout(20_000);
  let sim: Simulator;
  afterEach(async () => { await sim.close(); });

  it('turns each recorded book into operations on its own book: a depth$ subscriber ends with the recorded rows', async () => {
    sim = await startSimulator({ port: 0, replay: depthRecords });
    const session = simSession(sim);
    const books: OrderBook[] = [];
    const sub = session.depth$('AAPL', { rows: 5 }).subscribe(collect(books));
    const last = depthRecords.at(-1) as ReplayDepthRecord;
    const rows = (levels: readonly { price: number; size: number; marketMaker?: string | undefined }[]): string[] => levels.map((l) => `${l.price}x${l.size}@${l.marketMaker ?? ''}`);
    await waitUntil(() => books.length > 0 && rows(books.at(-1)!.bids).join() === rows(last.bids).join() && rows(books.at(-1)!.asks).join() === rows(last.asks).join(), 10_000, 'the last recorded book');
    const first = depthRecords[2] as ReplayDepthRecord;
    expect(books.some((b) => rows(b.bids).join() === rows(first.bids).join() && rows(b.asks).join() === rows(first.asks).join()), 'the first recorded book').to.equal(true);
    expect(sim.depthBook('AAPL')).to.deep.equal({ bids: last.bids, asks: last.asks });
    sub.unsubscribe();
    await session.close();
  });
});

describe('depthOperationsTo', () => {
  it('updates the rows both have, then inserts or deletes at the end; applied in order they give the recorded book', () => {
    const book = { bids: [{ price: 10, size: 1, marketMaker: 'A' }, { price: 9, size: 1, marketMaker: 'A' }, { price: 8, size: 1, marketMaker: 'A' }], asks: [{ price: 11, size: 1, marketMaker: 'A' }] };
    const ops = depthOperationsTo(book, { bids: [{ price: 10, size: 1, marketMaker: 'A' }, { price: 9.5, size: 2 }], asks: [{ price: 11, size: 3, marketMaker: 'B' }, { price: 12, size: 1, marketMaker: 'C' }] });
    expect(ops.map((o) => `${o.side === DepthSide.BID ? 'bid' : 'ask'} ${['insert', 'update', 'delete'][o.operation]} ${o.position}${o.operation === DepthOperation.DELETE ? '' : ` ${o.price}x${o.size}@${o.marketMaker}`}`)).to.deep.equal([
      'bid update 1 9.5x2@', 'bid delete 2', 'ask update 0 11x3@B', 'ask insert 1 12x1@C',
    ]);
    expect(depthOperationsTo(book, book)).to.deep.equal([]);
  });
});

describe('parseReplayLine (kinds)', () => {
  it('round-trips bar5s and tbt lines; a line without kind is still a tick', () => {
    for (const record of [...records, ...depthRecords]) expect(parseReplayLine(formatReplayRecord(record))).to.deep.equal(record);
    expect(parseReplayLine('{"t":1,"symbol":"A","kind":"tick","field":"ask","value":2}')).to.deep.equal({ kind: 'tick', t: 1, symbol: 'A', field: 'ask', value: 2 });
  });

  it('names the line and the field of a bad bar5s or tbt line', () => {
    const bad: readonly [string, RegExp][] = [
      ['{"t":1,"symbol":"A","kind":"book"}', /unknown "kind" "book"/],
      ['{"t":1,"symbol":"A","kind":"depth","bids":[{"price":1,"size":1}],"asks":[{"price":"2","size":1}]}', /"asks\[0\]\.price" must be a number/],
      ['{"t":1,"symbol":"A","kind":"depth","bids":{}}', /"bids" must be an array/],
      ['{"t":1,"symbol":"A","kind":"bar5s","whatToShow":"BID_ASK","start":1,"open":1,"high":1,"low":1,"close":1,"volume":0,"trades":0}', /"whatToShow" must be one of TRADES, MIDPOINT, BID, ASK/],
      ['{"t":1,"symbol":"A","kind":"bar5s","whatToShow":"BID","start":1,"open":1,"high":"1","low":1,"close":1,"volume":0,"trades":0}', /"high" must be a number/],
      ['{"t":1,"symbol":"A","kind":"tbt","type":"Last","time":1,"price":1,"size":1,"exchange":"X","specialConditions":"","pastLimit":0,"unreported":false}', /"pastLimit" must be a boolean/],
      ['{"t":1,"symbol":"A","kind":"tbt","type":"Trades","time":1}', /"type" must be one of Last, AllLast, BidAsk, MidPoint/],
      ['{"t":1,"symbol":"A","kind":"tbt","type":"MidPoint"}', /"time" must be epoch ms/],
    ];
    for (const [line, reason] of bad) {
      const error = thrown(() => parseReplayLine(line, 12));
      expect(error, line).to.be.instanceOf(ReplayFormatError).and.have.property('line', 12);
      expect((error as ReplayFormatError).reason, line).to.match(reason);
      expect((error as Error).message).to.match(/^replay line 12: /);
    }
  });
});
