import { expect } from 'chai';
import { IbCode } from '../../lib/ib-codes.js';
import { farmName, INITIAL_CONNECTION_STATE, reduceConnectionState } from '../../lib/connection/connection-state.js';
import type { ConnectionInput, ConnectionState } from '../../lib/connection/connection-state.js';

const run = (inputs: readonly ConnectionInput[], from: ConnectionState = INITIAL_CONNECTION_STATE): ConnectionState =>
  inputs.reduce(reduceConnectionState, from);

const connecting: ConnectionInput = { type: 'connecting', attempt: 1, generation: 1, clientId: 7 };
const connected: ConnectionInput = { type: 'connected', generation: 1, serverVersion: 193 };

describe('reduceConnectionState', () => {
  it('walks the socket through connecting → connected → ready', () => {
    expect(run([connecting]).socket).to.deep.equal({ status: 'connecting', attempt: 1, generation: 1, clientId: 7 });
    expect(run([connecting, connected]).socket).to.deep.equal({ status: 'connected', generation: 1, clientId: 7, serverVersion: 193, ready: false });
    const ready = run([connecting, connected, { type: 'ready', generation: 1 }]);
    expect(ready.socket).to.include({ status: 'connected', ready: true });
    expect(ready.link).to.equal('up');
  });

  it('ignores ready for another socket generation', () => {
    const before = run([connecting, connected]);
    expect(reduceConnectionState(before, { type: 'ready', generation: 2 })).to.equal(before);
  });

  it('tracks the IB link through 1100 / 1101 / 1102', () => {
    const up = run([connecting, connected]);
    const lost = reduceConnectionState(up, { type: 'notice', code: IbCode.CONNECTIVITY_LOST, message: 'lost' });
    expect(lost.link).to.equal('lost');
    expect(reduceConnectionState(lost, { type: 'notice', code: IbCode.CONNECTIVITY_RESTORED_DATA_LOST, message: '' }).link).to.equal('restored-data-lost');
    expect(reduceConnectionState(lost, { type: 'notice', code: IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED, message: '' }).link).to.equal('restored-data-kept');
  });

  it('records each farm by name and kind, broken and OK', () => {
    const state = run([
      connecting,
      connected,
      { type: 'notice', code: IbCode.MARKET_DATA_FARM_OK, message: 'Market data farm connection is OK:usfarm' },
      { type: 'notice', code: IbCode.HMDS_FARM_OK, message: 'HMDS data farm connection is OK:ushmds' },
      { type: 'notice', code: IbCode.MARKET_DATA_FARM_BROKEN, message: 'Market data farm connection is broken:usfarm' },
    ]);
    expect(state.farms['usfarm']).to.deep.equal({ name: 'usfarm', kind: 'market-data', status: 'broken', code: IbCode.MARKET_DATA_FARM_BROKEN });
    expect(state.farms['ushmds']?.status).to.equal('ok');
  });

  it('forgets link and farms when the socket goes, and reports reconnecting with attempt and delay', () => {
    const state = run([
      connecting,
      connected,
      { type: 'notice', code: IbCode.MARKET_DATA_FARM_OK, message: 'OK:usfarm' },
      { type: 'disconnected', reason: 'socket closed', retrying: true },
      { type: 'reconnecting', attempt: 1, delayMs: 250, reason: 'socket closed' },
    ]);
    expect(state).to.deep.equal({ socket: { status: 'reconnecting', attempt: 1, delayMs: 250, reason: 'socket closed' }, link: 'unknown', farms: {} });
  });

  it('leaves the state untouched for unrelated notices and ends in closed', () => {
    const up = run([connecting, connected]);
    expect(reduceConnectionState(up, { type: 'notice', code: IbCode.DELAYED_DATA_DISPLAYED, message: 'x' })).to.equal(up);
    expect(reduceConnectionState(up, { type: 'closed' }).socket).to.deep.equal({ status: 'closed' });
  });
});

describe('farmName', () => {
  it('goes back to idle on suspend, forgetting link and farms, and stays the same object when idle already', () => {
    const idle = reduceConnectionState(run([connecting, connected]), { type: 'idle' });
    expect(idle).to.deep.equal(INITIAL_CONNECTION_STATE);
    expect(reduceConnectionState(idle, { type: 'idle' })).to.equal(idle);
  });

  it('takes the text after the last colon, or the kind', () => {
    expect(farmName('Sec-def data farm connection is OK:secdefnj', 'sec-def')).to.equal('secdefnj');
    expect(farmName('no colon here', 'historical')).to.equal('historical');
  });
});
