import { expect } from 'chai';
import { toContractDetails } from '../../lib/contracts/contract-details.js';
import { disambiguationHint, pickOne, toCandidate } from '../../lib/contracts/pick-one.js';
import { AmbiguousContractError, SymbolNotFoundError } from '../../lib/errors.js';
import { ibDetails } from './fake-one-shot-context.js';

const nasdaq = toContractDetails(ibDetails(1, 'TWIN', { primaryExch: 'NASDAQ' }));
const nyse = toContractDetails(ibDetails(2, 'TWIN', { primaryExch: 'NYSE' }));

/** The error `run` throws, or undefined. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

describe('pickOne', () => {
  it('returns the full contract of the only match (rows with one conId count once)', () => {
    expect(pickOne('TWIN', [nasdaq])).to.equal(nasdaq.contract);
    expect(pickOne('TWIN', [nasdaq, nasdaq])).to.equal(nasdaq.contract);
  });

  it('throws SymbolNotFoundError (200) when nothing matches', () => {
    expect(thrown(() => pickOne('NOPE', []))).to.be.instanceOf(SymbolNotFoundError).and.include({ code: 200, symbol: 'NOPE' });
  });

  it('throws AmbiguousContractError listing the candidates, saying which field picks one', () => {
    const error = thrown(() => pickOne('TWIN', [nasdaq, nyse]));
    expect(error).to.be.instanceOf(AmbiguousContractError);
    const ambiguous = error as AmbiguousContractError;
    expect(ambiguous.candidates.map((c) => [c.conId, c.primaryExchange, c.currency])).to.deep.equal([[1, 'NASDAQ', 'USD'], [2, 'NYSE', 'USD']]);
    expect(ambiguous.subject).to.equal('TWIN');
    expect(ambiguous.message).to.equal("TWIN is ambiguous: 2 contracts match; pass primaryExch: 'NASDAQ' or 'NYSE' (or a conId) to choose one");
  });
});

describe('disambiguationHint', () => {
  it('names the first field that differs: currency, then expiry, strike, right …', () => {
    const usd = toCandidate(toContractDetails(ibDetails(1, 'X', { currency: 'USD' })));
    const cad = toCandidate(toContractDetails(ibDetails(2, 'X', { currency: 'CAD' })));
    expect(disambiguationHint([usd, cad])).to.equal("pass currency: 'USD' or 'CAD' (or a conId) to choose one");
    const expiries = ['20990115', '20990219', '20990319', '20990416', '20990521'].map((e, i) => toCandidate(toContractDetails(ibDetails(i, 'ES', { lastTradeDateOrContractMonth: e }))));
    expect(disambiguationHint(expiries)).to.equal("pass lastTradeDateOrContractMonth: '20990115', '20990219', '20990319', '20990416' … (or a conId) to choose one");
  });

  it('falls back to the conIds when no field differs', () => {
    expect(disambiguationHint([toCandidate(nasdaq), { ...toCandidate(nasdaq), conId: 9 }])).to.equal('pass a conId (1, 9) to choose one');
  });
});
