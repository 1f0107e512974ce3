import { expect } from 'chai';
import { ErrorCode } from '@stoqey/ib';
import { classifyIbCode, IbCode, ibCodeName, type IbCodeAction, type IbCodeKind, type IbCodeName } from '../lib/ib-codes.js';

// The expected classification of every named code, written out independently of the table.
const expected: Readonly<Record<IbCodeName, readonly [number, IbCodeKind, IbCodeAction]>> = {
  CONNECTIVITY_LOST: [1100, 'system', 'mark-stale'],
  CONNECTIVITY_RESTORED_DATA_LOST: [1101, 'system', 'resubscribe-all'],
  CONNECTIVITY_RESTORED_DATA_MAINTAINED: [1102, 'system', 'clear-stale'],
  SOCKET_PORT_RESET: [1300, 'system', 'reconnect'],
  TWS_SERVER_BROKEN: [2110, 'system', 'mark-stale'],
  MARKET_DATA_FARM_BROKEN: [2103, 'status', 'farm-broken'],
  MARKET_DATA_FARM_OK: [2104, 'status', 'farm-ok'],
  HMDS_FARM_BROKEN: [2105, 'status', 'farm-broken'],
  HMDS_FARM_OK: [2106, 'status', 'farm-ok'],
  HMDS_FARM_INACTIVE: [2107, 'status', 'none'],
  MARKET_DATA_FARM_INACTIVE: [2108, 'status', 'none'],
  FARM_CONNECTING: [2119, 'status', 'none'],
  SEC_DEF_FARM_BROKEN: [2157, 'status', 'farm-broken'],
  SEC_DEF_FARM_OK: [2158, 'status', 'farm-ok'],
  NO_SECURITY_DEFINITION: [200, 'request-fatal', 'fail-request'],
  NOT_SUBSCRIBED: [354, 'entitlement', 'fallback-delayed'],
  DELAYED_NOT_ENABLED: [10168, 'entitlement', 'fallback-delayed'],
  DELAYED_DATA_DISPLAYED: [10167, 'advisory', 'none'],
  SUBSCRIPTION_NEEDED: [10089, 'advisory', 'none'],
  PARTLY_NOT_SUBSCRIBED: [10090, 'advisory', 'none'],
  COMPETING_SESSION: [10197, 'entitlement', 'mark-stale'],
  MAX_TICKERS: [101, 'request-fatal', 'fail-request'],
  PACING_VIOLATION: [100, 'pacing', 'throttle'],
  DUPLICATE_TICKER_ID: [322, 'request-fatal', 'fail-request'],
  CANT_FIND_ID: [300, 'advisory', 'ignore-after-cancel'],
  CLIENT_ID_IN_USE: [326, 'socket', 'fail-connection'],
  ALREADY_CONNECTED: [501, 'socket', 'none'],
  CONNECT_FAIL: [502, 'socket', 'reconnect'],
  UPDATE_TWS: [503, 'socket', 'fail-connection'],
  NOT_CONNECTED: [504, 'socket', 'reconnect'],
  UNKNOWN_ID: [505, 'socket', 'reconnect'],
  UNSUPPORTED_VERSION: [506, 'socket', 'fail-connection'],
  BAD_LENGTH: [507, 'socket', 'reconnect'],
  BAD_MESSAGE: [508, 'socket', 'reconnect'],
  FAIL_SEND: [509, 'socket', 'reconnect'],
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

  it('only logs other unknown codes without a request (reqId -1)', () => {
    expect(classifyIbCode(162, -1)).to.deep.include({ kind: 'system', action: 'none' });
  });
});

describe('ibCodeName', () => {
  it('names known codes and returns undefined for others', () => {
    expect(ibCodeName(354)).to.equal('NOT_SUBSCRIBED');
    expect(ibCodeName(12_345)).to.be.undefined;
  });
});
