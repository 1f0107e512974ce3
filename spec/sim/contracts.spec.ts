import { EventName } from '@stoqey/ib';
import type { ContractDescription } from '@stoqey/ib';
import { expect } from 'chai';
import { firstValueFrom, timer } from 'rxjs';
import { simHarness } from './support/sim-harness.js';
import { contracts, detailsOf, OptionType, SecType } from './support/contracts.js';
import { RawClient, stock } from './support/raw-client.js';

/** Listings follow this date, so expiries and conIds are fixed in these specs. */
const TODAY = '20251201';
const AAPL = 265598;
const SPY = 756733;

describe('Simulator contracts', () => {
  const { start, client, closeAll } = simHarness({ today: TODAY });
  const ended = (c: RawClient, event: string, reqId: number): Promise<void> =>
    c.waitFor(`${event} ${reqId}`, (x) => x.of(event).some((a) => a[0] === reqId));

  afterEach(closeAll);

  describe('reqContractDetails', () => {
    it('answers EUR.USD (CASH): symbol EUR, currency USD, local symbol EUR.USD on IDEALPRO', async () => {
      const c = await client(await start());
      c.api.reqContractDetails(1, contracts.eurUsd);
      await ended(c, EventName.contractDetailsEnd, 1);
      const [eur, ...more] = detailsOf(c, 1);
      expect(more).to.deep.equal([]);
      expect(eur?.contract).to.include({ conId: 12_087_792, symbol: 'EUR', secType: 'CASH', exchange: 'IDEALPRO', currency: 'USD', localSymbol: 'EUR.USD', tradingClass: 'EUR.USD' });
      expect(eur).to.include({ marketName: 'EUR.USD', minTick: 0.00005, longName: 'European Monetary Union Euro', validExchanges: 'IDEALPRO', underConId: 0 });
      expect(eur?.tradingHours).to.match(/^\d{8}:(CLOSED|1715-\d{8}:1700)(;|$)/);
    });

    it('answers SPX (IND) on CBOE: not tradable, no order types', async () => {
      const c = await client(await start());
      c.api.reqContractDetails(2, contracts.spx);
      await ended(c, EventName.contractDetailsEnd, 2);
      const [spx] = detailsOf(c, 2);
      expect(spx?.contract).to.include({ conId: 416_904, symbol: 'SPX', secType: 'IND', exchange: 'CBOE', primaryExch: 'CBOE', currency: 'USD' });
      expect(spx).to.include({ longName: 'S&P 500 Stock Index', orderTypes: '', timeZoneId: 'US/Eastern' });
      expect(spx?.minSize).to.equal(undefined);
    });

    it('answers both ES futures (FUT) on CME, multiplier 50, the ES index as underlying; a month picks one', async () => {
      const c = await client(await start());
      c.api.reqContractDetails(3, contracts.es);
      c.api.reqContractDetails(4, { ...contracts.es, lastTradeDateOrContractMonth: '202603' });
      await ended(c, EventName.contractDetailsEnd, 4);
      await ended(c, EventName.contractDetailsEnd, 3);
      const both = detailsOf(c, 3);
      expect(both.map((d) => [d.contract.localSymbol, d.contract.lastTradeDateOrContractMonth, d.contractMonth])).to.deep.equal([
        ['ESZ5', '20251219', '202512'], ['ESH6', '20260320', '202603'],
      ]);
      expect(new Set(both.map((d) => d.contract.conId)).size).to.equal(2);
      expect(both[0]?.contract).to.include({ secType: 'FUT', exchange: 'CME', multiplier: 50, tradingClass: 'ES', lastTradeDate: '20251219' });
      expect(both[0]).to.include({ minTick: 0.25, underConId: 11_004_968, underSymbol: 'ES', underSecType: 'IND', timeZoneId: 'US/Central', realExpirationDate: '20251219' });
      expect(detailsOf(c, 4).map((d) => d.contract.localSymbol)).to.deep.equal(['ESH6']);
    });

    it('answers one AAPL option (OPT) with strike, right, multiplier 100 and AAPL as underlying; a bare OPT request gets the chain', async () => {
      const c = await client(await start());
      c.api.reqContractDetails(5, contracts.option('AAPL', '20260116', 230, OptionType.Call));
      c.api.reqContractDetails(6, contracts.aaplOptions);
      await ended(c, EventName.contractDetailsEnd, 6);
      await ended(c, EventName.contractDetailsEnd, 5);
      const [call] = detailsOf(c, 5);
      expect(call?.contract).to.include({
        symbol: 'AAPL', secType: 'OPT', lastTradeDateOrContractMonth: '20260116', strike: 230, right: 'C', multiplier: 100,
        exchange: 'SMART', currency: 'USD', localSymbol: 'AAPL  260116C00230000', tradingClass: 'AAPL',
      });
      expect(call).to.include({ underConId: AAPL, underSymbol: 'AAPL', underSecType: 'STK', longName: 'APPLE INC', minTick: 0.01, contractMonth: '202601' });
      const chain = detailsOf(c, 6);
      expect(chain).to.have.length(54);
      expect(new Set(chain.map((d) => d.contract.right))).to.deep.equal(new Set(['C', 'P']));
      expect(new Set(chain.map((d) => d.contract.conId)).size).to.equal(54);
    });

    it('answers both listings of the ambiguous TWIN then one End; a primary exchange or conId picks one', async () => {
      const c = await client(await start());
      c.api.reqContractDetails(7, contracts.twin);
      c.api.reqContractDetails(8, { ...contracts.twin, primaryExch: 'NASDAQ' });
      c.api.reqContractDetails(9, contracts.byConId(480_000_002));
      await ended(c, EventName.contractDetailsEnd, 9);
      await ended(c, EventName.contractDetailsEnd, 8);
      await ended(c, EventName.contractDetailsEnd, 7);
      expect(detailsOf(c, 7).map((d) => [d.contract.conId, d.contract.primaryExch, d.longName])).to.deep.equal([
        [480_000_001, 'NASDAQ', 'TWIN LISTING CORP'], [480_000_002, 'NYSE', 'TWIN HOLDINGS INC'],
      ]);
      expect(detailsOf(c, 8).map((d) => d.contract.conId)).to.deep.equal([480_000_001]);
      expect(detailsOf(c, 9).map((d) => d.contract.conId)).to.deep.equal([480_000_002]);
      expect(c.of(EventName.contractDetailsEnd).filter((a) => a[0] === 7)).to.have.length(1);
    });

    it('answers 200 and no End for no match: wrong currency, unknown conId, expired month, bad strike', async () => {
      const c = await client(await start());
      c.api.reqContractDetails(10, { ...contracts.eurUsd, currency: 'JPY' });
      c.api.reqContractDetails(11, contracts.byConId(42));
      c.api.reqContractDetails(12, { ...contracts.es, lastTradeDateOrContractMonth: '202406' });
      c.api.reqContractDetails(13, contracts.option('AAPL', '20260116', 231, OptionType.Put));
      await c.waitFor('four 200s', (x) => x.errors().length === 4);
      expect(c.errors().map((e) => [e.code, e.reqId])).to.deep.equal([[200, 10], [200, 11], [200, 12], [200, 13]]);
      expect(c.of(EventName.contractDetails)).to.deep.equal([]);
      expect(c.of(EventName.contractDetailsEnd)).to.deep.equal([]);
    });

    it('makes a stock ambiguous on request (`ambiguous`), and answers 200 "ambiguous" to market data for it', async () => {
      const c = await client(await start({ ambiguous: ['IBM'] }));
      c.api.reqContractDetails(14, stock('IBM'));
      c.api.reqMktData(15, stock('IBM'), '', false, false);
      c.api.reqMktData(16, contracts.twin, '', false, false);
      c.api.reqMktData(17, { ...contracts.twin, primaryExch: 'NYSE' }, '', false, false);
      await ended(c, EventName.contractDetailsEnd, 14);
      await c.waitFor('two 200s and NYSE TWIN data', (x) => x.errors().length === 2 && x.tickTypes(17).length > 0);
      expect(detailsOf(c, 14).map((d) => [d.contract.primaryExch, d.contract.conId])).to.deep.equal([['NYSE', 8314], ['NASDAQ', 1_000_008_314]]);
      expect(c.errors()).to.deep.equal([
        { code: 200, reqId: 15, message: 'The contract description specified for IBM is ambiguous.' },
        { code: 200, reqId: 16, message: 'The contract description specified for TWIN is ambiguous.' },
      ]);
    });
  });

  describe('reqMatchingSymbols', () => {
    it('answers symbolSamples: prefix and name matches with derivative secTypes and the long name as description', async () => {
      const c = await client(await start());
      c.api.reqMatchingSymbols(20, 'aap');
      c.api.reqMatchingSymbols(21, 'twin');
      await ended(c, EventName.symbolSamples, 21);
      const samples = (reqId: number): ContractDescription[] =>
        (c.of(EventName.symbolSamples).find((a) => a[0] === reqId)?.[1] ?? []) as ContractDescription[];
      expect(samples(20)).to.deep.equal([
        { contract: { conId: AAPL, symbol: 'AAPL', secType: SecType.STK, primaryExch: 'NASDAQ', currency: 'USD', description: 'APPLE INC', issuerId: '' }, derivativeSecTypes: ['OPT'] },
      ]);
      expect(samples(21).map((d) => [d.contract?.conId, d.contract?.primaryExch, d.derivativeSecTypes])).to.deep.equal([
        [480_000_001, 'NASDAQ', []], [480_000_002, 'NYSE', []],
      ]);
    });

    it('returns at most 16 matches, and forex and indices too', async () => {
      const c = await client(await start());
      c.api.reqMatchingSymbols(22, 'I');
      c.api.reqMatchingSymbols(23, 'S&P');
      await ended(c, EventName.symbolSamples, 23);
      const [[, many]] = c.of(EventName.symbolSamples) as [[number, ContractDescription[]]];
      expect(many).to.have.length(16);
      const [, [, sp]] = c.of(EventName.symbolSamples) as [unknown, [number, ContractDescription[]]];
      expect(sp.map((d) => [d.contract?.symbol, d.contract?.secType, d.derivativeSecTypes])).to.deep.equal([
        ['SPY', 'STK', ['OPT']], ['SPX', 'IND', []], ['ES', 'IND', ['FUT']],
      ]);
    });

    it('refuses a request sooner than `matchingSymbolsPacing.minIntervalMs` after the last answered one with 100', async () => {
      const s = await start({ matchingSymbolsPacing: { minIntervalMs: 300 } });
      const c = await client(s);
      c.api.reqMatchingSymbols(24, 'MS');
      c.api.reqMatchingSymbols(25, 'MS');
      await c.waitFor('100', (x) => x.errors().length === 1);
      expect(c.errors()).to.deep.equal([
        { code: 100, reqId: 25, message: 'Max rate of messages per second has been exceeded. (reqMatchingSymbols: at most one request per 300 ms)' },
      ]);
      await firstValueFrom(timer(320), { defaultValue: 0 });
      c.api.reqMatchingSymbols(26, 'MS');
      await ended(c, EventName.symbolSamples, 26);
      expect(c.of(EventName.symbolSamples).map((a) => a[0])).to.deep.equal([24, 26]);
      expect(s.stats()).to.include({ reqMatchingSymbols: 3, pacingViolations: 1 });
    });

    it('leaves a too-early request unanswered with `violation: "ignore"`', async () => {
      const s = await start({ matchingSymbolsPacing: { minIntervalMs: 60_000, violation: 'ignore' } });
      const c = await client(s);
      c.api.reqMatchingSymbols(27, 'NFLX');
      c.api.reqMatchingSymbols(28, 'NFLX');
      c.api.reqCurrentTime();
      await c.waitForCount(EventName.currentTime);
      expect(c.of(EventName.symbolSamples).map((a) => a[0])).to.deep.equal([27]);
      expect(c.errors()).to.deep.equal([]);
      expect(s.stats().clients[0]?.contractRequests.map((r) => ('error' in r ? r.error : r.rows))).to.deep.equal([1, 0]);
    });
  });

  describe('reqSecDefOptParams', () => {
    type Row = [number, string, number, string, number, string[], number[]];
    const rows = (c: RawClient, reqId: number): Row[] => c.of(EventName.securityDefinitionOptionParameter).filter((a) => a[0] === reqId) as unknown as Row[];

    it('answers one row per exchange with sorted expirations and strikes, then the End', async () => {
      const c = await client(await start());
      c.api.reqSecDefOptParams(30, 'SPY', '', SecType.STK, SPY);
      await ended(c, EventName.securityDefinitionOptionParameterEnd, 30);
      const answer = rows(c, 30);
      expect(answer.map((r) => r[1])).to.deep.equal(['SMART', 'AMEX', 'BATS', 'BOX', 'CBOE', 'ISE', 'MIAX', 'PHLX']);
      const [first] = answer;
      expect(first?.slice(2, 5)).to.deep.equal([SPY, 'SPY', 100]);
      expect(first?.[5]).to.deep.equal(['20251219', '20260116', '20260220']);
      expect(first?.[6]).to.deep.equal([620, 625, 630, 635, 640, 645, 650, 655, 660]);
      const names: string[] = c.events.map((e) => e.name);
      const end = names.indexOf(EventName.securityDefinitionOptionParameterEnd);
      const lastRow = names.lastIndexOf(EventName.securityDefinitionOptionParameter);
      expect(end).to.be.greaterThan(lastRow);
    });

    it('keeps only the named exchange, and answers the End alone for an unknown or mismatched underlying', async () => {
      const c = await client(await start());
      c.api.reqSecDefOptParams(31, 'AAPL', 'CBOE', SecType.STK, AAPL);
      c.api.reqSecDefOptParams(32, 'AAPL', '', SecType.STK, 999);
      c.api.reqSecDefOptParams(33, 'MSFT', '', SecType.STK, AAPL);
      c.api.reqSecDefOptParams(34, 'MSFT', '', SecType.STK, 272093);
      await ended(c, EventName.securityDefinitionOptionParameterEnd, 34);
      expect(rows(c, 31).map((r) => [r[1], r[3]])).to.deep.equal([['CBOE', 'AAPL']]);
      expect([32, 33, 34].map((id) => rows(c, id).length)).to.deep.equal([0, 0, 0]);
      expect(c.of(EventName.securityDefinitionOptionParameterEnd).map((a) => a[0]).sort()).to.deep.equal([31, 32, 33, 34]);
      expect(c.errors()).to.deep.equal([]);
    });
  });

  describe('stats', () => {
    it('counts every contract request with what was asked and how many rows (or which error) answered it', async () => {
      const s = await start();
      const c = await client(s);
      c.api.reqContractDetails(40, contracts.twin);
      c.api.reqContractDetails(41, contracts.byConId(42));
      c.api.reqMatchingSymbols(42, 'SPX');
      c.api.reqSecDefOptParams(43, 'AAPL', '', SecType.STK, AAPL);
      await ended(c, EventName.securityDefinitionOptionParameterEnd, 43);
      const stats = s.stats();
      expect(stats).to.include({ reqContractDetails: 2, reqMatchingSymbols: 1, reqSecDefOptParams: 1, pacingViolations: 0 });
      expect(stats.clients[0]?.contractRequests).to.deep.equal([
        { kind: 'contractDetails', reqId: 40, query: 'TWIN STK SMART USD', rows: 2 },
        { kind: 'contractDetails', reqId: 41, query: 'conId:42', error: 200 },
        { kind: 'matchingSymbols', reqId: 42, query: 'SPX', rows: 1 },
        { kind: 'secDefOptParams', reqId: 43, query: `AAPL STK ${AAPL}`, rows: 8 },
      ]);
    });
  });
});
