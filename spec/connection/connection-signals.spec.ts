import { expect } from 'chai';
import { marbles } from 'rxjs-marbles/mocha';
import { INITIAL_CONNECTION_STATE, reduceConnectionState, type ConnectionInput, type ConnectionState } from '../../lib/connection/connection-state.js';
import { IbCode } from '../../lib/ib-codes.js';
import { farmRecovered, interrupted, isInterrupted, isSocketAlive } from '../../lib/connection/connection-signals.js';

const after = (...inputs: ConnectionInput[]): ConnectionState => inputs.reduce(reduceConnectionState, INITIAL_CONNECTION_STATE);
const notice = (code: number, message = 'farm:usfarm'): ConnectionInput => ({ type: 'notice', code, message });
const up: ConnectionInput[] = [{ type: 'connecting', attempt: 0, generation: 1, clientId: 0 }, { type: 'connected', generation: 1, serverVersion: 193 }, { type: 'ready', generation: 1 }];
const states = {
  c: after(up[0]!),
  r: after(...up),
  l: after(...up, notice(IbCode.CONNECTIVITY_LOST)),
  k: after(...up, notice(IbCode.CONNECTIVITY_LOST), notice(IbCode.CONNECTIVITY_RESTORED_DATA_MAINTAINED)),
  b: after(...up, notice(IbCode.MARKET_DATA_FARM_BROKEN)),
  o: after(...up, notice(IbCode.MARKET_DATA_FARM_BROKEN), notice(IbCode.MARKET_DATA_FARM_OK)),
  h: after(...up, notice(IbCode.HMDS_FARM_BROKEN, 'hmds:ushmds')),
};

// prettier-ignore
describe('interrupted', () => {
  it('is true without a ready socket, after 1100 and while a market data farm is broken; emits changes only', marbles((m) => {
    const state$ = m.hot('c-r-l-k-b-o-h-r', states);
    m.expect(state$.pipe(interrupted())).toBeObservable('t-f-t-f-t-f----', { t: true, f: false });
  }));

  it('ignores a broken historical data farm', () => {
    expect(isInterrupted(states.h)).to.equal(false);
  });
});

// prettier-ignore
describe('farmRecovered', () => {
  it('names a market data farm that went from broken to OK after subscribing', marbles((m) => {
    const state$ = m.hot('r-b-o-o-b-', states);
    m.expect(state$.pipe(farmRecovered())).toBeObservable('----u-----', { u: 'usfarm' });
  }));
});

describe('isSocketAlive', () => {
  it('is true only for the connected socket generation', () => {
    expect(isSocketAlive(states.r, 1)).to.equal(true);
    expect(isSocketAlive(states.r, 2)).to.equal(false);
    expect(isSocketAlive(after(...up, { type: 'disconnected', reason: 'x', retrying: true }), 1)).to.equal(false);
  });
});
