import { expect } from 'chai';
import type { RequestedContract } from '../../lib/sim/client-requests.js';
import { buildContractUniverse, MAX_SYMBOL_SAMPLES } from '../../lib/sim/contract-universe.js';
import { reportedExchange } from '../../lib/sim/contract-match.js';

const TODAY = new Date(Date.UTC(2025, 11, 1));
const universe = buildContractUniverse({ today: TODAY });

const EMPTY: RequestedContract = {
  conId: 0, symbol: '', secType: '', lastTradeDateOrContractMonth: '', strike: 0, right: '', multiplier: '',
  exchange: '', primaryExch: '', currency: '', localSymbol: '', tradingClass: '',
};
const q = (fields: Partial<RequestedContract>): RequestedContract => ({ ...EMPTY, ...fields });
const conIds = (query: RequestedContract): number[] => universe.find(query).map((c) => c.conId);

describe('ContractUniverse', () => {
  it('gives every contract a distinct conId and lists every secType', () => {
    const ids = universe.contracts.map((c) => c.conId);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(new Set(universe.contracts.map((c) => c.secType))).to.deep.equal(new Set(['STK', 'CASH', 'IND', 'FUT', 'OPT']));
    expect(universe.contracts.filter((c) => c.secType === 'OPT')).to.have.length(2 * 3 * 9 * 2);
  });

  it('matches by conId alone, whatever the other fields say', () => {
    expect(conIds(q({ conId: 265598 }))).to.deep.equal([265598]);
    expect(conIds(q({ conId: 265598, symbol: 'MSFT', secType: 'OPT' }))).to.deep.equal([265598]);
    expect(conIds(q({ conId: 1 }))).to.deep.equal([]);
  });

  it('finds both listings of TWIN for { TWIN, STK, SMART, USD }, one with a primary exchange', () => {
    expect(conIds(q({ symbol: 'TWIN', secType: 'STK', exchange: 'SMART', currency: 'USD' }))).to.deep.equal([480_000_001, 480_000_002]);
    expect(conIds(q({ symbol: 'twin', secType: 'STK', exchange: 'SMART', primaryExch: 'NYSE' }))).to.deep.equal([480_000_002]);
    expect(conIds(q({ symbol: 'AAPL', secType: 'STK', exchange: 'SMART', currency: 'USD' }))).to.deep.equal([265598]);
    expect(conIds(q({ symbol: 'AAPL' }))).to.deep.equal([265598]);
  });

  it('narrows by every field a request gives, and misses on a wrong one', () => {
    expect(conIds(q({ symbol: 'EUR', secType: 'CASH', exchange: 'IDEALPRO', currency: 'USD' }))).to.deep.equal([12_087_792]);
    expect(conIds(q({ localSymbol: 'EUR.USD', secType: 'CASH' }))).to.deep.equal([12_087_792]);
    expect(conIds(q({ symbol: 'EUR', secType: 'CASH', currency: 'GBP' }))).to.deep.equal([]);
    expect(conIds(q({ symbol: 'AAPL', secType: 'STK', exchange: 'CME' }))).to.deep.equal([]);
    expect(conIds(q({ symbol: 'SPX', secType: 'IND', exchange: 'CBOE' }))).to.deep.equal([416_904]);
    const es = universe.find(q({ symbol: 'ES', secType: 'FUT', exchange: 'CME' }));
    expect(es.map((c) => c.localSymbol)).to.deep.equal(['ESZ5', 'ESH6']);
    expect(universe.find(q({ symbol: 'ES', secType: 'FUT', lastTradeDateOrContractMonth: '202603' })).map((c) => c.lastTradeDate)).to.deep.equal(['20260320']);
    expect(universe.find(q({ symbol: 'ES', secType: 'FUT', multiplier: '50', localSymbol: 'ESZ5' }))).to.have.length(1);
  });

  it('matches options by expiry prefix, strike, right (C / CALL) and trading class', () => {
    const all = universe.find(q({ symbol: 'AAPL', secType: 'OPT' }));
    expect(all).to.have.length(54);
    const calls = universe.find(q({ symbol: 'AAPL', secType: 'OPT', lastTradeDateOrContractMonth: '202601', right: 'CALL' }));
    expect(calls).to.have.length(9);
    const one = universe.find(q({ symbol: 'AAPL', secType: 'OPT', lastTradeDateOrContractMonth: '20260116', strike: 230, right: 'P', exchange: 'SMART', multiplier: '100', tradingClass: 'AAPL' }));
    expect(one.map((c) => c.localSymbol)).to.deep.equal(['AAPL  260116P00230000']);
    expect(one[0]).to.include({ underConId: 265598, multiplier: '100', contractMonth: '202601', strike: 230, right: 'P' });
    expect(reportedExchange(one[0]!, q({ exchange: 'cboe' }))).to.equal('CBOE');
    expect(reportedExchange(one[0]!, EMPTY)).to.equal('SMART');
  });

  it('searches symbols by prefix and names by substring, exact symbols first, at most 16', () => {
    expect(universe.search('aapl').map((c) => c.symbol)).to.deep.equal(['AAPL']);
    expect(universe.search('AM').map((c) => c.symbol)).to.deep.equal(['AMZN', 'AMD']);
    expect(universe.search('holdings').map((c) => c.conId)).to.deep.equal([480_000_002]);
    expect(universe.search('euro').map((c) => c.localSymbol)).to.deep.equal(['EUR.USD']);
    expect(universe.search('I').length).to.equal(MAX_SYMBOL_SAMPLES);
    expect(universe.search('')).to.deep.equal([]);
    expect(universe.search('AAPL').every((c) => c.secType !== 'OPT')).to.equal(true);
  });

  it('knows which derivatives trade on a contract', () => {
    const secTypes = (conId: number): string[] => universe.derivativeSecTypes(universe.get(conId)!);
    expect(secTypes(265598)).to.deep.equal(['OPT']);
    expect(secTypes(11_004_968)).to.deep.equal(['FUT']);
    expect(secTypes(272093)).to.deep.equal([]);
  });

  it('answers option parameters per exchange with sorted expirations and strikes', () => {
    const rows = universe.optionParams(756733);
    expect(rows.map((r) => r.exchange)).to.deep.equal(['SMART', 'AMEX', 'BATS', 'BOX', 'CBOE', 'ISE', 'MIAX', 'PHLX']);
    const [smart] = rows;
    expect(smart).to.deep.include({ underlyingConId: 756733, tradingClass: 'SPY', multiplier: '100', expirations: ['20251219', '20260116', '20260220'] });
    expect(smart?.strikes).to.deep.equal([620, 625, 630, 635, 640, 645, 650, 655, 660]);
    expect(universe.optionParams(272093)).to.deep.equal([]);
  });

  it('adds a second listing for an `ambiguous` stock and keeps options only on listed underlyings', () => {
    const small = buildContractUniverse({ today: TODAY, symbols: ['aapl', 'ibm'], ambiguous: new Set(['IBM']) });
    const stocks = small.contracts.filter((c) => c.secType === 'STK');
    expect(stocks.map((c) => [c.symbol, c.primaryExch, c.conId])).to.deep.equal([
      ['AAPL', 'NASDAQ', 265598], ['IBM', 'NYSE', 8314], ['IBM', 'NASDAQ', 1_000_008_314],
    ]);
    expect(new Set(small.contracts.filter((c) => c.secType === 'OPT').map((c) => c.symbol))).to.deep.equal(new Set(['AAPL']));
    expect(small.find(q({ symbol: 'IBM', secType: 'STK', exchange: 'SMART' }))).to.have.length(2);
  });
});
