import { expect } from 'chai';
import { ErrorCode } from '@stoqey/ib';
import { classifyIbCode, IbCode, ibCodeName, type IbCodeAction, type IbCodeKind, type IbCodeName } from '../lib/ib-codes.js';

// The expected classification of every named code, written out independently of the table.
const expected: Readonly<Record<IbCodeName, readonly [number, IbCodeKind, IbCodeAction]>> = {
  CONNECTIVITY_LOST: [1100, 'system', 'none'],
  CONNECTIVITY_RESTORED_DATA_LOST: [1101, 'system', 'none'],
  CONNECTIVITY_RESTORED_DATA_MAINTAINED: [1102, 'system', 'none'],
  SOCKET_PORT_RESET: [1300, 'system', 'none'],
  TWS_SERVER_BROKEN: [2110, 'system', 'none'],
  MARKET_DATA_FARM_BROKEN: [2103, 'status', 'none'],
  MARKET_DATA_FARM_OK: [2104, 'status', 'none'],
  HMDS_FARM_BROKEN: [2105, 'status', 'none'],
  HMDS_FARM_OK: [2106, 'status', 'none'],
  HMDS_FARM_INACTIVE: [2107, 'status', 'none'],
  MARKET_DATA_FARM_INACTIVE: [2108, 'status', 'none'],
  FARM_CONNECTING: [2119, 'status', 'none'],
  SEC_DEF_FARM_BROKEN: [2157, 'status', 'none'],
  SEC_DEF_FARM_OK: [2158, 'status', 'none'],
  NO_SECURITY_DEFINITION: [200, 'request-fatal', 'fail-request'],
  NOT_SUBSCRIBED: [354, 'entitlement', 'fallback-delayed'],
  DELAYED_NOT_ENABLED: [10168, 'entitlement', 'fallback-delayed'],
  DELAYED_DATA_DISPLAYED: [10167, 'advisory', 'none'],
  SUBSCRIPTION_NEEDED: [10089, 'advisory', 'none'],
  PARTLY_NOT_SUBSCRIBED: [10090, 'advisory', 'none'],
  COMPETING_SESSION: [10197, 'entitlement', 'none'],
  MAX_TICKERS: [101, 'request-fatal', 'fail-request'],
  MAX_DEPTH_REQUESTS: [309, 'request-fatal', 'fail-request'],
  DEPTH_HALTED: [316, 'advisory', 'none'],
  DEPTH_RESET: [317, 'advisory', 'none'],
  MAX_TICK_BY_TICK: [10190, 'request-fatal', 'fail-request'],
  PACING_VIOLATION: [100, 'pacing', 'none'],
  DUPLICATE_TICKER_ID: [322, 'request-fatal', 'fail-request'],
  CANT_FIND_ID: [300, 'advisory', 'none'],
  CLIENT_ID_IN_USE: [326, 'socket', 'none'],
  ALREADY_CONNECTED: [501, 'socket', 'none'],
  CONNECT_FAIL: [502, 'socket', 'none'],
  UPDATE_TWS: [503, 'socket', 'none'],
  NOT_CONNECTED: [504, 'socket', 'none'],
  UNKNOWN_ID: [505, 'socket', 'none'],
  UNSUPPORTED_VERSION: [506, 'socket', 'none'],
  BAD_LENGTH: [507, 'socket', 'none'],
  BAD_MESSAGE: [508, 'socket', 'none'],
  FAIL_SEND: [509, 'socket', 'none'],
};

describe('IbCode', () => {
  it('has the numbers IB uses', () => {
    for (const [name, [code]] of Object.entries(expected)) expect(IbCode[name as IbCodeName], name).to.equal(code);
  });

  it('agrees with @stoqey/ib ErrorCode where both name a code', () => {
    expect(IbCode.CONNECT_FAIL).to.equal(ErrorCode.CONNECT_FAIL);
    expect(IbCode.NOT_CONNECTED).to.equal(ErrorCode.NOT_CONNECTED);
    expect(IbCode.UNKNOWN_ID).to.equal(ErrorCode.UNKNOWN_ID);
    expect(IbCode.NOT_SUBSCRIBED).to.equal(ErrorCode.REQ_MKT_DATA_NOT_AVAIL);
    expect(IbCode.DELAYED_DATA_DISPLAYED).to.equal(ErrorCode.DISPLAYING_DELAYED_DATA);
    expect(IbCode.CONNECTIVITY_RESTORED_DATA_LOST).to.equal(ErrorCode.CONNECTIVITY_RESTORED_DATA_LOST);
  });

  it('gives every code one name', () => {
    const codes = Object.values(IbCode);
    expect(new Set(codes).size).to.equal(codes.length);
  });
});

describe('classifyIbCode', () => {
  it('covers every named code in this spec', () => {
    expect(Object.keys(expected).sort()).to.deep.equal(Object.keys(IbCode).sort());
  });

  for (const [name, [code, kind, action]] of Object.entries(expected)) {
    it(`classifies ${code} ${name} as ${kind} / ${action}`, () => {
      const info = classifyIbCode(code);
      expect({ code: info.code, name: info.name, kind: info.kind, action: info.action }).to.deep.equal({ code, name, kind, action });
      expect(info.description).to.be.a('string').and.not.empty;
    });
  }

  it('treats unknown 2100–2999 codes as advisory warnings', () => {
    expect(classifyIbCode(2100)).to.deep.include({ name: 'UNKNOWN', kind: 'advisory', action: 'none' });
    expect(classifyIbCode(2999, -1)).to.deep.include({ kind: 'advisory', action: 'none' });
  });

  it('fails the request for other unknown codes that belong to a request', () => {
    expect(classifyIbCode(162, 7)).to.deep.include({ name: 'UNKNOWN', kind: 'request-fatal', action: 'fail-request' });
    expect(classifyIbCode(3000)).to.deep.include({ kind: 'request-fatal', action: 'fail-request' });
  });

  it('only passes on other unknown codes without a request (reqId -1)', () => {
    expect(classifyIbCode(162, -1)).to.deep.include({ kind: 'system', action: 'none' });
  });

  it('names a request action only for the codes the requests act on (309 / 10190 end a depth / tick-by-tick request)', () => {
    const acted = Object.entries(IbCode).filter(([, code]) => classifyIbCode(code, 1).action !== 'none').map(([name]) => name);
    expect(acted.sort()).to.deep.equal([
      'DELAYED_NOT_ENABLED', 'DUPLICATE_TICKER_ID', 'MAX_DEPTH_REQUESTS', 'MAX_TICKERS', 'MAX_TICK_BY_TICK', 'NOT_SUBSCRIBED', 'NO_SECURITY_DEFINITION',
    ]);
    for (const code of Object.values(IbCode)) {
      const info = classifyIbCode(code, 1);
      expect(info.action === 'fail-request', String(code)).to.equal(info.kind === 'request-fatal');
    }
  });
});

describe('ibCodeName', () => {
  it('names known codes and returns undefined for others', () => {
    expect(ibCodeName(354)).to.equal('NOT_SUBSCRIBED');
    expect(ibCodeName(12_345)).to.be.undefined;
  });
});
