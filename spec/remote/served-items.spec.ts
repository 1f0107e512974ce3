import { expect } from 'chai';
import { Subject } from 'rxjs';
import { StreamLimitError } from '../../lib/errors.js';
import { applyDepthChange, decodeDepthMessage, decodeTickByTickMessage, fromOrderBookRecord, tickByTickJson, type OrderBookRecord } from '../../lib/remote/event-messages.js';
import { ServedDepth, ServedEvents } from '../../lib/remote/served-items.js';
import type { ServedStreamHost } from '../../lib/remote/served-stream.js';
import type { StreamBatch } from '../../lib/remote/wire.js';
import { applyDepthUpdate } from '../../lib/streams/depth/apply-depth-update.js';
import { emptyOrderBook, type OrderBook } from '../../lib/streams/depth/order-book.js';
import type { TickByTick } from '../../lib/streams/tick-by-tick/tick-by-tick.js';

/** A host that keeps what the stream publishes. */
function host(itemBytesPerMessage = 64 * 1024): ServedStreamHost & { readonly published: string[]; readonly ended: () => void } {
  const published: string[] = [];
  return { published, publish: (_subject, payload) => { published.push(payload as string); }, ended: () => undefined, barsPerMessage: 100, itemBytesPerMessage };
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const mid = (n: number): TickByTick => ({ type: 'MidPoint', time: 1000 * n, midPoint: 100 + n / 100 });
const microtask = (): Promise<void> => new Promise((resolve) => { queueMicrotask(resolve); });
const seqs = (batches: readonly StreamBatch<unknown>[]): number[] => batches.flatMap((b) => b.inputs.map((_, i) => b.firstSeq + i));

describe('ServedEvents / ServedDepth', () => {
  it('sends the values of one task in one message, numbered on, and the next task\'s in the next', async () => {
    const h = host();
    const ticks$ = new Subject<TickByTick>();
    const served = new ServedEvents('id', 'key', 'ibrx.tbt.id', 'srv-1', h, 't', ticks$, tickByTickJson);
    served.start();
    [1, 2, 3].forEach((n) => { ticks$.next(mid(n)); });
    expect(h.published, 'nothing before the task ends').to.have.length(0);
    expect(served.snapshot().seq, 'a joiner now skips the three queued ticks').to.equal(3);
    await microtask();
    ticks$.next(mid(4));
    await microtask();
    const batches = h.published.map((text) => decodeTickByTickMessage('s', utf8(text)));
    expect(batches.map((b) => b.inputs.length)).to.deep.equal([3, 1]);
    expect(seqs(batches)).to.deep.equal([1, 2, 3, 4]);
    expect(batches.flatMap((b) => b.inputs)).to.deep.equal([1, 2, 3, 4].map(mid));
    expect(served.snapshot().record, 'no replay').to.equal(null);
    served.stop();
    expect(ticks$.observed).to.equal(false);
  });

  it('splits a task\'s values over messages of at most itemBytesPerMessage bytes of items, numbers consecutive', async () => {
    const h = host(200);
    const ticks$ = new Subject<TickByTick>();
    const served = new ServedEvents('id', 'key', 's', 'i', h, 't', ticks$, tickByTickJson);
    served.start();
    for (let n = 1; n <= 10; n++) ticks$.next(mid(n));
    await microtask();
    const batches = h.published.map((text) => decodeTickByTickMessage('s', utf8(text)));
    expect(batches.length).to.be.greaterThan(2);
    expect(seqs(batches)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    served.stop();
  });

  it('a stream error goes out after the queued values, with the next number, and ends the stream', () => {
    const h = host();
    const ticks$ = new Subject<TickByTick>();
    const served = new ServedEvents('id', 'key', 's', 'i', h, 't', ticks$, tickByTickJson);
    served.start();
    ticks$.next(mid(1));
    ticks$.error(new StreamLimitError('Max number of tick-by-tick requests has been reached.', { stream: 'tick-by-tick' }));
    const batches = h.published.map((text) => decodeTickByTickMessage('s', utf8(text)));
    expect(batches.map((b) => [b.firstSeq, b.inputs.length, b.end?.kind])).to.deep.equal([[1, 1, undefined], [2, 0, 'error']]);
    expect(batches[1]?.end).to.deep.include({ kind: 'error' });
  });

  it('depth: a joiner\'s snapshot is the current book; the changes rebuild every book', async () => {
    const h = host();
    const books$ = new Subject<OrderBook>();
    const served = new ServedDepth('id', 'key', 'ibrx.depth.id', 'i', h, books$);
    served.start();
    expect(served.snapshot()).to.deep.include({ seq: 0, record: null });
    let book = emptyOrderBook('AAPL', 2, false);
    const books: OrderBook[] = [];
    for (const [n, side] of [[1, 'bid'], [2, 'ask'], [3, 'bid']] as const) {
      book = applyDepthUpdate(book, { operation: 'insert', side, position: 0, price: n, size: n, time: n });
      books.push(book);
      books$.next(book);
    }
    const snapshot = served.snapshot();
    expect(snapshot.seq).to.equal(3);
    expect(fromOrderBookRecord(snapshot.record as OrderBookRecord)).to.deep.equal(book);
    await microtask();
    const [batch] = h.published.map((text) => decodeDepthMessage('s', utf8(text)));
    let rebuilt = emptyOrderBook('AAPL', 2, false);
    batch?.inputs.forEach((change, i) => {
      rebuilt = applyDepthChange(rebuilt, change);
      expect(rebuilt, `book ${i}`).to.deep.equal(books[i]);
    });
    served.stop();
  });
});
