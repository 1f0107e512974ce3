import { marbles } from 'rxjs-marbles/mocha';
import { connectionSummary } from '../../lib/cli/connection-summary.js';
import type { ConnectionSummary } from '../../lib/cli/cli-session.js';
import type { ConnectionState } from '../../lib/connection/connection-state.js';

const state = (socket: ConnectionState['socket'], link: ConnectionState['link'] = 'up', farms: ConnectionState['farms'] = {}): ConnectionState => ({ socket, link, farms });
const states: Record<string, ConnectionState> = {
  c: state({ status: 'connecting', attempt: 1, generation: 1, clientId: 0 }, 'unknown'),
  o: state({ status: 'connected', generation: 1, clientId: 0, serverVersion: 176, ready: true }),
  l: state({ status: 'connected', generation: 1, clientId: 0, serverVersion: 176, ready: true }, 'lost'),
  d: state({ status: 'disconnected', reason: 'socket closed', retrying: true }, 'unknown'),
  r: state({ status: 'reconnecting', attempt: 1, delayMs: 500, reason: 'socket closed' }, 'unknown'),
  p: state({ status: 'connected', generation: 2, clientId: 0, serverVersion: 176, ready: true }),
  f: state({ status: 'connected', generation: 2, clientId: 0, serverVersion: 176, ready: true }, 'up', { usfarm: { name: 'usfarm', kind: 'market-data', status: 'broken', code: 2103 } }),
  x: state({ status: 'closed' }, 'unknown'),
  i: state({ status: 'idle' }, 'unknown'),
};
const summaries: Record<string, ConnectionSummary> = {
  C: { phase: 'connecting', reconnects: 0, detail: undefined },
  O: { phase: 'connected', reconnects: 0, detail: 'server 176' },
  L: { phase: 'link-lost', reconnects: 0, detail: 'TWS lost its link to IB (1100); data is stale' },
  D: { phase: 'reconnecting', reconnects: 0, detail: 'socket closed' },
  R: { phase: 'reconnecting', reconnects: 0, detail: 'attempt 1 in 0.5s after socket closed' },
  P: { phase: 'connected', reconnects: 1, detail: 'server 176' },
  F: { phase: 'connected', reconnects: 1, detail: 'server 176, farm broken: usfarm' },
  X: { phase: 'closed', reconnects: 1 },
  I: { phase: 'idle', reconnects: 0, detail: 'not connected: no subscriptions' },
};

// prettier-ignore
describe('connectionSummary', () => {
  it('follows connect, link loss, drop and reconnect, counting reconnects', marbles((m) => {
    const source$  = m.hot('-c-o-l-o-d-r-p-f-x-|', states);
    const expected =       '-C-O-L-O-D-R-P-F-X-|';
    m.expect(source$.pipe(connectionSummary())).toBeObservable(expected, summaries);
  }));

  it('says idle, not connecting, while the session has no subscriptions (before the first and after an idle disconnect)', marbles((m) => {
    const source$  = m.hot('-i-c-o-i-|', states);
    const expected =       '-I-C-O-I-|';
    m.expect(source$.pipe(connectionSummary())).toBeObservable(expected, summaries);
  }));

  it('emits only when the summary changes and passes errors on', marbles((m) => {
    const source$  = m.hot('-o-o-#', states);
    m.expect(source$.pipe(connectionSummary())).toBeObservable('-O---#', summaries);
  }));
});
