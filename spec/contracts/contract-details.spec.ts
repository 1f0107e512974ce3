import { OptionType, SecType } from '@stoqey/ib';
import { expect } from 'chai';
import { toContractDetails } from '../../lib/contracts/contract-details.js';
import { ibDetails } from './fake-one-shot-context.js';

describe('toContractDetails', () => {
  it('types a stock: the full contract without empty fields, lists split, absent values undefined', () => {
    const d = toContractDetails(ibDetails(265598, 'AAPL', {}, { secIdList: [{ tag: 'ISIN', value: 'US0378331005' }], industry: '', stockType: 'COMMON' }));
    expect(d.contract).to.deep.equal({
      conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD', localSymbol: 'AAPL', tradingClass: 'NMS',
    });
    expect(d).to.include({ conId: 265598, symbol: 'AAPL', primaryExchange: 'NASDAQ', longName: 'AAPL INC', minTick: 0.01, industry: undefined, stockType: 'COMMON' });
    expect([d.strike, d.right, d.multiplier, d.expiry, d.underConId]).to.deep.equal([undefined, undefined, undefined, undefined, undefined]);
    expect(d.validExchanges).to.deep.equal(['SMART', 'NASDAQ', 'NYSE']);
    expect(d.orderTypes).to.deep.equal(['LMT', 'MKT']);
    expect(d.secIds).to.deep.equal({ ISIN: 'US0378331005' });
  });

  it('types an option: expiry without a time part, strike, right, multiplier and underlying', () => {
    const raw = ibDetails(
      700_000_001, 'AAPL',
      { secType: SecType.OPT, lastTradeDateOrContractMonth: '20991218 16:00 US/Eastern', strike: 250, right: OptionType.Call, multiplier: 100, localSymbol: 'AAPL  991218C00250000', tradingClass: 'AAPL', primaryExch: '' },
      { underConId: 265598, underSymbol: 'AAPL', underSecType: SecType.STK, contractMonth: '209912' },
    );
    const d = toContractDetails(raw);
    expect(d).to.include({ expiry: '20991218', strike: 250, right: 'C', multiplier: 100, underConId: 265598, underSymbol: 'AAPL', contractMonth: '209912', primaryExchange: undefined });
    expect(d.contract).to.deep.equal({
      conId: 700_000_001, symbol: 'AAPL', secType: SecType.OPT, lastTradeDateOrContractMonth: '20991218', strike: 250, right: OptionType.Call, multiplier: 100,
      exchange: 'SMART', currency: 'USD', localSymbol: 'AAPL  991218C00250000', tradingClass: 'AAPL',
    });
  });
});
