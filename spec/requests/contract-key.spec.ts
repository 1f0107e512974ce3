import { OptionType, SecType, type Contract } from '@stoqey/ib';
import { expect } from 'chai';
import { InvalidContractError } from '../../lib/errors.js';
import { contractKey, contractLabel, normalizeContract } from '../../lib/requests/contract-key.js';

describe('contractKey', () => {
  it('gives a symbol and its full US stock contract in any field order the same key', () => {
    const key = contractKey('AAPL');
    expect(contractKey({ symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' })).to.equal(key);
    expect(contractKey({ currency: 'USD', exchange: 'SMART', symbol: 'AAPL', secType: SecType.STK })).to.equal(key);
    expect(contractKey({ symbol: ' aapl ' })).to.equal(key);
  });

  it('tells different contracts apart', () => {
    expect(contractKey('AAPL')).not.to.equal(contractKey('MSFT'));
    expect(contractKey('AAPL')).not.to.equal(contractKey({ symbol: 'AAPL', exchange: 'NASDAQ' }));
    expect(contractKey({ symbol: 'EUR', secType: SecType.CASH, currency: 'USD', exchange: 'IDEALPRO' })).not.to.equal(contractKey('EUR'));
    expect(contractKey({ conId: 265598 })).not.to.equal(contractKey('AAPL'));
  });

  it('keys a contract with a conId by its conId and exchange alone (a qualified contract shares with { conId, exchange })', () => {
    const qualified: Contract = {
      conId: 265598, symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', primaryExch: 'NASDAQ', currency: 'USD', localSymbol: 'AAPL', tradingClass: 'NMS',
    };
    expect(contractKey(qualified)).to.equal('conId=265598;exchange=SMART');
    expect(contractKey({ conId: 265598, exchange: 'smart' })).to.equal(contractKey(qualified));
    expect(contractKey({ conId: 265598, exchange: 'NASDAQ' })).not.to.equal(contractKey(qualified));
  });

  it('gives C / CALL and P / PUT the same key', () => {
    const call = { symbol: 'AAPL', secType: SecType.OPT, lastTradeDateOrContractMonth: '20991218', strike: 250, exchange: 'SMART', currency: 'USD' };
    const spelled = (right: string): Contract => ({ ...call, right: right as unknown as OptionType });
    expect(contractKey(spelled('CALL'))).to.equal(contractKey({ ...call, right: OptionType.Call }));
    expect(contractKey(spelled('put'))).to.equal(contractKey({ ...call, right: OptionType.Put }));
  });
});

describe('normalizeContract', () => {
  it('makes a string a US stock on SMART in USD', () => {
    expect(normalizeContract('msft')).to.deep.equal({ symbol: 'MSFT', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
  });

  it('keeps a contract by conId without inventing fields, and drops empty ones', () => {
    const contract: Contract = { conId: 265598, symbol: '', strike: 0, localSymbol: '' };
    expect(normalizeContract(contract)).to.deep.equal({ conId: 265598 });
  });

  it('rejects an unknown secType, a bad right or strike and a contract naming nothing, with the field', () => {
    const bad = (contract: Contract) => () => normalizeContract(contract);
    expect(bad({ symbol: 'AAPL', secType: 'STOCK' as unknown as SecType })).to.throw(InvalidContractError).with.property('field', 'secType');
    expect(bad({ symbol: 'AAPL', secType: SecType.OPT, right: 'X' as unknown as OptionType })).to.throw(InvalidContractError).with.property('field', 'right');
    expect(bad({ symbol: 'AAPL', secType: SecType.OPT, strike: -1 })).to.throw(InvalidContractError).with.property('field', 'strike');
    expect(() => normalizeContract('  ')).to.throw(InvalidContractError).with.property('field', 'symbol');
    expect(() => normalizeContract({ secType: SecType.STK })).to.throw(InvalidContractError).with.property('field', 'symbol');
  });

  it('drops a zero multiplier (as TWS reports stocks) and upper-cases the secType', () => {
    const lower: Contract = { symbol: 'AAPL', secType: 'stk' as unknown as SecType, multiplier: 0 };
    expect(normalizeContract(lower)).to.deep.equal(normalizeContract('AAPL'));
  });

  it('keeps the fields of another security type', () => {
    const future = { symbol: 'ES', secType: SecType.FUT, exchange: 'CME', currency: 'USD', lastTradeDateOrContractMonth: '202612' };
    expect(normalizeContract(future)).to.deep.equal(future);
  });
});

describe('contractLabel', () => {
  it('names a contract by symbol, else local symbol, else conId', () => {
    expect(contractLabel({ symbol: 'AAPL' })).to.equal('AAPL');
    expect(contractLabel({ localSymbol: 'ESZ6' })).to.equal('ESZ6');
    expect(contractLabel({ conId: 7 })).to.equal('conId:7');
  });

  it('names futures and options by local symbol (spaces collapsed), else symbol, expiry, strike and right; forex as a pair', () => {
    expect(contractLabel({ symbol: 'ES', secType: SecType.FUT, localSymbol: 'ESZ6' })).to.equal('ESZ6');
    expect(contractLabel({ symbol: 'AAPL', secType: SecType.OPT, localSymbol: 'AAPL  261218C00250000' })).to.equal('AAPL 261218C00250000');
    expect(contractLabel({ symbol: 'AAPL', secType: SecType.OPT, lastTradeDateOrContractMonth: '20261218', strike: 250, right: OptionType.Call })).to.equal('AAPL 20261218 250C');
    expect(contractLabel({ symbol: 'ES', secType: SecType.FUT, lastTradeDateOrContractMonth: '202612' })).to.equal('ES 202612');
    expect(contractLabel({ symbol: 'EUR', secType: SecType.CASH, currency: 'USD' })).to.equal('EUR.USD');
    expect(contractLabel({ symbol: 'SPX', secType: SecType.IND })).to.equal('SPX');
  });
});
