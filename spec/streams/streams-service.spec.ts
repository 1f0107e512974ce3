import { OptionType, SecType, type Contract } from '@stoqey/ib';
import { expect } from 'chai';
import { Subject, type Subscription } from 'rxjs';
import type { Bar } from '../../lib/bars/bar.js';
import { InvalidContractError, InvalidInputError, MarketDataLinesError, SessionClosedError, StreamLimitError, SymbolNotFoundError, UnknownOptionError } from '../../lib/errors.js';
import { StreamsService } from '../../lib/streams/streams-service.js';
import type { TickByTick } from '../../lib/streams/tick-by-tick/tick-by-tick.js';
import { barEvent, errorEvent, fakeStreamContext, lastEvent, sink, type FakeStreamContext } from './fake-stream-context.js';

// StreamsService in virtual time: sharing, tick-by-tick linger / 15-s spacing / slots, real-time
// bars' line and dedupe. Times in the `sent` lines are virtual ms.

const OPTION: Contract = { symbol: 'AAPL', secType: SecType.OPT, strike: 200, right: OptionType.Call, lastTradeDateOrContractMonth: '20991217' };

interface Setup {
  readonly fake: FakeStreamContext;
  readonly service: StreamsService;
  readonly closed$: Subject<void>;
  open: boolean;
}

function setup(options: { slots?: number; lingerMs?: number; lineLimit?: number } = {}): Setup {
  const fake = fakeStreamContext({ ...(options.lineLimit !== undefined && { lineLimit: options.lineLimit }) });
  const closed$ = new Subject<void>();
  const s: Setup = {
    fake, closed$, open: true,
    service: new StreamsService({
      context: fake.context, closed$, open: () => s.open, tickByTickSlots: options.slots ?? 3,
      ...(options.lingerMs !== undefined && { tickByTickLingerMs: options.lingerMs }),
    }),
  };
  fake.ready$.next({ generation: 1, reason: 'connected' });
  return s;
}

describe('StreamsService', () => {
  const subs: Subscription[] = [];
  afterEach(() => { subs.splice(0).forEach((s) => { s.unsubscribe(); }); });

  describe('tickByTick$', () => {
    it('keeps a request alive for 15 s after its last subscriber left: a resubscribe within it reuses the request', () => {
      const { fake, service } = setup();
      const got: TickByTick[] = [];
      let sub: Subscription | undefined;
      fake.at(0, () => { sub = service.tickByTick$('AAPL', 'Last').subscribe(sink((t) => got.push(t))); });
      fake.at(100, () => { sub?.unsubscribe(); });
      fake.at(5000, () => { sub = service.tickByTick$('aapl', 'Last').subscribe(sink((t) => got.push(t))); });
      fake.at(5001, () => { fake.events$.next(lastEvent(fake.lastReqId('tbt'), 1_760_000_005, 10)); });
      fake.at(6000, () => { sub?.unsubscribe(); });
      fake.flush();
      expect(fake.sent).to.deep.equal(['0 g1 tbt 1 AAPL Last', '21000 g1 cancel-tbt 1']);
      expect(got.map((t) => t.time)).to.deep.equal([1_760_000_005_000]);
      expect(service.tickByTickSlotsInUse).to.equal(0);
    });

    it('waits until 16 s after the last request of the instrument and type before asking again (IB: 15 s; short linger)', () => {
      const { fake, service } = setup({ lingerMs: 1000 });
      let sub: Subscription | undefined;
      fake.at(0, () => { sub = service.tickByTick$('AAPL', 'BidAsk').subscribe(sink()); });
      fake.at(100, () => { sub?.unsubscribe(); });
      fake.at(2000, () => { subs.push(service.tickByTick$('AAPL', 'BidAsk').subscribe(sink())); });
      fake.at(3000, () => { subs.push(service.tickByTick$('AAPL', 'MidPoint').subscribe(sink())); });
      fake.flush();
      expect(fake.sent).to.deep.equal(['0 g1 tbt 1 AAPL BidAsk', '1100 g1 cancel-tbt 1', '3000 g1 tbt 2 AAPL MidPoint', '16000 g1 tbt 3 AAPL BidAsk']);
    });

    it('asks again after 1101 with a fresh id, no cancel of the lost request, and not sooner than 16 s after the first', () => {
      const { fake, service } = setup();
      const got: TickByTick[] = [];
      fake.at(0, () => { subs.push(service.tickByTick$('AAPL', 'Last').subscribe(sink((t) => got.push(t)))); });
      fake.at(10, () => { fake.events$.next(lastEvent(1, 1_760_000_000, 10)); });
      fake.at(3000, () => { fake.ready$.next({ generation: 1, reason: 'link-restored' }); });
      fake.at(3010, () => { fake.events$.next(lastEvent(1, 1_760_000_003, 11)); }); // the lost request: nobody listens
      fake.at(16_010, () => { fake.events$.next(lastEvent(2, 1_760_000_016, 12)); });
      fake.at(20_000, () => { fake.ready$.next({ generation: 2, reason: 'reconnected' }); });
      fake.at(40_000, () => { subs.splice(0).forEach((s) => { s.unsubscribe(); }); });
      fake.flush();
      expect(fake.sent).to.deep.equal(['0 g1 tbt 1 AAPL Last', '16000 g1 tbt 2 AAPL Last', '32000 g2 tbt 3 AAPL Last', '55000 g2 cancel-tbt 3']);
      expect(got.map((t) => t.type === 'Last' && t.price)).to.deep.equal([10, 12]);
    });

    it('shares one request per instrument and type; each tick is a new object', () => {
      const { fake, service } = setup();
      const a: TickByTick[] = [];
      const b: TickByTick[] = [];
      fake.at(0, () => {
        subs.push(service.tickByTick$('AAPL', 'Last').subscribe(sink((t) => a.push(t))));
        subs.push(service.tickByTick$({ symbol: 'AAPL', secType: SecType.STK, exchange: 'smart', currency: 'usd' }, 'Last').subscribe(sink((t) => b.push(t))));
      });
      fake.at(1, () => { fake.events$.next(lastEvent(1, 1_760_000_000, 10)); fake.events$.next(lastEvent(1, 1_760_000_000, 10)); });
      fake.flush();
      expect(fake.sent).to.deep.equal(['0 g1 tbt 1 AAPL Last']);
      expect(a).to.have.length(2);
      expect(b).to.deep.equal(a);
      expect(a[0]).not.to.equal(a[1]);
      expect(a[0]).to.deep.equal({ type: 'Last', time: 1_760_000_000_000, price: 10, size: 100, exchange: 'ARCA', specialConditions: '', pastLimit: false, unreported: false });
    });

    it('errors the subscription beyond limits.tick_by_tick_slots alone (lingering requests hold their slot); the others keep flowing', () => {
      const { fake, service } = setup({ slots: 2 });
      const got: number[] = [];
      const errors: unknown[] = [];
      let msft: Subscription | undefined;
      fake.at(0, () => {
        subs.push(service.tickByTick$('AAPL', 'Last').subscribe(sink((t) => { got.push(t.price); })));
        msft = service.tickByTick$('MSFT', 'Last').subscribe(sink());
      });
      fake.at(10, () => { msft?.unsubscribe(); });
      fake.at(20, () => { subs.push(service.tickByTick$('IBM', 'Last').subscribe(sink(undefined, (e) => errors.push(e)))); });
      fake.at(30, () => { fake.events$.next(lastEvent(1, 1_760_000_000, 10)); });
      fake.at(20_000, () => { subs.push(service.tickByTick$('IBM', 'Last').subscribe(sink(undefined, (e) => errors.push(e)))); });
      fake.flush();
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(StreamLimitError).and.deep.include({ stream: 'tick-by-tick', inUse: 2, limit: 2, code: 10190, symbol: 'IBM' });
      expect(got).to.deep.equal([10]);
      expect(fake.sent).to.deep.equal(['0 g1 tbt 1 AAPL Last', '0 g1 tbt 2 MSFT Last', '15010 g1 cancel-tbt 2', '20000 g1 tbt 3 IBM Last']);
    });

    it("ends a subscription with TWS's 10190 as StreamLimitError (its slot freed) and 200 as SymbolNotFoundError", () => {
      const { fake, service } = setup();
      const errors: unknown[] = [];
      fake.at(0, () => {
        subs.push(service.tickByTick$('AAPL', 'Last').subscribe(sink(undefined, (e) => errors.push(e))));
        subs.push(service.tickByTick$('NOPE', 'Last').subscribe(sink(undefined, (e) => errors.push(e))));
      });
      fake.at(5, () => { fake.events$.next(errorEvent(1, 10190)); fake.events$.next(errorEvent(2, 200)); });
      fake.flush();
      expect(errors[0]).to.be.instanceOf(StreamLimitError).and.deep.include({ stream: 'tick-by-tick', reqId: 1, symbol: 'AAPL' });
      expect(errors[1]).to.be.instanceOf(SymbolNotFoundError);
      expect(service.tickByTickSlotsInUse).to.equal(0);
      expect(fake.sent).to.deep.equal(['0 g1 tbt 1 AAPL Last', '0 g1 tbt 2 NOPE Last']);
    });

    it('refuses options and combos (InvalidContractError) and an unknown type (InvalidInputError) before sending anything', () => {
      const { fake, service } = setup();
      const errors: unknown[] = [];
      fake.at(0, () => {
        service.tickByTick$(OPTION, 'Last').subscribe(sink(undefined, (e) => errors.push(e)));
        service.tickByTick$({ conId: 1, secType: SecType.BAG }, 'BidAsk').subscribe(sink(undefined, (e) => errors.push(e)));
        service.tickByTick$('AAPL', 'Trades' as never).subscribe(sink(undefined, (e) => errors.push(e)));
      });
      fake.flush();
      expect(errors.map((e) => [(e as Error).name, (e as InvalidInputError).field])).to.deep.equal([
        ['InvalidContractError', 'secType'], ['InvalidContractError', 'secType'], ['InvalidInputError', 'type'],
      ]);
      expect(errors[0]).to.be.instanceOf(InvalidContractError);
      expect(fake.sent).to.deep.equal([]);
    });

    it("refuses a type in another case than IB's ('last') with InvalidInputError suggesting IB's name, before sending", () => {
      const { fake, service } = setup();
      const errors: unknown[] = [];
      fake.at(0, () => {
        service.tickByTick$('AAPL', 'last' as never).subscribe(sink(undefined, (e) => errors.push(e)));
        service.tickByTick$('AAPL', 'bidask' as never).subscribe(sink(undefined, (e) => errors.push(e)));
      });
      fake.flush();
      expect(errors[0]).to.be.instanceOf(InvalidInputError).and.include({ field: 'type', value: 'last' });
      expect((errors[0] as Error).message).to.match(/expected one of Last, AllLast, BidAsk, MidPoint, spelt as IB spells them \(did you mean "Last"\?\), got "last"$/);
      expect((errors[1] as Error).message).to.include('did you mean "BidAsk"?');
      expect(fake.sent).to.deep.equal([]);
    });

    it('on close: completes the streams and cancels lingering requests at once', () => {
      const s = setup();
      const { fake, service } = s;
      let completed = 0;
      let sub: Subscription | undefined;
      fake.at(0, () => {
        sub = service.tickByTick$('AAPL', 'Last').subscribe(sink());
        subs.push(service.tickByTick$('MSFT', 'MidPoint').subscribe({ complete: () => { completed += 1; }, error: (e: unknown) => { throw e; } }));
      });
      fake.at(10, () => { sub?.unsubscribe(); });
      fake.at(500, () => { s.open = false; s.closed$.next(); });
      fake.at(600, () => { service.tickByTick$('AAPL', 'Last').subscribe(sink(undefined, (e) => { expect(e).to.be.instanceOf(SessionClosedError); completed += 10; })); });
      fake.flush();
      expect(completed).to.equal(11);
      expect(fake.sent).to.deep.equal(['0 g1 tbt 1 AAPL Last', '0 g1 tbt 2 MSFT MidPoint', '500 g1 cancel-tbt 1', '500 g1 cancel-tbt 2']);
      expect(service.tickByTickSlotsInUse).to.equal(0);
    });
  });

  describe('realTimeBars$', () => {
    it('takes one market-data line per shared request, drops a bar whose start was emitted (backfill after a reconnect), frees the line', () => {
      const { fake, service } = setup();
      const a: Bar[] = [];
      const b: Bar[] = [];
      const lines: number[] = [];
      fake.at(0, () => {
        subs.push(service.realTimeBars$('AAPL').subscribe(sink((bar) => a.push(bar))));
        subs.push(service.realTimeBars$('AAPL', { whatToShow: 'TRADES', useRTH: false }).subscribe(sink((bar) => b.push(bar))));
        lines.push(fake.context.registry.size);
      });
      fake.at(5000, () => { fake.events$.next(barEvent(1, 1_760_000_000, 10)); });
      fake.at(10_000, () => { fake.events$.next(barEvent(1, 1_760_000_005, 11)); });
      fake.at(11_000, () => { fake.dead.add(1); fake.ready$.next({ generation: 2, reason: 'reconnected' }); });
      fake.at(11_001, () => { fake.events$.next(barEvent(2, 1_760_000_005, 11)); fake.events$.next(barEvent(2, 1_760_000_000, 10)); });
      fake.at(15_000, () => { fake.events$.next(barEvent(2, 1_760_000_010, 12)); });
      fake.at(16_000, () => { subs.splice(0).forEach((s) => { s.unsubscribe(); }); lines.push(fake.context.registry.size); });
      fake.flush();
      expect(fake.sent).to.deep.equal(['0 g1 rtb 1 AAPL 5 TRADES false', '11000 g2 rtb 2 AAPL 5 TRADES false', '16000 g2 cancel-rtb 2']);
      expect(a.map((bar) => bar.start)).to.deep.equal([1_760_000_000_000, 1_760_000_005_000, 1_760_000_010_000]);
      expect(b).to.deep.equal(a);
      expect(a[0]).to.deep.equal({ start: 1_760_000_000_000, end: 1_760_000_005_000, open: 9, high: 11, low: 8, close: 10, volume: 300, trades: 7, wap: 10 });
      expect(lines).to.deep.equal([1, 0]);
    });

    it('refuses an unknown option (a typo of whatToShow) with UnknownOptionError before sending; the others go on', () => {
      const { fake, service } = setup();
      const errors: unknown[] = [];
      fake.at(0, () => {
        subs.push(service.realTimeBars$('AAPL', { whatToshow: 'MIDPOINT' } as never).subscribe(sink(undefined, (e) => errors.push(e))));
        subs.push(service.realTimeBars$('MSFT', { whatToShow: 'MIDPOINT' }).subscribe(sink(undefined, (e) => errors.push(e))));
      });
      fake.flush();
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(UnknownOptionError).and.deep.include({ field: 'whatToshow', call: 'realTimeBars$', suggestion: 'whatToShow' });
      expect(fake.sent).to.deep.equal(['0 g1 rtb 1 MSFT 5 MIDPOINT false']);
    });

    it('MIDPOINT bars have volume 0, trades 0 and no wap', () => {
      const { fake, service } = setup();
      const got: Bar[] = [];
      fake.at(0, () => { subs.push(service.realTimeBars$('AAPL', { whatToShow: 'MIDPOINT', useRTH: true }).subscribe(sink((bar) => got.push(bar)))); });
      fake.at(1, () => { fake.events$.next({ ...barEvent(1, 1_760_000_000, 10), volume: -1, wap: -1, count: -1 }); });
      fake.flush();
      expect(fake.sent).to.deep.equal(['0 g1 rtb 1 AAPL 5 MIDPOINT true']);
      expect(got).to.deep.equal([{ start: 1_760_000_000_000, end: 1_760_000_005_000, open: 9, high: 11, low: 8, close: 10, volume: 0, trades: 0 }]);
    });

    it('errors with MarketDataLinesError when every line is in use, InvalidInputError for a bad whatToShow, the typed error of 200 (line freed)', () => {
      const { fake, service } = setup({ lineLimit: 1 });
      const errors: unknown[] = [];
      fake.at(0, () => {
        subs.push(service.realTimeBars$('NOPE').subscribe(sink(undefined, (e) => errors.push(e))));
        subs.push(service.realTimeBars$('AAPL').subscribe(sink(undefined, (e) => errors.push(e))));
        subs.push(service.realTimeBars$('AAPL', { whatToShow: 'BID_ASK' as never }).subscribe(sink(undefined, (e) => errors.push(e))));
      });
      fake.at(10, () => { fake.events$.next(errorEvent(1, 200)); });
      fake.at(20, () => { subs.push(service.realTimeBars$('AAPL').subscribe(sink(undefined, (e) => errors.push(e)))); });
      fake.flush();
      expect(errors[0]).to.be.instanceOf(MarketDataLinesError).and.deep.include({ inUse: 1, limit: 1 });
      expect(errors[1]).to.be.instanceOf(InvalidInputError).and.deep.include({ field: 'whatToShow', value: 'BID_ASK' });
      expect(errors[2]).to.be.instanceOf(SymbolNotFoundError);
      expect(errors).to.have.length(3);
      expect(fake.sent).to.deep.equal(['0 g1 rtb 1 NOPE 5 TRADES false', '20 g1 rtb 2 AAPL 5 TRADES false']);
    });
  });
});
