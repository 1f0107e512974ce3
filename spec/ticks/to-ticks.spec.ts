import { IBApiTickType as T } from '@stoqey/ib';
import { expect } from 'chai';
import { from, lastValueFrom, toArray } from 'rxjs';
import { marbles } from 'rxjs-marbles/mocha';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { classifyIbCode } from '../../lib/ib-codes.js';
import { toTicks } from '../../lib/ticks/to-ticks.js';
import type { Tick } from '../../lib/ticks/tick.js';
import { SYNTHETIC_SIZE_IDS, TICK_ID_CASES, tick, tickGeneric, tickPrice, tickSize, tickString } from '../support/fixtures.js';

const run = (events: readonly IbEvent[]): Promise<Tick[]> => lastValueFrom(from(events).pipe(toTicks(), toArray()), { defaultValue: [] });

// prettier-ignore
describe('toTicks', () => {
  describe('maps every live and delayed tick id to its field', () => {
    for (const { name, event, expected } of TICK_ID_CASES) {
      it(`${name} → ${expected.field}${expected.delayed ? ' (delayed)' : ''}`, marbles((m) => {
        const source$  = m.hot('-a-|', { a: event });
        const expected_ =      '-A-|';
        m.expect(source$.pipe(toTicks())).toBeObservable(expected_, { A: expected });
      }));
    }
  });

  describe('drops no-quote prices', () => {
    const priceIds = TICK_ID_CASES.filter((c) => c.event.type === 'tickPrice');
    for (const { name, event } of priceIds) {
      it(`${name} of -1`, async () => {
        expect(await run([{ ...event, price: -1 } as IbEvent])).to.deep.equal([]);
      });
    }
    const zeroQuotes = [
      { price: T.BID, size: T.BID_SIZE, field: 'bidSize' },
      { price: T.ASK, size: T.ASK_SIZE, field: 'askSize' },
      { price: T.DELAYED_BID, size: T.DELAYED_BID_SIZE, field: 'bidSize' },
      { price: T.DELAYED_ASK, size: T.DELAYED_ASK_SIZE, field: 'askSize' },
    ] as const;
    for (const { price, size, field } of zeroQuotes) {
      it(`${T[price]} of 0 (its size of 0 still counts)`, async () => {
        const ticks = await run([tickPrice(price, 0), tickSize(size, 0)]);
        expect(ticks).to.deep.equal([tick(field, 0, { delayed: price === T.DELAYED_BID || price === T.DELAYED_ASK })]);
      });
    }
    it('keeps a last, high, low, open or close of 0 (validPrices() is the stricter filter)', async () => {
      const ticks = await run([tickPrice(T.LAST, 0), tickPrice(T.HIGH, 0), tickPrice(T.CLOSE, 0)]);
      expect(ticks.map((t) => t.field)).to.deep.equal(['last', 'high', 'close']);
    });
  });

  describe('pairs a price with its size so the size counts once', () => {
    for (const { price, size } of SYNTHETIC_SIZE_IDS) {
      it(`${T[price]}: synthetic ${T[size]} counts, TWS's identical copy is dropped`, async () => {
        const ticks = await run([tickPrice(price, 10), tickSize(size, 3), tickSize(size, 3)]);
        expect(ticks.map((t) => t.value)).to.deep.equal([10, 3]);
      });
      it(`${T[price]}: counts TWS's own ${T[size]} when the synthetic one never came`, async () => {
        const ticks = await run([tickPrice(price, 10), tickSize(size, 3), tickPrice(price, 11), tickSize(size, 4)]);
        expect(ticks.map((t) => t.value)).to.deep.equal([10, 3, 11, 4]);
      });
    }
    it('live BID (no synthetic size): TWS\'s BID_SIZE counts once', async () => {
      const ticks = await run([tickPrice(T.BID, 10), tickSize(T.BID_SIZE, 2)]);
      expect(ticks).to.deep.equal([tick('bid', 10), tick('bidSize', 2)]);
    });
    it('a different size after the pair is a new size and counts', async () => {
      const ticks = await run([tickPrice(T.LAST, 10), tickSize(T.LAST_SIZE, 3), tickSize(T.LAST_SIZE, 5)]);
      expect(ticks.map((t) => t.value)).to.deep.equal([10, 3, 5]);
    });
    it('only one copy is dropped: a third identical size without a new price counts', async () => {
      const ticks = await run([tickPrice(T.LAST, 10), tickSize(T.LAST_SIZE, 3), tickSize(T.LAST_SIZE, 3), tickSize(T.LAST_SIZE, 3)]);
      expect(ticks.map((t) => t.value)).to.deep.equal([10, 3, 3]);
    });
    it('sizes without any price all count', async () => {
      const ticks = await run([tickSize(T.ASK_SIZE, 3), tickSize(T.ASK_SIZE, 3)]);
      expect(ticks.map((t) => t.value)).to.deep.equal([3, 3]);
    });
    it('pairs per request: interleaved requests do not steal each other\'s sizes', async () => {
      const ticks = await run([
        tickPrice(T.ASK, 10, { reqId: 1 }), tickPrice(T.ASK, 20, { reqId: 2 }),
        tickSize(T.ASK_SIZE, 3, { reqId: 1 }), tickSize(T.ASK_SIZE, 3, { reqId: 2 }),
        tickSize(T.ASK_SIZE, 3, { reqId: 1 }), tickSize(T.ASK_SIZE, 3, { reqId: 2 }),
      ]);
      expect(ticks.map((t) => [t.reqId, t.value])).to.deep.equal([[1, 10], [2, 20], [1, 3], [2, 3]]);
    });
    it('keeps pairing state per subscription', marbles((m) => {
      const source$  = m.cold('-p-s-|', { p: tickPrice(T.ASK, 10), s: tickSize(T.ASK_SIZE, 3) });
      const expected =        '-P-S-|';
      const ticks$ = source$.pipe(toTicks());
      m.expect(ticks$).toBeObservable(expected, { P: tick('ask', 10), S: tick('askSize', 3) });
      m.expect(ticks$).toBeObservable(expected, { P: tick('ask', 10), S: tick('askSize', 3) });
    }));
  });

  it('drops other events, unmapped ids, empty sizes and unreadable strings', async () => {
    const notice: IbEvent = { type: 'notice', code: 2104, message: 'farm ok', info: classifyIbCode(2104, -1), time: 0 };
    const ticks = await run([
      notice,
      tickPrice(T.HIGH_52_WEEK, 200),
      tickSize(T.BID_SIZE, undefined),
      tickString(T.LAST_TIMESTAMP, ''),
      tickString(T.RT_VOLUME, '1;2;3'),
      tickGeneric(T.HALTED, -1),
      tickGeneric(T.SHORTABLE, 3),
    ]);
    expect(ticks).to.deep.equal([]);
  });

  it('keeps only one request\'s ticks with { reqId }', marbles((m) => {
    const source$  = m.hot('-a-b-|', { a: tickPrice(T.BID, 1, { reqId: 1 }), b: tickPrice(T.BID, 2, { reqId: 2 }) });
    const expected =       '---B-|';
    m.expect(source$.pipe(toTicks({ reqId: 2 }))).toBeObservable(expected, { B: tick('bid', 2, { reqId: 2 }) });
  }));

  it('carries the event time', marbles((m) => {
    const source$  = m.hot('-a-|', { a: tickPrice(T.LAST, 5, { time: 1234 }) });
    m.expect(source$.pipe(toTicks())).toBeObservable('-A-|', { A: tick('last', 5, { time: 1234 }) });
  }));

  it('never emits for a silent source', marbles((m) => {
    const source$ = m.hot('-');
    m.expect(source$.pipe(toTicks())).toBeObservable('-');
  }));

  it('completes with an empty source', marbles((m) => {
    const source$ = m.cold('|');
    m.expect(source$.pipe(toTicks())).toBeObservable('|');
  }));

  it('forwards an error', marbles((m) => {
    const source$  = m.hot('-a-#', { a: tickPrice(T.BID, 1) }, new Error('socket'));
    const expected =       '-A-#';
    m.expect(source$.pipe(toTicks())).toBeObservable(expected, { A: tick('bid', 1) }, new Error('socket'));
  }));

  it('unsubscribes the source on early unsubscribe', marbles((m) => {
    const source$  = m.hot('-a-b-c-|', { a: tickPrice(T.BID, 1), b: tickPrice(T.BID, 2), c: tickPrice(T.BID, 3) });
    const sub      =       '^--!';
    const expected =       '-A--';
    m.expect(source$.pipe(toTicks()), sub).toBeObservable(expected, { A: tick('bid', 1) });
    m.expect(source$).toHaveSubscriptions(sub);
  }));
});
