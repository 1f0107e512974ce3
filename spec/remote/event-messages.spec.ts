import { expect } from 'chai';
import type { Bar } from '../../lib/bars/bar.js';
import { SymbolNotFoundError } from '../../lib/errors.js';
import {
  applyDepthChange, barJson, decodeDepthMessage, decodeRealTimeBarsMessage, decodeTickByTickMessage, depthChangeJson, encodeItems,
  fromOrderBookRecord, orderBookRecord, tickByTickJson,
} from '../../lib/remote/event-messages.js';
import { RemoteProtocolError } from '../../lib/remote/remote-errors.js';
import { encodeStreamError } from '../../lib/remote/wire.js';
import { toWireError } from '../../lib/remote/wire-error.js';
import { applyDepthUpdate } from '../../lib/streams/depth/apply-depth-update.js';
import { emptyOrderBook, type DepthUpdate, type OrderBook } from '../../lib/streams/depth/order-book.js';
import type { TickByTick } from '../../lib/streams/tick-by-tick/tick-by-tick.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const SUBJECT = 'ibrx.depth.x';

const UPDATES: readonly DepthUpdate[] = [
  { operation: 'insert', side: 'bid', position: 0, price: 10, size: 100, marketMaker: 'NSDQ', time: 1 },
  { operation: 'insert', side: 'ask', position: 0, price: 10.02, size: 200, time: 2 },
  { operation: 'insert', side: 'bid', position: 0, price: 10.01, size: 5, marketMaker: 'ARCA', time: 3 },
  { operation: 'update', side: 'ask', position: 0, price: 10.03, size: 0.5, time: 3 },
  { operation: 'delete', side: 'bid', position: 1, price: 0, size: 0, time: 4 },
  { operation: 'insert', side: 'bid', position: 1, price: 9.99, size: 7, marketMaker: 'IEX', time: 5 },
];

/** The books `depth$` would emit for UPDATES, and one marked stale. */
function serverBooks(): OrderBook[] {
  const books: OrderBook[] = [];
  let book = emptyOrderBook('AAPL', 3, true);
  for (const update of UPDATES) {
    book = applyDepthUpdate(book, update);
    books.push(book);
  }
  books.push(Object.freeze({ ...book, stale: true }));
  return books;
}

const TICKS: readonly TickByTick[] = [
  { type: 'Last', time: 1_764_000_000_000, price: 101.25, size: 100, exchange: 'NASDAQ', specialConditions: '', pastLimit: false, unreported: false },
  { type: 'AllLast', time: 1_764_000_001_000, price: 101.26, size: 3, exchange: 'ARCA', specialConditions: 'I', pastLimit: true, unreported: true },
  { type: 'BidAsk', time: 1_764_000_002_000, bidPrice: 101.2, askPrice: 101.3, bidSize: 300, askSize: 200, bidPastLow: false, askPastHigh: true },
  { type: 'MidPoint', time: 1_764_000_003_000, midPoint: 101.25 },
];

describe('JSON items messages (depth, tick-by-tick, 5-second bars)', () => {
  it('depth changes rebuild every book of the server exactly, starting from the empty book, with frozen books and levels', () => {
    const books = serverBooks();
    const jsons = books.map((book, i) => depthChangeJson(book, books[i - 1]));
    const batch = decodeDepthMessage(SUBJECT, utf8(encodeItems('d', 'srv-1', 7, jsons)));
    expect(batch).to.include({ instance: 'srv-1', firstSeq: 7 });
    let book = emptyOrderBook('AAPL', 3, true);
    batch.inputs.forEach((change, i) => {
      book = applyDepthChange(book, change);
      expect(book, `book ${i}`).to.deep.equal(books[i]);
      expect(Object.isFrozen(book) && [...book.bids, ...book.asks].every((level) => Object.isFrozen(level))).to.equal(true);
    });
  });

  it('a change carries only the sides whose arrays changed (both for the first book)', () => {
    const books = serverBooks();
    const [first, second, third] = books.map((book, i) => JSON.parse(depthChangeJson(book, books[i - 1])) as unknown[]);
    expect(first).to.deep.equal([1, 0, [[10, 100, 'NSDQ']], []]);
    expect(second).to.deep.equal([2, 0, null, [[10.02, 200]]]);
    expect(third?.[3]).to.equal(null);
    expect(JSON.parse(depthChangeJson(books.at(-1) as OrderBook, books.at(-2)))).to.deep.equal([5, 1, null, null]);
  });

  it('a book travels as a record and comes back equal (a join\'s snapshot)', () => {
    for (const book of serverBooks()) expect(fromOrderBookRecord(JSON.parse(JSON.stringify(orderBookRecord(book))) as ReturnType<typeof orderBookRecord>)).to.deep.equal(book);
  });

  it('tick-by-tick ticks of every type and 5-second bars come back unchanged, numbered from the first sequence number', () => {
    expect(decodeTickByTickMessage('ibrx.tbt.x', utf8(encodeItems('t', 'i', 3, TICKS.map(tickByTickJson))))).to.deep.equal({ instance: 'i', firstSeq: 3, inputs: TICKS });
    const bars: Bar[] = [
      { start: 5000, end: 10_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 300, trades: 4, wap: 1.25 },
      { start: 10_000, end: 15_000, open: 1.5, high: 1.5, low: 1.5, close: 1.5, volume: 0, trades: 0 },
    ];
    expect(decodeRealTimeBarsMessage('ibrx.rtb.x', utf8(encodeItems('b5', 'i', 1, bars.map(barJson))))).to.deep.equal({ instance: 'i', firstSeq: 1, inputs: bars });
  });

  it('a stream error decodes as the end of the stream, on every kind', () => {
    const error = toWireError(new SymbolNotFoundError('No security definition has been found for the request', { symbol: 'NOSUCH' }));
    const text = utf8(encodeStreamError('i', 9, error));
    for (const decode of [decodeDepthMessage, decodeTickByTickMessage, decodeRealTimeBarsMessage]) {
      expect(decode('s', text)).to.deep.equal({ instance: 'i', firstSeq: 9, inputs: [], end: { kind: 'error', error } });
    }
  });

  it('refuses with RemoteProtocolError naming what is wrong: another version, another kind, a bad item, a bad sequence number, not JSON', () => {
    const refused = (decode: (subject: string, data: Uint8Array) => unknown, text: string): string => {
      try {
        decode(SUBJECT, utf8(text));
      } catch (error: unknown) {
        expect(error).to.be.instanceOf(RemoteProtocolError);
        return (error as Error).message;
      }
      throw new Error(`accepted ${text}`);
    };
    expect(refused(decodeDepthMessage, '[4,"i",1,"d",[]]')).to.match(/payload version 4; this ib-rx speaks version 3/);
    expect(refused(decodeDepthMessage, '[3,"i",1,"t",[]]')).to.match(/unknown message kind "t" \(expected "d"/);
    expect(refused(decodeDepthMessage, '[3,"i",1,"d",[[1,0,[[1]],null]]]')).to.match(/item 0: a level is not \[price, size\]/);
    expect(refused(decodeDepthMessage, '[3,"i",1,"d",[[1,2,null,null]]]')).to.match(/item 0: not a depth change/);
    expect(refused(decodeDepthMessage, '[3,"i",0,"d",[]]')).to.match(/sequence number 0 is not a positive integer/);
    expect(refused(decodeTickByTickMessage, '[3,"i",1,"t",[{"type":"Last","time":1}]]')).to.match(/item 0: a Last tick without a number price/);
    expect(refused(decodeTickByTickMessage, '[3,"i",1,"t",[{"type":"last"}]]')).to.match(/unknown tick-by-tick type "last"/);
    expect(refused(decodeTickByTickMessage, `[3,"i",1,"t",[${JSON.stringify({ ...TICKS[3], extra: 1 })}]]`)).to.match(/fields it does not have/);
    expect(refused(decodeRealTimeBarsMessage, '[3,"i",1,"b5",[[1,2,3]]]')).to.match(/item 0: not a bar/);
    expect(refused(decodeRealTimeBarsMessage, '{')).to.match(/not JSON/);
  });
});
