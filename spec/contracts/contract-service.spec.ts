import { SecType, type Contract } from '@stoqey/ib';
import { expect } from 'chai';
import { ReplaySubject, Subject, VirtualAction, VirtualTimeScheduler } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { option } from '../../lib/contracts/contract-helpers.js';
import { ContractService } from '../../lib/contracts/contract-service.js';
import { AmbiguousContractError, InvalidContractError, InvalidInputError, RequestTimeoutError, SessionClosedError, SymbolNotFoundError } from '../../lib/errors.js';
import type { ReadySignal } from '../../lib/requests/request-context.js';
import { ibError } from '../requests/request-events.js';
import { chainEnd, chainRow, detailsEnd, detailsEvent, fakeOneShotContext, ibDetails, samplesEvent, type FakeOneShotContext } from './fake-one-shot-context.js';

interface Harness {
  readonly service: ContractService;
  readonly fake: FakeOneShotContext;
  readonly events$: Subject<IbEvent>;
  readonly ready$: ReplaySubject<ReadySignal>;
  readonly closed$: Subject<true>;
  readonly scheduler: VirtualTimeScheduler;
  readonly opened: () => number;
  /** Pending counts seen on `pending$`. */
  readonly pending: number[];
}

interface HarnessOptions {
  readonly searchIntervalMs?: number;
  readonly timeoutMs?: number;
  readonly cacheSize?: number;
  /** Scheduler time of frame 0 (default 0: 1970, when no expiry is past). */
  readonly epochMs?: number;
}

function harness(options: HarnessOptions = {}): Harness {
  const scheduler = new VirtualTimeScheduler(VirtualAction, Number.POSITIVE_INFINITY);
  const epochMs = options.epochMs ?? 0;
  scheduler.now = () => epochMs + scheduler.frame;
  const events$ = new Subject<IbEvent>();
  const ready$ = new ReplaySubject<ReadySignal>(1);
  const closed$ = new Subject<true>();
  const fake = fakeOneShotContext({ scheduler, ready$, events$, timeoutMs: options.timeoutMs ?? 1000 });
  let opened = 0;
  let isClosed = false;
  closed$.subscribe({ next: () => { isClosed = true; }, error: (e: unknown) => { throw e; } });
  const service = new ContractService({
    context: fake.context,
    closed$,
    open: () => { if (isClosed) return false; opened++; return true; },
    searchIntervalMs: options.searchIntervalMs ?? 1000,
    ...(options.cacheSize !== undefined && { cacheSize: options.cacheSize }),
  });
  const pending: number[] = [];
  service.pending$.subscribe({ next: (n) => pending.push(n), error: (e: unknown) => { throw e; } });
  return { service, fake, events$, ready$, closed$, scheduler, opened: () => opened, pending };
}

/** Lets promise continuations run. */
const settle = (): Promise<void> => new Promise((resolve) => { setImmediate(resolve); });

const answer = (h: Harness, reqId: number, ...details: ReturnType<typeof ibDetails>[]): void => {
  for (const d of details) h.events$.next(detailsEvent(reqId, d));
  h.events$.next(detailsEnd(reqId));
};

describe('ContractService', () => {
  describe('contractDetails', () => {
    it('connects lazily, sends reqContractDetails once ready, and resolves with every match typed', async () => {
      const h = harness();
      const details = h.service.contractDetails({ symbol: 'AAPL', secType: SecType.OPT, exchange: 'SMART' });
      expect(h.opened()).to.equal(1);
      expect(h.fake.sent).to.deep.equal([]);
      h.ready$.next({ generation: 1, reason: 'connected' });
      expect(h.fake.sent).to.deep.equal(['0 g1 details 1 AAPL']);
      answer(h, 1, ibDetails(11, 'AAPL', { secType: SecType.OPT }), ibDetails(12, 'AAPL', { secType: SecType.OPT }));
      expect((await details).map((d) => d.conId)).to.deep.equal([11, 12]);
      expect(h.pending).to.deep.equal([0, 1, 0]);
    });

    it('rejects bad input with a typed error naming the field, sending nothing', async () => {
      const h = harness({ epochMs: Date.UTC(2026, 5, 15) });
      h.ready$.next({ generation: 1, reason: 'connected' });
      const wrong: Contract = { symbol: 'AAPL', secType: 'STOCK' as unknown as SecType };
      const wrongType = await h.service.contractDetails(wrong).catch((e: unknown) => e);
      expect(wrongType).to.be.instanceOf(InvalidContractError).and.include({ field: 'secType', value: 'STOCK' });
      const past = await h.service.contractDetails({ symbol: 'ES', secType: SecType.FUT, exchange: 'CME', lastTradeDateOrContractMonth: '200103' }).catch((e: unknown) => e);
      expect(past).to.be.instanceOf(InvalidContractError).and.include({ field: 'lastTradeDateOrContractMonth' });
      const expired = h.service.contractDetails({ symbol: 'ES', secType: SecType.FUT, exchange: 'CME', lastTradeDateOrContractMonth: '200103', includeExpired: true });
      expect(h.fake.sent.map((line) => line.split(' ').slice(1).join(' '))).to.deep.equal(['g1 details 1 ES'], 'includeExpired allows a past expiry');
      answer(h, 1);
      expect(await expired).to.deep.equal([]);
    });

    it('rejects with SymbolNotFoundError on 200 and RequestTimeoutError without an answer', async () => {
      const h = harness({ timeoutMs: 500 });
      h.ready$.next({ generation: 1, reason: 'connected' });
      const missing = h.service.contractDetails('NOPE').catch((e: unknown) => e);
      h.events$.next(ibError(1, 200, 'No security definition has been found for the request'));
      expect(await missing).to.be.instanceOf(SymbolNotFoundError).and.include({ symbol: 'NOPE', reqId: 1 });
      const silent = h.service.contractDetails('AAPL').catch((e: unknown) => e);
      h.scheduler.flush();
      expect(await silent).to.be.instanceOf(RequestTimeoutError).and.include({ request: 'reqContractDetails', subject: 'AAPL', timeoutMs: 500 });
      expect(h.pending.at(-1)).to.equal(0);
    });
  });

  describe('qualify', () => {
    it('resolves the one match with its conId and asks TWS once for the same contract, however spelled', async () => {
      const h = harness();
      h.ready$.next({ generation: 1, reason: 'connected' });
      const first = h.service.qualify('AAPL');
      const concurrent = h.service.qualify({ symbol: 'aapl', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
      answer(h, 1, ibDetails(265598, 'AAPL'));
      const contract = await first;
      expect(contract).to.include({ conId: 265598, symbol: 'AAPL', primaryExch: 'NASDAQ' });
      expect(await concurrent).to.equal(contract);
      expect(await h.service.qualify('AAPL')).to.equal(contract);
      expect(await h.service.qualify({ conId: 265598, exchange: 'SMART' })).to.equal(contract, 'also remembered by conId');
      expect(await h.service.qualify(contract)).to.equal(contract);
      expect(h.fake.sent).to.deep.equal(['0 g1 details 1 AAPL']);
    });

    it('rejects an ambiguous symbol with its candidates, and asks again next time', async () => {
      const h = harness();
      h.ready$.next({ generation: 1, reason: 'connected' });
      const twin = h.service.qualify('TWIN').catch((e: unknown) => e);
      answer(h, 1, ibDetails(1, 'TWIN', { primaryExch: 'NASDAQ' }), ibDetails(2, 'TWIN', { primaryExch: 'NYSE' }));
      const error = await twin;
      expect(error).to.be.instanceOf(AmbiguousContractError);
      expect((error as AmbiguousContractError).candidates.map((c) => c.primaryExchange)).to.deep.equal(['NASDAQ', 'NYSE']);
      expect((error as Error).message).to.include("pass primaryExch: 'NASDAQ' or 'NYSE'");
      const nasdaq = h.service.qualify({ symbol: 'TWIN', primaryExch: 'NASDAQ' });
      void h.service.qualify('TWIN').catch(() => undefined);
      answer(h, 2, ibDetails(1, 'TWIN', { primaryExch: 'NASDAQ' }));
      expect(await nasdaq).to.include({ conId: 1 });
      expect(h.fake.sent).to.deep.equal(['0 g1 details 1 TWIN', '0 g1 details 2 TWIN', '0 g1 details 3 TWIN']);
    });

    it('rejects with SymbolNotFoundError when TWS ends without a match', async () => {
      const h = harness();
      h.ready$.next({ generation: 1, reason: 'connected' });
      const none = h.service.qualify('NOPE').catch((e: unknown) => e);
      answer(h, 1);
      expect(await none).to.be.instanceOf(SymbolNotFoundError).and.include({ code: 200, symbol: 'NOPE' });
    });

    it('forgets the oldest qualified contract beyond cacheSize', async () => {
      const h = harness({ cacheSize: 2 });
      h.ready$.next({ generation: 1, reason: 'connected' });
      for (const [i, symbol] of ['A', 'B', 'C'].entries()) {
        const q = h.service.qualify(symbol);
        answer(h, i + 1, ibDetails(100 + i, symbol));
        await q;
      }
      void h.service.qualify('C');
      void h.service.qualify('A').catch(() => undefined);
      expect(h.fake.sent.map((line) => line.split(' ').at(-1))).to.deep.equal(['A', 'B', 'C', 'A']);
    });
  });

  describe('searchSymbols', () => {
    it('rejects an empty pattern with InvalidInputError naming pattern, sending nothing', async () => {
      const h = harness();
      for (const pattern of ['', '   ']) {
        expect(await h.service.searchSymbols(pattern).catch((e: unknown) => e)).to.be.instanceOf(InvalidInputError).and.include({ field: 'pattern' });
      }
      expect(h.fake.sent).to.deep.equal([]);
      expect(h.opened()).to.equal(0);
    });

    it('sends searches in call order, one per interval, and resolves each with its matches', async () => {
      const h = harness({ searchIntervalMs: 1000, timeoutMs: 10_000 });
      h.ready$.next({ generation: 1, reason: 'connected' });
      const results = ['AA', 'TW', 'EUR'].map((p) => h.service.searchSymbols(p));
      h.scheduler.maxFrames = 5000; // the interval timers, not the timeouts
      h.scheduler.flush();
      expect(h.fake.sent).to.deep.equal(['0 g1 search 1 AA', '1000 g1 search 2 TW', '2000 g1 search 3 EUR']);
      h.events$.next(samplesEvent(3, [{ contract: { conId: 12087792, symbol: 'EUR', secType: SecType.CASH, currency: 'USD' } }]));
      h.events$.next(samplesEvent(1, [{ contract: { conId: 265598, symbol: 'AAPL', secType: SecType.STK, primaryExch: 'NASDAQ', currency: 'USD' }, derivativeSecTypes: [SecType.OPT] }]));
      h.events$.next(samplesEvent(2, []));
      const [aa, tw, eur] = await Promise.all(results);
      expect(aa?.map((m) => [m.symbol, m.derivativeSecTypes])).to.deep.equal([['AAPL', [SecType.OPT]]]);
      expect(tw).to.deep.equal([]);
      expect(eur?.map((m) => m.symbol)).to.deep.equal(['EUR']);
    });
  });

  describe('optionChain', () => {
    it('qualifies the underlying (cached), then asks for the chains on its conId, sorted', async () => {
      const h = harness();
      h.ready$.next({ generation: 1, reason: 'connected' });
      const chains = h.service.optionChain('AAPL');
      answer(h, 1, ibDetails(265598, 'AAPL'));
      await settle();
      expect(h.fake.sent).to.deep.equal(['0 g1 details 1 AAPL', '0 g1 chain 2 AAPL - STK 265598']);
      h.events$.next(chainRow(2, 'SMART', ['20991218', '20990115'], [240, 230]));
      h.events$.next(chainRow(2, 'CBOE', ['20990115'], [230]));
      h.events$.next(chainEnd(2));
      expect((await chains).map((c) => [c.exchange, c.expirations, c.strikes])).to.deep.equal([
        ['CBOE', ['20990115'], [230]],
        ['SMART', ['20990115', '20991218'], [230, 240]],
      ]);
      const again = h.service.optionChain('AAPL');
      await settle();
      expect(h.fake.sent.at(-1)).to.equal('0 g1 chain 3 AAPL - STK 265598', 'the underlying came from the cache');
      h.events$.next(chainEnd(3));
      expect(await again).to.deep.equal([]);
    });

    it('passes the exchange of a futures underlying', async () => {
      const h = harness();
      h.ready$.next({ generation: 1, reason: 'connected' });
      void h.service.optionChain({ symbol: 'ES', secType: SecType.FUT, exchange: 'CME', lastTradeDateOrContractMonth: '209912' });
      answer(h, 1, ibDetails(600_000_001, 'ES', { secType: SecType.FUT, exchange: 'CME', lastTradeDateOrContractMonth: '20991218', multiplier: 50 }));
      await settle();
      expect(h.fake.sent.at(-1)).to.equal('0 g1 chain 2 ES CME FUT 600000001');
    });

    it('rejects an option contract with a bad strike before asking anything', async () => {
      const h = harness();
      const badStrike: Contract = { ...option('AAPL', '20991218', 250, 'C'), strike: -250 };
      const error = await h.service.optionChain(badStrike).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(InvalidContractError).and.include({ field: 'strike' });
    });
  });

  describe('closing', () => {
    it('rejects pending and new requests with SessionClosedError and leaves nothing pending', async () => {
      const h = harness();
      const pending = h.service.qualify('AAPL').catch((e: unknown) => e);
      h.closed$.next(true);
      h.service.complete();
      expect(await pending).to.be.instanceOf(SessionClosedError);
      expect(await h.service.contractDetails('AAPL').catch((e: unknown) => e)).to.be.instanceOf(SessionClosedError);
      expect(await h.service.searchSymbols('AA').catch((e: unknown) => e)).to.be.instanceOf(SessionClosedError);
      expect(h.pending).to.deep.equal([0, 1, 0]);
    });
  });
});
