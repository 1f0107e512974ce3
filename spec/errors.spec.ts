import { expect } from 'chai';
import {
  ClientIdInUseError,
  ConfigError,
  ConnectionError,
  IbApiError,
  ibApiErrorFromCode,
  IbRxError,
  MarketDataLinesError,
  StreamLimitError,
  MarketDataTimeoutError,
  NotSubscribedError,
  ProtocolError,
  SessionClosedError,
  SymbolNotFoundError,
} from '../lib/errors.js';
import { IbCode } from '../lib/ib-codes.js';

describe('IbRxError', () => {
  it('is an Error with its class name and keeps the cause', () => {
    const cause = new Error('root');
    const error = new IbRxError('boom', { cause });
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('IbRxError');
    expect(error.cause).to.equal(cause);
    expect(String(error.stack)).to.match(/^IbRxError: boom/);
  });
});

describe('ConfigError', () => {
  it('carries the problems, the file and the position', () => {
    const problems = [{ path: 'api.port', message: 'expected an integer 1..65535, got "abc"' }];
    const error = new ConfigError(problems, { file: 'ib.config.json', line: 2, column: 5 });
    expect(error).to.be.instanceOf(IbRxError);
    expect(error).to.include({ name: 'ConfigError', file: 'ib.config.json', line: 2, column: 5 });
    expect(error.problems).to.deep.equal(problems);
    expect(error.message).to.equal('invalid ib-rx config in ib.config.json (1 problem):\n  api.port: expected an integer 1..65535, got "abc"');
  });
});

describe('ConnectionError', () => {
  it('carries host, port, reason and code', () => {
    const error = new ConnectionError({ host: '127.0.0.1', port: 7497, reason: 'ECONNREFUSED', code: IbCode.CONNECT_FAIL });
    expect(error).to.be.instanceOf(IbRxError);
    expect(error).to.include({ name: 'ConnectionError', host: '127.0.0.1', port: 7497, reason: 'ECONNREFUSED', code: 502 });
    expect(error.message).to.equal('connection to TWS at 127.0.0.1:7497 failed: ECONNREFUSED (IB 502)');
  });
});

describe('IbApiError', () => {
  it('carries code, request, symbol, TWS text and the classification', () => {
    const error = new IbApiError(IbCode.DUPLICATE_TICKER_ID, 'Duplicate ticker id', { reqId: 4, symbol: 'MSFT' });
    expect(error).to.be.instanceOf(IbRxError);
    expect(error).to.include({ name: 'IbApiError', code: 322, reqId: 4, symbol: 'MSFT', ibMessage: 'Duplicate ticker id', kind: 'request-fatal' });
    expect(error).not.to.have.property('action');
    expect(error.message).to.equal('IB error 322 DUPLICATE_TICKER_ID (MSFT, reqId 4): Duplicate ticker id');
  });

  it('leaves reqId and symbol absent when unknown', () => {
    const error = new IbApiError(9999, 'odd');
    expect(error).not.to.have.property('reqId');
    expect(error).not.to.have.property('symbol');
    expect(error.message).to.equal('IB error 9999 UNKNOWN: odd');
  });
});

describe('ibApiErrorFromCode', () => {
  const cases: readonly [number, new (...args: never[]) => IbApiError, string][] = [
    [IbCode.NO_SECURITY_DEFINITION, SymbolNotFoundError, 'SymbolNotFoundError'],
    [IbCode.NOT_SUBSCRIBED, NotSubscribedError, 'NotSubscribedError'],
    [IbCode.DELAYED_NOT_ENABLED, NotSubscribedError, 'NotSubscribedError'],
    [IbCode.MAX_TICKERS, MarketDataLinesError, 'MarketDataLinesError'],
    [IbCode.MAX_DEPTH_REQUESTS, StreamLimitError, 'StreamLimitError'],
    [IbCode.MAX_TICK_BY_TICK, StreamLimitError, 'StreamLimitError'],
    [IbCode.CLIENT_ID_IN_USE, ClientIdInUseError, 'ClientIdInUseError'],
    [IbCode.PACING_VIOLATION, IbApiError, 'IbApiError'],
  ];
  for (const [code, type, name] of cases) {
    it(`makes a ${name} for ${code} that names the code, request and symbol`, () => {
      const error = ibApiErrorFromCode(code, 'TWS says no', { reqId: 9, symbol: 'XYZ' });
      expect(error).to.be.instanceOf(type).and.instanceOf(IbApiError).and.instanceOf(IbRxError);
      expect(error).to.include({ name, code, reqId: 9, symbol: 'XYZ', ibMessage: 'TWS says no' });
      expect(error.message).to.include(String(code)).and.include('reqId 9').and.include('XYZ').and.include('TWS says no');
    });
  }

  it('reads like the problem for a missing symbol', () => {
    expect(ibApiErrorFromCode(200, 'No security definition has been found for the request', { reqId: 3, symbol: 'AAPLX' }).message)
      .to.equal('no security definition (IB 200) (AAPLX, reqId 3): No security definition has been found for the request');
  });

  it('passes the client id to ClientIdInUseError', () => {
    const error = ibApiErrorFromCode(326, 'client id is already in use', { clientId: 5 });
    expect(error).to.be.instanceOf(ClientIdInUseError).and.include({ clientId: 5 });
    expect(error.message).to.equal('client id 5 already in use (IB 326): client id is already in use');
  });
});

describe('MarketDataLinesError', () => {
  it('describes the local line budget with inUse and limit', () => {
    const error = MarketDataLinesError.budgetExhausted({ symbol: 'SPY', inUse: 100, limit: 100 });
    expect(error).to.include({ code: 101, symbol: 'SPY', inUse: 100, limit: 100 });
    expect(error.message).to.include('100 of 100 market data lines in use').and.include('SPY');
  });
});

describe('StreamLimitError', () => {
  it('says which stream budget TWS refused', () => {
    expect(ibApiErrorFromCode(309, 'Max number (3) of market depth requests has been reached')).to.include({ stream: 'depth', code: 309 });
    expect(ibApiErrorFromCode(10190, 'Max number of tick-by-tick requests has been reached')).to.include({ stream: 'tick-by-tick', code: 10190 });
  });

  it('describes the local budget with inUse, limit and the config key', () => {
    const depth = StreamLimitError.budgetExhausted({ stream: 'depth', symbol: 'SPY', inUse: 3, limit: 3 });
    expect(depth).to.include({ code: 309, stream: 'depth', symbol: 'SPY', inUse: 3, limit: 3 });
    expect(depth.message).to.include('3 of 3 depth requests in use (limits.depth_requests)').and.include('SPY');
    const slots = StreamLimitError.budgetExhausted({ stream: 'tick-by-tick', inUse: 5, limit: 5 });
    expect(slots).to.include({ code: 10190, stream: 'tick-by-tick' });
    expect(slots.message).to.include('limits.tick_by_tick_slots');
  });
});

describe('MarketDataTimeoutError', () => {
  it('carries symbol and timeoutMs', () => {
    const error = new MarketDataTimeoutError({ symbol: 'AAPL', timeoutMs: 15_000 });
    expect(error).to.be.instanceOf(IbRxError);
    expect(error).to.include({ name: 'MarketDataTimeoutError', symbol: 'AAPL', timeoutMs: 15_000, message: 'no market data for AAPL within 15000 ms' });
  });
});

describe('ProtocolError', () => {
  it('carries the reason and the optional code', () => {
    const error = new ProtocolError('length prefix 0', { code: IbCode.BAD_LENGTH });
    expect(error).to.be.instanceOf(IbRxError);
    expect(error).to.include({ name: 'ProtocolError', reason: 'length prefix 0', code: 507, message: 'TWS protocol error (IB 507): length prefix 0' });
  });
});

describe('SessionClosedError', () => {
  it('is an IbRxError with a default message', () => {
    const error = new SessionClosedError();
    expect(error).to.be.instanceOf(IbRxError);
    expect(error).to.include({ name: 'SessionClosedError', message: 'the ib-rx session is closed' });
  });
});
