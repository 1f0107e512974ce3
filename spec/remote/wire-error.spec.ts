import { expect } from 'chai';
import {
  AmbiguousContractError, IbApiError, IbRxError, InvalidContractError, InvalidInputError, MarketDataLinesError, MarketDataTimeoutError,
  SymbolNotFoundError,
} from '../../lib/errors.js';
import { RemoteServerConflictError } from '../../lib/remote/remote-errors.js';
import { fromWireError, toWireError } from '../../lib/remote/wire-error.js';

/** Through JSON, as it travels. */
const travel = (error: unknown): Error => fromWireError(JSON.parse(JSON.stringify(toWireError(error))) as ReturnType<typeof toWireError>);

describe('toWireError / fromWireError', () => {
  it('rebuilds IB errors as their class, with code, symbol, reqId, kind and the message', () => {
    const original = new SymbolNotFoundError('No security definition has been found', { symbol: 'NOSUCH', reqId: 12 });
    const rebuilt = travel(original);
    expect(rebuilt).to.be.instanceOf(SymbolNotFoundError).and.instanceOf(IbApiError).and.instanceOf(IbRxError);
    expect(rebuilt).to.include({ name: 'SymbolNotFoundError', code: 200, symbol: 'NOSUCH', reqId: 12, kind: original.kind, message: original.message });
    expect(rebuilt.stack).to.match(/^SymbolNotFoundError: .*\n {4}at the ib-rx server/);
    const lines = travel(MarketDataLinesError.budgetExhausted({ inUse: 100, limit: 100, symbol: 'X' }));
    expect(lines).to.be.instanceOf(MarketDataLinesError).and.include({ inUse: 100, limit: 100, code: 101 });
  });

  it('rebuilds errors that carry data: InvalidInputError / InvalidContractError fields, AmbiguousContractError candidates, timeouts, remote conflicts', () => {
    expect(travel(new InvalidInputError({ field: 'barSize', value: '7 min', expected: 'an IB bar size' }))).to.be.instanceOf(InvalidInputError)
      .and.include({ field: 'barSize', value: '7 min', expected: 'an IB bar size' });
    expect(travel(new InvalidContractError({ field: 'secType', value: 'X', expected: 'STK …' }))).to.be.instanceOf(InvalidContractError);
    const candidate = {
      conId: 1, symbol: 'TWIN', secType: 'STK', exchange: 'SMART', primaryExchange: 'NASDAQ', currency: 'USD', localSymbol: undefined, tradingClass: undefined,
      longName: undefined, expiry: undefined, strike: undefined, right: undefined, multiplier: undefined,
    } as const;
    const ambiguous = travel(new AmbiguousContractError({ subject: 'TWIN', candidates: [candidate], hint: 'pass primaryExch' }));
    if (!(ambiguous instanceof AmbiguousContractError)) throw new Error('not rebuilt as AmbiguousContractError');
    expect(ambiguous.candidates[0]).to.include({ conId: 1, primaryExchange: 'NASDAQ' });
    expect(travel(new MarketDataTimeoutError({ symbol: 'AAPL', timeoutMs: 5000 }))).to.be.instanceOf(MarketDataTimeoutError).and.include({ timeoutMs: 5000 });
    expect(travel(new RemoteServerConflictError({ prefix: 'ibrx', serverId: 'abc', where: 'h pid 1' }))).to.be.instanceOf(RemoteServerConflictError).and.include({ serverId: 'abc' });
  });

  it('turns unknown classes and non-errors into IbRxError with the same text', () => {
    const foreign = travel(new TypeError('boom'));
    expect(foreign).to.be.instanceOf(IbRxError);
    expect(foreign.message).to.equal('boom');
    expect(travel('just text')).to.be.instanceOf(IbRxError).and.include({ message: 'just text' });
  });
});
