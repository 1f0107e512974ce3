import { IBApi, IBApiTickType as T } from '@stoqey/ib';
import { expect } from 'chai';
import { map, take, VirtualTimeScheduler, type Observable, type Subscription } from 'rxjs';
import type { IbEvent } from '../../lib/connection/ib-event.js';
import { IB_EVENT_NAMES, ibEvents$ } from '../../lib/connection/ib-events.js';
import { classifyIbCode, IbCode } from '../../lib/ib-codes.js';

/** The parts of @stoqey/ib 1.6.10's private controller used to push wire messages through its real decoder. */
interface ControllerInternals {
  onMessage(tokens: string[]): void;
  processIngressQueue(): void;
  socket: { _serverVersion: number };
}
const SERVER_VERSION = 176;

function setUp(): { api: IBApi; clock: VirtualTimeScheduler; received: IbEvent[]; subscribe: (events$?: Observable<unknown>) => Subscription; wire: (...tokens: string[]) => void } {
  const api = new IBApi({ port: 0 });
  const clock = new VirtualTimeScheduler();
  clock.frame = 1234;
  const received: IbEvent[] = [];
  const controller = (api as unknown as { controller: ControllerInternals }).controller;
  controller.socket._serverVersion = SERVER_VERSION;
  return {
    api,
    clock,
    received,
    subscribe: (events$ = ibEvents$(api, { scheduler: clock })) =>
      events$.subscribe({ next: (e) => received.push(e as IbEvent), error: () => undefined }),
    wire: (...tokens) => {
      controller.onMessage(tokens);
      controller.processIngressQueue();
    },
  };
}

const listeners = (api: IBApi): number[] => IB_EVENT_NAMES.map((name) => api.listenerCount(name));
const none = IB_EVENT_NAMES.map(() => 0);

describe('ibEvents$', () => {
  it('turns each IBApi event into a typed IbEvent stamped with scheduler time', () => {
    const { api, received, subscribe } = setUp();
    const sub = subscribe();
    api.emit('connected');
    api.emit('server', 176, '20240102 10:00:00 EST');
    api.emit('nextValidId', 1);
    api.emit('managedAccounts', 'DU1,DU2');
    api.emit('tickString', 7, T.LAST_TIMESTAMP, '1700000000');
    api.emit('tickGeneric', 7, T.HALTED, 0);
    api.emit('tickReqParams', 7, 0.01, 'a6', 3);
    api.emit('tickSnapshotEnd', 7);
    api.emit('marketDataType', 7, 3);
    api.emit('marketDataType', 8, 9);
    api.emit('currentTime', 1_700_000_000);
    api.emit('contractDetailsEnd', 3);
    api.emit('disconnected');
    sub.unsubscribe();
    const at = { time: 1234 };
    expect(received).to.deep.equal([
      { type: 'connected', ...at },
      { type: 'server', version: 176, connectionTime: '20240102 10:00:00 EST', ...at },
      { type: 'nextValidId', orderId: 1, ...at },
      { type: 'managedAccounts', accounts: ['DU1', 'DU2'], ...at },
      { type: 'tickString', reqId: 7, tickType: T.LAST_TIMESTAMP, value: '1700000000', ...at },
      { type: 'tickGeneric', reqId: 7, tickType: T.HALTED, value: 0, ...at },
      { type: 'tickReqParams', reqId: 7, minTick: 0.01, bboExchange: 'a6', snapshotPermissions: 3, ...at },
      { type: 'tickSnapshotEnd', reqId: 7, ...at },
      { type: 'marketDataType', reqId: 7, marketDataType: 'delayed', marketDataTypeId: 3, ...at },
      { type: 'marketDataType', reqId: 8, marketDataType: undefined, marketDataTypeId: 9, ...at },
      { type: 'currentTime', serverTime: 1_700_000_000, ...at },
      { type: 'contractDetailsEnd', reqId: 3, ...at },
      { type: 'disconnected', ...at },
    ]);
  });

  describe('against @stoqey/ib\'s real decoder', () => {
    it('sees the synthetic tickSize after an ASK tickPrice, and none after a live BID', () => {
      const { received, subscribe, wire } = setUp();
      const sub = subscribe();
      wire('1', '6', '7', String(T.ASK), '10.5', '300', '0');
      wire('1', '6', '7', String(T.BID), '10.25', '200', '0');
      wire('2', '6', '7', String(T.BID_SIZE), '200');
      sub.unsubscribe();
      expect(received.map((e) => [e.type, 'tickType' in e ? T[e.tickType] : undefined])).to.deep.equal([
        ['tickPrice', 'ASK'], ['tickSize', 'ASK_SIZE'], ['tickPrice', 'BID'], ['tickSize', 'BID_SIZE'],
      ]);
      expect(received[1]).to.include({ reqId: 7, size: 300 });
    });

    it('routes a request error (Error, code, reqId at runtime) to an error event with its reqId', () => {
      const { received, subscribe, wire } = setUp();
      const sub = subscribe();
      wire('4', '2', '5', String(IbCode.NO_SECURITY_DEFINITION), 'No security definition has been found', '');
      sub.unsubscribe();
      expect(received).to.deep.equal([{
        type: 'error', reqId: 5, code: 200, message: 'No security definition has been found',
        info: classifyIbCode(200, 5), time: 1234,
      }]);
    });

    it('routes request id -1 messages from TWS (info) to notice events', () => {
      const { received, subscribe, wire } = setUp();
      const sub = subscribe();
      wire('4', '2', '-1', String(IbCode.MARKET_DATA_FARM_OK), 'Market data farm connection is OK:usfarm', '');
      wire('4', '2', '-1', String(IbCode.CONNECTIVITY_RESTORED_DATA_LOST), 'Connectivity restored - data lost', '');
      sub.unsubscribe();
      expect(received.map((e) => [e.type, 'code' in e ? e.code : 0, 'info' in e ? e.info.kind : ''])).to.deep.equal([
        ['notice', 2104, 'status'], ['notice', 1101, 'system'],
      ]);
    });

    it('reports a client-side decoder error as an error event with reqId -1', () => {
      const { received, subscribe, wire } = setUp();
      const sub = subscribe();
      wire('9999');
      sub.unsubscribe();
      expect(received).to.have.length(1);
      expect(received[0]).to.include({ type: 'error', reqId: -1, code: IbCode.UNKNOWN_ID });
    });
  });

  describe('listeners', () => {
    it('adds its listeners on subscribe, not before', () => {
      const { api } = setUp();
      const events$ = ibEvents$(api);
      expect(listeners(api)).to.deep.equal(none);
      const sub = events$.subscribe({ error: () => undefined });
      expect(listeners(api)).to.deep.equal(IB_EVENT_NAMES.map(() => 1));
      sub.unsubscribe();
    });

    it('leaves zero listeners after unsubscribe', () => {
      const { api, subscribe } = setUp();
      subscribe().unsubscribe();
      expect(listeners(api)).to.deep.equal(none);
    });

    it('leaves zero listeners after an error downstream', () => {
      const { api, clock } = setUp();
      let failed = false;
      ibEvents$(api, { scheduler: clock })
        .pipe(map(() => { throw new Error('consumer failed'); }))
        .subscribe({ error: () => (failed = true) });
      api.emit('connected');
      expect(failed).to.equal(true);
      expect(listeners(api)).to.deep.equal(none);
    });

    it('leaves zero listeners after completion', () => {
      const { api, received, subscribe } = setUp();
      subscribe(ibEvents$(api).pipe(take(2)));
      api.emit('connected');
      api.emit('disconnected');
      api.emit('connected');
      expect(received.map((e) => e.type)).to.deep.equal(['connected', 'disconnected']);
      expect(listeners(api)).to.deep.equal(none);
    });

    it('gives each subscriber its own listeners and removes exactly those', () => {
      const { api, received, subscribe } = setUp();
      const first = subscribe();
      const second = subscribe();
      first.unsubscribe();
      expect(listeners(api)).to.deep.equal(IB_EVENT_NAMES.map(() => 1));
      api.emit('nextValidId', 9);
      expect(received).to.have.length(1);
      second.unsubscribe();
      expect(listeners(api)).to.deep.equal(none);
    });

    it('does not complete on disconnected: the IBApi may connect again', () => {
      const { api, subscribe } = setUp();
      const sub = subscribe();
      api.emit('disconnected');
      expect(sub.closed).to.equal(false);
      sub.unsubscribe();
    });
  });
});
