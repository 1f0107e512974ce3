import { SecType, type Contract } from '@stoqey/ib';
import { expect } from 'chai';
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
});

describe('normalizeContract', () => {
  it('makes a string a US stock on SMART in USD', () => {
    expect(normalizeContract('msft')).to.deep.equal({ symbol: 'MSFT', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
  });

  it('keeps a contract by conId without inventing fields, and drops empty ones', () => {
    const contract: Contract = { conId: 265598, symbol: '', strike: 0, localSymbol: '' };
    expect(normalizeContract(contract)).to.deep.equal({ conId: 265598 });
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
});
