// Contracts and options through IbSession against the built-in simulator over real sockets.
import { expect } from 'chai';
import { filter, firstValueFrom, map, type Observable, type Subscription } from 'rxjs';
import { forex, index, option, stock } from '../../lib/contracts/contract-helpers.js';
import { SecType, type Contract } from '../../lib/contracts/contract-types.js';
import { AmbiguousContractError, InvalidContractError, InvalidInputError, SessionClosedError, SymbolNotFoundError } from '../../lib/errors.js';
import { startSimulator, type Simulator } from '../../lib/sim/index.js';
import type { MarketState } from '../../lib/state/index.js';
import { collect, liveClient, simSession, trackHandles, waitUntil } from '../session/sim-session.js';

const AAPL_CONID = 265598;

/** The first value of `source$`; fails when it completes without one. */
async function first<T>(source$: Observable<T>): Promise<T> {
  const value = await firstValueFrom(source$.pipe(map((v) => ({ v }))), { defaultValue: undefined });
  if (value === undefined) throw new Error('completed without a value');
  return value.v;
}

/** The simulator's contract requests of the newest connection, as `kind query`. */
const contractRequests = (sim: Simulator): string[] => liveClient(sim).contractRequests.map((r) => `${r.kind} ${r.query}`);

describe('IbSession contracts (against the simulator)', () => {
  let sim: Simulator;
  const subs: Subscription[] = [];

  beforeEach(async () => {
    sim = await startSimulator({ port: 0, rateHz: 20, matchingSymbolsPacing: { minIntervalMs: 1000 } });
  });

  afterEach(async () => {
    subs.splice(0).forEach((s) => { s.unsubscribe(); });
    await sim.close();
  });

  describe('qualify', () => {
    it('resolves one match with its conId, and asks once however often and however spelled', async () => {
      const session = simSession(sim);
      const [a, b] = await Promise.all([session.qualify('AAPL'), session.qualify(stock('aapl'))]);
      expect(a).to.include({ conId: AAPL_CONID, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD' });
      expect(b).to.equal(a);
      expect(await session.qualify({ conId: AAPL_CONID, exchange: 'SMART' })).to.equal(a);
      expect(liveClient(sim).reqContractDetails).to.equal(1);
      await session.close();
    });

    it('rejects a symbol listed on two primary exchanges with both candidates and how to choose', async () => {
      const session = simSession(sim);
      const error = await session.qualify('TWIN').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(AmbiguousContractError);
      const ambiguous = error as AmbiguousContractError;
      expect(ambiguous.candidates.map((c) => [c.conId, c.primaryExchange, c.currency, c.longName])).to.deep.equal([
        [480_000_001, 'NASDAQ', 'USD', 'TWIN LISTING CORP'],
        [480_000_002, 'NYSE', 'USD', 'TWIN HOLDINGS INC'],
      ]);
      expect(ambiguous.message).to.include("pass primaryExch: 'NASDAQ' or 'NYSE'");
      expect(await session.qualify(stock('TWIN', 'SMART', 'USD', 'NYSE'))).to.include({ conId: 480_000_002, primaryExch: 'NYSE' });
      await session.close();
    });

    it('rejects an unknown symbol with SymbolNotFoundError', async () => {
      const session = simSession(sim);
      expect(await session.qualify('NOSUCHSYM').catch((e: unknown) => e)).to.be.instanceOf(SymbolNotFoundError).and.include({ code: 200, symbol: 'NOSUCHSYM' });
      await session.close();
    });
  });

  describe('contractDetails', () => {
    it('lists every match, typed (the options of one month)', async () => {
      const session = simSession(sim);
      const [chain] = await session.optionChain('AAPL');
      const month = chain?.expirations[0]?.slice(0, 6) ?? '';
      const details = await session.contractDetails({ symbol: 'AAPL', secType: SecType.OPT, exchange: 'SMART', currency: 'USD', lastTradeDateOrContractMonth: month });
      expect(details).to.have.length(18, '9 strikes × call / put');
      for (const d of details) {
        expect(d).to.include({ symbol: 'AAPL', secType: SecType.OPT, multiplier: 100, underConId: AAPL_CONID, currency: 'USD' });
        expect(d.expiry?.startsWith(month)).to.equal(true);
        expect(['C', 'P']).to.include(d.right);
        expect(d.strike).to.be.greaterThan(0);
        expect(d.contract.conId).to.equal(d.conId);
      }
      const [aapl] = await session.contractDetails('AAPL');
      expect(aapl).to.include({ longName: 'APPLE INC', primaryExchange: 'NASDAQ', stockType: 'COMMON', timeZoneId: 'US/Eastern', minTick: 0.01 });
      expect(aapl?.secIds).to.deep.equal({ ISIN: 'US0378331005' });
      expect(aapl?.validExchanges).to.include('NASDAQ');
      await session.close();
    });

    it('rejects bad input with a typed error naming the field, before sending anything', async () => {
      const session = simSession(sim);
      const wrongSecType: Contract = { symbol: 'AAPL', secType: 'STOCK' as unknown as SecType };
      expect(await session.contractDetails(wrongSecType).catch((e: unknown) => e)).to.be.instanceOf(InvalidContractError).and.include({ field: 'secType' });
      const past: Contract = { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', lastTradeDateOrContractMonth: '20010316' };
      expect(await session.contractDetails(past).catch((e: unknown) => e)).to.be.instanceOf(InvalidContractError).and.include({ field: 'lastTradeDateOrContractMonth' });
      expect(await session.searchSymbols(' ').catch((e: unknown) => e)).to.be.instanceOf(InvalidInputError).and.include({ field: 'pattern' });
      expect(sim.stats().connections).to.equal(0, 'nothing was sent (no connection even)');
      await session.close();
    });
  });

  describe('searchSymbols', () => {
    it('answers each pattern, sending them one second apart in call order (no pacing violation)', async () => {
      const session = simSession(sim);
      const [aa, twin, eur] = await Promise.all([session.searchSymbols('AAP'), session.searchSymbols('twin'), session.searchSymbols('EUR')]);
      expect(aa[0]).to.deep.equal({
        conId: AAPL_CONID, symbol: 'AAPL', secType: SecType.STK, primaryExchange: 'NASDAQ', currency: 'USD', derivativeSecTypes: [SecType.OPT], description: 'APPLE INC',
      });
      expect(twin.map((m) => m.primaryExchange)).to.deep.equal(['NASDAQ', 'NYSE']);
      expect(eur.map((m) => [m.symbol, m.secType, m.currency])).to.deep.include(['EUR', SecType.CASH, 'USD']);
      expect(contractRequests(sim)).to.deep.equal(['matchingSymbols AAP', 'matchingSymbols twin', 'matchingSymbols EUR']);
      expect(liveClient(sim).pacingViolations).to.equal(0);
      await session.close();
    });
  });

  describe('optionChain', () => {
    it('qualifies the underlying and lists its chains per exchange, sorted', async () => {
      const session = simSession(sim);
      const chains = await session.optionChain('AAPL');
      expect(chains.map((c) => c.exchange)).to.deep.equal(['AMEX', 'BATS', 'BOX', 'CBOE', 'ISE', 'MIAX', 'PHLX', 'SMART']);
      for (const chain of chains) {
        expect(chain).to.include({ underlyingConId: AAPL_CONID, tradingClass: 'AAPL', multiplier: 100 });
        expect(chain.expirations).to.have.length(3).and.deep.equal([...chain.expirations].sort());
        expect(chain.strikes).to.have.length(9).and.deep.equal([...chain.strikes].sort((a, b) => a - b));
      }
      expect(contractRequests(sim)).to.deep.equal([`contractDetails AAPL STK SMART USD`, `secDefOptParams AAPL STK ${AAPL_CONID}`]);
      expect(await session.optionChain('MSFT')).to.deep.equal([], 'no listed options');
      await session.close();
    });
  });

  describe('market data', () => {
    it('gives an option state greeks consistent with its underlying', async () => {
      const session = simSession(sim);
      const [chain] = await session.optionChain('AAPL');
      const expiry = chain?.expirations[1] ?? '';
      const strike = chain?.strikes[4] ?? 0;
      const call = await session.qualify(option('AAPL', expiry, strike, 'C'));
      expect(call.localSymbol).to.match(/^AAPL\s+\d{6}C\d{8}$/);
      const state = await first(session.marketData$(call).pipe(filter((s) => s.greeks?.delta !== undefined)));
      const g = state.greeks!;
      expect(state.symbol).to.equal(call.localSymbol?.replace(/\s+/g, ' '));
      expect(g.delta).to.be.within(0, 1);
      expect(g.impliedVol).to.be.within(0.05, 1);
      expect(g.gamma).to.be.greaterThan(0);
      expect(g.vega).to.be.greaterThan(0);
      expect(g.theta).to.be.lessThan(0);
      expect(g.optPrice).to.be.greaterThan(0);
      expect(g.undPrice).to.be.within(strike * 0.8, strike * 1.2);
      const stock$ = await first(session.marketData$('AAPL').pipe(filter((s) => s.last !== undefined)));
      expect(stock$.greeks).to.equal(undefined, 'no greeks for a stock');
      await session.close();
    });

    it("turns IB's 'not computed' markers into undefined greeks", async () => {
      const session = simSession(sim);
      const [chain] = await session.optionChain('SPY');
      const put = await session.qualify(option('SPY', chain?.expirations[0] ?? '', chain?.strikes[4] ?? 0, 'P'));
      sim.optionComputation('not-computed');
      const none = await first(session.marketData$(put).pipe(filter((s) => s.greeks !== undefined)));
      expect(none.greeks).to.deep.equal({ impliedVol: undefined, delta: undefined, gamma: undefined, vega: undefined, theta: undefined, optPrice: undefined, undPrice: undefined });
      await session.close();
    });

    it('streams forex (quotes, no trades), an index (a value, no quotes) and a future', async () => {
      const session = simSession(sim);
      const eur = await first(session.marketData$(forex('EUR.USD')).pipe(filter((s) => s.bid !== undefined && s.ask !== undefined)));
      expect(eur.symbol).to.equal('EUR.USD');
      expect(eur.bid).to.be.within(0.5, 2);
      expect(eur.ask).to.be.at.least(eur.bid!);
      const spx = await first(session.marketData$(index('SPX', 'CBOE')).pipe(filter((s) => s.last !== undefined)));
      expect([spx.symbol, spx.bid, spx.ask]).to.deep.equal(['SPX', undefined, undefined]);
      expect(spx.last).to.be.greaterThan(1000);
      const futures = await session.contractDetails({ symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD' });
      expect(futures).to.have.length(2);
      expect(await session.qualify({ symbol: 'ES', secType: SecType.FUT, exchange: 'CME' }).catch((e: unknown) => e)).to.be.instanceOf(AmbiguousContractError)
        .and.have.property('message').that.includes('lastTradeDateOrContractMonth');
      const front = futures.map((f) => f.contract).sort((a, b) => (a.lastTradeDateOrContractMonth ?? '').localeCompare(b.lastTradeDateOrContractMonth ?? ''))[0]!;
      const es = await first(session.marketData$(front).pipe(filter((s) => s.last !== undefined && s.bid !== undefined)));
      expect(es.symbol).to.match(/^ES[HMUZ]\d$/);
      expect(es.last).to.be.greaterThan(1000);
      await session.close();
    });

    it('shares one request between a qualified contract and { conId, exchange }', async () => {
      const session = simSession(sim);
      const aapl = await session.qualify('AAPL');
      const states: MarketState[] = [];
      subs.push(session.marketData$(aapl).subscribe(collect(states)), session.marketData$({ conId: AAPL_CONID, exchange: 'SMART' }).subscribe(collect<MarketState>([])));
      await waitUntil(() => states.length > 2, 3000, 'AAPL states');
      expect(liveClient(sim).reqMktData).to.equal(1);
      expect(session.subscriptions().map((s) => s.key)).to.deep.equal([`conId=${AAPL_CONID};exchange=SMART`]);
      await session.close();
    });

    it('passes generic ticks and shares the request per list, in any order', async () => {
      const session = simSession(sim);
      subs.push(
        session.marketData$('AAPL', { genericTicks: [236, 233] }).subscribe(collect<MarketState>([])),
        session.marketData$('AAPL', { genericTicks: [233, 236, 233] }).subscribe(collect<MarketState>([])),
        session.marketData$('AAPL').subscribe(collect<MarketState>([])),
      );
      await waitUntil(() => liveClient(sim).reqMktData === 2, 3000, 'two requests');
      expect(session.subscriptions().map((s) => s.key).sort()).to.deep.equal([
        'symbol=AAPL;secType=STK;exchange=SMART;currency=USD',
        'symbol=AAPL;secType=STK;exchange=SMART;currency=USD;genericTicks=233,236',
      ]);
      const bad = await first(session.marketData$('AAPL', { genericTicks: [1] })).catch((e: unknown) => e);
      expect(bad).to.be.instanceOf(InvalidInputError).and.include({ field: 'genericTicks' });
      await session.close();
    });
  });

  describe('connection', () => {
    it('sends a pending request again after a reconnect and answers it', async () => {
      const session = simSession(sim);
      await session.qualify('IBM');
      let sent = 0;
      subs.push(session.outbound$.subscribe({ next: (o) => { sent = o.sent; }, error: () => undefined }));
      const before = sent;
      sim.stall();
      const details = session.contractDetails('MSFT');
      await waitUntil(() => sent > before, 2000, 'the MSFT request written to the stalled simulator');
      sim.drop();
      sim.resume();
      const [msft] = await details;
      expect(msft).to.include({ symbol: 'MSFT', conId: 272093 });
      expect(sim.stats().connections).to.equal(2);
      expect(contractRequests(sim)).to.deep.equal(['contractDetails MSFT STK SMART USD']);
      await session.close();
    });

    it('keeps a lazily connected session connected while a request is pending, and disconnects after', async () => {
      const session = simSession(sim, {}, { idleDisconnectMs: 50 });
      await session.qualify('AAPL');
      sim.stall();
      const pending = session.contractDetails('MSFT');
      await new Promise((resolve) => { setTimeout(resolve, 300); });
      expect(sim.stats().clients.map((c) => c.open)).to.deep.equal([true], 'no idle disconnect while pending');
      sim.resume();
      expect((await pending).map((d) => d.symbol)).to.deep.equal(['MSFT']);
      await waitUntil(() => sim.stats().clients.every((c) => !c.open), 2000, 'the idle disconnect');
      expect(sim.stats().connections).to.equal(1);
      await session.close();
    });

    it('rejects pending requests with SessionClosedError on close() and leaves no socket, timer or listener', async () => {
      const handles = trackHandles();
      const session = simSession(sim);
      await session.qualify('AAPL');
      sim.stall();
      const pending = [session.contractDetails('MSFT'), session.searchSymbols('A'), session.searchSymbols('B'), session.optionChain('SPY')].map((p) => p.catch((e: unknown) => e));
      await session.close();
      for (const outcome of await Promise.all(pending)) expect(outcome).to.be.instanceOf(SessionClosedError);
      expect(await session.qualify('AAPL').catch((e: unknown) => e)).to.be.instanceOf(SessionClosedError);
      sim.resume();
      expect(await handles.stop()).to.deep.equal([]);
    });
  });
});
