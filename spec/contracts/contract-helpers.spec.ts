import { expect } from 'chai';
import { forex, future, index, option, stock } from '../../lib/contracts/contract-helpers.js';
import { SecType } from '../../lib/contracts/contract-types.js';
import { InvalidContractError, InvalidInputError } from '../../lib/errors.js';

/** The error `build` throws, or undefined. */
function thrown(build: () => unknown): unknown {
  try {
    build();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

describe('contract helpers', () => {
  describe('stock', () => {
    it('is a US stock on SMART in USD by default, upper-cased', () => {
      expect(stock('aapl')).to.deep.equal({ symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
    });

    it('takes an exchange, a currency and a primary exchange', () => {
      expect(stock('TWIN', 'SMART', 'USD', 'nasdaq')).to.deep.equal({ symbol: 'TWIN', secType: SecType.STK, exchange: 'SMART', currency: 'USD', primaryExch: 'NASDAQ' });
      expect(stock('SAP', 'IBIS', 'eur')).to.include({ exchange: 'IBIS', currency: 'EUR' });
    });

    it('rejects an empty symbol and a currency that is not a code, naming the field', () => {
      expect(thrown(() => stock('  '))).to.be.instanceOf(InvalidContractError).and.include({ field: 'symbol' });
      expect(thrown(() => stock('AAPL', 'SMART', 'dollars'))).to.be.instanceOf(InvalidContractError).and.include({ field: 'currency', value: 'dollars' });
    });
  });

  describe('forex', () => {
    it('splits a pair into symbol and currency on IDEALPRO', () => {
      const eurUsd = { symbol: 'EUR', secType: SecType.CASH, exchange: 'IDEALPRO', currency: 'USD' };
      expect(forex('EUR.USD')).to.deep.equal(eurUsd);
      expect(forex('eur/usd')).to.deep.equal(eurUsd);
      expect(forex('EURUSD')).to.deep.equal(eurUsd);
    });

    it('rejects anything but two different three-letter currencies', () => {
      for (const pair of ['EUR', 'EUR.US', 'EUR.EUR', 'EU.USD', '']) {
        expect(thrown(() => forex(pair)), pair).to.be.instanceOf(InvalidContractError).and.include({ field: 'pair', value: pair });
      }
    });
  });

  describe('future', () => {
    it('is a future with its contract month or last trading day', () => {
      expect(future('ES', '209912', 'CME')).to.deep.equal({ symbol: 'ES', secType: SecType.FUT, lastTradeDateOrContractMonth: '209912', exchange: 'CME', currency: 'USD' });
      expect(future('ES', '20991218', 'CME', 'USD', 50)).to.include({ lastTradeDateOrContractMonth: '20991218', multiplier: 50 });
    });

    it('rejects an expiry in the past or in another format, and a missing exchange', () => {
      expect(thrown(() => future('ES', '200103', 'CME'))).to.be.instanceOf(InvalidContractError).and.include({ field: 'lastTradeDateOrContractMonth', value: '200103' });
      expect(thrown(() => future('ES', 'Dec 2099', 'CME'))).to.be.instanceOf(InvalidContractError).and.include({ field: 'lastTradeDateOrContractMonth' });
      expect(thrown(() => future('ES', '20991301', 'CME'))).to.be.instanceOf(InvalidContractError).and.include({ field: 'lastTradeDateOrContractMonth' });
      expect(thrown(() => future('ES', '209912', ''))).to.be.instanceOf(InvalidContractError).and.include({ field: 'exchange' });
      expect(thrown(() => future('ES', '209912', 'CME', 'USD', 0))).to.be.instanceOf(InvalidContractError).and.include({ field: 'multiplier' });
    });
  });

  describe('option', () => {
    it('is an option on SMART in USD, with the right as C or P', () => {
      expect(option('aapl', '20991218', 250, 'c')).to.deep.equal({
        symbol: 'AAPL', secType: SecType.OPT, lastTradeDateOrContractMonth: '20991218', strike: 250, right: 'C', exchange: 'SMART', currency: 'USD',
      });
      expect(option('SPY', '20991218', 600.5, 'PUT', 'CBOE')).to.include({ right: 'P', strike: 600.5, exchange: 'CBOE' });
    });

    it('rejects a strike ≤ 0, a right other than C / P and a past expiry, naming the field', () => {
      expect(thrown(() => option('AAPL', '20991218', 0, 'C'))).to.be.instanceOf(InvalidContractError).and.include({ field: 'strike', value: 0 });
      expect(thrown(() => option('AAPL', '20991218', -5, 'C'))).to.include({ field: 'strike' });
      expect(thrown(() => option('AAPL', '20991218', Number.NaN, 'C'))).to.include({ field: 'strike' });
      expect(thrown(() => option('AAPL', '20991218', 250, 'X'))).to.be.instanceOf(InvalidContractError).and.include({ field: 'right', value: 'X' });
      const past = thrown(() => option('AAPL', '20010119', 250, 'C'));
      expect(past).to.be.instanceOf(InvalidContractError).and.include({ field: 'lastTradeDateOrContractMonth', value: '20010119' });
      expect((past as Error).message).to.match(/not in the past/);
    });

    it('makes every input error an InvalidInputError, an IbRxError', () => {
      expect(thrown(() => option('AAPL', '20991218', 250, 'X'))).to.be.instanceOf(InvalidInputError);
    });
  });

  describe('index', () => {
    it('is an index on its exchange', () => {
      expect(index('spx', 'CBOE')).to.deep.equal({ symbol: 'SPX', secType: SecType.IND, exchange: 'CBOE', currency: 'USD' });
    });

    it('needs an exchange', () => {
      expect(thrown(() => index('SPX', ' '))).to.be.instanceOf(InvalidContractError).and.include({ field: 'exchange' });
    });
  });
});
