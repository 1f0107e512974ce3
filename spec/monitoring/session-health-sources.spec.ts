import { IBApiTickType as T } from '@stoqey/ib';
import { expect } from 'chai';
import { NEVER, Subject } from 'rxjs';
import { configure } from 'rxjs-marbles/mocha';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { ConnectionError, IbApiError, MarketDataTimeoutError, type IbRxError } from '../../lib/errors.js';
import { classifyIbCode } from '../../lib/ib-codes.js';
import type { SessionErrorEvent, StreamEvent } from '../../lib/monitoring/health-sources.js';
import { sessionHealthSources, type MonitorableSession, type MonitoredInput } from '../../lib/monitoring/session-health-sources.js';
import type { LiveSubscription } from '../../lib/requests/subscription-registry.js';
import { tickPrice } from '../support/fixtures.js';
import { added, removed, requested } from './support/health-fixtures.js';

const { marbles } = configure({ run: true });

const sub = (key: string, reqId: number | undefined, generation: number | undefined, dataType: LiveSubscription['dataType'] = 'realtime'): LiveSubscription =>
  ({ key, symbol: key, contract: { symbol: key }, reqId, generation, dataType });

const errorEvent = (reqId: number, code: number, message = 'x'): IbEvent => ({ type: 'error', reqId, code, message, info: classifyIbCode(code), time: 0 });

const session = (parts: Partial<MonitorableSession>): MonitorableSession => ({
  events$: NEVER, connectionState$: NEVER, errors$: NEVER, subscriptions$: NEVER, outbound$: NEVER, streamInputs$: NEVER, ...parts,
});

// prettier-ignore
describe('sessionHealthSources', () => {
  it('turns subscription list changes into added, requested and removed stream events', marbles((m) => {
    const lists = {
      e: [],
      a: [sub('AAPL', undefined, undefined)],
      r: [sub('AAPL', 1, 1)],
      b: [sub('AAPL', 1, 1), sub('MSFT', 2, 1)],
      x: [sub('MSFT', 2, 1)],
    };
    const subscriptions$ = m.hot('e-a-r-b---x-', lists);
    const expected =             '--a-r-(bc)x-';
    const values: Record<string, StreamEvent> = { a: added('AAPL'), r: requested('AAPL', 1), b: added('MSFT'), c: requested('MSFT', 2), x: removed('AAPL') };
    m.expect(sessionHealthSources(session({ subscriptions$ })).streams$).toBeObservable(expected, values);
  }));

  it('counts a new request id as a resubscription after a reconnect or 1101, not for a delayed fallback', marbles((m) => {
    const lists = {
      r: [sub('AAPL', 1, 1, 'realtime')],
      f: [sub('AAPL', 2, 1, 'delayed')],     // 354 → delayed on the same socket
      n: [sub('AAPL', undefined, undefined, 'delayed')],
      g: [sub('AAPL', 3, 2, 'delayed')],     // reconnected: socket 2
      l: [sub('AAPL', 4, 2, 'delayed')],     // 1101 on socket 2
    };
    const subscriptions$ = m.hot('r---f-n-g-l-', lists);
    const expected =             '(ar)f---g-l-';
    m.expect(sessionHealthSources(session({ subscriptions$ })).streams$).toBeObservable(expected, {
      a: added('AAPL'), r: requested('AAPL', 1), f: requested('AAPL', 2), g: requested('AAPL', 3, true), l: requested('AAPL', 4, true),
    });
  }));

  it("routes a stream's TWS errors by request id and decodes nothing from events$", marbles((m) => {
    const subscriptions$ = m.hot('r-----------', { r: [sub('AAPL', 7, 1)] });
    const events$ = m.hot<IbEvent>('----a-b-c-d-', {
      a: tickPrice(T.BID, 10.5, { reqId: 7, time: 4 }),  // ticks are counted from what the stream folded (inputs$)
      b: { type: 'marketDataType', reqId: 7, marketDataType: 'delayed', marketDataTypeId: 3, time: 6 },
      c: errorEvent(7, 10167),
      d: errorEvent(99, 200),                            // nobody's request
    });
    const expected =             '(ar)----c---';
    m.expect(sessionHealthSources(session({ subscriptions$, events$ })).streams$).toBeObservable(expected, {
      a: added('AAPL'), r: requested('AAPL', 7), c: { type: 'error', key: 'AAPL', code: 10167, kind: 'advisory', message: 'x' },
    });
  }));

  it("gives the session's streamInputs$ as inputs$, as they are (what each stream folded, not decoded again)", () => {
    const streamInputs$ = new Subject<MonitoredInput>();
    expect(sessionHealthSources(session({ streamInputs$ })).inputs$).to.equal(streamInputs$);
  });

  it('ignores errors of a replaced or cancelled request', marbles((m) => {
    const subscriptions$ = m.hot('r---s---x---', { r: [sub('AAPL', 7, 1)], s: [sub('AAPL', 8, 2)], x: [] });
    const events$ = m.hot<IbEvent>('-----ab--cd-', { a: errorEvent(7, 10167), b: errorEvent(8, 10167), c: errorEvent(8, 10167), d: errorEvent(7, 10167) });
    const expected =             '(ar)s-b-x---';
    m.expect(sessionHealthSources(session({ subscriptions$, events$ })).streams$).toBeObservable(expected, {
      a: added('AAPL'), r: requested('AAPL', 7), s: requested('AAPL', 8, true),
      b: { type: 'error', key: 'AAPL', code: 10167, kind: 'advisory', message: 'x' }, x: removed('AAPL'),
    });
  }));

  it('subscribes to the subscription list and the events when streams$ is subscribed, and unsubscribes with it', marbles((m) => {
    const subscriptions$ = m.hot('r-------', { r: [sub('AAPL', 7, 1)] });
    const events$        = m.hot<IbEvent>('----e-f-', { e: errorEvent(7, 10167), f: errorEvent(7, 10167) });
    const sub1 =                 '^----!';
    const expected =             '(ar)e-';
    m.expect(sessionHealthSources(session({ subscriptions$, events$ })).streams$, sub1).toBeObservable(expected, {
      a: added('AAPL'), r: requested('AAPL', 7), e: { type: 'error', key: 'AAPL', code: 10167, kind: 'advisory', message: 'x' },
    });
    m.expect(subscriptions$).toHaveSubscriptions([sub1]);
    m.expect(events$).toHaveSubscriptions([sub1]);
  }));

  it('reports client errors without a request and connection-level session errors, leaving request errors to their stream', marbles((m) => {
    const events$ = m.hot<IbEvent>('a-b---', { a: errorEvent(-1, 502, 'refused'), b: errorEvent(7, 200) });
    const dropped = new ConnectionError({ host: '127.0.0.1', port: 1, reason: 'socket closed by TWS' });
    const timedOut = new MarketDataTimeoutError({ symbol: 'AAPL', timeoutMs: 15_000 });
    const errors$ = m.hot<IbRxError>('--c-d-e', { c: dropped, d: new IbApiError(100, 'pacing', { reqId: 7 }), e: timedOut });
    const expected =                 'a-c---e';
    const values: Record<string, SessionErrorEvent> = {
      a: { code: 502, kind: 'socket', message: 'refused' },
      c: { code: undefined, kind: 'connection', message: dropped.message },
      e: { code: undefined, kind: 'timeout', message: timedOut.message },
    };
    m.expect(sessionHealthSources(session({ events$, errors$ })).errors$).toBeObservable(expected, values);
  }));
});
